package io.ferrite.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionSmokeTest {
    @Test
    void setGetDelThroughTheDispatcher() {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            assertEquals("PONG", s.call("PING").text());
            assertEquals("OK", s.call("set", "k", "v").text());
            assertEquals("v", s.call("GET", "k").text());
            assertEquals(1, s.call("DEL", "k", "nope").asLong());
            assertEquals(new Reply.Bulk(null), s.call("GET", "k"));
            assertEquals("ERR wrong number of arguments for 'get' command", s.call("GET").text());
            assertEquals("ERR unknown command 'foo', with args beginning with: 'a' 'b' ", s.call("foo", "a", "b").text());
        }
    }
}
