package io.ferrite.examples;

import org.junit.jupiter.api.Test;

/** Runs every example's {@code main}; each one checks its own results and throws if they are wrong. */
class ExamplesTest {

    @Test
    void ttlCache() {
        TtlCacheExample.main(new String[0]);
    }

    @Test
    void counters() throws Exception {
        CountersExample.main(new String[0]);
    }

    @Test
    void sessionStore() {
        SessionStoreExample.main(new String[0]);
    }
}
