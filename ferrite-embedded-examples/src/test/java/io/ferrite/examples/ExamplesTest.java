package io.ferrite.examples;

import io.ferrite.core.Ferrite;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs every example's {@code main}; each one checks its own results and throws if they are wrong. */
class ExamplesTest {

    /** Skips an example until the engine registers every command it uses. */
    private static void requires(String... commands) {
        try (Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build()) {
            for (String c : commands) assumeTrue(ferrite.commandTable().lookup(c) != null, c + " is not registered");
        }
    }

    @Test
    void ttlCache() {
        requires("ttl", "getex");
        TtlCacheExample.main(new String[0]);
    }

    @Test
    void counters() throws Exception {
        requires("incr", "mget");
        CountersExample.main(new String[0]);
    }

    @Test
    void sessionStore() {
        requires("hset", "hgetall", "hincrby", "expire");
        SessionStoreExample.main(new String[0]);
    }
}
