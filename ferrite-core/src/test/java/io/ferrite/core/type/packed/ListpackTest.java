package io.ferrite.core.type.packed;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListpackTest {

    private static byte[] value(Random random) {
        // Lengths around the one- and two-byte varint boundaries (127/128, 16383/16384).
        int[] lengths = {0, 1, 5, 126, 127, 128, 200, 16382, 16383, 16384};
        byte[] b = new byte[lengths[random.nextInt(lengths.length)]];
        random.nextBytes(b);
        return b;
    }

    private static void assertSame(List<byte[]> model, Listpack lp) {
        assertEquals(model.size(), lp.size());
        int off = lp.head();
        for (byte[] expected : model) {
            assertArrayEquals(expected, lp.get(off));
            assertTrue(lp.equalsAt(off, expected));
            off = lp.next(off);
        }
        assertEquals(lp.end(), off);
        for (int i = model.size() - 1; i >= 0; i--) {
            off = lp.prev(off);
            assertArrayEquals(model.get(i), lp.get(off));
        }
        assertEquals(lp.head(), off);
    }

    @Test
    void randomEditsMatchAnArrayListWalkingBothWays() {
        Random random = new Random(42);
        Listpack lp = new Listpack();
        List<byte[]> model = new ArrayList<>();
        for (int step = 0; step < 1500; step++) {
            int op = random.nextInt(4);
            if (op <= 1 || model.isEmpty()) {
                int index = random.nextInt(model.size() + 1);
                byte[] v = value(random);
                lp.insert(lp.offsetOf(index), v);
                model.add(index, v);
            } else if (op == 2) {
                int index = random.nextInt(model.size());
                byte[] v = value(random);
                lp.replace(lp.offsetOf(index), v);
                model.set(index, v);
            } else {
                int index = random.nextInt(model.size());
                int n = 1 + random.nextInt(Math.min(3, model.size() - index));
                lp.delete(lp.offsetOf(index), n);
                model.subList(index, index + n).clear();
            }
            int probe = random.nextInt(model.size() + 1);
            if (probe < model.size()) assertArrayEquals(model.get(probe), lp.get(lp.offsetOf(probe)));
            if (step % 50 == 0) assertSame(model, lp);
        }
        assertSame(model, lp);
        Listpack copy = lp.copy();
        assertSame(model, copy);
    }

    @Test
    void estimatesRedisListpackBytes() {
        Listpack lp = new Listpack();
        assertEquals(7, lp.redisBytes());
        lp.insert(lp.end(), "5".getBytes(StandardCharsets.US_ASCII));        // 7-bit uint: 1 + backlen 1
        lp.insert(lp.end(), "1000".getBytes(StandardCharsets.US_ASCII));     // 13-bit int: 2 + 1
        lp.insert(lp.end(), "hello".getBytes(StandardCharsets.US_ASCII));    // 6-bit string: 1 + 5 + 1
        lp.insert(lp.end(), "007".getBytes(StandardCharsets.US_ASCII));      // not canonical: a string, 1 + 3 + 1
        assertEquals(7 + 2 + 3 + 7 + 5, lp.redisBytes());
        byte[] big = new byte[100];
        Arrays.fill(big, (byte) 'x');
        lp.replace(lp.head(), big);                                          // 12-bit string: 2 + 100 + 1
        assertEquals(7 + 103 + 3 + 7 + 5, lp.redisBytes());
        lp.delete(lp.head(), 4);
        assertEquals(7, lp.redisBytes());
    }

    @Test
    void dequeEditsUseTheFreeSpaceOnBothSidesAndReturnedOffsetsStayValid() {
        Random random = new Random(7);
        Listpack lp = new Listpack();
        List<byte[]> model = new ArrayList<>();
        for (int step = 0; step < 4000; step++) {
            byte[] v = value(random);
            if (v.length > 200) v = Arrays.copyOf(v, 3);
            int op = random.nextInt(model.isEmpty() ? 2 : 6);
            switch (op) {
                case 0 -> { lp.insert(lp.head(), v); model.add(0, v); }
                case 1 -> { lp.insert(lp.end(), v); model.add(v); }
                case 2 -> {
                    int after = lp.delete(lp.head(), 1);
                    model.remove(0);
                    assertEquals(lp.head(), after);
                }
                case 3 -> {
                    int after = lp.delete(lp.prev(lp.end()), 1);
                    model.remove(model.size() - 1);
                    assertEquals(lp.end(), after);
                }
                case 4 -> {
                    int index = random.nextInt(model.size());
                    int after = lp.delete(lp.offsetOf(index), 1);
                    model.remove(index);
                    if (index < model.size()) assertArrayEquals(model.get(index), lp.get(after));
                    else assertEquals(lp.end(), after);
                }
                default -> {
                    int index = random.nextInt(model.size());
                    int at = lp.replace(lp.offsetOf(index), v);
                    model.set(index, v);
                    assertArrayEquals(v, lp.get(at));
                }
            }
            if (step % 100 == 0) assertSame(model, lp);
        }
        assertSame(model, lp);
        lp.trim();
        assertSame(model, lp);
        assertEquals(0, lp.deleteMatching("nothing".getBytes(StandardCharsets.US_ASCII), 0, false));
    }
}
