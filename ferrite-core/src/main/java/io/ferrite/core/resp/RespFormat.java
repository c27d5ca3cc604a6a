package io.ferrite.core.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number formatting as Redis's replies show it. */
public final class RespFormat {
    private RespFormat() {}

    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

    /** A double as Redis replies with it: C's {@code %.17g}, {@code inf} and {@code -inf}. */
    public static String formatDouble(double d) {
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (Double.isNaN(d)) return "nan";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        return formatG(new BigDecimal(d), SEVENTEEN);
    }

    /** C's {@code %.Nf} of a double: its exact binary value rounded half-even (Java's formatter rounds half up). */
    public static String fixed(double d, int decimals) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        String s = new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return (d < 0 || (d == 0 && 1 / d < 0)) && !s.startsWith("-") ? "-" + s : s;
    }

    /** C's {@code %.<precision>g} of an exact decimal, trailing zeros removed. */
    static String formatG(BigDecimal exact, MathContext mc) {
        BigDecimal r = exact.round(mc);
        int precision = mc.getPrecision();
        // Decimal exponent X of the rounded value: r = m * 10^X with 1 <= |m| < 10.
        int exponent = r.precision() - r.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = r.movePointLeft(exponent);
            String m = stripZeros(mantissa.setScale(precision - 1, RoundingMode.HALF_EVEN).toPlainString());
            int ax = Math.abs(exponent);
            return m + (exponent < 0 ? "e-" : "e+") + (ax < 10 ? "0" : "") + ax;
        }
        return stripZeros(r.setScale(Math.max(0, precision - 1 - exponent), RoundingMode.HALF_EVEN).toPlainString());
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
