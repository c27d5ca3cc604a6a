package io.ferrite.core.rdb;

import io.ferrite.core.command.Numbers;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over an RDB value encoding. Every read checks bounds and throws {@link RdbFormatException} past the
 * end, so truncated or corrupt payloads are rejected rather than misread.
 */
final class RdbInput {
    private static final int ENC_INT8 = 0, ENC_INT16 = 1, ENC_INT32 = 2, ENC_LZF = 3;

    private final byte[] buf;
    private final int end;
    private int pos;

    RdbInput(byte[] buf, int from, int end) {
        this.buf = buf;
        this.pos = from;
        this.end = end;
    }

    int position() {
        return pos;
    }

    int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    /** A length: 6 bits, 14 bits, or a 32/64-bit big-endian integer after a marker byte. */
    long readLength() {
        int first = readByte();
        return switch (first >> 6) {
            case 0 -> first & 0x3F;
            case 1 -> ((first & 0x3F) << 8) | readByte();
            case 2 -> {
                if (first == 0x80) yield readBigEndian(4);
                if (first == 0x81) yield readBigEndian(8);
                throw new RdbFormatException("unknown length encoding");
            }
            default -> throw new RdbFormatException("special encoding where a length is expected");
        };
    }

    /** A length that must fit an array index (collection sizes, string lengths). */
    int readCount() {
        long n = readLength();
        if (n < 0 || n > Integer.MAX_VALUE - 8) throw new RdbFormatException("length out of range");
        return (int) n;
    }

    /** A string: length-prefixed bytes, an 8/16/32-bit integer (as its decimal text), or an LZF-compressed blob. */
    byte[] readString() {
        int first = readByte();
        if (first >> 6 != 3) {
            pos--;
            int len = readCount();
            need(len);
            byte[] s = java.util.Arrays.copyOfRange(buf, pos, pos + len);
            pos += len;
            return s;
        }
        return switch (first & 0x3F) {
            case ENC_INT8 -> Numbers.toBytes((byte) readByte());
            case ENC_INT16 -> Numbers.toBytes((short) readLittleEndian(2));
            case ENC_INT32 -> Numbers.toBytes((int) readLittleEndian(4));
            case ENC_LZF -> {
                int compressed = readCount();
                int length = readCount();
                need(compressed);
                // A 3-byte back reference yields at most 264 bytes: a larger claim is corrupt, not worth allocating.
                if (length > 88L * compressed + 32) throw new RdbFormatException("LZF length out of proportion");
                byte[] s = Lzf.decompress(buf, pos, compressed, length);
                pos += compressed;
                yield s;
            }
            default -> throw new RdbFormatException("unknown string encoding");
        };
    }

    /** A binary double: 8 bytes little-endian (RDB_TYPE_ZSET_2). */
    double readBinaryDouble() {
        return Double.longBitsToDouble(readLittleEndian(8));
    }

    /** A text double (RDB_TYPE_ZSET): a length byte (253 NaN, 254 +inf, 255 -inf) and that many characters. */
    double readTextDouble() {
        int len = readByte();
        switch (len) {
            case 253: return Double.NaN;
            case 254: return Double.POSITIVE_INFINITY;
            case 255: return Double.NEGATIVE_INFINITY;
            default:
                need(len);
                String text = new String(buf, pos, len, StandardCharsets.US_ASCII);
                pos += len;
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new RdbFormatException("bad double");
                }
        }
    }

    private long readBigEndian(int n) {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) v = (v << 8) | (buf[pos++] & 0xFF);
        return v;
    }

    byte[] readRaw(int n) {
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    long readLittleEndian(int n) {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) v |= (long) (buf[pos++] & 0xFF) << (8 * i);
        return v;
    }

    private void need(int n) {
        if (n > end - pos) throw new RdbFormatException("payload truncated");
    }
}
