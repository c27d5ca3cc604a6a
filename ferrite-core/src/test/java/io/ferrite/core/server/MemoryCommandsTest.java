package io.ferrite.core.server;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MemoryCommandsTest {
    @Test
    void usageCountsKeyAndValueAndAnswersNilForMissingKeys() {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            s.call("SET", "k", "x".repeat(1000));
            long usage = s.call("MEMORY", "USAGE", "k").asLong();
            assertTrue(usage >= 1000 && usage < 1200, "usage " + usage);
            assertEquals(usage, s.call("MEMORY", "USAGE", "k", "SAMPLES", "0").asLong());
            assertEquals(new Reply.Bulk(null), s.call("MEMORY", "USAGE", "missing"));
            assertEquals("ERR syntax error", s.call("MEMORY", "USAGE", "k", "SAMPLES").text());
            assertEquals("ERR syntax error", s.call("MEMORY", "USAGE", "k", "SAMPLES", "-1").text());
            assertEquals("ERR value is not an integer or out of range", s.call("MEMORY", "USAGE", "k", "SAMPLES", "x").text());
            assertEquals("ERR unknown subcommand 'foo'. Try MEMORY HELP.", s.call("MEMORY", "foo").text());
            assertEquals("ERR wrong number of arguments for 'memory|usage' command", s.call("MEMORY", "USAGE").text());
        }
    }

    @Test
    void statsReportsKeysAndTotals() {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            for (int i = 0; i < 100; i++) s.call("SET", "k" + i, "v");
            var fields = s.call("MEMORY", "STATS").elements();
            int keysAt = -1;
            for (int i = 0; i < fields.size(); i += 2) if ("keys.count".equals(fields.get(i).text())) keysAt = i + 1;
            assertEquals(100, fields.get(keysAt).asLong());
            assertTrue(s.call("MEMORY", "DOCTOR").text().startsWith("Hi Sam, this instance is empty"));
        }
    }
}
