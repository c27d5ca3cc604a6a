package io.ferrite.core.type.string;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The C {@code long double} of x86-64 Linux (x87 80-bit extended precision), in which Redis computes INCRBYFLOAT,
 * emulated exactly: a finite value is {@code mantissa * 2^exponent} with at most 64 significant bits, rounded to
 * nearest-even after parsing and after each addition, as the FPU does. Parsing follows {@code strtold} as Redis's
 * {@code string2ld} restricts it; {@link #format} follows {@code printf("%.17Lf")} with trailing zeros trimmed.
 * Together they make INCRBYFLOAT's replies match Redis's digit for digit.
 *
 * <p>Immutable. Shared by INCRBYFLOAT and HINCRBYFLOAT.
 */
public final class LongDouble {
    private static final int PRECISION = 64;
    /** The exponent of the smallest subnormal, 2^-16445: the finest step the format has. */
    private static final int MIN_EXPONENT = -16445;
    /** A finite value is below 2^16384 in magnitude. */
    private static final int MAX_BITS = 16384;
    /** Redis refuses numbers of this many characters or more (MAX_LONG_DOUBLE_CHARS). */
    private static final int MAX_CHARS = 5 * 1024;
    private static final int FRACTION_DIGITS = 17;

    public static final LongDouble ZERO = new LongDouble(BigInteger.ZERO, 0, false);
    private static final LongDouble INFINITE = new LongDouble(BigInteger.ZERO, 0, true);

    /** Signed; zero for zero and for infinities. */
    private final BigInteger mantissa;
    private final int exponent;
    private final boolean infinite;

    private LongDouble(BigInteger mantissa, int exponent, boolean infinite) {
        this.mantissa = mantissa;
        this.exponent = exponent;
        this.infinite = infinite;
    }

    public static LongDouble of(long value) {
        return new LongDouble(BigInteger.valueOf(value), 0, false);
    }

    public boolean isFinite() {
        return !infinite;
    }

    /**
     * Parses {@code text} as Redis does: what {@code strtold} accepts in full (decimal, hexadecimal, inf, infinity),
     * except a leading space, NaN, and values that overflow to infinity or underflow to zero. Null if rejected.
     */
    public static LongDouble parse(byte[] text) {
        int n = text.length;
        if (n == 0 || n >= MAX_CHARS) return null;
        String s = new String(text, StandardCharsets.ISO_8859_1);
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i++;
        }
        String body = s.substring(i);
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) return INFINITE;
        boolean hex = body.length() > 2 && body.charAt(0) == '0' && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
        return hex ? parseNumber(body, 2, 16, negative) : parseNumber(body, 0, 10, negative);
    }

    /**
     * Digits with an optional point, then an optional exponent: {@code e} and a power of ten for decimal,
     * {@code p} and a power of two for hexadecimal. The whole text must be consumed.
     */
    private static LongDouble parseNumber(String s, int start, int radix, boolean negative) {
        int n = s.length();
        int i = start;
        StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char ch = s.charAt(i);
            if (ch == '.' && !point) {
                point = true;
            } else if (Character.digit(ch, radix) >= 0 && ch < 128) {
                digits.append(ch);
                if (point) fractionDigits++;
            } else {
                break;
            }
        }
        if (digits.length() == 0) return null;
        long exp = 0;
        if (i < n) {
            char marker = Character.toLowerCase(s.charAt(i));
            if (marker != (radix == 10 ? 'e' : 'p')) return null;
            i++;
            boolean expNegative = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) expNegative = s.charAt(i++) == '-';
            if (i == n) return null;
            for (; i < n; i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9') return null;
                if (exp < 1_000_000_000L) exp = exp * 10 + (ch - '0'); // beyond this, only the sign matters
            }
            if (expNegative) exp = -exp;
        }
        BigInteger m = new BigInteger(digits.toString(), radix);
        if (m.signum() == 0) return ZERO;
        if (negative) m = m.negate();
        LongDouble v = radix == 10 ? fromDecimal(m, exp - fractionDigits) : fromBinary(m, exp - 4L * fractionDigits);
        // strtold reports overflow (to infinity) and underflow (to zero) as ERANGE, which Redis rejects.
        return v.infinite || v.mantissa.signum() == 0 ? null : v;
    }

    /** The nearest value to {@code m * 10^exp}. */
    private static LongDouble fromDecimal(BigInteger m, long exp) {
        long magnitude = m.abs().toString().length() + exp; // the value is below 10^magnitude
        if (magnitude > 5000) return INFINITE;
        if (magnitude < -5000) return ZERO;
        BigInteger p = m.abs();
        BigInteger q = BigInteger.ONE;
        if (exp >= 0) p = p.multiply(BigInteger.TEN.pow((int) exp));
        else q = BigInteger.TEN.pow((int) -exp);
        return round(m.signum() < 0, p, q, 0);
    }

    /** The nearest value to {@code m * 2^exp}. */
    private static LongDouble fromBinary(BigInteger m, long exp) {
        long bits = m.bitLength() + exp;
        if (bits > MAX_BITS + 1) return INFINITE;
        if (bits < MIN_EXPONENT - 1) return ZERO;
        return round(m.signum() < 0, m.abs(), BigInteger.ONE, (int) exp);
    }

    /** The sum, rounded once as the FPU rounds it; infinite when it overflows. */
    public LongDouble add(LongDouble other) {
        if (infinite || other.infinite) return INFINITE;
        int e = Math.min(exponent, other.exponent);
        BigInteger sum = mantissa.shiftLeft(exponent - e).add(other.mantissa.shiftLeft(other.exponent - e));
        if (sum.signum() == 0) return ZERO;
        return round(sum.signum() < 0, sum.abs(), BigInteger.ONE, e);
    }

    /**
     * The representable value nearest to {@code p / q * 2^shift} ({@code p, q > 0}), ties to even; subnormal near
     * the bottom of the range, infinite past the top.
     */
    private static LongDouble round(boolean negative, BigInteger p, BigInteger q, int shift) {
        // The quotient p/q lies in [2^(pb-qb-1), 2^(pb-qb+1)): start from the lower guess and step up once if needed.
        int e = p.bitLength() - q.bitLength() + shift - PRECISION;
        BigInteger[] qr = divide(p, q, shift - e);
        if (qr[0].bitLength() > PRECISION) {
            e++;
            qr = divide(p, q, shift - e);
        }
        if (e < MIN_EXPONENT) {
            e = MIN_EXPONENT;
            qr = divide(p, q, shift - e);
        }
        BigInteger m = qr[0];
        int s = shift - e;
        BigInteger den = s >= 0 ? q : q.shiftLeft(-s);
        int half = qr[1].shiftLeft(1).compareTo(den);
        if (half > 0 || (half == 0 && m.testBit(0))) m = m.add(BigInteger.ONE);
        if (m.bitLength() > PRECISION) {
            m = m.shiftRight(1);
            e++;
        }
        if (m.bitLength() + (long) e > MAX_BITS) return INFINITE;
        if (m.signum() == 0) return ZERO;
        return new LongDouble(negative ? m.negate() : m, e, false);
    }

    /** Quotient and remainder of {@code p * 2^s / q}. */
    private static BigInteger[] divide(BigInteger p, BigInteger q, int s) {
        return s >= 0 ? p.shiftLeft(s).divideAndRemainder(q) : p.divideAndRemainder(q.shiftLeft(-s));
    }

    /**
     * The text Redis stores and replies: {@code %.17Lf} (exact value rounded half-even to 17 decimals, as glibc
     * prints it), trailing zeros and a trailing point removed, and "-0" written "0". Finite values only.
     */
    public byte[] format() {
        if (infinite) throw new IllegalStateException("infinite");
        String text;
        if (exponent >= 0) {
            text = mantissa.shiftLeft(exponent).toString();
        } else {
            BigDecimal exact = new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
            text = exact.setScale(FRACTION_DIGITS, RoundingMode.HALF_EVEN).toPlainString();
            int end = text.length();
            while (text.charAt(end - 1) == '0') end--;
            if (text.charAt(end - 1) == '.') end--;
            text = text.substring(0, end);
        }
        if (text.equals("-0")) text = "0";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
