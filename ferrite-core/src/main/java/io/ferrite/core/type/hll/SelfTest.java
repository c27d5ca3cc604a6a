package io.ferrite.core.type.hll;

import io.ferrite.core.keyspace.RawString;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * PFSELFTEST's checks: the dense register packing round-trips every value at every position, and the same elements
 * added to a sparse HLL (promoted to dense along the way) and to a dense one give the same registers and the same
 * estimate, within six standard errors of the true count. Fast enough to run on a command thread (a few ms).
 */
final class SelfTest {
    private SelfTest() {}

    private static final int ELEMENTS = 20_000;

    /** Null if every check passed, else what failed. */
    static String run() {
        SplittableRandom random = new SplittableRandom(0x5eed);
        byte[] dense = new byte[Hll.DENSE_SIZE];
        byte[] expected = new byte[Hll.REGISTERS];
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < Hll.REGISTERS; i++) {
                expected[i] = (byte) random.nextInt(Hll.REGISTER_MAX + 1);
                Hll.densePut(dense, i, expected[i]);
            }
            for (int i = 0; i < Hll.REGISTERS; i++) {
                if (Hll.denseGet(dense, i) != expected[i]) return "Register error at " + i;
            }
        }

        RawString sparse = RawString.owning(Hll.create());
        RawString full = RawString.owning(Hll.create());
        Hll.toDense(full);
        double relativeError = 1.04 / Math.sqrt(Hll.REGISTERS);
        long checkpoint = 10;
        for (int n = 1; n <= ELEMENTS; n++) {
            byte[] element = (n + ":" + random.nextInt()).getBytes(StandardCharsets.US_ASCII);
            if (Hll.add(sparse, element, 3000) != Hll.add(full, element, 3000)) return "Sparse and dense disagree at " + n;
            if (n != checkpoint) continue;
            checkpoint *= 10;
            long a = Hll.count(sparse.buffer(), sparse.length());
            long b = Hll.count(full.buffer(), full.length());
            if (a != b) return "Sparse and dense estimates differ after " + n + " elements: " + a + " vs " + b;
            double allowed = Math.max(1, 6 * relativeError * n);
            if (Math.abs(b - n) > allowed) return "Estimate " + b + " for " + n + " elements is too far off";
        }
        return null;
    }
}
