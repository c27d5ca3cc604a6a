package io.ferrite.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command of the typed API, with the results Redis documents (checked against redis-server 7).
 */
class TypedCommandsTest {
    private static final long START = 1_700_000_000_000L;

    private static final class ManualTicker implements Ticker {
        final AtomicLong millis = new AtomicLong(START);
        @Override public long currentTimeMillis() { return millis.get(); }
        @Override public long nanoTime() { return millis.get() * 1_000_000; }
    }

    private final ManualTicker clock = new ManualTicker();
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).ticker(clock).build();
    private final FerriteCommands<String, String> redis = ferrite.connect();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private static <T> Map<String, T> map(Object... kv) {
        Map<String, T> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked") T v = (T) kv[i + 1];
            m.put((String) kv[i], v);
        }
        return m;
    }

    // ---------------------------------------------------------------- strings

    @Test
    void setOptions() {
        assertEquals("OK", redis.set("k", "v1", SetArgs.Builder.ex(10)));
        assertEquals(10L, redis.ttl("k"));
        assertNull(redis.set("k", "v2", SetArgs.Builder.nx()));
        assertEquals("OK", redis.set("k", "v3", SetArgs.Builder.xx().keepttl()));
        assertEquals(10_000L, redis.pttl("k"));
        assertNull(redis.set("absent", "v", SetArgs.Builder.xx()));
        assertEquals("v3", redis.setGet("k", "v4"));
        assertEquals(-1L, redis.ttl("k"), "a plain SET clears the expiry");
        assertNull(redis.setGet("fresh", "v", SetArgs.Builder.px(1500)));
        assertEquals(1500L, redis.pttl("fresh"));
        redis.set("at", "v", SetArgs.Builder.exAt(START / 1000 + 100));
        assertEquals(100L, redis.ttl("at"));
        redis.set("pat", "v", SetArgs.Builder.pxAt(START + 2500));
        assertEquals(2500L, redis.pttl("pat"));
        FerriteException e = assertThrows(FerriteException.class, () -> redis.set("k", "v", SetArgs.Builder.ex(0)));
        assertEquals("ERR invalid expire time in 'set' command", e.getMessage());
    }

    @Test
    void expiryFollowsTheTicker() {
        redis.set("k", "v", SetArgs.Builder.ex(10));
        clock.millis.addAndGet(9_999);
        assertEquals("v", redis.get("k"));
        clock.millis.addAndGet(1);
        assertNull(redis.get("k"));
        assertEquals(-2L, redis.ttl("k"));
    }

    @Test
    void getVariants() {
        redis.set("k", "Hello World");
        assertEquals("Hello", redis.getrange("k", 0, 4));
        assertEquals("World", redis.getrange("k", -5, -1));
        assertEquals("", redis.getrange("k", 20, 30));
        assertEquals("Hello World", redis.getex("k", GetExArgs.Builder.ex(50)));
        assertEquals(50L, redis.ttl("k"));
        assertEquals("Hello World", redis.getex("k", GetExArgs.Builder.persist()));
        assertEquals(-1L, redis.ttl("k"));
        assertNull(redis.getex("absent", GetExArgs.Builder.px(10)));
        assertEquals("Hello World", redis.getset("k", "new"));
        assertNull(redis.getset("other", "x"));
        assertEquals("new", redis.getdel("k"));
        assertNull(redis.getdel("k"));
    }

    @Test
    void counters() {
        assertEquals(1L, redis.incr("n"));
        assertEquals(6L, redis.incrby("n", 5));
        assertEquals(5L, redis.decr("n"));
        assertEquals(-5L, redis.decrby("n", 10));
        assertEquals("-5", redis.get("n"));
        assertEquals(10.5, redis.incrbyfloat("f", 10.5));
        assertEquals(10.6, redis.incrbyfloat("f", 0.1));
        assertEquals(5.0e3, redis.incrbyfloat("f2", 5.0e3));
        redis.set("text", "abc");
        FerriteException e = assertThrows(FerriteException.class, () -> redis.incr("text"));
        assertEquals("ERR value is not an integer or out of range", e.getMessage());
        redis.set("max", Long.toString(Long.MAX_VALUE));
        assertEquals("ERR increment or decrement would overflow",
                assertThrows(FerriteException.class, () -> redis.incr("max")).getMessage());
    }

    @Test
    void appendSetrangeStrlen() {
        assertEquals(5L, redis.append("a", "Hello"));
        assertEquals(11L, redis.append("a", " World"));
        assertEquals(11L, redis.strlen("a"));
        assertEquals(0L, redis.strlen("absent"));
        assertEquals(11L, redis.setrange("a", 6, "Redis"));
        assertEquals("Hello Redis", redis.get("a"));
        assertEquals(8L, redis.setrange("pad", 5, "abc"));
        assertEquals("\0\0\0\0\0abc", redis.get("pad"));
    }

    @Test
    void multiKeyStrings() {
        assertEquals("OK", redis.mset(map("a", "1", "b", "2")));
        assertEquals(List.of(new KeyValue<>("a", "1"), new KeyValue<>("nokey", null), new KeyValue<>("b", "2")),
                redis.mget("a", "nokey", "b"));
        assertFalse(redis.mget("nokey").get(0).hasValue());
        assertFalse(redis.msetnx(map("b", "3", "c", "4")));
        assertNull(redis.get("c"));
        assertTrue(redis.msetnx(map("c", "4", "d", "5")));
        assertEquals("4", redis.get("c"));
    }

    @Test
    void setnxSetexPsetex() {
        assertTrue(redis.setnx("k", "1"));
        assertFalse(redis.setnx("k", "2"));
        assertEquals("1", redis.get("k"));
        assertEquals("OK", redis.setex("e", 30, "v"));
        assertEquals(30L, redis.ttl("e"));
        assertEquals("OK", redis.psetex("p", 1500, "v"));
        assertEquals(1500L, redis.pttl("p"));
        assertEquals("ERR invalid expire time in 'setex' command",
                assertThrows(FerriteException.class, () -> redis.setex("e", -1, "v")).getMessage());
    }

    @Test
    void lcs() {
        redis.mset(map("key1", "ohmytext", "key2", "mynewtext"));
        assertEquals("mytext", redis.lcs("key1", "key2"));
        assertEquals(6L, redis.lcsLen("key1", "key2"));
        assertEquals("", redis.lcs("key1", "absent"));
    }

    // ---------------------------------------------------------------- bitmaps

    @Test
    void setbitGetbitBitcount() {
        assertEquals(0L, redis.setbit("b", 7, 1));
        assertEquals(1L, redis.setbit("b", 7, 0));
        assertEquals(0L, redis.setbit("b", 1, 1));
        assertEquals("@", redis.get("b"));
        assertEquals(1L, redis.getbit("b", 1));
        assertEquals(0L, redis.getbit("b", 1000));
        assertEquals(0L, redis.getbit("absent", 3));
        assertEquals("ERR bit is not an integer or out of range",
                assertThrows(FerriteException.class, () -> redis.setbit("b", 0, 2)).getMessage());
        assertEquals("ERR bit offset is not an integer or out of range",
                assertThrows(FerriteException.class, () -> redis.getbit("b", -1)).getMessage());
        redis.set("s", "foobar");
        assertEquals(26L, redis.bitcount("s"));
        assertEquals(4L, redis.bitcount("s", 0, 0));
        assertEquals(6L, redis.bitcount("s", 1, 1));
        assertEquals(0L, redis.bitcount("absent"));
        redis.lpush("list", "x");
        assertThrows(FerriteException.class, () -> redis.bitcount("list"));
    }

    @Test
    void bitpos() {
        redis.set("p", "\0\0");
        assertEquals(-1L, redis.bitpos("p", true));
        assertEquals(0L, redis.bitpos("p", false));
        redis.setbit("p", 12, 1);
        assertEquals(12L, redis.bitpos("p", true));
        assertEquals(12L, redis.bitpos("p", true, 1));
        assertEquals(-1L, redis.bitpos("p", true, 0, 0));
        assertEquals(2L, redis.bitopNot("ones", "p"));
        assertEquals(12L, redis.bitpos("ones", false));
        redis.setbit("ones", 12, 1);
        assertEquals(16L, redis.bitpos("ones", false), "no end given: the bits after the string are clear");
        assertEquals(-1L, redis.bitpos("ones", false, 0, -1), "an explicit end: no clear bit in the range");
        assertEquals(0L, redis.bitpos("absent", false));
        assertEquals(-1L, redis.bitpos("absent", true));
    }

    @Test
    void bitop() {
        redis.set("a", "abc");
        redis.set("b", "a");
        assertEquals(3L, redis.bitopAnd("and", "a", "b"));
        assertEquals("a\0\0", redis.get("and"));
        assertEquals(3L, redis.bitopOr("or", "a", "b", "absent"));
        assertEquals("abc", redis.get("or"));
        assertEquals(3L, redis.bitopXor("xor", "a", "b"));
        assertEquals("\0bc", redis.get("xor"));
        assertEquals(1L, redis.bitopNot("not", "b"));
        assertEquals(5L, redis.bitcount("not"), "NOT of 'a' (3 bits set) has 5 bits set");
        assertEquals(0L, redis.bitopOr("or", "absent"));
        assertEquals(0L, redis.exists("or"), "an empty result deletes the destination");
    }

    @Test
    void bitfield() {
        BitFieldArgs.BitFieldType u8 = BitFieldArgs.unsigned(8);
        BitFieldArgs.BitFieldType i5 = BitFieldArgs.signed(5);
        assertEquals(java.util.Arrays.asList(0L, 200L, 201L),
                redis.bitfield("f", BitFieldArgs.Builder.set(u8, 0, 200).get(u8, 0).incrBy(u8, 0, 1)));
        assertEquals(java.util.Arrays.asList(-16L, -16L, null, -16L),
                redis.bitfield("f", BitFieldArgs.Builder.incrBy(i5, BitFieldArgs.typeWidthBasedOffset(4), 16)
                        .overflow(BitFieldArgs.OverflowType.SAT).incrBy(i5, BitFieldArgs.offset(20), -100)
                        .overflow(BitFieldArgs.OverflowType.FAIL).incrBy(i5, 20, -1)
                        .overflow(BitFieldArgs.OverflowType.WRAP).set(i5, 20, 15)));
        assertEquals(List.of(15L), redis.bitfield("f", BitFieldArgs.Builder.get(i5, 20)));
        assertEquals(List.of(), redis.bitfield("f", new BitFieldArgs()));
        assertThrows(IllegalArgumentException.class, () -> BitFieldArgs.unsigned(64));
        assertThrows(IllegalArgumentException.class, () -> BitFieldArgs.signed(0));
        assertThrows(IllegalArgumentException.class, () -> BitFieldArgs.offset(-1));
    }

    // ---------------------------------------------------------------- keys

    @Test
    void existenceAndRemoval() {
        redis.mset(map("a", "1", "b", "2", "c", "3"));
        assertEquals(3L, redis.exists("a", "a", "b", "zz"));
        assertEquals(2L, redis.touch("a", "b", "zz"));
        assertEquals(2L, redis.unlink("a", "b", "zz"));
        assertEquals(0L, redis.exists("a", "b"));
        assertEquals(1L, redis.del("c"));
    }

    @Test
    void expiry() {
        assertFalse(redis.expire("absent", 10));
        redis.set("k", "v");
        assertEquals(-1L, redis.ttl("k"));
        assertEquals(-2L, redis.ttl("absent"));
        assertEquals(-2L, redis.pttl("absent"));
        assertTrue(redis.expire("k", 100));
        assertEquals(100L, redis.ttl("k"));
        assertFalse(redis.expire("k", 50, ExpireArgs.Builder.nx()));
        assertFalse(redis.expire("k", 50, ExpireArgs.Builder.gt()));
        assertTrue(redis.expire("k", 200, ExpireArgs.Builder.gt()));
        assertEquals(200L, redis.ttl("k"));
        assertTrue(redis.pexpire("k", 1500));
        assertEquals(1500L, redis.pttl("k"));
        assertTrue(redis.pexpire("k", 1000, ExpireArgs.Builder.lt()));
        assertEquals(1000L, redis.pttl("k"));
        assertTrue(redis.expire("k", java.time.Duration.ofMinutes(2)));
        assertEquals(120L, redis.ttl("k"));
        assertTrue(redis.expireat("k", START / 1000 + 60));
        assertEquals(60L, redis.ttl("k"));
        assertTrue(redis.expireat("k", Instant.ofEpochMilli(START).plusSeconds(70)));
        assertEquals(70L, redis.ttl("k"));
        assertTrue(redis.pexpireat("k", START + 1234));
        assertEquals(1234L, redis.pttl("k"));
        assertTrue(redis.persist("k"));
        assertFalse(redis.persist("k"));
        assertEquals(-1L, redis.ttl("k"));
        assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible",
                assertThrows(FerriteException.class, () -> redis.expire("k", 5, ExpireArgs.Builder.nx().xx())).getMessage());
        assertTrue(redis.expire("k", -1), "a past expiry deletes the key");
        assertNull(redis.get("k"));
    }

    @Test
    void typeKeysAndScan() {
        assertEquals("none", redis.type("k1"));
        Set<String> all = new HashSet<>();
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("k" + i, "v");
            all.add("k" + i);
        }
        redis.mset(many);
        assertEquals("string", redis.type("k1"));
        assertEquals(all, new HashSet<>(redis.keys("*")));
        assertEquals(Set.of("k1", "k10", "k11", "k12", "k13", "k14", "k15", "k16", "k17", "k18", "k19"),
                new HashSet<>(redis.keys("k1*")));
        Set<String> scanned = new HashSet<>();
        KeyScanCursor<String> cursor = redis.scan(ScanArgs.Builder.limit(7));
        scanned.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = redis.scan(cursor, ScanArgs.Builder.limit(7));
            scanned.addAll(cursor.getKeys());
        }
        assertEquals(all, scanned);
        Set<String> matched = new HashSet<>();
        ScanCursor at = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> step = redis.scan(at, new ScanArgs().match("k9*").type("string"));
            matched.addAll(step.getKeys());
            at = step;
        } while (!at.isFinished());
        assertEquals(Set.of("k9", "k90", "k91", "k92", "k93", "k94", "k95", "k96", "k97", "k98", "k99"), matched);
    }

    @Test
    void renameCopyMove() {
        redis.set("a", "1");
        assertEquals("OK", redis.rename("a", "b"));
        assertEquals("1", redis.get("b"));
        assertEquals("ERR no such key", assertThrows(FerriteException.class, () -> redis.rename("a", "c")).getMessage());
        redis.set("c", "3");
        assertFalse(redis.renamenx("b", "c"));
        assertTrue(redis.renamenx("b", "d"));
        assertTrue(redis.copy("d", "e"));
        assertFalse(redis.copy("d", "e"));
        assertTrue(redis.copy("c", "e", CopyArgs.Builder.replace(true)));
        assertEquals("3", redis.get("e"));
        assertTrue(redis.copy("c", "c", CopyArgs.Builder.destinationDb(2)));
        assertTrue(redis.move("e", 1));
        assertFalse(redis.move("e", 1));
        redis.select(1);
        assertEquals("3", redis.get("e"));
        redis.select(2);
        assertEquals("3", redis.get("c"));
    }

    @Test
    void randomkeyAndFlush() {
        assertNull(redis.randomkey());
        redis.set("only", "v");
        assertEquals("only", redis.randomkey());
        redis.select(1);
        redis.set("one", "v");
        assertEquals("OK", redis.flushdb());
        assertEquals(0L, redis.dbsize());
        redis.select(0);
        assertEquals(1L, redis.dbsize());
        assertEquals("OK", redis.flushall());
        assertEquals(0L, redis.dbsize());
    }

    // ---------------------------------------------------------------- hashes

    @Test
    void hashes() {
        assertTrue(redis.hset("h", "f1", "v1"));
        assertFalse(redis.hset("h", "f1", "v1b"));
        assertEquals(2L, redis.hset("h", map("f2", "v2", "f3", "v3", "f1", "v1")));
        assertEquals("v1", redis.hget("h", "f1"));
        assertNull(redis.hget("h", "nope"));
        assertNull(redis.hget("absent", "f"));
        assertEquals(List.of(new KeyValue<>("f2", "v2"), new KeyValue<>("x", null)), redis.hmget("h", "f2", "x"));
        assertEquals(map("f1", "v1", "f2", "v2", "f3", "v3"), redis.hgetall("h"));
        assertEquals(Map.of(), redis.hgetall("absent"));
        assertEquals(3L, redis.hlen("h"));
        assertEquals(Set.of("f1", "f2", "f3"), new HashSet<>(redis.hkeys("h")));
        assertEquals(Set.of("v1", "v2", "v3"), new HashSet<>(redis.hvals("h")));
        assertTrue(redis.hexists("h", "f2"));
        assertFalse(redis.hsetnx("h", "f2", "other"));
        assertTrue(redis.hsetnx("h", "n", "10"));
        assertEquals(15L, redis.hincrby("h", "n", 5));
        assertEquals(2L, redis.hdel("h", "f1", "f2", "nope"));
        assertFalse(redis.hexists("h", "f1"));
        assertEquals(2L, redis.hdel("h", "f3", "n"));
        assertEquals(0L, redis.hlen("h"));
        assertEquals(0L, redis.dbsize(), "an emptied hash is deleted");
        redis.set("s", "v");
        FerriteException e = assertThrows(FerriteException.class, () -> redis.hget("s", "f"));
        assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", e.getMessage());
        assertEquals("WRONGTYPE", e.code());
    }

    // ---------------------------------------------------------------- lists

    @Test
    void lists() {
        assertEquals(3L, redis.rpush("l", "a", "b", "c"));
        assertEquals(5L, redis.lpush("l", "y", "z"));
        assertEquals(List.of("z", "y", "a", "b", "c"), redis.lrange("l", 0, -1));
        assertEquals(List.of("b", "c"), redis.lrange("l", -2, 100));
        assertEquals("y", redis.lindex("l", 1));
        assertNull(redis.lindex("l", 99));
        assertEquals("z", redis.lpop("l"));
        assertEquals("c", redis.rpop("l"));
        assertEquals(List.of("y", "a"), redis.lpop("l", 2));
        assertEquals(List.of("b"), redis.rpop("l", 5));
        assertEquals(0L, redis.llen("l"));
        assertNull(redis.lpop("l"));
        assertEquals(List.of(), redis.lpop("l", 2));
        assertEquals(List.of(), redis.lrange("l", 0, -1));
        redis.rpush("r", "x", "a", "x", "b", "x");
        assertEquals(2L, redis.lrem("r", 2, "x"));
        assertEquals(List.of("a", "b", "x"), redis.lrange("r", 0, -1));
        assertEquals("OK", redis.lset("r", -1, "c"));
        assertEquals("ERR index out of range", assertThrows(FerriteException.class, () -> redis.lset("r", 9, "q")).getMessage());
        assertEquals("ERR no such key", assertThrows(FerriteException.class, () -> redis.lset("none", 0, "q")).getMessage());
        assertEquals("OK", redis.ltrim("r", 1, 1));
        assertEquals(List.of("b"), redis.lrange("r", 0, -1));
    }

    // ---------------------------------------------------------------- sets

    @Test
    void sets() {
        assertEquals(3L, redis.sadd("s", "a", "b", "c"));
        assertEquals(1L, redis.sadd("s", "a", "d"));
        assertEquals(Set.of("a", "b", "c", "d"), redis.smembers("s"));
        assertEquals(Set.of(), redis.smembers("absent"));
        assertTrue(redis.sismember("s", "a"));
        assertFalse(redis.sismember("s", "z"));
        assertEquals(4L, redis.scard("s"));
        assertEquals(1L, redis.srem("s", "d", "z"));
        redis.sadd("t", "b", "c", "e");
        assertEquals(Set.of("b", "c"), redis.sinter("s", "t"));
        assertEquals(Set.of("a", "b", "c", "e"), redis.sunion("s", "t"));
        assertEquals(Set.of("a"), redis.sdiff("s", "t"));
        assertTrue(Set.of("a", "b", "c").contains(redis.srandmember("s")));
        assertEquals(3, new HashSet<>(redis.srandmember("s", 10)).size());
        assertEquals(7, redis.srandmember("s", -7).size());
        assertNull(redis.srandmember("absent"));
        String popped = redis.spop("s");
        assertTrue(Set.of("a", "b", "c").contains(popped));
        assertFalse(redis.sismember("s", popped));
        assertEquals(2, redis.spop("s", 5).size());
        assertNull(redis.spop("s"));
        assertEquals(Set.of(), redis.spop("s", 3));
        assertEquals(0L, redis.scard("s"));
    }

    // ---------------------------------------------------------------- sorted sets

    @Test
    void sortedSets() {
        assertEquals(1L, redis.zadd("z", 1, "a"));
        assertEquals(2L, redis.zadd("z", new ScoredValue<>(2, "b"), new ScoredValue<>(3.5, "c")));
        assertEquals(0L, redis.zadd("z", 1, "a"));
        assertEquals(3.5, redis.zscore("z", "c"));
        assertNull(redis.zscore("z", "nope"));
        assertEquals(1L, redis.zrank("z", "b"));
        assertNull(redis.zrank("z", "nope"));
        assertEquals(List.of("a", "b", "c"), redis.zrange("z", 0, -1));
        assertEquals(List.of(new ScoredValue<>(2, "b"), new ScoredValue<>(3.5, "c")), redis.zrangeWithScores("z", 1, 2));
        assertEquals(List.of(), redis.zrangeWithScores("absent", 0, -1));
        assertEquals(4.0, redis.zincrby("z", 3, "a"));
        assertEquals(4.5, redis.zaddincr("z", 0.5, "a"));
        assertEquals(List.of("b", "c", "a"), redis.zrange("z", 0, -1));
        assertEquals(2L, redis.zcount("z", 2, 3.5));
        assertEquals(2L, redis.zcount("z", "(2", "+inf"));
        assertEquals(3L, redis.zcount("z", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertEquals(0L, redis.zadd("z", ZAddArgs.Builder.nx(), 100, "a"));
        assertEquals(1L, redis.zadd("z", ZAddArgs.Builder.xx().ch(), 10, "a"));
        assertEquals(0L, redis.zadd("z", ZAddArgs.Builder.gt().ch(), new ScoredValue<>(1, "a"), new ScoredValue<>(1, "b")));
        assertEquals(10.0, redis.zscore("z", "a"));
        redis.zadd("z", Double.POSITIVE_INFINITY, "top");
        assertEquals(Double.POSITIVE_INFINITY, redis.zscore("z", "top"));
        assertEquals(4L, redis.zcard("z"));
        assertEquals(new ScoredValue<>(2, "b"), redis.zpopmin("z"));
        assertEquals(List.of(new ScoredValue<>(Double.POSITIVE_INFINITY, "top"), new ScoredValue<>(10, "a")),
                redis.zpopmax("z", 2));
        assertEquals(List.of(new ScoredValue<>(3.5, "c")), redis.zpopmin("z", 5));
        assertNull(redis.zpopmax("z"));
        assertEquals(List.of(), redis.zpopmin("z", 1));
        redis.zadd("r", 1, "x");
        assertEquals(1L, redis.zrem("r", "x", "y"));
        assertEquals(0L, redis.zcard("r"));
        assertEquals("ERR value is not a valid float",
                assertThrows(FerriteException.class, () -> redis.zadd("r", Double.NaN, "x")).getMessage());
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void countersFromManyThreadsAddUp() throws Exception {
        int threads = 8;
        int increments = 5_000;
        String[] counters = {"c0", "c1", "c2", "c3"};
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(new Thread(() -> {
                for (int i = 0; i < increments; i++) {
                    String counter = counters[(id + i) % counters.length];
                    if (i % 2 == 0) redis.incr(counter);
                    else redis.incrby(counter, 2);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) w.join();
        long total = 0;
        for (String c : counters) {
            String v = redis.get(c);
            assertNotNull(v);
            total += Long.parseLong(v);
        }
        assertEquals((long) threads * (increments / 2) * 3, total);
    }
}
