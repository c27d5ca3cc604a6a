package io.ferrite.core.command;

import java.nio.charset.StandardCharsets;

/**
 * Number parsing and formatting exactly as Redis does it ({@code string2ll}, {@code strtod}, {@code ll2string}),
 * so that what Redis rejects is rejected here with the same error.
 */
public final class Numbers {
    private Numbers() {}

    /** True when {@code b} is a canonical decimal long: no sign but '-', no leading zeros, no spaces, in range. */
    public static boolean isLong(byte[] b) {
        return isLong(b, 0, b.length);
    }

    public static boolean isLong(byte[] b, int off, int len) {
        if (len == 0 || len > 20) return false;
        int i = off;
        int end = off + len;
        if (len == 1 && b[i] == '0') return true;
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
            if (i == end) return false;
        }
        if (b[i] < '1' || b[i] > '9') return false;
        long v = 0; // accumulate negatively so that Long.MIN_VALUE fits
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return false;
            if (v < (Long.MIN_VALUE + d) / 10) return false;
            v = v * 10 - d;
            if (v > 0) return false;
        }
        return negative || v != Long.MIN_VALUE;
    }

    /** Parses a canonical long, else throws {@code ERR value is not an integer or out of range}. */
    public static long parseLong(byte[] b) {
        if (!isLong(b)) throw Errors.notInteger();
        return parseLongUnchecked(b, 0, b.length);
    }

    /** Parses bytes already known to satisfy {@link #isLong}. */
    public static long parseLongUnchecked(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = b[i] == '-';
        if (negative) i++;
        long v = 0;
        for (; i < end; i++) v = v * 10 - (b[i] - '0');
        return negative ? v : -v;
    }

    /**
     * Parses a double as Redis's {@code getDoubleFromObject} does (its {@code string2d}): optional sign, digits with
     * an optional point and exponent, or {@code inf}/{@code infinity}; no spaces, nothing trailing, never NaN, and
     * not {@linkplain #outOfRange out of range}. Throws {@code ERR value is not a valid float} otherwise.
     */
    public static double parseDouble(byte[] b) {
        double d = parseDoubleOrNaN(b);
        if (Double.isNaN(d) || outOfRange(b, d)) throw Errors.notFloat();
        return d;
    }

    /**
     * Whether parsing {@code b} to {@code d} hit strtod's ERANGE the way {@code string2d} refuses it: a finite
     * literal that overflowed to infinity, or one with a non-zero digit that underflowed to zero (subnormals pass).
     * Redis's range parsers (ZRANGEBYSCORE ...) do not check it, so this is separate from the syntax.
     */
    public static boolean outOfRange(byte[] b, double d) {
        if (Double.isInfinite(d)) {
            for (byte x : b) if ((x | 0x20) == 'i') return false;
            return true;
        }
        if (d == 0) {
            for (byte x : b) {
                if (x == 'e' || x == 'E') return false;
                if (x >= '1' && x <= '9') return true;
            }
        }
        return false;
    }

    /** Like {@link #parseDouble} but returns NaN for invalid input instead of throwing. */
    public static double parseDoubleOrNaN(byte[] b) {
        int n = b.length;
        if (n == 0 || n > 5000) return Double.NaN;
        int i = 0;
        if (b[0] == '+' || b[0] == '-') i++;
        if (i == n) return Double.NaN;
        if (n - i <= 15) { // up to 15 digits: the integer is exact as a double, as strtod would round it
            long v = 0;
            int j = i;
            while (j < n && isDigit(b[j])) v = v * 10 + (b[j++] - '0');
            if (j == n) return b[0] == '-' ? -(double) v : (double) v;
        }
        if (b[i] == 'i' || b[i] == 'I') {
            return equalsIgnoreCase(b, i, "inf") || equalsIgnoreCase(b, i, "infinity")
                    ? (b[0] == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.NaN;
        }
        boolean digits = false;
        int j = i;
        while (j < n && isDigit(b[j])) { j++; digits = true; }
        if (j < n && b[j] == '.') {
            j++;
            while (j < n && isDigit(b[j])) { j++; digits = true; }
        }
        if (!digits) return Double.NaN;
        if (j < n && (b[j] == 'e' || b[j] == 'E')) {
            j++;
            if (j < n && (b[j] == '+' || b[j] == '-')) j++;
            int expStart = j;
            while (j < n && isDigit(b[j])) j++;
            if (j == expStart) return Double.NaN;
        }
        if (j != n) return Double.NaN;
        return Double.parseDouble(new String(b, StandardCharsets.US_ASCII));
    }

    /** Whether {@code b} from {@code off} to its end is the lower-case ASCII {@code word}, ignoring case. */
    private static boolean equalsIgnoreCase(byte[] b, int off, String word) {
        if (b.length - off != word.length()) return false;
        for (int k = 0; k < word.length(); k++) {
            if ((b[off + k] | 0x20) != word.charAt(k)) return false;
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static final byte[][] SMALL = new byte[10_000][];
    static {
        for (int i = 0; i < SMALL.length; i++) SMALL[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }

    /** The decimal text of {@code v}; shared arrays for small values, so callers must not modify the result. */
    public static byte[] toBytes(long v) {
        if (v >= 0 && v < SMALL.length) return SMALL[(int) v];
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A SCAN cursor as Redis reads it with C's {@code strtoul} in base 10: an optional sign (a minus negates modulo
     * 2^64), digits up to 2^64-1; the empty string is cursor 0; anything else is {@code ERR invalid cursor}.
     */
    public static long parseCursor(byte[] b) {
        int i = 0;
        boolean negative = false;
        if (b.length > 0 && (b[0] == '+' || b[0] == '-')) {
            negative = b[0] == '-';
            i = 1;
            if (b.length == 1) throw new CommandException(INVALID_CURSOR);
        }
        long v = 0;
        for (; i < b.length; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) throw new CommandException(INVALID_CURSOR);
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) throw new CommandException(INVALID_CURSOR);
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private static final String INVALID_CURSOR = "ERR invalid cursor";
}
