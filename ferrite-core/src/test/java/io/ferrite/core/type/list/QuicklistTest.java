package io.ferrite.core.type.list;

import io.ferrite.core.type.packed.Listpack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Quicklist} against an {@link ArrayList} under random edits, its invariants checked as it goes. */
class QuicklistTest {

    private static byte[] value(Random random) {
        int[] lengths = {0, 1, 3, 8, 40, 127, 128, 600};
        byte[] b = new byte[lengths[random.nextInt(lengths.length)]];
        for (int i = 0; i < b.length; i++) b[i] = (byte) ('a' + random.nextInt(3));
        return b;
    }

    private static void assertSame(List<byte[]> model, Quicklist q) {
        q.verify();
        assertEquals(model.size(), q.size());
        for (int i = 0; i < model.size(); i++) assertArrayEquals(model.get(i), q.get(i), "index " + i);
        for (int i = model.size() - 1; i >= 0; i -= 7) assertArrayEquals(model.get(i), q.get(i), "index " + i);
    }

    @ParameterizedTest(name = "fill {0}")
    @ValueSource(ints = {1, 2, 5, 64, -1, -2})
    void randomEditsMatchAnArrayList(int fill) {
        Random random = new Random(fill * 977L + 13);
        Listpack first = new Listpack();
        byte[] seed = "seed".getBytes(StandardCharsets.US_ASCII);
        first.insert(first.end(), seed);
        Quicklist q = new Quicklist(fill, first);
        List<byte[]> model = new ArrayList<>(List.of(seed));
        for (int step = 0; step < 20_000; step++) {
            int size = model.size();
            byte[] v = value(random);
            int op = random.nextInt(size < 50 ? 6 : 10);
            switch (op) {
                case 0, 1 -> { q.addFirst(v); model.add(0, v); }
                case 2, 3 -> { q.addLast(v); model.add(v); }
                case 4, 5 -> {
                    int index = random.nextInt(size + 1);
                    q.add(index, v);
                    model.add(index, v);
                }
                case 6 -> assertArrayEquals(model.remove(0), q.removeFirst());
                case 7 -> assertArrayEquals(model.remove(size - 1), q.removeLast());
                case 8 -> {
                    int index = random.nextInt(size);
                    if (random.nextBoolean()) {
                        assertArrayEquals(model.remove(index), q.remove(index));
                    } else {
                        q.set(index, v);
                        model.set(index, v);
                    }
                }
                default -> {
                    if (random.nextInt(8) == 0) {
                        int from = random.nextInt(size);
                        int to = from + random.nextInt(size - from);
                        q.retain(from, to);
                        List<byte[]> kept = new ArrayList<>(model.subList(from, to + 1));
                        model.clear();
                        model.addAll(kept);
                    } else {
                        int limit = random.nextInt(4);
                        boolean fromTail = random.nextBoolean();
                        int expected = 0;
                        if (!fromTail) {
                            for (int i = 0; i < model.size() && (limit == 0 || expected < limit); ) {
                                if (java.util.Arrays.equals(model.get(i), v)) { model.remove(i); expected++; } else i++;
                            }
                        } else {
                            for (int i = model.size() - 1; i >= 0 && (limit == 0 || expected < limit); i--) {
                                if (java.util.Arrays.equals(model.get(i), v)) { model.remove(i); expected++; }
                            }
                        }
                        assertEquals(expected, q.removeMatching(v, limit, fromTail));
                    }
                }
            }
            if (model.isEmpty()) { q.addLast(seed); model.add(seed); }
            if (step % 500 == 0) assertSame(model, q);
            int probe = random.nextInt(model.size());
            assertArrayEquals(model.get(probe), q.get(probe));
        }
        assertSame(model, q);
        Quicklist copy = q.copy();
        assertSame(model, copy);
        copy.addFirst(seed);
        assertSame(model, q);
    }
}
