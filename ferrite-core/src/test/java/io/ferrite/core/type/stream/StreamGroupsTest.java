package io.ferrite.core.type.stream;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** Consumer group time keeping (idle, min-idle, delivery times) on a clock that moves only when told to. */
class StreamGroupsTest {
    private static final long START = 1_700_000_000_000L;
    private final AtomicLong clock = new AtomicLong(START);
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).ticker(new Ticker() {
        @Override public long currentTimeMillis() { return clock.get(); }
        @Override public long nanoTime() { return clock.get() * 1_000_000; }
    }).build();
    private final Session s = ferrite.newSession();

    @BeforeEach
    void threeEntriesReadByAlice() {
        s.call("XADD", "s", "1-1", "a", "1");
        s.call("XADD", "s", "2-1", "b", "2");
        s.call("XADD", "s", "3-1", "c", "3");
        s.call("XGROUP", "CREATE", "s", "g", "0");
        s.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
    }

    @AfterEach
    void close() {
        ferrite.close();
    }

    private String call(String... words) {
        return s.call(words).toString();
    }

    /** One XPENDING extended row as "id consumer idle deliveries". */
    private List<String> pending(String... range) {
        String[] words = new String[3 + range.length];
        words[0] = "XPENDING";
        words[1] = "s";
        words[2] = "g";
        System.arraycopy(range, 0, words, 3, range.length);
        return s.call(words).elements().stream().map(r -> String.join(" ", r.texts())).toList();
    }

    @Test
    void pendingEntriesAgeWithTheClockAndMinIdleFiltersThem() {
        clock.addAndGet(1000);
        s.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", "1-1"); // 2-1 delivered again
        clock.addAndGet(500);
        assertEquals(List.of("1-1 alice 1500 1", "2-1 alice 500 2", "3-1 alice 1500 1"), pending("-", "+", "10"));
        assertEquals(List.of("1-1 alice 1500 1", "3-1 alice 1500 1"), pending("IDLE", "1000", "-", "+", "10"));
        assertEquals(List.of(), pending("IDLE", "1501", "-", "+", "10", "alice"));
    }

    @Test
    void xclaimHonoursMinIdleAndSetsDeliveryTimeAndCount() {
        clock.addAndGet(1000);
        assertEquals("array[]", call("XCLAIM", "s", "g", "bob", "1001", "1-1"));
        assertEquals("array[\"1-1\"]", call("XCLAIM", "s", "g", "bob", "1000", "1-1", "JUSTID"));
        assertEquals("array[array[\"2-1\", array[\"b\", \"2\"]]]", call("XCLAIM", "s", "g", "bob", "0", "2-1", "IDLE", "300"));
        s.call("XCLAIM", "s", "g", "bob", "0", "3-1", "TIME", Long.toString(START + 100), "RETRYCOUNT", "9", "JUSTID");
        assertEquals(List.of("1-1 bob 0 1", "2-1 bob 300 2", "3-1 bob 900 9"), pending("-", "+", "10"));
        // A time in the future is taken as now.
        s.call("XCLAIM", "s", "g", "carol", "0", "3-1", "TIME", Long.toString(START + 99_999), "JUSTID");
        assertEquals(List.of("3-1 carol 0 9"), pending("-", "+", "10", "carol"));
    }

    @Test
    void xautoclaimTakesOnlyEntriesIdleLongEnoughAndReturnsACursor() {
        clock.addAndGet(1000);
        s.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "1-1"); // 2-1 and 3-1 delivered again: idle 0
        clock.addAndGet(10);
        assertEquals("array[\"0-0\", array[\"1-1\"], array[]]", call("XAUTOCLAIM", "s", "g", "bob", "500", "0", "JUSTID"));
        assertEquals(List.of("1-1 bob 0 1", "2-1 alice 10 2", "3-1 alice 10 2"), pending("-", "+", "10"));
        assertEquals("array[\"3-1\", array[array[\"2-1\", array[\"b\", \"2\"]]], array[]]",
                call("XAUTOCLAIM", "s", "g", "bob", "0", "2", "COUNT", "1"));
        assertEquals(List.of("1-1 bob 0 1", "2-1 bob 0 3"), pending("-", "+", "10", "bob"));
    }

    @Test
    void xinfoConsumersReportsIdleSinceSeenAndInactiveSinceLastSuccess() {
        s.call("XGROUP", "CREATECONSUMER", "s", "g", "bob");
        clock.addAndGet(700);
        s.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "3-1"); // no history past 3-1: seen, not active
        clock.addAndGet(50);
        Reply consumers = s.call("XINFO", "CONSUMERS", "s", "g");
        assertEquals(List.of("name", "alice", "pending", "3", "idle", "50", "inactive", "750"), consumers.elements().get(0).texts());
        assertEquals(List.of("name", "bob", "pending", "0", "idle", "750", "inactive", "-1"), consumers.elements().get(1).texts());
    }

    @Test
    void xinfoStreamFullListsGroupsWithDeliveryTimes() {
        clock.addAndGet(5);
        Reply full = s.call("XINFO", "STREAM", "s", "FULL", "COUNT", "1");
        List<Reply> fields = full.elements();
        Reply groups = fields.get(fields.size() - 1);
        Reply group = groups.elements().get(0);
        assertEquals("array[\"name\", \"g\", \"last-delivered-id\", \"3-1\", \"entries-read\", (integer) 3, \"lag\", (integer) 0, "
                + "\"pel-count\", (integer) 3, \"pending\", array[array[\"1-1\", \"alice\", (integer) " + START + ", (integer) 1]], "
                + "\"consumers\", array[array[\"name\", \"alice\", \"seen-time\", (integer) " + START + ", \"active-time\", (integer) "
                + START + ", \"pel-count\", (integer) 3, \"pending\", array[array[\"1-1\", (integer) " + START + ", (integer) 1]]]]]",
                group.toString());
    }

    @Test
    void groupsAreCopiedDeeplyAndAccountedInMemory() {
        long before = s.call("MEMORY", "USAGE", "s").asLong();
        for (int i = 0; i < 50; i++) s.call("XGROUP", "CREATECONSUMER", "s", "g", "consumer-" + i);
        assertTrue(s.call("MEMORY", "USAGE", "s").asLong() > before + 50 * 64);
        s.call("COPY", "s", "t");
        s.call("XACK", "t", "g", "1-1");
        s.call("XGROUP", "DELCONSUMER", "t", "g", "alice");
        assertEquals(3, s.call("XPENDING", "s", "g").elements().get(0).asLong());
        assertEquals(0, s.call("XPENDING", "t", "g").elements().get(0).asLong());
        assertEquals(List.of("1-1 alice 0 1", "2-1 alice 0 1", "3-1 alice 0 1"), pending("-", "+", "10"));
        long used = ferrite.keyspace().usedMemory();
        s.call("DEL", "t");
        assertTrue(ferrite.keyspace().usedMemory() < used);
    }
}
