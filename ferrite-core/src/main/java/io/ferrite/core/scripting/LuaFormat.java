package io.ferrite.core.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Lua 5.1's {@code string.format} and number-to-string conversion over C's printf semantics (exact binary values
 * rounded half-even, {@code %g} trimming, {@code inf}/{@code nan}), which LuaJ's own versions do not follow.
 */
final class LuaFormat {
    private LuaFormat() {}

    /** A number as Lua 5.1's {@code tostring} shows it: C's {@code %.14g}. */
    static String number(double d) {
        // Any NaN shows as x86-64's default one (sign set): LuaJ keeps no NaN signs.
        if (Double.isNaN(d)) return "-nan";
        if (Double.isInfinite(d)) return d < 0 ? "-inf" : "inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e14) return Long.toString((long) d);
        return g(d, 14, false);
    }

    /** C's {@code %.<precision>g} of any double, as glibc prints it ({@code -0}, {@code inf}, {@code -nan}). */
    static String g(double d, int precision) {
        if (Double.isNaN(d)) return (Double.doubleToRawLongBits(d) < 0 ? "-" : "") + "nan";
        if (Double.isInfinite(d)) return d < 0 ? "-inf" : "inf";
        if (d == 0) return 1 / d < 0 ? "-0" : "0";
        return g(d, precision, false);
    }

    /** {@code string.format(fmt, ...)}. */
    static LuaValue format(Varargs a) {
        LuaString fmt = a.checkstring(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(fmt.m_length + 16);
        int arg = 1;
        int i = 0;
        int n = fmt.m_length;
        while (i < n) {
            byte b = fmt.m_bytes[fmt.m_offset + i++];
            if (b != '%') {
                out.write(b);
                continue;
            }
            if (i < n && fmt.m_bytes[fmt.m_offset + i] == '%') {
                out.write('%');
                i++;
                continue;
            }
            int start = i;
            while (i < n && "-+ #0".indexOf(fmt.m_bytes[fmt.m_offset + i]) >= 0) i++;
            if (i - start > 5) throw new LuaError("invalid format (repeated flags)");
            String flags = ascii(fmt, start, i);
            int width = -1;
            int digits = 0;
            while (i < n && Character.isDigit(fmt.m_bytes[fmt.m_offset + i])) {
                width = (width < 0 ? 0 : width * 10) + fmt.m_bytes[fmt.m_offset + i++] - '0';
                digits++;
            }
            int precision = -1;
            if (i < n && fmt.m_bytes[fmt.m_offset + i] == '.') {
                i++;
                precision = 0;
                int pd = 0;
                while (i < n && Character.isDigit(fmt.m_bytes[fmt.m_offset + i])) {
                    precision = precision * 10 + fmt.m_bytes[fmt.m_offset + i++] - '0';
                    pd++;
                }
                if (pd > 2) throw new LuaError("invalid format (width or precision too long)");
            }
            if (digits > 2) throw new LuaError("invalid format (width or precision too long)");
            if (i >= n) throw new LuaError("invalid option '%' to 'format'");
            char conv = (char) fmt.m_bytes[fmt.m_offset + i++];
            arg++;
            String text;
            switch (conv) {
                case 'c' -> text = String.valueOf((char) (a.checkdouble(arg) % 256));
                case 'd', 'i' -> text = integer((long) a.checkdouble(arg), flags, precision);
                case 'o', 'u', 'x', 'X' -> text = unsigned((long) a.checkdouble(arg), conv, flags, precision);
                case 'e', 'E', 'f', 'g', 'G' -> text = real(a.checkdouble(arg), conv, flags, precision);
                case 'q' -> {
                    quote(a.checkstring(arg), out);
                    continue;
                }
                case 's' -> {
                    LuaValue v = a.arg(arg);
                    if (v.type() != LuaValue.TNUMBER && v.type() != LuaValue.TSTRING) {
                        throw new LuaError("bad argument #" + arg + " to 'format' (string expected, got "
                                + (arg > a.narg() ? "no value" : v.typename()) + ")");
                    }
                    LuaString s = v.type() == LuaValue.TNUMBER ? LuaString.valueOf(number(v.todouble())) : v.checkstring();
                    byte[] bytes = LuaReplies.bytes(s);
                    int len = precision >= 0 ? Math.min(precision, bytes.length) : bytes.length;
                    pad(out, bytes, len, width, flags.indexOf('-') >= 0);
                    continue;
                }
                default -> throw new LuaError("invalid option '%" + conv + "' to 'format'");
            }
            boolean numeric = conv != 'c';
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            if (numeric && flags.indexOf('0') >= 0 && flags.indexOf('-') < 0 && width > bytes.length
                    && !(precision >= 0 && "diouxX".indexOf(conv) >= 0) && !text.endsWith("inf") && !text.endsWith("nan")) {
                int signLength = text.startsWith("0x") || text.startsWith("0X") ? 2
                        : !text.isEmpty() && "+- ".indexOf(text.charAt(0)) >= 0 ? 1 : 0;
                out.write(bytes, 0, signLength);
                for (int z = bytes.length; z < width; z++) out.write('0');
                out.write(bytes, signLength, bytes.length - signLength);
            } else {
                pad(out, bytes, bytes.length, width, flags.indexOf('-') >= 0);
            }
        }
        return LuaString.valueUsing(out.toByteArray());
    }

    private static String ascii(LuaString s, int from, int to) {
        return new String(s.m_bytes, s.m_offset + from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static void pad(ByteArrayOutputStream out, byte[] bytes, int len, int width, boolean left) {
        if (!left) for (int p = len; p < width; p++) out.write(' ');
        out.write(bytes, 0, len);
        if (left) for (int p = len; p < width; p++) out.write(' ');
    }

    private static String sign(boolean negative, String flags) {
        return negative ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
    }

    private static String integer(long v, String flags, int precision) {
        String digits = v == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(v));
        if (precision == 0 && v == 0) digits = "";
        while (digits.length() < precision) digits = "0" + digits;
        return sign(v < 0, flags) + digits;
    }

    private static String unsigned(long v, char conv, String flags, int precision) {
        String digits = switch (conv) {
            case 'o' -> Long.toOctalString(v);
            case 'u' -> Long.toUnsignedString(v);
            case 'x' -> Long.toHexString(v);
            default -> Long.toHexString(v).toUpperCase();
        };
        if (precision == 0 && v == 0) digits = "";
        while (digits.length() < precision) digits = "0" + digits;
        if (flags.indexOf('#') >= 0) {
            if (conv == 'o' && !digits.startsWith("0")) digits = "0" + digits;
            if (conv == 'x' && v != 0) digits = "0x" + digits;
            if (conv == 'X' && v != 0) digits = "0X" + digits;
        }
        return digits;
    }

    private static String real(double d, char conv, String flags, int precision) {
        boolean upper = Character.isUpperCase(conv);
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        String body;
        if (Double.isNaN(d)) {
            body = "nan";
            negative = false;
        } else if (Double.isInfinite(d)) {
            body = "inf";
        } else {
            int p = precision < 0 ? 6 : precision;
            double abs = Math.abs(d);
            boolean alt = flags.indexOf('#') >= 0;
            body = switch (Character.toLowerCase(conv)) {
                case 'f' -> fixed(new BigDecimal(abs), p, alt);
                case 'e' -> exponent(new BigDecimal(abs), p, alt);
                default -> g(abs, p == 0 ? 1 : p, alt);
            };
        }
        String s = sign(negative, flags) + body;
        return upper ? s.toUpperCase() : s;
    }

    private static String fixed(BigDecimal v, int precision, boolean alt) {
        String s = v.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return alt && precision == 0 ? s + "." : s;
    }

    private static String exponent(BigDecimal v, int precision, boolean alt) {
        int exp = 0;
        String mantissa;
        if (v.signum() == 0) {
            mantissa = BigDecimal.ZERO.setScale(precision).toPlainString();
        } else {
            BigDecimal r = v.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            exp = r.precision() - r.scale() - 1;
            mantissa = r.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        }
        if (alt && precision == 0) mantissa += ".";
        int ax = Math.abs(exp);
        return mantissa + (exp < 0 ? "e-" : "e+") + (ax < 10 ? "0" : "") + ax;
    }

    /** C's {@code %.<precision>g} of a non-negative finite value. */
    private static String g(double abs, int precision, boolean alt) {
        if (abs == 0) return alt ? fixed(BigDecimal.ZERO, precision - 1, true) : "0";
        BigDecimal exact = new BigDecimal(Math.abs(abs));
        BigDecimal r = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        String s = exp < -4 || exp >= precision ? exponent(exact, precision - 1, alt)
                : fixed(exact, precision - 1 - exp, alt);
        if (alt) return s;
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String suffix = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') end--;
            if (mantissa.charAt(end - 1) == '.') end--;
            mantissa = mantissa.substring(0, end);
        }
        return (abs < 0 ? "-" : "") + mantissa + suffix;
    }

    private static void quote(LuaString s, ByteArrayOutputStream out) {
        out.write('"');
        for (int i = 0; i < s.m_length; i++) {
            byte c = s.m_bytes[s.m_offset + i];
            switch (c) {
                case '"', '\\' -> {
                    out.write('\\');
                    out.write(c);
                }
                case '\n' -> {
                    out.write('\\');
                    out.write('\n');
                }
                case '\r' -> out.writeBytes("\\r".getBytes(StandardCharsets.US_ASCII));
                case 0 -> out.writeBytes("\\000".getBytes(StandardCharsets.US_ASCII));
                default -> out.write(c);
            }
        }
        out.write('"');
    }
}
