package io.ferrite.core.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines as redis-cli reads and prints them: {@link #split} follows redis-cli's word splitting (double
 * quotes with {@code \n \r \t \b \a \" \\ \xHH} escapes, single quotes literal but for {@code \'}; a closing quote
 * must end the word), {@link #quote} writes a word back so that {@code split} reads the same bytes.
 */
public final class CliWords {
    private CliWords() {}

    /** The words of {@code line}; throws {@link IllegalArgumentException} on unbalanced quotes. */
    public static byte[][] split(String line) {
        byte[] in = line.getBytes(StandardCharsets.UTF_8);
        List<byte[]> words = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < in.length && isSpace(in[i])) i++;
            if (i == in.length) return words.toArray(new byte[0][]);
            ByteArrayOutputStream word = new ByteArrayOutputStream();
            boolean done = false;
            while (!done) {
                if (i == in.length) break;
                byte c = in[i];
                if (c == '"') {
                    i = doubleQuoted(in, i + 1, word);
                    if (i < in.length && !isSpace(in[i])) throw unbalanced(line);
                    done = true;
                } else if (c == '\'') {
                    i = singleQuoted(in, i + 1, word);
                    if (i < in.length && !isSpace(in[i])) throw unbalanced(line);
                    done = true;
                } else if (isSpace(c)) {
                    done = true;
                } else {
                    word.write(c);
                    i++;
                }
            }
            words.add(word.toByteArray());
        }
    }

    /** Reads a double-quoted word from {@code i} (after the quote); returns the index after the closing quote. */
    private static int doubleQuoted(byte[] in, int i, ByteArrayOutputStream word) {
        while (i < in.length) {
            byte c = in[i];
            if (c == '\\' && i + 3 < in.length && in[i + 1] == 'x' && isHex(in[i + 2]) && isHex(in[i + 3])) {
                word.write(Character.digit(in[i + 2], 16) * 16 + Character.digit(in[i + 3], 16));
                i += 4;
            } else if (c == '\\' && i + 1 < in.length) {
                byte e = in[i + 1];
                word.write(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'a' -> 7;
                    default -> e;
                });
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                word.write(c);
                i++;
            }
        }
        throw unbalanced(new String(in, StandardCharsets.UTF_8));
    }

    private static int singleQuoted(byte[] in, int i, ByteArrayOutputStream word) {
        while (i < in.length) {
            byte c = in[i];
            if (c == '\\' && i + 1 < in.length && in[i + 1] == '\'') {
                word.write('\'');
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else {
                word.write(c);
                i++;
            }
        }
        throw unbalanced(new String(in, StandardCharsets.UTF_8));
    }

    private static IllegalArgumentException unbalanced(String line) {
        return new IllegalArgumentException("unbalanced quotes in: " + line);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static boolean isHex(byte c) {
        return Character.digit(c, 16) >= 0;
    }

    /** The word as redis-cli would need it typed: bare when plain printable ASCII, else double-quoted and escaped. */
    public static String quote(byte[] word) {
        boolean bare = word.length > 0;
        for (byte b : word) {
            if (b <= ' ' || b >= 0x7f || b == '"' || b == '\'' || b == '\\') {
                bare = false;
                break;
            }
        }
        if (bare) return new String(word, StandardCharsets.US_ASCII);
        StringBuilder sb = new StringBuilder(word.length + 2).append('"');
        for (byte b : word) {
            switch (b) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (b >= ' ' && b < 0x7f) sb.append((char) b);
                    else sb.append(String.format("\\x%02x", b & 0xff));
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A whole command line, words quoted as needed. */
    public static String line(byte[][] argv) {
        StringBuilder sb = new StringBuilder();
        for (byte[] a : argv) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(quote(a));
        }
        return sb.toString();
    }
}
