package io.ferrite.core.scripting;

/**
 * C's {@code strtod} (glibc, "C" locale) over bytes: the longest prefix that reads as a number, in decimal or
 * hexadecimal notation, or {@code inf}, {@code infinity} or {@code nan} in any case, with an optional sign.
 * lua-cjson reads numbers with it, which makes its decoder accept more than JSON's grammar.
 */
final class Strtod {
    private Strtod() {}

    /** The number at {@code from}; {@code end[0]} is set past its last byte, or to {@code from} if there is none. */
    static double parse(byte[] s, int from, int[] end) {
        end[0] = from;
        int p = from;
        boolean negative = false;
        if (at(s, p) == '+' || at(s, p) == '-') {
            negative = at(s, p) == '-';
            p++;
        }
        double magnitude;
        if (word(s, p, "infinity")) {
            magnitude = Double.POSITIVE_INFINITY;
            p += 8;
        } else if (word(s, p, "inf")) {
            magnitude = Double.POSITIVE_INFINITY;
            p += 3;
        } else if (word(s, p, "nan")) {
            magnitude = Double.NaN;
            p += 3;
            if (at(s, p) == '(') {
                int q = p + 1;
                while (Character.isLetterOrDigit(at(s, q)) && at(s, q) < 0x80 || at(s, q) == '_') q++;
                if (at(s, q) == ')') p = q + 1;
            }
        } else if (at(s, p) == '0' && (at(s, p + 1) | 0x20) == 'x' && hexStart(s, p + 2)) {
            int[] e = new int[1];
            magnitude = hex(s, p + 2, e);
            p = e[0];
        } else {
            int start = p;
            int digits = 0;
            while (isDigit(at(s, p))) {
                p++;
                digits++;
            }
            if (at(s, p) == '.') {
                int q = p + 1;
                while (isDigit(at(s, q))) {
                    q++;
                    digits++;
                }
                if (digits > 0) p = q;
            }
            if (digits == 0) return 0;
            if ((at(s, p) | 0x20) == 'e') {
                int q = p + 1;
                if (at(s, q) == '+' || at(s, q) == '-') q++;
                if (isDigit(at(s, q))) {
                    while (isDigit(at(s, q))) q++;
                    p = q;
                }
            }
            magnitude = Double.parseDouble(new String(s, start, p - start, java.nio.charset.StandardCharsets.US_ASCII));
        }
        end[0] = p;
        return negative ? -magnitude : magnitude;
    }

    private static boolean hexStart(byte[] s, int p) {
        return isHex(at(s, p)) || at(s, p) == '.' && isHex(at(s, p + 1));
    }

    /** Hex digits with an optional fraction and binary exponent, read at {@code p} (past {@code 0x}). */
    private static double hex(byte[] s, int p, int[] end) {
        StringBuilder literal = new StringBuilder("0x");
        while (isHex(at(s, p))) literal.append((char) at(s, p++));
        if (at(s, p) == '.') {
            literal.append('.');
            p++;
            while (isHex(at(s, p))) literal.append((char) at(s, p++));
        }
        String exponent = "0";
        if ((at(s, p) | 0x20) == 'p') {
            int q = p + 1;
            int signAt = q;
            if (at(s, q) == '+' || at(s, q) == '-') q++;
            if (isDigit(at(s, q))) {
                while (isDigit(at(s, q))) q++;
                exponent = new String(s, signAt, q - signAt, java.nio.charset.StandardCharsets.US_ASCII);
                p = q;
            }
        }
        end[0] = p;
        if (literal.charAt(literal.length() - 1) == '.') literal.append('0');
        if (literal.charAt(2) == '.') literal.insert(2, '0');
        return Double.parseDouble(literal + "p" + exponent);
    }

    private static boolean word(byte[] s, int p, String w) {
        for (int i = 0; i < w.length(); i++) {
            if ((at(s, p + i) | 0x20) != w.charAt(i)) return false;
        }
        return true;
    }

    private static int at(byte[] s, int i) {
        return i < s.length ? s[i] & 0xFF : 0;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
    }
}
