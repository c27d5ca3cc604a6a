package io.ferrite.core.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
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
     * Parses a double as Redis's {@code strtod}-based parsers do: optional sign, digits with an optional point and
     * exponent, or {@code inf}/{@code infinity}; no spaces, nothing trailing, never NaN. Throws
     * {@code ERR value is not a valid float} otherwise.
     */
    public static double parseDouble(byte[] b) {
        double d = parseDoubleOrNaN(b);
        if (Double.isNaN(d)) throw Errors.notFloat();
        return d;
    }

    /** Like {@link #parseDouble} but returns NaN for invalid input instead of throwing. */
    public static double parseDoubleOrNaN(byte[] b) {
        int n = b.length;
        if (n == 0 || n > 5000) return Double.NaN;
        int i = 0;
        if (b[0] == '+' || b[0] == '-') i++;
        if (i == n) return Double.NaN;
        String s = new String(b, StandardCharsets.US_ASCII);
        String body = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (body.equals("inf") || body.equals("infinity")) {
            return b[0] == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
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
        return Double.parseDouble(s);
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

    // Long double arithmetic for INCRBYFLOAT and HINCRBYFLOAT. Redis computes them in C's long double (x87
    // extended precision on x86-64: a 64-bit significand) and prints "%.17Lf" with trailing zeros removed; doing
    // the same in double would print 10.5 + 0.1 as 10.59999999999999964. Values are exact BigDecimals holding a
    // number representable as such a long double.

    private static final int LD_SIGNIFICAND_BITS = 64;
    /** The exponent of the smallest subnormal: 2^-16445. */
    private static final int LD_MIN_EXPONENT = -16445;
    /** Values of magnitude 2^16384 and above overflow to infinity. */
    private static final int LD_MAX_BINARY_EXPONENT = 16384;
    private static final int LD_MAX_CHARS = 5 * 1024;
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    /** True when {@code b} is what {@code strtold} reads as an infinity: {@code [+-]inf} or {@code [+-]infinity}, any case. */
    public static boolean isInfinity(byte[] b) {
        int i = b.length > 0 && (b[0] == '+' || b[0] == '-') ? 1 : 0;
        String body = new String(b, i, b.length - i, StandardCharsets.US_ASCII);
        return body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity");
    }

    /**
     * Parses a number as Redis's {@code string2ld} does with {@code strtold}: optional sign, decimal digits with an
     * optional point and exponent or {@code 0x} hexadecimal digits with an optional binary exponent, nothing before
     * or after; rounded to the nearest long double. Returns null when
     * the text is not such a number or its value overflows or underflows to zero; infinities and NaN return null
     * too ({@link #isInfinity} tells an infinity apart).
     */
    public static BigDecimal parseLongDouble(byte[] b) {
        int n = b.length;
        if (n == 0 || n >= LD_MAX_CHARS) return null;
        int i = 0;
        if (b[0] == '+' || b[0] == '-') i++;
        if (i + 1 < n && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) return parseHexLongDouble(b, i + 2);
        boolean digits = false;
        while (i < n && isDigit(b[i])) { i++; digits = true; }
        if (i < n && b[i] == '.') {
            i++;
            while (i < n && isDigit(b[i])) { i++; digits = true; }
        }
        if (!digits) return null;
        if (i < n && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < n && (b[i] == '+' || b[i] == '-')) i++;
            int start = i;
            while (i < n && isDigit(b[i])) i++;
            if (i == start) return null;
        }
        if (i != n) return null;
        BigDecimal exact;
        try {
            exact = new BigDecimal(new String(b, StandardCharsets.US_ASCII));
        } catch (NumberFormatException | ArithmeticException e) { // exponent beyond int range
            return null;
        }
        if (exact.signum() != 0 && (exact.precision() - exact.scale() > 4940 || exact.precision() - exact.scale() < -4960)) {
            return null; // far outside the long double range, whatever the rounding
        }
        BigDecimal v = roundLongDouble(exact);
        return v == null || (v.signum() == 0 && exact.signum() != 0) ? null : v;
    }

    /** strtold's hexadecimal form after the {@code 0x}: hex digits with an optional point, optional binary exponent. */
    private static BigDecimal parseHexLongDouble(byte[] b, int from) {
        int n = b.length;
        int i = from;
        BigInteger mantissa = BigInteger.ZERO;
        int fractionDigits = 0;
        boolean digits = false;
        boolean point = false;
        for (; i < n; i++) {
            int d = Character.digit(b[i], 16);
            if (d >= 0) {
                mantissa = mantissa.shiftLeft(4).add(BigInteger.valueOf(d));
                digits = true;
                if (point) fractionDigits++;
            } else if (b[i] == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!digits) return null;
        long exponent = 0;
        if (i < n && (b[i] == 'p' || b[i] == 'P')) {
            i++;
            boolean negative = i < n && b[i] == '-';
            if (i < n && (b[i] == '+' || b[i] == '-')) i++;
            int start = i;
            while (i < n && isDigit(b[i]) && exponent < 100_000) exponent = exponent * 10 + (b[i++] - '0');
            if (i == start || i != n) return null;
            if (negative) exponent = -exponent;
        }
        if (i != n) return null;
        if (mantissa.signum() == 0) return BigDecimal.ZERO;
        long e = exponent - 4L * fractionDigits;
        if (e + mantissa.bitLength() > LD_MAX_BINARY_EXPONENT || e + mantissa.bitLength() < LD_MIN_EXPONENT) return null;
        BigDecimal exact = e >= 0 ? new BigDecimal(mantissa.shiftLeft((int) e))
                : new BigDecimal(mantissa.multiply(FIVE.pow((int) -e)), (int) -e);
        if (b[0] == '-') exact = exact.negate();
        BigDecimal v = roundLongDouble(exact);
        return v == null || v.signum() == 0 ? null : v;
    }

    /** The sum of two long doubles, rounded as the FPU does; null if it overflows to infinity. */
    public static BigDecimal addLongDouble(BigDecimal a, BigDecimal b) {
        return roundLongDouble(a.add(b));
    }

    /**
     * Rounds an exact value to the nearest long double (ties to even, subnormals included); null if it overflows.
     */
    public static BigDecimal roundLongDouble(BigDecimal exact) {
        if (exact.signum() == 0) return BigDecimal.ZERO;
        BigInteger num = exact.unscaledValue().abs();
        BigInteger den = BigInteger.ONE;
        if (exact.scale() > 0) den = BigInteger.TEN.pow(exact.scale());
        else num = num.multiply(BigInteger.TEN.pow(-exact.scale()));
        // Find e with 2^63 <= num / (den * 2^e) < 2^64, unless that would go below the subnormal exponent.
        int e = Math.max(num.bitLength() - den.bitLength() - LD_SIGNIFICAND_BITS, LD_MIN_EXPONENT);
        BigInteger q;
        BigInteger d;
        BigInteger r;
        while (true) {
            BigInteger n = e < 0 ? num.shiftLeft(-e) : num;
            d = e > 0 ? den.shiftLeft(e) : den;
            BigInteger[] qr = n.divideAndRemainder(d);
            q = qr[0];
            r = qr[1];
            if (q.bitLength() > LD_SIGNIFICAND_BITS) e++;
            else if (q.bitLength() < LD_SIGNIFICAND_BITS && e > LD_MIN_EXPONENT) e--;
            else break;
        }
        int half = r.shiftLeft(1).compareTo(d);
        if (half > 0 || (half == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
        if (q.bitLength() > LD_SIGNIFICAND_BITS) {
            q = q.shiftRight(1);
            e++;
        }
        if (e + LD_SIGNIFICAND_BITS > LD_MAX_BINARY_EXPONENT) return null;
        if (exact.signum() < 0) q = q.negate();
        return e >= 0 ? new BigDecimal(q.shiftLeft(e)) : new BigDecimal(q.multiply(FIVE.pow(-e)), -e);
    }

    /** Formats a long double as Redis's {@code ld2string} in human mode: {@code %.17Lf}, trailing zeros removed. */
    public static byte[] formatLongDouble(BigDecimal v) {
        String s = v.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        s = s.substring(0, end);
        if (s.equals("-0")) s = "0";
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
