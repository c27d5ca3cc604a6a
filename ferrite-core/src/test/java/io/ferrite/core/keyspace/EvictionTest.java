package io.ferrite.core.keyspace;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import io.ferrite.core.Ticker;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class EvictionTest {
    static final class ManualTicker implements Ticker {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
        @Override public long currentTimeMillis() { return millis.get(); }
        @Override public long nanoTime() { return millis.get() * 1_000_000; }
    }

    private static Ferrite engine(EvictionPolicy policy, long maxmemory, Ticker ticker) {
        return Ferrite.newBuilder().activeExpiry(false).ticker(ticker)
                .configure(c -> { c.maxmemoryPolicy = policy; c.maxmemory = maxmemory; }).build();
    }

    @Test
    void usedMemoryReturnsToItsBaselineWhenKeysAreDeleted() {
        try (Ferrite f = engine(EvictionPolicy.NOEVICTION, 0, Ticker.SYSTEM)) {
            Session s = f.newSession();
            long base = f.keyspace().usedMemory();
            for (int i = 0; i < 10_000; i++) s.call("SET", "key:" + i, "value:" + i);
            long loaded = f.keyspace().usedMemory();
            assertTrue(loaded - base > 10_000 * 48, "at least key and value arrays per key: " + (loaded - base));
            for (int i = 0; i < 10_000; i++) s.call("DEL", "key:" + i);
            assertEquals(base, f.keyspace().usedMemory());
        }
    }

    @Test
    void noevictionRefusesDenyoomCommandsOverTheLimitButServesReadsAndDeletes() {
        try (Ferrite f = engine(EvictionPolicy.NOEVICTION, 0, Ticker.SYSTEM)) {
            Session s = f.newSession();
            for (int i = 0; i < 1000; i++) s.call("SET", "key:" + i, "value:" + i);
            f.config().maxmemory = f.keyspace().usedMemory() / 2;
            assertEquals("OOM command not allowed when used memory > 'maxmemory'.", s.call("SET", "x", "y").text());
            assertEquals("value:1", s.call("GET", "key:1").text());
            assertEquals(1, s.call("DEL", "key:1").asLong());
        }
    }

    @Test
    void allkeysLruKeepsRecentlyReadKeysAndStaysUnderTheBound() {
        ManualTicker ticker = new ManualTicker();
        try (Ferrite f = engine(EvictionPolicy.ALLKEYS_LRU, 0, ticker)) {
            Session s = f.newSession();
            for (int i = 0; i < 2000; i++) s.call("SET", "hot:" + i, "v");
            long limit = f.keyspace().usedMemory() * 2;
            f.config().maxmemory = limit;
            for (int round = 0; round < 50; round++) {
                ticker.millis.addAndGet(10_000);
                for (int i = 0; i < 2000; i++) s.call("GET", "hot:" + i);
                for (int i = 0; i < 400; i++) s.call("SET", "cold:" + round + ":" + i, "v");
            }
            assertTrue(f.keyspace().usedMemory() <= limit + 4096, "over the bound: " + f.keyspace().usedMemory());
            int hotLeft = 0;
            for (int i = 0; i < 2000; i++) if (s.call("GET", "hot:" + i).text() != null) hotLeft++;
            assertTrue(hotLeft > 1900, "recently read keys were evicted: " + hotLeft + " left");
            assertTrue(f.keyspace().evictedKeys.sum() > 10_000);
        }
    }

    @Test
    void volatilePoliciesEvictOnlyKeysWithATtl() {
        for (EvictionPolicy p : new EvictionPolicy[] {EvictionPolicy.VOLATILE_LRU, EvictionPolicy.VOLATILE_LFU,
                EvictionPolicy.VOLATILE_RANDOM, EvictionPolicy.VOLATILE_TTL}) {
            try (Ferrite f = engine(p, 0, Ticker.SYSTEM)) {
                Session s = f.newSession();
                for (int i = 0; i < 500; i++) s.call("SET", "persistent:" + i, "v");
                for (int i = 0; i < 500; i++) s.call("SET", "volatile:" + i, "v");
                long now = System.currentTimeMillis();
                f.keyspace().lockAll();
                try {
                    for (int i = 0; i < 500; i++) {
                        byte[] key = ("volatile:" + i).getBytes();
                        f.keyspace().db(0).setExpireAt(key, now + 1_000_000 + i, now);
                    }
                } finally {
                    f.keyspace().unlockAll();
                }
                f.config().maxmemory = f.keyspace().usedMemory() - 1000;
                s.call("SET", "trigger", "v");
                for (int i = 0; i < 500; i++) assertEquals("v", s.call("GET", "persistent:" + i).text(), p + " evicted a persistent key");
                assertTrue(f.keyspace().evictedKeys.sum() > 0, p + " evicted nothing");
            }
        }
    }
}
