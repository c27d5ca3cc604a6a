package io.ferrite.core.rdb;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.Ticker;
import io.ferrite.core.pubsub.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpCommandsTest {
    static final class ManualTicker implements Ticker {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
        @Override public long currentTimeMillis() { return millis.get(); }
        @Override public long nanoTime() { return millis.get() * 1_000_000; }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] dump(Session s, String key) {
        return ((Reply.Bulk) s.call("DUMP", key)).value();
    }

    private static Reply restore(Session s, String key, String ttl, byte[] payload, String... options) {
        List<byte[]> argv = new ArrayList<>(List.of(b("RESTORE"), b(key), b(ttl), payload));
        for (String o : options) argv.add(b(o));
        return s.call(argv);
    }

    private static List<String> drain(Session s) {
        List<String> out = new ArrayList<>();
        for (Message m; (m = s.pollMessage()) != null; ) out.add(m.channelString() + " " + m.payloadString());
        return out;
    }

    @Test
    void restoreNotifiesAndReplaceOfAnExpiredRestoreNotifiesDel() {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            s.call("CONFIG", "SET", "notify-keyspace-events", "Eg");
            Session sub = f.newSession();
            sub.call("PSUBSCRIBE", "__keyevent@0__:*");
            s.call("SET", "src", "v");
            byte[] payload = dump(s, "src");
            assertEquals(Reply.OK, restore(s, "k", "0", payload));
            assertEquals(List.of("__keyevent@0__:restore k"), drain(sub));
            assertEquals(Reply.OK, restore(s, "k", "1", payload, "ABSTTL", "REPLACE"));
            assertEquals(List.of("__keyevent@0__:del k"), drain(sub));
            assertEquals(0, s.call("EXISTS", "k").asLong());
            assertEquals(Reply.OK, restore(s, "gone", "1", payload, "ABSTTL"));
            assertEquals(List.of(), drain(sub), "nothing restored, nothing deleted");
        }
    }

    @Test
    void restoreFailsAWatchingTransaction() {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            Session other = f.newSession();
            s.call("SET", "src", "v");
            byte[] payload = dump(s, "src");
            s.call("WATCH", "k");
            s.call("MULTI");
            s.call("GET", "k");
            assertEquals(Reply.OK, restore(other, "k", "0", payload));
            assertEquals(Reply.NULL, s.call("EXEC"));
        }
    }

    @Test
    void relativeTtlCountsFromTheCommandTime() {
        ManualTicker ticker = new ManualTicker();
        try (Ferrite f = Ferrite.newBuilder().ticker(ticker).build()) {
            Session s = f.newSession();
            s.call("SET", "src", "v");
            assertEquals(Reply.OK, restore(s, "k", "5000", dump(s, "src")));
            assertEquals(ticker.millis.get() + 5000, s.call("PEXPIRETIME", "k").asLong());
            ticker.millis.addAndGet(5000);
            assertEquals(0, s.call("EXISTS", "k").asLong());
        }
    }

    @Test
    void idleTimeAndFrequencyFollowThePolicy() {
        ManualTicker ticker = new ManualTicker();
        try (Ferrite f = Ferrite.newBuilder().ticker(ticker).build()) {
            Session s = f.newSession();
            s.call("SET", "src", "v");
            byte[] payload = dump(s, "src");
            assertEquals(Reply.OK, restore(s, "idle", "0", payload, "IDLETIME", "3600"));
            assertEquals(3600, s.call("OBJECT", "IDLETIME", "idle").asLong());
            s.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
            assertEquals(Reply.OK, restore(s, "hot", "0", payload, "FREQ", "200"));
            assertEquals(200, s.call("OBJECT", "FREQ", "hot").asLong());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "-2"})
    void largeListsSplitIntoNodesAndComeBackWhole(String fill) {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            s.call("CONFIG", "SET", "list-max-listpack-size", fill);
            List<String> push = new ArrayList<>(List.of("RPUSH", "l"));
            for (int i = 0; i < 5000; i++) push.add(i % 3 == 0 ? Integer.toString(i - 2500) : "element-" + i);
            s.call(push.toArray(String[]::new));
            assertEquals(Reply.OK, restore(s, "copy", "0", dump(s, "l")));
            assertEquals(s.call("LRANGE", "l", "0", "-1"), s.call("LRANGE", "copy", "0", "-1"));
            assertEquals("quicklist", s.call("OBJECT", "ENCODING", "copy").text());
        }
    }

    @Test
    void restoredValuesAreAccountedAsTheOriginals() {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            for (int i = 0; i < 300; i++) s.call("HSET", "h", "field" + i, "value" + i);
            long before = s.call("MEMORY", "USAGE", "h").asLong();
            assertEquals(Reply.OK, restore(s, "copy", "0", dump(s, "h")));
            assertEquals(before, s.call("MEMORY", "USAGE", "copy").asLong());
            assertEquals(Reply.OK, restore(s, "h", "0", dump(s, "copy"), "REPLACE"));
            assertEquals(before, s.call("MEMORY", "USAGE", "h").asLong());
        }
    }

    private static List<List<Reply>> pendingWithoutIdle(Session s, String key) {
        return s.call("XPENDING", key, "g", "-", "+", "10").elements().stream()
                .map(e -> List.of(e.elements().get(0), e.elements().get(1), e.elements().get(3))).toList();
    }

    @Test
    void streamsComeBackWithTheirGroups() {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            for (int i = 1; i <= 250; i++) s.call("XADD", "st", i + "-1", "f", "v" + i);
            s.call("XDEL", "st", "3-1");
            s.call("XGROUP", "CREATE", "st", "g", "0");
            s.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "5", "STREAMS", "st", ">");
            s.call("XGROUP", "CREATE", "st", "unread", "$", "ENTRIESREAD", "-1");
            assertEquals(Reply.OK, restore(s, "copy", "0", dump(s, "st")));
            for (String[] read : List.of(new String[] {"XRANGE", "%s", "-", "+"}, new String[] {"XINFO", "STREAM", "%s"},
                    new String[] {"XINFO", "GROUPS", "%s"}, new String[] {"XPENDING", "%s", "g"})) {
                String[] original = read.clone();
                String[] copy = read.clone();
                for (int i = 0; i < read.length; i++) {
                    original[i] = String.format(read[i], "st");
                    copy[i] = String.format(read[i], "copy");
                }
                assertEquals(s.call(original), s.call(copy), String.join(" ", read));
            }
            // Pending entries: ids, consumers and delivery counts (their idle times are read at two moments).
            assertEquals(pendingWithoutIdle(s, "st"), pendingWithoutIdle(s, "copy"));
            assertEquals(5, pendingWithoutIdle(s, "copy").size());
            assertEquals(s.call("MEMORY", "USAGE", "st"), s.call("MEMORY", "USAGE", "copy"));
            byte[] empty = dump(s, "st");
            s.call("DEL", "st");
            assertEquals(Reply.OK, restore(s, "st", "0", empty));
            assertEquals(dump(s, "copy").length, dump(s, "st").length);
        }
    }

    @Test
    void restoreServesBlockedClients() throws Exception {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            s.call("RPUSH", "src", "x");
            byte[] payload = dump(s, "src");
            Session waiter = f.newSession();
            java.util.concurrent.CompletableFuture<Reply> popped = waiter.callAsync("BLPOP", "k", "0");
            assertTrue(!popped.isDone());
            assertEquals(Reply.OK, restore(s, "k", "0", payload));
            assertEquals(List.of("k", "x"), popped.get(5, java.util.concurrent.TimeUnit.SECONDS).texts());
        }
    }

    @Test
    void typedDumpAndRestore() {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            io.ferrite.core.FerriteCommands<String, String> redis = f.connect();
            redis.rpush("list", "a", "b", "c");
            byte[] payload = redis.dump("list");
            assertEquals(null, redis.dump("missing"));
            assertEquals("OK", redis.restore("copy", 0, payload, false));
            assertEquals(List.of("a", "b", "c"), redis.lrange("copy", 0, -1));
            io.ferrite.core.FerriteException busy = org.junit.jupiter.api.Assertions.assertThrows(
                    io.ferrite.core.FerriteException.class, () -> redis.restore("copy", 0, payload, false));
            assertEquals(DumpCommands.BUSY_KEY, busy.getMessage());
            assertEquals("OK", redis.restore("copy", 60_000, redis.dump("list"), true));
            assertTrue(redis.pttl("copy") > 0);
        }
    }

    @Test
    void dumpUpdatesTheAccessTime() {
        ManualTicker ticker = new ManualTicker();
        try (Ferrite f = Ferrite.newBuilder().ticker(ticker).build()) {
            Session s = f.newSession();
            s.call("SET", "k", "v");
            ticker.millis.addAndGet(10_000);
            assertNotEquals(0, s.call("OBJECT", "IDLETIME", "k").asLong());
            s.call("DUMP", "k");
            assertEquals(0, s.call("OBJECT", "IDLETIME", "k").asLong());
            assertTrue(s.call("DUMP", "missing") instanceof Reply.Bulk b && b.value() == null);
        }
    }
}
