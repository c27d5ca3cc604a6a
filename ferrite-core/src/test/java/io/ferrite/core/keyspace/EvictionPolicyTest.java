package io.ferrite.core.keyspace;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Which keys each maxmemory-policy evicts and which it keeps, and that evicted_keys counts exactly those. */
class EvictionPolicyTest {
    private static Ferrite engine(EvictionPolicy policy, EvictionTest.ManualTicker ticker) {
        return Ferrite.newBuilder().activeExpiry(false).ticker(ticker).evictionPolicy(policy).build();
    }

    /** Keys of one width, so every entry costs the same and evicting one makes room for exactly one. */
    private static String name(String prefix, int i) {
        return prefix + String.format("%05d", i);
    }

    /** How many of {@code prefix + from .. to-1} exist, looked up without touching their access stamps. */
    private static int surviving(Ferrite f, String prefix, int from, int to) {
        long now = f.ticker().currentTimeMillis();
        int n = 0;
        for (int i = from; i < to; i++) {
            if (f.keyspace().db(0).exists(name(prefix, i).getBytes(java.nio.charset.StandardCharsets.UTF_8), now)) n++;
        }
        return n;
    }

    /** Writes {@code count} keys under the current bound, checking after each that it holds within one entry. */
    private static void writeUnderBound(Ferrite f, Session s, String prefix, int count, String... options) {
        long limit = f.config().maxmemory;
        for (int i = 0; i < count; i++) {
            List<String> argv = new ArrayList<>(List.of("SET", name(prefix, i), "v"));
            argv.addAll(List.of(options));
            assertEquals("OK", s.call(argv.toArray(String[]::new)).text());
            // One new entry plus the growth of its shard's table may exceed the bound until the next command.
            assertTrue(f.keyspace().usedMemory() <= limit + 4096, "over the bound: " + (f.keyspace().usedMemory() - limit));
        }
    }

    // In these tests a part of the keyspace is filler that the policy should prefer to evict: with sampling, a
    // policy can only keep the hot keys while samples still find colder ones (Redis behaves the same).

    @Test
    void allkeysLfuKeepsFrequentlyReadKeys() {
        EvictionTest.ManualTicker ticker = new EvictionTest.ManualTicker();
        try (Ferrite f = engine(EvictionPolicy.ALLKEYS_LFU, ticker)) {
            Session s = f.newSession();
            for (int i = 0; i < 1000; i++) s.call("SET", name("hot:", i), "v");
            for (int round = 0; round < 20; round++) for (int i = 0; i < 1000; i++) s.call("GET", name("hot:", i));
            for (int i = 0; i < 3000; i++) s.call("SET", name("fil:", i), "v");
            f.config().maxmemory = f.keyspace().usedMemory();
            writeUnderBound(f, s, "cld:", 5000);
            assertTrue(surviving(f, "hot:", 0, 1000) >= 990, "frequently read keys were evicted: " + surviving(f, "hot:", 0, 1000) + "");
            assertTrue(f.keyspace().evictedKeys.sum() >= 4900);
        }
    }

    @Test
    void volatileLfuKeepsFrequentlyReadKeysAndNeverEvictsPersistentOnes() {
        EvictionTest.ManualTicker ticker = new EvictionTest.ManualTicker();
        try (Ferrite f = engine(EvictionPolicy.VOLATILE_LFU, ticker)) {
            Session s = f.newSession();
            for (int i = 0; i < 500; i++) s.call("SET", name("per:", i), "v");
            for (int i = 0; i < 500; i++) s.call("SET", name("hot:", i), "v", "EX", "100000");
            for (int round = 0; round < 20; round++) for (int i = 0; i < 500; i++) s.call("GET", name("hot:", i));
            for (int i = 0; i < 1500; i++) s.call("SET", name("fil:", i), "v", "EX", "100000");
            f.config().maxmemory = f.keyspace().usedMemory();
            writeUnderBound(f, s, "cld:", 3000, "EX", "100000");
            assertEquals(500, surviving(f, "per:", 0, 500));
            assertTrue(surviving(f, "hot:", 0, 500) >= 495, "frequently read keys were evicted: " + surviving(f, "hot:", 0, 500));
        }
    }

    @Test
    void volatileLruKeepsRecentlyReadKeysAndNeverEvictsPersistentOnes() {
        EvictionTest.ManualTicker ticker = new EvictionTest.ManualTicker();
        try (Ferrite f = engine(EvictionPolicy.VOLATILE_LRU, ticker)) {
            Session s = f.newSession();
            for (int i = 0; i < 500; i++) s.call("SET", name("per:", i), "v");
            for (int i = 0; i < 500; i++) s.call("SET", name("rec:", i), "v", "EX", "100000");
            for (int i = 0; i < 1500; i++) s.call("SET", name("fil:", i), "v", "EX", "100000");
            f.config().maxmemory = f.keyspace().usedMemory();
            for (int round = 0; round < 10; round++) {
                ticker.millis.addAndGet(10_000);
                for (int i = 0; i < 500; i++) s.call("GET", name("rec:", i));
                writeUnderBound(f, s, "ol" + round + ":", 200, "EX", "100000");
            }
            assertEquals(500, surviving(f, "per:", 0, 500));
            assertTrue(surviving(f, "rec:", 0, 500) >= 495, "recently read keys were evicted: " + surviving(f, "rec:", 0, 500));
        }
    }

    @Test
    void volatileTtlEvictsTheSoonestExpiringFirst() {
        EvictionTest.ManualTicker ticker = new EvictionTest.ManualTicker();
        try (Ferrite f = engine(EvictionPolicy.VOLATILE_TTL, ticker)) {
            Session s = f.newSession();
            // Deadlines in a shuffled order, so that insertion order cannot pass for TTL order.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 2000; i++) order.add(i);
            java.util.Collections.shuffle(order, new java.util.Random(7));
            for (int i : order) s.call("SET", name("k:", i), "v", "PX", Long.toString(1_000_000 + i * 1000L));
            for (int i = 0; i < 100; i++) s.call("SET", name("per:", i), "v");
            // Random victims would leave about 320 of the 400 soonest-expiring keys; sampling leaves far fewer.
            // Each k:N entry is one 24-byte array (key and inline value): ask for about 400 of them to go.
            f.config().maxmemory = f.keyspace().usedMemory() - 400 * Sizes.array("k:01999v".length());
            s.call("SET", "trigger", "v");
            long evicted = f.keyspace().evictedKeys.sum();
            assertTrue(evicted >= 300 && evicted <= 401, "evicted " + evicted);
            assertEquals(100, surviving(f, "per:", 0, 100));
            assertTrue(surviving(f, "k:", 1000, 2000) >= 990, "keys of the later-expiring half were evicted");
            assertTrue(surviving(f, "k:", 0, 400) < 220, "the soonest-expiring keys were not the ones evicted: " + surviving(f, "k:", 0, 400));
        }
    }

    @Test
    void allkeysRandomEvictsOldAndNewKeysAlikeWithinTheBound() {
        EvictionTest.ManualTicker ticker = new EvictionTest.ManualTicker();
        try (Ferrite f = engine(EvictionPolicy.ALLKEYS_RANDOM, ticker)) {
            Session s = f.newSession();
            for (int i = 0; i < 2000; i++) s.call("SET", name("old:", i), "v");
            f.config().maxmemory = f.keyspace().usedMemory();
            writeUnderBound(f, s, "new:", 2000);
            int oldLeft = surviving(f, "old:", 0, 2000);
            int newLeft = surviving(f, "new:", 0, 2000);
            // Random victims: about 2000 * e^-1 old keys survive 2000 replacements; new ones survive more often.
            assertTrue(oldLeft > 400 && oldLeft < 1100, "old keys left: " + oldLeft);
            assertTrue(newLeft > oldLeft, "new keys left: " + newLeft);
            assertEquals(4000 - f.keyspace().evictedKeys.sum(), oldLeft + newLeft);
        }
    }

    @Test
    void volatileRandomEvictsOnlyKeysWithATtlWithinTheBound() {
        EvictionTest.ManualTicker ticker = new EvictionTest.ManualTicker();
        try (Ferrite f = engine(EvictionPolicy.VOLATILE_RANDOM, ticker)) {
            Session s = f.newSession();
            for (int i = 0; i < 1000; i++) s.call("SET", name("per:", i), "v");
            for (int i = 0; i < 1000; i++) s.call("SET", name("old:", i), "v", "EX", "100000");
            f.config().maxmemory = f.keyspace().usedMemory();
            writeUnderBound(f, s, "new:", 800, "EX", "100000");
            assertEquals(1000, surviving(f, "per:", 0, 1000));
            int oldLeft = surviving(f, "old:", 0, 1000);
            assertTrue(oldLeft > 200 && oldLeft < 800, "old volatile keys left: " + oldLeft);
        }
    }

    @Test
    void volatilePolicyWithNothingToEvictRefusesWrites() {
        EvictionTest.ManualTicker ticker = new EvictionTest.ManualTicker();
        try (Ferrite f = engine(EvictionPolicy.VOLATILE_LRU, ticker)) {
            Session s = f.newSession();
            for (int i = 0; i < 100; i++) s.call("SET", name("per:", i), "v");
            f.config().maxmemory = f.keyspace().usedMemory() - 1;
            assertEquals("OOM command not allowed when used memory > 'maxmemory'.", s.call("SET", "x", "y").text());
            assertEquals(100, f.keyspace().db(0).size());
            assertEquals(0, f.keyspace().evictedKeys.sum());
        }
    }

    @ParameterizedTest
    @EnumSource(value = EvictionPolicy.class, names = "NOEVICTION", mode = EnumSource.Mode.EXCLUDE)
    void evictedKeysCountsExactlyTheKeysThatWentAndMemoryTracksWhatIsLeft(EvictionPolicy policy) {
        EvictionTest.ManualTicker ticker = new EvictionTest.ManualTicker();
        try (Ferrite f = engine(policy, ticker)) {
            Session s = f.newSession();
            f.config().maxmemory = f.keyspace().usedMemory() + 64 * 1024;
            int written = 5000;
            // Mixed sizes, inline and not, all volatile so that every policy has candidates.
            for (int i = 0; i < written; i++) {
                String value = i % 3 == 0 ? "x".repeat(100) : "v" + i;
                s.call("SET", name("key:", i), value, "EX", Integer.toString(100_000 + i));
                if (i % 7 == 0) s.call("GET", name("key:", i / 2));
            }
            long evicted = f.keyspace().evictedKeys.sum();
            assertTrue(evicted > 0);
            assertEquals(written - evicted, f.keyspace().db(0).size());
            assertEquals(written - evicted, surviving(f, "key:", 0, written));
            // Once what is left is deleted, used_memory is the tables alone, to the byte. (Lift the bound first:
            // every command, DEL included, evicts while memory is over it, as in Redis.)
            f.config().maxmemory = 0;
            for (int i = 0; i < written; i++) s.call("DEL", name("key:", i));
            long tables = 0;
            for (int db = 0; db < f.keyspace().databases(); db++) tables += f.keyspace().db(db).tableBytes();
            assertEquals(tables, f.keyspace().usedMemory());
            assertEquals(evicted, f.keyspace().evictedKeys.sum());
        }
    }
}
