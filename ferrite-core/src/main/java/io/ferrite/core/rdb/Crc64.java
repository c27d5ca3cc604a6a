package io.ferrite.core.rdb;

/**
 * The CRC-64 Redis appends to DUMP payloads and RDB files: the Jones polynomial {@code 0xad93d23594c935a9},
 * reflected input and output, initial value and final xor 0. Check value: {@code crc64(0, "123456789")} is
 * {@code 0xe9c6d914c4b8d9ca}.
 */
public final class Crc64 {
    /** The Jones polynomial with its bits reversed, for the reflected (LSB-first) table algorithm. */
    private static final long REFLECTED_POLY = Long.reverse(0xad93d23594c935a9L);
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
            TABLE[i] = crc;
        }
    }

    private Crc64() {}

    /** Continues {@code crc} over {@code b[off..off+len)}. */
    public static long update(long crc, byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) crc = TABLE[(int) ((crc ^ b[i]) & 0xFF)] ^ (crc >>> 8);
        return crc;
    }
}
