package io.ferrite.core.rdb;

/**
 * LZF (liblzf's format), which Redis uses for strings longer than 20 bytes in RDB payloads.
 * A compressed stream is a sequence of runs, each introduced by a control byte {@code c}: below 32, a literal of
 * {@code c + 1} bytes follows; otherwise a back reference of length {@code (c >> 5) + 2} (an extra length byte
 * follows when {@code c >> 5} is 7) at distance {@code ((c & 31) << 8 | next byte) + 1} from the output end.
 */
public final class Lzf {
    private Lzf() {}

    private static final int HASH_LOG = 16;
    private static final int MAX_LITERAL = 1 << 5;
    private static final int MAX_OFFSET = 1 << 13;
    private static final int MAX_REFERENCE = (1 << 8) + (1 << 3);

    /**
     * Compresses {@code in[0..len)} as Redis's bundled liblzf does (16-bit hash table, its "very fast" mode that
     * rehashes two positions after each match), so that payloads match Redis's byte for byte; returns the
     * compressed bytes, or null when they would not fit in {@code maxOut} bytes. Redis starts from whatever its
     * stack holds where this starts from an empty table; both produce valid streams, identical in practice.
     */
    public static byte[] compress(byte[] in, int len, int maxOut) {
        if (len < 3 || maxOut <= 0) return null;
        int[] table = new int[1 << HASH_LOG];
        java.util.Arrays.fill(table, -1);
        byte[] out = new byte[maxOut + MAX_LITERAL + 8]; // slack: the bounds checks below mirror liblzf's
        int ip = 0;
        int op = 1; // the first literal run's control byte is at op - lit - 1
        int lit = 0;
        int h = ((in[0] & 0xFF) << 8) | (in[1] & 0xFF);
        while (ip < len - 2) {
            h = (h << 8) | (in[ip + 2] & 0xFF);
            int slot = hashIndex(h);
            int ref = table[slot];
            table[slot] = ip;
            int off = ip - ref - 1;
            if (ref > 0 && off < MAX_OFFSET && ip + 4 < len
                    && in[ref] == in[ip] && in[ref + 1] == in[ip + 1] && in[ref + 2] == in[ip + 2]) {
                int maxLen = Math.min(len - ip - 2, MAX_REFERENCE);
                out[op - lit - 1] = (byte) (lit - 1);
                if (lit == 0) op--;
                if (op + 3 + 1 >= maxOut) return null;
                int n = matchLength(in, ref, ip, maxLen) - 2; // octets - 2, as the format stores it
                ip++;
                if (n < 7) {
                    out[op++] = (byte) ((off >> 8) + (n << 5));
                } else {
                    out[op++] = (byte) ((off >> 8) + (7 << 5));
                    out[op++] = (byte) (n - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++;
                ip += n + 1;
                if (ip >= len - 2) break;
                ip -= 2;
                h = ((in[ip] & 0xFF) << 8) | (in[ip + 1] & 0xFF);
                for (int i = 0; i < 2; i++) {
                    h = (h << 8) | (in[ip + 2] & 0xFF);
                    table[hashIndex(h)] = ip;
                    ip++;
                }
            } else {
                if (op >= maxOut) return null;
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LITERAL) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        if (op + 3 > maxOut) return null;
        while (ip < len) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LITERAL) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1);
        if (lit == 0) op--;
        return java.util.Arrays.copyOf(out, op);
    }

    /** liblzf's hash of the three bytes ending in {@code h}'s low byte (only its low 24 bits matter). */
    private static int hashIndex(int h) {
        return ((h >>> (3 * 8 - HASH_LOG)) - h * 5) & ((1 << HASH_LOG) - 1);
    }

    /**
     * The length of the match of {@code in[ip..]} with {@code in[ref..]}, whose first 3 bytes are equal, in
     * liblzf's steps: 16 more bytes compared at once when more than 16 remain, then one at a time up to
     * {@code maxLen}; the last step counts one byte without comparing it, as liblzf's loop does (it is within the
     * input, and the match length the decoder replays is what counts).
     */
    private static int matchLength(byte[] in, int ref, int ip, int maxLen) {
        int n = 2;
        if (maxLen > 16) {
            for (int i = 0; i < 16; i++) {
                n++;
                if (in[ref + n] != in[ip + n]) return n;
            }
        }
        do {
            n++;
        } while (n < maxLen && in[ref + n] == in[ip + n]);
        return n;
    }

    /**
     * Decompresses {@code in[off..off+len)} into exactly {@code outLength} bytes; throws
     * {@link RdbFormatException} if the input is malformed or does not expand to that length.
     */
    public static byte[] decompress(byte[] in, int off, int len, int outLength) {
        byte[] out = new byte[outLength];
        int ip = off;
        int end = off + len;
        int op = 0;
        while (ip < end) {
            int ctrl = in[ip++] & 0xFF;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (ip + run > end || op + run > outLength) throw new RdbFormatException("LZF literal overruns");
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
                continue;
            }
            int run = ctrl >> 5;
            if (run == 7) {
                if (ip >= end) throw new RdbFormatException("LZF input truncated");
                run += in[ip++] & 0xFF;
            }
            if (ip >= end) throw new RdbFormatException("LZF input truncated");
            int ref = op - (((ctrl & 0x1F) << 8) | (in[ip++] & 0xFF)) - 1;
            run += 2;
            if (ref < 0 || op + run > outLength) throw new RdbFormatException("LZF back reference out of range");
            // Byte by byte: a reference may overlap the bytes it produces (run-length repetition).
            for (int i = 0; i < run; i++) out[op++] = out[ref++];
        }
        if (op != outLength) throw new RdbFormatException("LZF output length mismatch");
        return out;
    }
}
