package io.ferrite.core.rdb;

/**
 * Decompression of LZF (liblzf's format), which Redis uses for strings longer than 20 bytes in RDB payloads.
 * A compressed stream is a sequence of runs, each introduced by a control byte {@code c}: below 32, a literal of
 * {@code c + 1} bytes follows; otherwise a back reference of length {@code (c >> 5) + 2} (an extra length byte
 * follows when {@code c >> 5} is 7) at distance {@code ((c & 31) << 8 | next byte) + 1} from the output end.
 */
public final class Lzf {
    private Lzf() {}

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
