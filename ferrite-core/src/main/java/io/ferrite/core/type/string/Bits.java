package io.ferrite.core.type.string;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bit scans over string bytes for BITCOUNT and BITPOS. Bit {@code n} of a string is bit {@code 7 - n % 8} of byte
 * {@code n / 8}: the most significant bit of the first byte is bit 0. Whole 8-byte words are read big-endian, so
 * that a word's leading bit is the string's lowest-numbered one.
 */
final class Bits {
    private Bits() {}

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The number of set bits in bytes {@code [from, to)} of {@code b}. */
    static long count(byte[] b, int from, int to) {
        long n = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) n += Long.bitCount((long) WORDS.get(b, i));
        for (; i < to; i++) n += Integer.bitCount(b[i] & 0xff);
        return n;
    }

    /** The number of set bits among bits {@code [from, to]} (inclusive) of {@code b}. */
    static long countBits(byte[] b, long from, long to) {
        int first = (int) (from >>> 3);
        int last = (int) (to >>> 3);
        long n = count(b, first, last + 1);
        n -= Integer.bitCount(b[first] & 0xff & ~(0xff >>> (from & 7)));
        n -= Integer.bitCount(b[last] & 0xff & (0xff >>> ((to & 7) + 1)));
        return n;
    }

    /** The position of the first bit equal to {@code one} among bits {@code [from, to]} of {@code b}, or -1. */
    static long first(byte[] b, long from, long to, boolean one) {
        long at = from;
        while (at <= to) {
            int index = (int) (at >>> 3);
            if ((at & 7) == 0 && to - at >= 63) {
                long word = (long) WORDS.get(b, index);
                if (!one) word = ~word;
                if (word != 0) return at + Long.numberOfLeadingZeros(word);
                at += 64;
                continue;
            }
            int lo = (int) (at & 7);
            int hi = (int) Math.min(to - ((long) index << 3), 7);
            int mask = (0xff >>> lo) & (0xff << (7 - hi)) & 0xff;
            int bits = (one ? b[index] : ~b[index]) & mask;
            if (bits != 0) return ((long) index << 3) + Integer.numberOfLeadingZeros(bits) - 24;
            at = ((long) index + 1) << 3;
        }
        return -1;
    }
}
