package io.ferrite.core.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardTableTest {

    private static byte[] key(int i) {
        return ("k" + i).getBytes(StandardCharsets.US_ASCII);
    }

    /** Every entry is found, and lies in the run of occupied slots that starts at its home slot. */
    private static void assertConsistent(ShardTable t, Map<String, Integer> expected) {
        int mask = t.capacity() - 1;
        int occupied = 0;
        for (int i = 0; i < t.capacity(); i++) {
            if (!t.occupied(i)) continue;
            occupied++;
            for (int j = t.hashAt(i) & mask; j != i; j = (j + 1) & mask) {
                assertTrue(t.occupied(j), "gap between home and slot " + i);
            }
        }
        assertEquals(expected.size(), occupied);
        assertEquals(expected.size(), t.size);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.US_ASCII);
            int slot = t.find(k, e.getValue());
            assertTrue(slot >= 0, "lost " + e.getKey());
            assertEquals(e.getKey(), new String((byte[]) t.value(slot), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void backwardShiftKeepsCollidingRunsReachable() {
        ShardTable t = new ShardTable(new LongAdder());
        Map<String, Integer> live = new HashMap<>();
        // Few distinct hashes: long runs of collisions, wrapping around the end of the table.
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            int hash = random.nextInt(4) * 16 + 13;
            t.insert(key(i), hash, key(i));
            live.put("k" + i, hash);
        }
        assertConsistent(t, live);
        for (int i = 0; i < 40; i += 3) {
            int slot = t.find(key(i), live.get("k" + i));
            t.removeAt(slot);
            live.remove("k" + i);
            assertConsistent(t, live);
        }
    }

    @Test
    void removalAtTheEndOfTheTableShiftsWrappedEntriesBack() {
        ShardTable t = new ShardTable(new LongAdder());
        int cap = t.capacity();
        // Three keys homed at the last slot: they occupy the last slot, then slots 0 and 1.
        for (int i = 0; i < 3; i++) t.insert(key(i), cap - 1, key(i));
        t.removeAt(cap - 1);
        Map<String, Integer> live = Map.of("k1", cap - 1, "k2", cap - 1);
        assertConsistent(t, live);
        assertEquals(cap - 1, t.find(key(1), cap - 1));
        assertEquals(0, t.find(key(2), cap - 1));
    }

    @Test
    void growsPastThreeQuartersAndShrinksBelowATenth() {
        ShardTable t = new ShardTable(new LongAdder());
        Map<String, Integer> live = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            t.insert(key(i), i * 0x9E3779B9, key(i));
            live.put("k" + i, i * 0x9E3779B9);
            assertTrue(t.size * 4 <= t.capacity() * 3);
        }
        assertEquals(2048, t.capacity());
        assertConsistent(t, live);
        for (int i = 0; i < 995; i++) {
            t.removeAt(t.find(key(i), i * 0x9E3779B9));
            live.remove("k" + i);
        }
        assertConsistent(t, live);
        assertTrue(t.capacity() <= 64, "capacity " + t.capacity());
        for (int i = 995; i < 1000; i++) t.removeAt(t.find(key(i), i * 0x9E3779B9));
        assertEquals(4, t.capacity());
        assertEquals(0, t.size);
    }

    @Test
    void expiryIndexTracksVolatileKeysThroughShiftsAndResizes() {
        ShardTable t = new ShardTable(new LongAdder());
        for (int i = 0; i < 100; i++) {
            int slot = t.insert(key(i), i * 31, key(i));
            if (i % 2 == 0) t.setExpire(slot, 1000 + i);
        }
        assertEquals(50, t.volatileCount);
        for (int i = 0; i < 100; i += 4) t.removeAt(t.find(key(i), i * 31));
        assertEquals(25, t.volatileCount);
        for (int i = 2; i < 100; i += 4) assertEquals(1000 + i, t.expireAt(t.find(key(i), i * 31)));
        for (int i = 1; i < 100; i += 2) assertEquals(0, t.expireAt(t.find(key(i), i * 31)));
        int slot = t.find(key(2), 62);
        t.setExpire(slot, 0);
        assertEquals(24, t.volatileCount);
    }

    @Test
    void expireWalkDeletesDueKeysOnlyAndResumesWhereItStopped() {
        ShardTable t = new ShardTable(new LongAdder());
        for (int i = 0; i < 200; i++) {
            int slot = t.insert(key(i), i * 0x61C88647, key(i));
            t.setExpire(slot, i < 150 ? 500 : 5000);
        }
        int total = 0;
        while (t.volatileCount > 50) {
            int n = t.expireWalk(1000, 16, (table, s) -> table.removeAt(s));
            assertTrue(n <= 16);
            total += n;
            assertTrue(total < 10_000, "walk makes no progress");
        }
        assertEquals(50, t.size);
        for (int i = 150; i < 200; i++) assertTrue(t.find(key(i), i * 0x61C88647) >= 0);
        t.expireWalk(1000, 1000, (table, s) -> table.removeAt(s));
        assertEquals(50, t.size, "keys not yet due stay");
    }

    /**
     * The SCAN guarantee: a key present from the first to the last call is returned, although the table grows and
     * shrinks between calls.
     */
    @Test
    void scanReturnsEveryStableKeyWhileTheTableResizesBetweenCalls() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            ShardTable t = new ShardTable(new LongAdder());
            Set<Integer> stable = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                t.insert(key(i), hash(i), key(i));
                stable.add(i);
            }
            int transientNext = 100_000;
            List<Integer> transients = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            int cursor = 0;
            int steps = 0;
            do {
                cursor = t.scan(cursor, slot -> seen.add(Integer.parseInt(
                        new String(t.key(slot), StandardCharsets.US_ASCII).substring(1))));
                // Between calls: grow (many inserts) or shrink (delete the transient keys) at random.
                if (random.nextBoolean()) {
                    int n = random.nextInt(400);
                    for (int i = 0; i < n; i++) {
                        int k = transientNext++;
                        t.insert(key(k), hash(k), key(k));
                        transients.add(k);
                    }
                } else {
                    for (int k : transients) t.removeAt(t.find(key(k), hash(k)));
                    transients.clear();
                }
                steps++;
            } while (cursor != 0 && steps < 100_000);
            assertEquals(0, cursor);
            for (int k : stable) assertTrue(seen.contains(k), "round " + round + " missed k" + k);
        }
    }

    @Test
    void scanOfAnUnchangedTableVisitsEachKeyOnce() {
        ShardTable t = new ShardTable(new LongAdder());
        for (int i = 0; i < 300; i++) t.insert(key(i), hash(i), key(i));
        Map<Integer, Integer> visits = new HashMap<>();
        int cursor = 0;
        do {
            cursor = t.scan(cursor, slot -> visits.merge(Integer.parseInt(
                    new String(t.key(slot), StandardCharsets.US_ASCII).substring(1)), 1, Integer::sum));
        } while (cursor != 0);
        assertEquals(300, visits.size());
        assertFalse(visits.values().stream().anyMatch(v -> v != 1));
    }

    private static int hash(int i) {
        return Keyspace.hash(key(i));
    }
}
