package io.ferrite.core.rdb;

import io.ferrite.core.command.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis's packed blobs as they appear in RDB strings: listpacks (Redis 7), ziplists (older payloads) and intsets.
 * Readers return the elements in order as byte strings (integers as their decimal text) and reject malformed
 * blobs; {@link #listpack} writes one the way Redis's {@code lpAppend} lays it out.
 */
final class Packed {
    private Packed() {}

    private static final int LP_HEADER = 6;
    private static final int LP_END = 0xFF;

    // ---- listpack

    /** The elements of a listpack. */
    static List<byte[]> readListpack(byte[] lp) {
        if (lp.length < LP_HEADER + 1 || le(lp, 0, 4) != lp.length || (lp[lp.length - 1] & 0xFF) != LP_END) {
            throw new RdbFormatException("bad listpack header");
        }
        int declared = (int) le(lp, 4, 2);
        List<byte[]> out = new ArrayList<>(declared == 0xFFFF ? 16 : declared);
        int p = LP_HEADER;
        int last = lp.length - 1;
        while (p < last) {
            int b = lp[p] & 0xFF;
            int header;
            int len;
            byte[] value = null;
            if ((b & 0x80) == 0) {                       // 7-bit unsigned integer
                header = 1; len = 0; value = Numbers.toBytes(b);
            } else if ((b & 0xC0) == 0x80) {             // string up to 63 bytes
                header = 1; len = b & 0x3F;
            } else if ((b & 0xE0) == 0xC0) {             // 13-bit signed integer
                check(p + 2 <= last);
                int u = ((b & 0x1F) << 8) | (lp[p + 1] & 0xFF);
                header = 2; len = 0; value = Numbers.toBytes(u >= 1 << 12 ? u - (1 << 13) : u);
            } else if ((b & 0xF0) == 0xE0) {             // string up to 4095 bytes
                check(p + 2 <= last);
                header = 2; len = ((b & 0x0F) << 8) | (lp[p + 1] & 0xFF);
            } else {
                int width = switch (b) {
                    case 0xF1 -> 2;
                    case 0xF2 -> 3;
                    case 0xF3 -> 4;
                    case 0xF4 -> 8;
                    case 0xF0 -> -1;
                    default -> throw new RdbFormatException("bad listpack entry");
                };
                if (width > 0) {
                    check(p + 1 + width <= last);
                    long v = le(lp, p + 1, width);
                    int shift = 64 - 8 * width;
                    header = 1 + width; len = 0; value = Numbers.toBytes((v << shift) >> shift);
                } else {
                    check(p + 5 <= last);
                    long l = le(lp, p + 1, 4);
                    check(l <= last);
                    header = 5; len = (int) l;
                }
            }
            int size = header + len;
            check(p + size <= last);
            if (value == null) value = java.util.Arrays.copyOfRange(lp, p + header, p + size);
            out.add(value);
            p += size + backlenSize(size);
        }
        check(p == last && (declared == 0xFFFF || declared == out.size()));
        return out;
    }

    /** A listpack holding {@code elements} in order, integers in their integer encodings as Redis stores them. */
    static byte[] listpack(List<byte[]> elements) {
        Bytes out = new Bytes(64);
        out.zeros(LP_HEADER);
        for (byte[] e : elements) {
            int start = out.size();
            if (e.length > 0 && e.length <= 20 && Numbers.isLong(e)) {
                long v = Numbers.parseLongUnchecked(e, 0, e.length);
                if (v >= 0 && v <= 127) {
                    out.put((int) v);
                } else if (v >= -4096 && v <= 4095) {
                    long u = v < 0 ? (1 << 13) + v : v;
                    out.put((int) (u >> 8) | 0xC0);
                    out.put((int) u & 0xFF);
                } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                    out.put(0xF1);
                    out.le(v, 2);
                } else if (v >= -(1 << 23) && v < 1 << 23) {
                    out.put(0xF2);
                    out.le(v, 3);
                } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    out.put(0xF3);
                    out.le(v, 4);
                } else {
                    out.put(0xF4);
                    out.le(v, 8);
                }
            } else if (e.length < 64) {
                out.put(0x80 | e.length);
                out.put(e);
            } else if (e.length < 4096) {
                out.put(0xE0 | (e.length >> 8));
                out.put(e.length & 0xFF);
                out.put(e);
            } else {
                out.put(0xF0);
                out.le(e.length, 4);
                out.put(e);
            }
            backlen(out, out.size() - start);
        }
        out.put(LP_END);
        byte[] lp = out.toArray();
        putLe(lp, 0, lp.length, 4);
        putLe(lp, 4, Math.min(elements.size(), 0xFFFF), 2);
        return lp;
    }

    /** The bytes {@code e} takes as a listpack entry: encoding header, data and back-length. */
    static int entryBytes(byte[] e) {
        int size;
        if (e.length > 0 && e.length <= 20 && Numbers.isLong(e)) {
            long v = Numbers.parseLongUnchecked(e, 0, e.length);
            if (v >= 0 && v <= 127) size = 1;
            else if (v >= -4096 && v <= 4095) size = 2;
            else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) size = 3;
            else if (v >= -(1 << 23) && v < 1 << 23) size = 4;
            else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) size = 5;
            else size = 9;
        } else {
            size = e.length < 64 ? 1 + e.length : e.length < 4096 ? 2 + e.length : 5 + e.length;
        }
        return size + backlenSize(size);
    }

    private static int backlenSize(int size) {
        return size <= 127 ? 1 : size < 16383 ? 2 : size < 2097151 ? 3 : size < 268435455 ? 4 : 5;
    }

    /** The entry size written so that it can be read backwards: 7 bits a byte, the high bit marks continuation. */
    private static void backlen(Bytes out, int size) {
        int n = backlenSize(size);
        for (int i = n - 1; i >= 0; i--) {
            int group = (size >>> (7 * i)) & 0x7F;
            out.put(i == n - 1 ? group : group | 0x80);
        }
    }

    // ---- ziplist

    /** The elements of a ziplist (payloads written before Redis 7). */
    static List<byte[]> readZiplist(byte[] zl) {
        if (zl.length < 11 || le(zl, 0, 4) != zl.length || (zl[zl.length - 1] & 0xFF) != 0xFF) {
            throw new RdbFormatException("bad ziplist header");
        }
        int declared = (int) le(zl, 8, 2);
        List<byte[]> out = new ArrayList<>();
        int p = 10;
        int last = zl.length - 1;
        while (p < last) {
            p += (zl[p] & 0xFF) < 254 ? 1 : 5; // previous entry length
            check(p < last);
            int b = zl[p] & 0xFF;
            switch (b >> 6) {
                case 0, 1, 2 -> {
                    int len;
                    if (b >> 6 == 0) { len = b & 0x3F; p += 1; }
                    else if (b >> 6 == 1) { check(p + 2 <= last); len = ((b & 0x3F) << 8) | (zl[p + 1] & 0xFF); p += 2; }
                    else { check(p + 5 <= last); long l = be(zl, p + 1); check(l <= last); len = (int) l; p += 5; }
                    check(p + len <= last);
                    out.add(java.util.Arrays.copyOfRange(zl, p, p + len));
                    p += len;
                }
                default -> {
                    p += 1;
                    int width = switch (b) {
                        case 0xC0 -> 2;
                        case 0xD0 -> 4;
                        case 0xE0 -> 8;
                        case 0xF0 -> 3;
                        case 0xFE -> 1;
                        default -> 0;
                    };
                    long v;
                    if (width == 0) {
                        check(b >= 0xF1 && b <= 0xFD);
                        v = (b & 0x0F) - 1;
                    } else {
                        check(p + width <= last);
                        int shift = 64 - 8 * width;
                        v = (le(zl, p, width) << shift) >> shift;
                        p += width;
                    }
                    out.add(Numbers.toBytes(v));
                }
            }
        }
        check(p == last && (declared == 0xFFFF || declared == out.size()));
        return out;
    }

    // ---- intset

    /** The members of an intset: 4-byte width (2, 4 or 8), 4-byte count, then the values ascending, little-endian. */
    static List<byte[]> readIntset(byte[] is) {
        check(is.length >= 8);
        long width = le(is, 0, 4);
        long count = le(is, 4, 4);
        check((width == 2 || width == 4 || width == 8) && 8 + count * width == is.length);
        List<byte[]> out = new ArrayList<>((int) count);
        int shift = 64 - 8 * (int) width;
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long v = (le(is, 8 + i * (int) width, (int) width) << shift) >> shift;
            check(i == 0 || v > previous);
            previous = v;
            out.add(Numbers.toBytes(v));
        }
        return out;
    }

    /** An intset of {@code values}, ascending and distinct, in the narrowest width that holds them all. */
    static byte[] intset(long[] values, int count) {
        int width = 2;
        for (int i = 0; i < count; i++) {
            long v = values[i];
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) width = 8;
            else if ((v < Short.MIN_VALUE || v > Short.MAX_VALUE) && width < 4) width = 4;
        }
        byte[] is = new byte[8 + count * width];
        putLe(is, 0, width, 4);
        putLe(is, 4, count, 4);
        for (int i = 0; i < count; i++) putLe(is, 8 + i * width, values[i], width);
        return is;
    }

    // ---- helpers

    private static void check(boolean ok) {
        if (!ok) throw new RdbFormatException("malformed packed encoding");
    }

    static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) v |= (long) (b[off + i] & 0xFF) << (8 * i);
        return v;
    }

    private static long be(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 4; i++) v = (v << 8) | (b[off + i] & 0xFF);
        return v;
    }

    static void putLe(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
