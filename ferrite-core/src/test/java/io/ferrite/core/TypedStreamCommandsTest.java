package io.ferrite.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class TypedStreamCommandsTest {
    private static final long NOW = 1_000_000L;
    private final Ticker clock = new Ticker() {
        @Override public long currentTimeMillis() { return NOW; }
        @Override public long nanoTime() { return NOW * 1_000_000; }
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
}
