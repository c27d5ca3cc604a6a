package io.ferrite.core.keys;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.Ticker;
import io.ferrite.core.keyspace.EvictionPolicy;
import io.ferrite.core.keyspace.RawString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyCommandsTest {
    private static final long T0 = 1_700_000_000_000L;

    private final long[] clock = {T0};
    private final Ticker ticker = new Ticker() {
        @Override public long currentTimeMillis() { return clock[0]; }
        @Override public long nanoTime() { return clock[0] * 1_000_000; }
    };
    private Ferrite ferrite = start(c -> {});
    private Session s = ferrite.newSession();

    private Ferrite start(Consumer<io.ferrite.core.config.Config> config) {
        return Ferrite.newBuilder().ticker(ticker).activeExpiry(false).configure(config).build();
    }

    @AfterEach
    void close() {
        ferrite.close();
    }

    private String call(String... args) {
        return s.call(args).text();
    }

    private long integer(String... args) {
        return s.call(args).asLong();
    }

    private void advance(long millis) {
        clock[0] += millis;
    }

    @Test
    void ttlCountsDownWithTheTickerAndTheKeyVanishesAtItsDeadline() {
        call("SET", "k", "v");
        assertEquals(1, integer("EXPIRE", "k", "10"));
        assertEquals(10, integer("TTL", "k"));
        assertEquals(10_000, integer("PTTL", "k"));
        assertEquals((T0 + 10_000) / 1000, integer("EXPIRETIME", "k"));
        assertEquals(T0 + 10_000, integer("PEXPIRETIME", "k"));
        advance(9_499);
        assertEquals(1, integer("TTL", "k"), "rounded to the nearest second");
        assertEquals(501, integer("PTTL", "k"));
        advance(500);
        assertEquals(0, integer("TTL", "k"));
        assertEquals(1, integer("PTTL", "k"));
        advance(1);
        assertEquals(-2, integer("TTL", "k"));
        assertEquals(0, integer("EXISTS", "k"));
        assertEquals(0, integer("DBSIZE"), "lazily deleted");
    }

    @Test
    void deadlinesInThePastDeleteTheKey() {
        call("SET", "k", "v");
        assertEquals(1, integer("PEXPIREAT", "k", Long.toString(T0)));
        assertEquals(0, integer("EXISTS", "k"));
        call("SET", "k", "v");
        assertEquals(1, integer("EXPIRE", "k", "0"));
        assertEquals(0, integer("EXISTS", "k"));
        call("SET", "k", "v");
        assertEquals(1, integer("PEXPIRE", "k", "1"));
        advance(1);
        assertEquals(new Reply.Bulk(null), s.call("GET", "k"));
    }

    @Test
    void conditionalExpireOptions() {
        call("SET", "k", "v");
        assertEquals(0, integer("EXPIRE", "k", "100", "XX"));
        assertEquals(0, integer("EXPIRE", "k", "100", "GT"), "no TTL counts as infinite for GT");
        assertEquals(1, integer("EXPIRE", "k", "100", "LT"), "and any TTL is less than infinite");
        assertEquals(0, integer("EXPIRE", "k", "200", "NX"));
        assertEquals(1, integer("EXPIRE", "k", "200", "GT"));
        assertEquals(0, integer("EXPIRE", "k", "200", "GT"), "equal is not greater");
        assertEquals(0, integer("EXPIRE", "k", "200", "LT"));
        assertEquals(1, integer("PEXPIRE", "k", "150000", "xx", "lt"));
        assertEquals(150, integer("TTL", "k"));
        assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible",
                call("EXPIRE", "k", "1", "NX", "LT"));
        assertEquals("ERR GT and LT options at the same time are not compatible", call("EXPIRE", "k", "1", "GT", "LT"));
        assertEquals("ERR Unsupported option bogus", call("EXPIRE", "k", "nan", "bogus"));
        assertEquals(1, integer("PERSIST", "k"));
        assertEquals(-1, integer("TTL", "k"));
        assertEquals(0, integer("PERSIST", "k"));
    }

    @Test
    void expireOverflowIsRejectedBeforeTheKeyIsLookedUp() {
        assertEquals("ERR invalid expire time in 'expire' command", call("EXPIRE", "nokey", "9223372036854775807"));
        assertEquals("ERR invalid expire time in 'pexpire' command", call("PEXPIRE", "nokey", "9223372036854775807"));
        assertEquals("ERR invalid expire time in 'expireat' command", call("EXPIREAT", "nokey", "9223372036854776"));
        assertEquals(0, integer("PEXPIREAT", "nokey", "9223372036854775807"));
        call("SET", "k", "v");
        assertEquals(1, integer("PEXPIREAT", "k", "9223372036854775807"));
        assertEquals(9223372036854776L, integer("EXPIRETIME", "k"), "rounds without overflowing");
    }

    @Test
    void renameMoveAndCopyCarryTheTtl() {
        call("SET", "a", "v");
        call("PEXPIRE", "a", "5000");
        assertEquals("OK", call("RENAME", "a", "b"));
        assertEquals(5000, integer("PTTL", "b"));
        assertEquals(1, integer("COPY", "b", "c", "DB", "3"));
        assertEquals(1, integer("MOVE", "b", "2"));
        assertEquals(0, integer("EXISTS", "b"));
        call("SELECT", "2");
        assertEquals(5000, integer("PTTL", "b"));
        call("SELECT", "3");
        assertEquals("v", call("GET", "c"));
        assertEquals(5000, integer("PTTL", "c"));
        advance(5000);
        assertEquals(0, integer("EXISTS", "c"));
        assertEquals("ERR no such key", call("RENAME", "c", "d"));
    }

    @Test
    void copyDuplicatesGrownStrings() {
        RawString raw = new RawString("abc".getBytes(), 16);
        ferrite.keyspace().lockAll();
        try {
            ferrite.keyspace().db(0).set("r".getBytes(), raw, T0);
        } finally {
            ferrite.keyspace().unlockAll();
        }
        assertEquals(1, integer("COPY", "r", "r2"));
        raw.append("def".getBytes());
        assertEquals("abcdef", call("GET", "r"));
        assertEquals("abc", call("GET", "r2"));
        assertEquals("raw", call("OBJECT", "ENCODING", "r2"));
    }

    @Test
    void idleTimeFollowsReadsButNotIntrospection() {
        call("SET", "k", "v");
        advance(10_000);
        assertEquals(10, integer("OBJECT", "IDLETIME", "k"));
        integer("TTL", "k");
        call("TYPE", "k");
        integer("EXISTS", "k");
        assertEquals(10, integer("OBJECT", "IDLETIME", "k"), "TTL, TYPE, EXISTS and OBJECT do not touch");
        call("GET", "k");
        assertEquals(0, integer("OBJECT", "IDLETIME", "k"));
        advance(3_000);
        assertEquals(1, integer("TOUCH", "k", "nokey"));
        assertEquals(0, integer("OBJECT", "IDLETIME", "k"));
        assertTrue(call("OBJECT", "FREQ", "k").startsWith("ERR An LFU maxmemory policy is not selected"));
    }

    @Test
    void lfuPolicyTracksAFrequencyCounterThatDecays() {
        ferrite.close();
        ferrite = start(c -> {
            c.maxmemoryPolicy = EvictionPolicy.ALLKEYS_LFU;
            c.lfuLogFactor = 0;
        });
        s = ferrite.newSession();
        call("SET", "k", "v");
        assertEquals(5, integer("OBJECT", "FREQ", "k"), "new keys start at LFU_INIT_VAL");
        for (int i = 0; i < 3; i++) call("GET", "k");
        assertEquals(8, integer("OBJECT", "FREQ", "k"), "with lfu-log-factor 0 every access counts");
        advance(2 * 60_000);
        assertEquals(6, integer("OBJECT", "FREQ", "k"), "one point per lfu-decay-time minute");
        assertTrue(call("OBJECT", "IDLETIME", "k").startsWith("ERR An LFU maxmemory policy is selected"));
    }

    @Test
    void refcountReportsSharedSmallIntegers() {
        call("SET", "small", "42");
        call("SET", "big", "10000");
        call("SET", "text", "hello");
        assertEquals(Integer.MAX_VALUE, integer("OBJECT", "REFCOUNT", "small"));
        assertEquals(1, integer("OBJECT", "REFCOUNT", "big"));
        assertEquals(1, integer("OBJECT", "REFCOUNT", "text"));
        assertEquals("int", call("OBJECT", "ENCODING", "big"));
        assertEquals("embstr", call("OBJECT", "ENCODING", "text"));
        call("SET", "long", "x".repeat(45));
        assertEquals("raw", call("OBJECT", "ENCODING", "long"));
        assertEquals(new Reply.Bulk(null), s.call("OBJECT", "REFCOUNT", "nokey"));
    }

    @Test
    void scanIteratesEveryKeyWithMatchAndType() {
        for (int i = 0; i < 500; i++) call("SET", "key:" + i, "v");
        call("SET", "other", "v");
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<Reply> reply = s.call("SCAN", cursor, "MATCH", "key:*", "COUNT", "7", "TYPE", "string").elements();
            cursor = reply.get(0).text();
            for (Reply k : reply.get(1).elements()) seen.add(k.text());
            calls++;
        } while (!cursor.equals("0"));
        assertEquals(500, seen.size());
        assertTrue(calls > 10, "COUNT bounds each call");
        assertEquals(List.of(), s.call("SCAN", "0", "COUNT", "1000", "TYPE", "list").elements().get(1).elements());
        assertEquals("ERR invalid cursor", call("SCAN", "-"));
    }

    @Test
    void keysAndRandomKeyIgnoreExpiredKeys() {
        call("SET", "live", "v");
        for (int i = 0; i < 100; i++) {
            call("SET", "gone:" + i, "v");
            call("PEXPIRE", "gone:" + i, "10");
        }
        advance(10);
        assertEquals(List.of(new Reply.Bulk("live".getBytes())), s.call("KEYS", "*").elements());
        assertEquals("live", call("RANDOMKEY"));
        call("DEL", "live");
        assertEquals(new Reply.Bulk(null), s.call("RANDOMKEY"));
    }
}
