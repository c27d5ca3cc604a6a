package io.ferrite.core.type.hll;

import io.ferrite.core.keyspace.RawString;

/**
 * Redis's HyperLogLog string layout, byte for byte, and the operations on it.
 *
 * <p>A 16-byte header: the magic {@code HYLL}, the encoding (0 dense, 1 sparse), three unused bytes and the cached
 * cardinality as a little-endian 64-bit integer whose top bit, when set, marks the cache stale. Then 16384 registers
 * of 6 bits: packed little-endian bit by bit (dense, 12288 bytes), or run-length encoded (sparse) with three opcodes:
 * {@code 00xxxxxx} a run of 1..64 zero registers, {@code 01xxxxxx yyyyyyyy} a run of 1..16384 zero registers, and
 * {@code 1vvvvvxx} a run of 1..4 registers holding 1..32. A sparse value converts one way to dense once a register
 * needs more than 32 or the value would outgrow {@code hll-sparse-max-bytes}.
 *
 * <p>Elements are hashed with MurmurHash64A (Redis's seed): the low 14 bits pick the register, the position of the
 * lowest set bit of the rest (capped at 51) is the candidate value. Cardinalities come from Otmar Ertl's improved
 * raw estimator over the register histogram, as Redis 7 computes them, so answers agree to the unit.
 *
 * <p>Not thread-safe: callers hold the key's shard lock. Arrays passed in are only read past {@code length} as zeros.
 */
final class Hll {
    private Hll() {}

    static final int P = 14;
    static final int Q = 64 - P;
    static final int REGISTERS = 1 << P;
    static final int REGISTER_MAX = 63;
    static final int HEADER = 16;
    static final int DENSE_SIZE = HEADER + (REGISTERS * 6 + 7) / 8;
    static final int DENSE = 0;
    static final int SPARSE = 1;

    private static final long SEED = 0xadc83b19L;
    private static final int VAL_MAX_VALUE = 32;
    private static final int VAL_MAX_LEN = 4;
    private static final int ZERO_MAX_LEN = 64;
    private static final int XZERO_MAX_LEN = 16384;
    private static final double ALPHA_INF = 0.721347520444481703680;

    // ---- the value as a whole --------------------------------------------------------------------------------

    /** A new HLL as Redis creates it: sparse, every register zero, cached cardinality 0 (valid). */
    static byte[] create() {
        byte[] b = new byte[HEADER + 2];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[4] = SPARSE;
        xzero(b, HEADER, REGISTERS);
        return b;
    }

    /** Whether the string looks like an HLL: header, magic, known encoding, and the exact dense size if dense. */
    static boolean isHll(byte[] b, int length) {
        if (length < HEADER) return false;
        if (b[0] != 'H' || b[1] != 'Y' || b[2] != 'L' || b[3] != 'L') return false;
        int encoding = b[4] & 0xff;
        if (encoding > SPARSE) return false;
        return encoding != DENSE || length == DENSE_SIZE;
    }

    static int encoding(byte[] b) {
        return b[4];
    }

    static boolean cacheValid(byte[] b) {
        return (b[15] & 0x80) == 0;
    }

    static void invalidateCache(byte[] b) {
        b[15] |= (byte) 0x80;
    }

    static long cachedCardinality(byte[] b) {
        long card = 0;
        for (int i = 7; i >= 0; i--) card = card << 8 | (b[8 + i] & 0xff);
        return card;
    }

    /** Stores {@code card} as the cached cardinality, which also marks the cache valid. */
    static void cacheCardinality(byte[] b, long card) {
        for (int i = 0; i < 8; i++) b[8 + i] = (byte) (card >>> (8 * i));
    }

    // ---- hashing ----------------------------------------------------------------------------------------------

    /** MurmurHash64A of {@code data}, 8-byte blocks read little-endian (as Redis does on every platform). */
    static long murmur64a(byte[] data, long seed) {
        final long m = 0xc6a4a7935bd1e995L;
        final int r = 47;
        int len = data.length;
        long h = seed ^ (len * m);
        int blocks = len & ~7;
        for (int i = 0; i < blocks; i += 8) {
            long k = 0;
            for (int j = 7; j >= 0; j--) k = k << 8 | (data[i + j] & 0xff);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h ^= k;
            h *= m;
        }
        int tail = len & 7;
        if (tail != 0) {
            for (int j = tail - 1; j >= 0; j--) h ^= (long) (data[blocks + j] & 0xff) << (8 * j);
            h *= m;
        }
        h ^= h >>> r;
        h *= m;
        h ^= h >>> r;
        return h;
    }

    /** The register {@code element} falls in (low 16 bits) and its candidate value (above them). */
    static int registerAndValue(byte[] element) {
        long hash = murmur64a(element, SEED);
        int index = (int) (hash & (REGISTERS - 1));
        long rest = (hash >>> P) | (1L << Q);
        int value = Long.numberOfTrailingZeros(rest) + 1;
        return value << 16 | index;
    }

    // ---- updates ----------------------------------------------------------------------------------------------

    /** Adds {@code element}: 1 if a register grew, 0 if not, -1 if the sparse encoding is corrupted. */
    static int add(RawString hll, byte[] element, long sparseMaxBytes) {
        int rv = registerAndValue(element);
        return set(hll, rv & 0xffff, rv >>> 16, sparseMaxBytes);
    }

    /** Raises register {@code index} to {@code value}: 1 if it grew, 0 if it was at least that, -1 if corrupted. */
    static int set(RawString hll, int index, int value, long sparseMaxBytes) {
        byte[] b = hll.buffer();
        if (encoding(b) == DENSE) return denseRaise(b, index, value) ? 1 : 0;
        return sparseSet(hll, index, value, sparseMaxBytes);
    }

    static int denseGet(byte[] b, int index) {
        int bit = index * 6;
        int at = HEADER + (bit >>> 3);
        int shift = bit & 7;
        int low = (b[at] & 0xff) >>> shift;
        int high = at + 1 < DENSE_SIZE ? (b[at + 1] & 0xff) << (8 - shift) : 0;
        return (low | high) & REGISTER_MAX;
    }

    static void densePut(byte[] b, int index, int value) {
        int bit = index * 6;
        int at = HEADER + (bit >>> 3);
        int shift = bit & 7;
        b[at] = (byte) ((b[at] & ~(REGISTER_MAX << shift)) | (value << shift));
        // A register starting in the low three bits of a byte fits in it; otherwise it spills into the next one.
        if (shift > 2) {
            int spill = 8 - shift;
            b[at + 1] = (byte) ((b[at + 1] & ~(REGISTER_MAX >>> spill)) | (value >>> spill));
        }
    }

    private static boolean denseRaise(byte[] b, int index, int value) {
        if (denseGet(b, index) >= value) return false;
        densePut(b, index, value);
        return true;
    }

    private static boolean isZero(int op) { return (op & 0xc0) == 0; }
    private static boolean isXzero(int op) { return (op & 0xc0) == 0x40; }
    private static boolean isVal(int op) { return (op & 0x80) != 0; }
    private static int zeroLength(int op) { return (op & 0x3f) + 1; }
    private static int valValue(int op) { return ((op >>> 2) & 0x1f) + 1; }
    private static int valLength(int op) { return (op & 0x3) + 1; }
    private static byte val(int value, int length) { return (byte) (0x80 | (value - 1) << 2 | (length - 1)); }

    /** The length of the XZERO opcode at {@code p}; its second byte reads as zero past {@code end}. */
    private static int xzeroLength(byte[] b, int p, int end) {
        int low = p + 1 < end ? b[p + 1] & 0xff : 0;
        return ((b[p] & 0x3f) << 8 | low) + 1;
    }

    private static void xzero(byte[] b, int p, int length) {
        b[p] = (byte) (0x40 | (length - 1) >>> 8);
        b[p + 1] = (byte) (length - 1);
    }

    /** Writes a ZERO or XZERO run of {@code length} at {@code p}; returns the bytes written. */
    private static int zeros(byte[] seq, int p, int length) {
        if (length > ZERO_MAX_LEN) {
            xzero(seq, p, length);
            return 2;
        }
        seq[p] = (byte) (length - 1);
        return 1;
    }

    /**
     * Redis's {@code hllSparseSet}: finds the opcode covering {@code index}, splits it into at most five opcodes
     * around the new value (in place, moving the tail), merges equal neighbouring VAL runs a few opcodes around,
     * and converts to dense when the value exceeds what VAL holds or the string would outgrow
     * {@code sparseMaxBytes}. The exact opcode sequence matters: it is what GET returns.
     */
    private static int sparseSet(RawString hll, int index, int value, long sparseMaxBytes) {
        if (value > VAL_MAX_VALUE) return promote(hll, index, value);
        byte[] b = hll.buffer();
        int end = hll.length();
        int p = HEADER;
        int prev = -1;
        long first = 0;
        long span = 0;
        while (p < end) {
            int op = b[p] & 0xff;
            int opLength = 1;
            if (isZero(op)) span = zeroLength(op);
            else if (isVal(op)) span = valLength(op);
            else {
                span = xzeroLength(b, p, end);
                opLength = 2;
            }
            if (index <= first + span - 1) break;
            prev = p;
            p += opLength;
            first += span;
        }
        if (span == 0 || p >= end) return -1;

        int op = b[p] & 0xff;
        int next = isXzero(op) ? p + 2 : p + 1;
        boolean hasNext = next < end;
        int runLength = isZero(op) ? zeroLength(op) : isVal(op) ? valLength(op) : xzeroLength(b, p, end);
        if (isVal(op)) {
            if (valValue(op) >= value) return 0;
            if (runLength == 1) {
                b[p] = val(value, 1);
                return mergeAround(hll, prev, end);
            }
        }
        if (isZero(op) && runLength == 1) {
            b[p] = val(value, 1);
            return mergeAround(hll, prev, end);
        }

        byte[] seq = new byte[5];
        int n = 0;
        int last = (int) (first + span - 1);
        int before = (int) (index - first);
        int after = last - index;
        if (isVal(op)) {
            int current = valValue(op);
            if (before > 0) seq[n++] = val(current, before);
            seq[n++] = val(value, 1);
            if (after > 0) seq[n++] = val(current, after);
        } else {
            if (before > 0) n += zeros(seq, n, before);
            seq[n++] = val(value, 1);
            if (after > 0) n += zeros(seq, n, after);
        }
        int delta = n - (isXzero(op) ? 2 : 1);
        if (delta > 0 && (long) end + delta > sparseMaxBytes) return promote(hll, index, value);
        if (delta > 0) {
            hll.growZero(end + delta);
            b = hll.buffer();
        }
        if (delta != 0 && hasNext) System.arraycopy(b, next, b, next + delta, end - next);
        if (delta < 0) hll.truncate(end + delta);
        System.arraycopy(seq, 0, b, p, n);
        return mergeAround(hll, prev, end + delta);
    }

    /**
     * Step four of Redis's sparse update: from the opcode before the changed one, up to five opcodes are visited and
     * adjacent VAL runs of the same value merged while their total length fits one VAL. Invalidates the cache.
     */
    private static int mergeAround(RawString hll, int prev, int end) {
        byte[] b = hll.buffer();
        int p = prev >= 0 ? prev : HEADER;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int op = b[p] & 0xff;
            if (isXzero(op)) {
                p += 2;
                continue;
            }
            if (isZero(op)) {
                p++;
                continue;
            }
            if (p + 1 < end && isVal(b[p + 1] & 0xff)) {
                int nextOp = b[p + 1] & 0xff;
                int length = valLength(op) + valLength(nextOp);
                if (valValue(op) == valValue(nextOp) && length <= VAL_MAX_LEN) {
                    b[p + 1] = val(valValue(op), length);
                    System.arraycopy(b, p + 1, b, p, end - p - 1);
                    end--;
                    hll.truncate(end);
                    continue;
                }
            }
            p++;
        }
        invalidateCache(b);
        return 1;
    }

    private static int promote(RawString hll, int index, int value) {
        if (!toDense(hll)) return -1;
        densePut(hll.buffer(), index, value);
        return 1;
    }

    /**
     * Converts a sparse HLL to dense in place (header, cached cardinality included, kept); true if done or already
     * dense, false if the sparse opcodes do not cover exactly the 16384 registers (corrupted).
     */
    static boolean toDense(RawString hll) {
        byte[] b = hll.buffer();
        if (encoding(b) == DENSE) return true;
        byte[] dense = new byte[DENSE_SIZE];
        System.arraycopy(b, 0, dense, 0, HEADER);
        dense[4] = DENSE;
        boolean whole = walkSparse(b, hll.length(), (index, run, value) -> {
            for (int i = 0; i < run && value != 0; i++) densePut(dense, index + i, value);
        });
        if (!whole) return false;
        hll.assign(dense);
        return true;
    }

    /** A run of {@code length} registers from {@code index} holding {@code value} (0 for ZERO and XZERO runs). */
    private interface RunVisitor {
        void run(int index, int length, int value);
    }

    /**
     * Walks the sparse opcodes of {@code b[HEADER, end)} in register order; false (possibly after visiting some
     * runs) if they do not cover exactly the 16384 registers, which means the HLL is corrupted.
     */
    private static boolean walkSparse(byte[] b, int end, RunVisitor visitor) {
        int index = 0;
        for (int p = HEADER; p < end; ) {
            int op = b[p] & 0xff;
            int run;
            int value = 0;
            if (isZero(op)) {
                run = zeroLength(op);
                p++;
            } else if (isXzero(op)) {
                run = xzeroLength(b, p, end);
                p += 2;
            } else {
                run = valLength(op);
                value = valValue(op);
                p++;
            }
            if (index + run > REGISTERS) return false;
            visitor.run(index, run, value);
            index += run;
        }
        return index == REGISTERS;
    }

    /**
     * Raises each of {@code max}'s registers (one byte each) to the HLL's; false if the sparse encoding does not
     * cover exactly the 16384 registers (corrupted).
     */
    static boolean mergeInto(byte[] max, byte[] b, int length) {
        if (encoding(b) == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                int v = denseGet(b, i);
                if (v > max[i]) max[i] = (byte) v;
            }
            return true;
        }
        return walkSparse(b, length, (index, run, v) -> {
            for (int i = index; i < index + run; i++) if (v > max[i]) max[i] = (byte) v;
        });
    }

    // ---- estimation -------------------------------------------------------------------------------------------

    /** The estimated cardinality of the HLL, or -1 if its sparse encoding is corrupted. */
    static long count(byte[] b, int length) {
        int[] histogram = new int[64];
        if (encoding(b) == DENSE) {
            for (int i = 0; i < REGISTERS; i++) histogram[denseGet(b, i)]++;
            return estimate(histogram);
        }
        boolean whole = walkSparse(b, length, (index, run, value) -> histogram[value] += run);
        return whole ? estimate(histogram) : -1;
    }

    /** The estimated cardinality of registers held one per byte (PFCOUNT over several keys). */
    static long countRegisters(byte[] registers) {
        int[] histogram = new int[64];
        for (byte r : registers) histogram[r]++;
        return estimate(histogram);
    }

    /**
     * Ertl's improved raw estimator ("New cardinality estimation algorithms for HyperLogLog sketches", 2017) from
     * the number of registers holding each value; rounded half away from zero as Redis's {@code llroundl}.
     */
    private static long estimate(int[] histogram) {
        double m = REGISTERS;
        double z = m * tau((m - histogram[Q + 1]) / m);
        for (int j = Q; j >= 1; j--) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return Math.round(ALPHA_INF * m * m / z);
    }

    /** sigma(x) = x + sum over k >= 1 of x^(2^k) * 2^(k-1); infinite at 1. */
    private static double sigma(double x) {
        if (x == 1.0) return Double.POSITIVE_INFINITY;
        double y = 1;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (previous != z);
        return z;
    }

    /** tau(x) = (1 - x - sum over k >= 1 of (1 - x^(2^-k))^2 * 2^-k) / 3; zero at 0 and 1. */
    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) return 0.0;
        double y = 1.0;
        double z = 1 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            double d = 1 - x;
            z -= d * d * y;
        } while (previous != z);
        return z / 3;
    }

    // ---- inspection -------------------------------------------------------------------------------------------

    /** PFDEBUG DECODE's text of a sparse HLL: {@code z:len} ZERO, {@code Z:len} XZERO, {@code v:value,len} VAL. */
    static String decode(byte[] b, int length) {
        StringBuilder s = new StringBuilder();
        for (int p = HEADER; p < length; ) {
            int op = b[p] & 0xff;
            if (s.length() > 0) s.append(' ');
            if (isZero(op)) {
                s.append("z:").append(zeroLength(op));
                p++;
            } else if (isXzero(op)) {
                s.append("Z:").append(xzeroLength(b, p, length));
                p += 2;
            } else {
                s.append("v:").append(valValue(op)).append(',').append(valLength(op));
                p++;
            }
        }
        return s.toString();
    }
}
