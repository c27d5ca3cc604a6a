package io.ferrite.examples;

import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;
import io.ferrite.core.Session;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link FerriteExtension} in use: each test gets an empty engine; its parameters share that engine. */
@ExtendWith(FerriteExtension.class)
class FerriteExtensionExampleTest {

    /** Every repetition writes a key; each still starts empty, so no engine is shared between tests. */
    @RepeatedTest(3)
    void startsEmpty(FerriteCommands<String, String> redis) {
        assertEquals(0L, redis.dbsize());
        redis.set("left-behind", "by a previous test");
        assertEquals(1L, redis.dbsize());
    }

    @Test
    void parametersShareTheTestsEngine(Ferrite ferrite, FerriteCommands<String, String> redis, Session session) {
        redis.set("greeting", "hello");
        assertEquals("hello", session.call("GET", "greeting").text());
        assertSame(ferrite, session.engine());
        assertFalse(ferrite.isClosed());
    }
}
