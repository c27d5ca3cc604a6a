package io.ferrite.core.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline request into arguments as Redis's {@code sdssplitargs} does: whitespace separates words;
 * double quotes allow {@code \n \r \t \b \a \xHH} and {@code \c} escapes; single quotes are literal except
 * {@code \'}; a closing quote must be followed by whitespace or the end of the line; a quote inside a word opens a
 * quoted part of that word. A NUL byte ends the line, as it ends Redis's C string. Inline requests and
 * redis.conf lines are split this way.
 */
public final class InlineSplitter {
    private InlineSplitter() {}

    private static final byte[][] NONE = new byte[0][];

    /** The words of {@code line[0, length)}, or null if quotes are unbalanced. */
    public static byte[][] split(byte[] line, int length) {
        List<byte[]> words = null;
        ByteArrayOutputStream word = null;
        int p = 0;
        while (true) {
            while (p < length && isSpace(at(line, length, p))) p++;
            if (at(line, length, p) == 0) {
                return words == null ? NONE : words.toArray(NONE);
            }
            if (word == null) word = new ByteArrayOutputStream(16);
            word.reset();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = at(line, length, p);
                if (inDouble) {
                    if (c == '\\' && at(line, length, p + 1) == 'x'
                            && isHex(at(line, length, p + 2)) && isHex(at(line, length, p + 3))) {
                        word.write(hex(at(line, length, p + 2)) * 16 + hex(at(line, length, p + 3)));
                        p += 3;
                    } else if (c == '\\' && at(line, length, p + 1) != 0) {
                        p++;
                        int e = at(line, length, p);
                        word.write(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> e;
                        });
                    } else if (c == '"') {
                        int after = at(line, length, p + 1);
                        if (after != 0 && !isSpace(after)) return null;
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        word.write(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && at(line, length, p + 1) == '\'') {
                        p++;
                        word.write('\'');
                    } else if (c == '\'') {
                        int after = at(line, length, p + 1);
                        if (after != 0 && !isSpace(after)) return null;
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        word.write(c);
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> word.write(c);
                    }
                }
                if (at(line, length, p) != 0) p++;
            }
            if (words == null) words = new ArrayList<>(4);
            words.add(word.toByteArray());
        }
    }

    /** The byte at {@code i} as an unsigned value, 0 past the end (C's terminating NUL). */
    private static int at(byte[] line, int length, int i) {
        return i < length ? line[i] & 0xff : 0;
    }

    /** C's {@code isspace}. */
    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(int c) {
        if (c <= '9') return c - '0';
        return (c | 0x20) - 'a' + 10;
    }
}
