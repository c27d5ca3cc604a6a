package io.ferrite.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class TypedStreamCommandsTest {
    private static final long NOW = 1_000_000L;
    private final AtomicLong now = new AtomicLong(NOW);
    private final Ticker clock = new Ticker() {
        @Override public long currentTimeMillis() { return now.get(); }
        @Override public long nanoTime() { return now.get() * 1_000_000; }
    };
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).ticker(clock).build();
    private final FerriteCommands<String, String> redis = ferrite.connect();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private static Map<String, String> body(String... fv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < fv.length; i += 2) m.put(fv[i], fv[i + 1]);
        return m;
    }

    @Test
    void addRangeDeleteAndTrim() {
        String id = redis.xadd("s", body("a", "1", "b", "2"));
        assertEquals(NOW + "-0", id);
        assertEquals(NOW + "-1", redis.xadd("s", body("c", "3")));
        assertEquals("2000000-5", redis.xadd("s", new XAddArgs().id("2000000-5"), body("d", "4")));
        assertEquals(3, redis.xlen("s"));
        List<StreamMessage<String, String>> all = redis.xrange("s", "-", "+");
        assertEquals(List.of(id, NOW + "-1", "2000000-5"), all.stream().map(StreamMessage::id).toList());
        assertEquals(body("a", "1", "b", "2"), all.get(0).body());
        assertEquals("s", all.get(0).stream());
        assertEquals(List.of("2000000-5"), redis.xrevrange("s", "+", "-", 1).stream().map(StreamMessage::id).toList());
        assertEquals(1, redis.xrange("s", "(" + id, "(2000000-5").size());
        assertEquals(1, redis.xdel("s", id, "9-9"));
        assertEquals(1, redis.xtrim("s", 1));
        assertEquals(0, redis.xtrim("s", true, 1));
        assertEquals(1, redis.xtrim("s", new XTrimArgs().minId("3000000").exactTrimming()));
        redis.xadd("s", new XAddArgs().id("4000000-0"), body("e", "5"));
        assertEquals(1, redis.xtrim("s", true, 0), "the node holds nothing else live: it goes as a whole");
        assertEquals(0, redis.xlen("s"));
        assertNull(redis.xadd("none", new XAddArgs().nomkstream(), body("f", "v")));
        assertEquals(0, redis.xlen("none"));
        FerriteException e = assertThrows(FerriteException.class, () -> redis.xadd("s", new XAddArgs().id("1-1"), body("f", "v")));
        assertEquals("ERR The ID specified in XADD is equal or smaller than the target stream top item", e.getMessage());
    }

    @Test
    void addWithTrimming() {
        for (int i = 1; i <= 5; i++) redis.xadd("s", new XAddArgs().id(i + "-0").maxlen(3), body("n", "" + i));
        assertEquals(List.of("3-0", "4-0", "5-0"), redis.xrange("s", "-", "+").stream().map(StreamMessage::id).toList());
        redis.xadd("s", new XAddArgs().id("6-0").maxlen(2).approximateTrimming().limit(100), body("n", "6"));
        assertEquals(4, redis.xlen("s"), "approximate trimming only removes whole nodes");
        redis.xadd("s", new XAddArgs().id("7-0").maxlen(0).approximateTrimming(), body("n", "7"));
        assertEquals(0, redis.xlen("s"), "a node whose removal keeps enough entries goes as a whole");
    }

    @Test
    void readsStreamsAndWaitsForNewEntries() throws Exception {
        redis.xadd("a", new XAddArgs().id("1-0"), body("f", "1"));
        redis.xadd("a", new XAddArgs().id("2-0"), body("f", "2"));
        redis.xadd("b", new XAddArgs().id("1-0"), body("g", "1"));
        List<StreamMessage<String, String>> read = redis.xread(StreamOffset.from("a", "1-0"), StreamOffset.from("b", "0"));
        assertEquals(List.of("a 2-0", "b 1-0"), read.stream().map(m -> m.stream() + " " + m.id()).toList());
        assertEquals(1, redis.xread(1, StreamOffset.from("a", "0")).size());
        assertTrue(redis.xread(StreamOffset.latest("a")).isEmpty());

        CompletableFuture<List<StreamMessage<String, String>>> waiting = redis.xreadAsync(0, StreamOffset.latest("a"));
        assertFalse(waiting.isDone());
        redis.xadd("a", new XAddArgs().id("3-0"), body("f", "3"));
        List<StreamMessage<String, String>> got = waiting.get(5, TimeUnit.SECONDS);
        assertEquals(1, got.size());
        assertEquals(body("f", "3"), got.get(0).body());
        assertTrue(redis.xreadAsync(20, StreamOffset.latest("a")).get(5, TimeUnit.SECONDS).isEmpty());
    }

    @Test
    void consumerGroupsDeliverAcknowledgeAndSummarize() throws Exception {
        assertEquals("OK", redis.xgroupCreate("s", "g", "$", true));
        FerriteException busy = assertThrows(FerriteException.class, () -> redis.xgroupCreate("s", "g", "0", false));
        assertEquals("BUSYGROUP Consumer Group name already exists", busy.getMessage());
        redis.xadd("s", new XAddArgs().id("1-1"), body("a", "1"));
        redis.xadd("s", new XAddArgs().id("2-1"), body("b", "2"));
        List<StreamMessage<String, String>> first = redis.xreadgroup("g", "alice", 1, StreamOffset.from("s", ">"));
        assertEquals(List.of(new StreamMessage<>("s", "1-1", body("a", "1"))), first);
        assertEquals(List.of(new StreamMessage<>("s", "2-1", body("b", "2"))),
                redis.xreadgroup("g", "bob", StreamOffset.from("s", ">")));
        assertEquals(List.of(), redis.xreadgroup("g", "bob", StreamOffset.from("s", ">")));

        StreamPendingSummary<String> summary = redis.xpending("s", "g");
        assertEquals(new StreamPendingSummary<>(2, "1-1", "2-1", Map.of("alice", 1L, "bob", 1L)), summary);
        assertEquals(List.of("alice", "bob"), List.copyOf(summary.consumers().keySet()));

        redis.xdel("s", "1-1");
        assertEquals(List.of(new StreamMessage<String, String>("s", "1-1", null)),
                redis.xreadgroup("g", "alice", StreamOffset.from("s", "0")));
        assertEquals(2, redis.xack("s", "g", "1-1", "2-1", "9-9"));
        assertEquals(new StreamPendingSummary<String>(0, null, null, Map.of()), redis.xpending("s", "g"));

        CompletableFuture<List<StreamMessage<String, String>>> waiting =
                redis.xreadgroupAsync("g", "carol", 0, StreamOffset.from("s", ">"));
        assertFalse(waiting.isDone());
        redis.xadd("s", new XAddArgs().id("3-1"), body("c", "3"));
        assertEquals(List.of(new StreamMessage<>("s", "3-1", body("c", "3"))), waiting.get(5, TimeUnit.SECONDS));
    }

    /** Stream s with entries 1-0 .. 4-0, group g at its start, 1-0 and 2-0 delivered to alice and 3-0 to bob. */
    private void twoConsumersWithPendingEntries() {
        for (int i = 1; i <= 4; i++) redis.xadd("s", new XAddArgs().id(i + "-0"), body("n", "" + i));
        redis.xgroupCreate("s", "g", "0", false);
        redis.xreadgroup("g", "alice", 2, StreamOffset.from("s", ">"));
        now.addAndGet(100);
        redis.xreadgroup("g", "bob", 1, StreamOffset.from("s", ">"));
        now.addAndGet(50);
    }

    @Test
    void extendedPendingListsEntriesByRangeConsumerAndIdleTime() {
        twoConsumersWithPendingEntries();
        assertEquals(List.of(new StreamPendingEntry<>("1-0", "alice", 150, 1), new StreamPendingEntry<>("2-0", "alice", 150, 1),
                        new StreamPendingEntry<>("3-0", "bob", 50, 1)),
                redis.xpending("s", "g", "-", "+", 10));
        assertEquals(List.of("2-0"), redis.xpending("s", "g", "(1-0", "+", 1).stream().map(StreamPendingEntry::id).toList());
        assertEquals(List.of("3-0"), redis.xpending("s", "g", "-", "+", 10, "bob").stream().map(StreamPendingEntry::id).toList());
        assertEquals(List.of(), redis.xpending("s", "g", "-", "+", 10, "nobody"));
        assertEquals(List.of("1-0", "2-0"),
                redis.xpending("s", "g", 100, "-", "+", 10, null).stream().map(StreamPendingEntry::id).toList());
        assertEquals(List.of(), redis.xpending("s", "g", 100, "-", "+", 10, "bob"));
        FerriteException e = assertThrows(FerriteException.class, () -> redis.xpending("s", "nogroup", "-", "+", 10));
        assertEquals("NOGROUP No such key 's' or consumer group 'nogroup'", e.getMessage());
    }

    @Test
    void claimMovesIdleEntriesWithItsOptions() {
        twoConsumersWithPendingEntries();
        // 3-0 is idle for 50 ms only: not claimed.
        List<StreamMessage<String, String>> claimed = redis.xclaim("s", "g", "carol", 100, "1-0", "3-0");
        assertEquals(List.of(new StreamMessage<>("s", "1-0", body("n", "1"))), claimed);
        assertEquals(new StreamPendingEntry<>("1-0", "carol", 0, 2), redis.xpending("s", "g", "1-0", "1-0", 1).get(0));

        claimed = redis.xclaim("s", "g", "carol", new XClaimArgs().idle(500).retryCount(7).justid(), "2-0", "3-0");
        assertEquals(List.of(new StreamMessage<String, String>("s", "2-0", null), new StreamMessage<String, String>("s", "3-0", null)),
                claimed);
        assertEquals(new StreamPendingEntry<>("2-0", "carol", 500, 7), redis.xpending("s", "g", "2-0", "2-0", 1).get(0));

        // 4-0 was never delivered: only FORCE claims it, counted as a second delivery as Redis 7.0 does. TIME sets
        // the delivery time itself.
        assertEquals(List.of(), redis.xclaim("s", "g", "dave", 0, "4-0"));
        claimed = redis.xclaim("s", "g", "dave", new XClaimArgs().force().time(NOW), "4-0");
        assertEquals(List.of("4-0"), claimed.stream().map(StreamMessage::id).toList());
        assertEquals(new StreamPendingEntry<>("4-0", "dave", 150, 2), redis.xpending("s", "g", "4-0", "4-0", 1).get(0));

        // A min idle time of IDLE's 500 ms: claimed; a deleted entry leaves the pending entries unclaimed.
        redis.xdel("s", "3-0");
        claimed = redis.xclaim("s", "g", "erin", new XClaimArgs().minIdleTime(400), "2-0", "3-0");
        assertEquals(List.of("2-0"), claimed.stream().map(StreamMessage::id).toList());
        assertEquals(List.of("1-0", "2-0", "4-0"), redis.xpending("s", "g", "-", "+", 10).stream().map(StreamPendingEntry::id).toList());
        FerriteException e = assertThrows(FerriteException.class, () -> redis.xclaim("none", "g", "c", 0, "1-0"));
        assertEquals("NOGROUP No such key 'none' or consumer group 'g'", e.getMessage());
    }

    @Test
    void autoclaimScansFromAStartAndReportsDeletedEntries() {
        twoConsumersWithPendingEntries();
        redis.xdel("s", "2-0");
        StreamClaimed<String, String> first = redis.xautoclaim("s", "g", "carol", 100, "0", new XAutoClaimArgs().count(1));
        assertEquals(new StreamClaimed<>("2-0", List.of(new StreamMessage<>("s", "1-0", body("n", "1"))), List.of()), first);
        StreamClaimed<String, String> rest = redis.xautoclaim("s", "g", "carol", 0, first.nextId(), new XAutoClaimArgs().justid());
        assertEquals(new StreamClaimed<>("0-0", List.of(new StreamMessage<String, String>("s", "3-0", null)), List.of("2-0")), rest);
        assertEquals(List.of("carol", "carol"),
                redis.xpending("s", "g", "-", "+", 10).stream().map(StreamPendingEntry::consumer).toList());
        assertEquals(new StreamClaimed<String, String>("0-0", List.of(), List.of()), redis.xautoclaim("s", "g", "dave", 10_000, "-"));
    }

    @Test
    void groupAndConsumerManagementAndInfo() {
        twoConsumersWithPendingEntries();
        redis.xgroupCreate("s", "h", "$", false);
        // As in Redis 7.0, a group created at $ has no known read counter.
        assertEquals(List.of(new StreamGroupInfo<>("g", 2, 3, "3-0", 3L, 1L), new StreamGroupInfo<>("h", 0, 0, "4-0", null, 0L)),
                redis.xinfoGroups("s"));
        assertEquals(List.of(new StreamConsumerInfo<>("alice", 2, 150, 150), new StreamConsumerInfo<>("bob", 1, 50, 50)),
                redis.xinfoConsumers("s", "g"));

        assertTrue(redis.xgroupCreateconsumer("s", "g", "carol"));
        assertFalse(redis.xgroupCreateconsumer("s", "g", "carol"));
        assertEquals(new StreamConsumerInfo<>("carol", 0, 0, -1), redis.xinfoConsumers("s", "g").get(2));
        assertEquals(2, redis.xgroupDelconsumer("s", "g", "alice"));
        assertEquals(0, redis.xgroupDelconsumer("s", "g", "nobody"));
        assertEquals(List.of("bob", "carol"), redis.xinfoConsumers("s", "g").stream().map(StreamConsumerInfo::name).toList());

        assertEquals("OK", redis.xgroupSetid("s", "g", "0"));
        StreamGroupInfo<String> g = redis.xinfoGroups("s").get(0);
        assertEquals("0-0", g.lastDeliveredId());
        assertNull(g.entriesRead());
        assertEquals(4L, g.lag());
        assertEquals(List.of("1-0", "2-0", "3-0", "4-0"),
                redis.xreadgroup("g", "bob", StreamOffset.from("s", ">")).stream().map(StreamMessage::id).toList());

        assertTrue(redis.xgroupDestroy("s", "h"));
        assertFalse(redis.xgroupDestroy("s", "h"));
        assertEquals(List.of("g"), redis.xinfoGroups("s").stream().map(StreamGroupInfo::name).toList());
        FerriteException e = assertThrows(FerriteException.class, () -> redis.xgroupSetid("s", "h", "0"));
        assertEquals("NOGROUP No such consumer group 'h' for key name 's'", e.getMessage());
        e = assertThrows(FerriteException.class, () -> redis.xinfoGroups("none"));
        assertEquals("ERR no such key", e.getMessage());
    }
}
