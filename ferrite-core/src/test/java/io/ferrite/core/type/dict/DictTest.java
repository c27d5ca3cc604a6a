package io.ferrite.core.type.dict;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DictTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, Integer> contents(Dict<Integer> d) {
        Map<String, Integer> m = new HashMap<>();
        d.forEach((k, v) -> m.put(new String(k, StandardCharsets.US_ASCII), v));
        return m;
    }

    @Test
    void behavesAsAMapThroughGrowthAndShrinking() {
        Dict<Integer> d = new Dict<>();
        Map<String, Integer> model = new HashMap<>();
        Random r = new Random(7);
        for (int step = 0; step < 200_000; step++) {
            // Grow to a few thousand members, then drain, then grow again: every resize path runs.
            int phase = (step / 25_000) % 2;
            String k = "member:" + r.nextInt(phase == 0 ? 5_000 : 50);
            switch (r.nextInt(4)) {
                case 0 -> assertEquals(model.putIfAbsent(k, step) == null, d.add(b(k), step), k);
                case 1 -> assertEquals(model.put(k, step), d.put(b(k), step), k);
                case 2 -> assertEquals(model.remove(k), d.remove(b(k)), k);
                default -> {
                    assertEquals(model.containsKey(k), d.contains(b(k)), k);
                    assertEquals(model.get(k), d.get(b(k)), k);
                }
            }
            assertEquals(model.size(), d.size());
        }
        assertEquals(model, contents(d));
    }

    @Test
    void membersWithoutValuesNeedNoValueArray() {
        Dict<Void> d = new Dict<>();
        long empty = d.heapBytes();
        assertTrue(d.add(b("a"), null));
        assertFalse(d.add(b("a"), null));
        assertEquals(empty, d.heapBytes());
        assertTrue(d.contains(b("a")));
        assertNull(d.get(b("a")));
        assertTrue(d.delete(b("a")));
        assertFalse(d.delete(b("a")));
        assertEquals(0, d.size());
    }

    @Test
    void scanReturnsEveryMemberPresentThroughoutDespiteResizes() {
        SplittableRandom r = new SplittableRandom(11);
        for (int round = 0; round < 20; round++) {
            Dict<Void> d = new Dict<>();
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                stable.add("stable:" + i);
                d.add(b("stable:" + i), null);
            }
            Set<String> seen = new HashSet<>();
            List<String> transients = new ArrayList<>();
            long cursor = 0;
            do {
                cursor = d.scan(cursor, (k, none) -> seen.add(new String(k, StandardCharsets.US_ASCII)));
                // Between calls: grow (many inserts) or shrink (delete the transient members) at random.
                if (r.nextBoolean()) {
                    for (int i = 0; i < 500; i++) {
                        String t = "t:" + round + ":" + transients.size();
                        transients.add(t);
                        d.add(b(t), null);
                    }
                } else {
                    for (String t : transients) d.delete(b(t));
                    transients.clear();
                }
            } while (cursor != 0);
            for (String s : stable) assertTrue(seen.contains(s), "missed " + s + " in round " + round);
        }
    }

    @Test
    void aTableSizedFarAheadForFewMembersStillReturnsThem() {
        Dict<Void> d = new Dict<>(1 << 20);
        d.add(b("only"), null);
        Random r = new Random(5);
        for (int i = 0; i < 1000; i++) assertEquals("only", new String(d.randomKey(r), StandardCharsets.US_ASCII));
    }

    @Test
    void randomKeysAreUniform() {
        Dict<Void> d = new Dict<>();
        for (int i = 0; i < 10; i++) d.add(b("m" + i), null);
        // Shrink from a large table to leave long empty runs: a forward scan to the next occupied slot would favour
        // the members after them; drawing slots until one is occupied does not.
        for (int i = 0; i < 1000; i++) d.add(b("x" + i), null);
        for (int i = 0; i < 1000; i++) d.delete(b("x" + i));
        Map<String, Integer> counts = new HashMap<>();
        Random r = new Random(3);
        int draws = 100_000;
        for (int i = 0; i < draws; i++) counts.merge(new String(d.randomKey(r), StandardCharsets.US_ASCII), 1, Integer::sum);
        assertEquals(10, counts.size());
        for (int c : counts.values()) assertTrue(Math.abs(c - draws / 10) < draws / 10 * 0.1, counts.toString());
    }
}
