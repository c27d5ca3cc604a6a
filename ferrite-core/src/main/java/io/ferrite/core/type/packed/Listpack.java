package io.ferrite.core.type.packed;

import io.ferrite.core.ReplySink;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.keyspace.Sizes;

import java.util.Arrays;

/**
 * A sequence of byte strings packed into one {@code byte[]}, Redis's listpack idea: small collections cost one
 * array instead of an object per element. Each entry is {@code [length varint][bytes][back-length]}, where the
 * back-length holds the size of the first two parts written so that it can be read backwards, so the sequence can
 * be walked from either end.
 *
 * <p>Positions are byte offsets of entries: {@link #head()} is the first, {@link #end()} is one past the last
 * (also where an append goes). Index access ({@link #offsetOf}) remembers the last position it found, so that
 * sequential walks by index cost O(1) per step. Mutations are O(bytes) memory moves, which is what keeps this
 * encoding for small collections only.
 *
 * <p>{@link #redisBytes()} estimates what Redis's listpack of the same entries would take (integers packed as
 * integers), so that conversion thresholds expressed in bytes ({@code list-max-listpack-size -2}) trigger where
 * Redis's do.
 *
 * <p>Not thread-safe: owned by the value that holds it, guarded by its shard lock.
 */
public final class Listpack {
    private static final int HEADER_BYTES = 7; // Redis's total-bytes and count header plus the end marker

    private byte[] buf;
    private int used;
    private int count;
    private long redisBytes = HEADER_BYTES;
    private int hintIndex = -1;
    private int hintOffset;

    public Listpack() {
        this(16);
    }

    public Listpack(int capacity) {
        buf = new byte[Math.max(capacity, 8)];
    }

    private Listpack(Listpack other) {
        buf = Arrays.copyOf(other.buf, Math.max(other.used, 8));
        used = other.used;
        count = other.count;
        redisBytes = other.redisBytes;
    }

    public Listpack copy() {
        return new Listpack(this);
    }

    /** Number of entries. */
    public int size() {
        return count;
    }

    /** Estimated heap of this listpack: the object and its array. */
    public long memoryUsage() {
        return Sizes.OBJECT_HEADER + 4 * 4 + 8 + Sizes.array(buf.length);
    }

    /** Estimated size of the equivalent Redis listpack. */
    public long redisBytes() {
        return redisBytes;
    }

    public int head() {
        return 0;
    }

    public int end() {
        return used;
    }

    /** The raw array; entry bytes lie at {@link #valueOffset}, {@link #valueLength}. Valid until the next mutation. */
    public byte[] array() {
        return buf;
    }

    public int valueLength(int off) {
        int v = 0;
        int shift = 0;
        while (true) {
            int b = buf[off++];
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) return v;
            shift += 7;
        }
    }

    public int valueOffset(int off) {
        while ((buf[off] & 0x80) != 0) off++;
        return off + 1;
    }

    /** Offset of the entry after the one at {@code off}. */
    public int next(int off) {
        int len = valueLength(off);
        return valueOffset(off) + len + backlenSize(varintSize(len) + len);
    }

    /** Offset of the entry before the one at {@code off} ({@code off} may be {@link #end()}); {@code off > 0}. */
    public int prev(int off) {
        int i = off - 1;
        int v = buf[i] & 0x7f;
        int shift = 7;
        while ((buf[i] & 0x80) != 0) {
            i--;
            v |= (buf[i] & 0x7f) << shift;
            shift += 7;
        }
        return i - v;
    }

    /** Offset of the entry at {@code index} (0-based, {@code index <= size()}; {@code size()} gives {@link #end()}). */
    public int offsetOf(int index) {
        if (index == 0) return 0;
        if (index == count) return used;
        int from;
        int at;
        int distanceEnd = count - index;
        int distanceHint = hintIndex < 0 ? Integer.MAX_VALUE : Math.abs(index - hintIndex);
        if (index <= distanceEnd && index <= distanceHint) {
            from = 0;
            at = 0;
        } else if (distanceEnd <= distanceHint) {
            from = count;
            at = used;
        } else {
            from = hintIndex;
            at = hintOffset;
        }
        while (from < index) { at = next(at); from++; }
        while (from > index) { at = prev(at); from--; }
        hintIndex = index;
        hintOffset = at;
        return at;
    }

    public byte[] get(int off) {
        int vo = valueOffset(off);
        return Arrays.copyOfRange(buf, vo, vo + valueLength(off));
    }

    public boolean equalsAt(int off, byte[] value) {
        int vo = valueOffset(off);
        int len = valueLength(off);
        return len == value.length && Arrays.equals(buf, vo, vo + len, value, 0, len);
    }

    /** Replies the entry at {@code off} as a bulk string, without copying it. */
    public void write(ReplySink out, int off) {
        out.bulk(buf, valueOffset(off), valueLength(off));
    }

    /** Inserts {@code value} before the entry at {@code off} ({@link #end()} appends); returns the new entry's offset. */
    public int insert(int off, byte[] value) {
        int size = entrySize(value.length);
        ensure(used + size);
        System.arraycopy(buf, off, buf, off + size, used - off);
        writeEntry(off, value);
        used += size;
        count++;
        redisBytes += redisEntryBytes(value);
        hintIndex = -1;
        return off;
    }

    /** Replaces the entry at {@code off} with {@code value}. */
    public void replace(int off, byte[] value) {
        int oldSize = next(off) - off;
        int newSize = entrySize(value.length);
        redisBytes += redisEntryBytes(value) - redisEntryBytes(off);
        if (newSize != oldSize) {
            ensure(used - oldSize + newSize);
            System.arraycopy(buf, off + oldSize, buf, off + newSize, used - off - oldSize);
            used += newSize - oldSize;
        }
        writeEntry(off, value);
        hintIndex = -1;
    }

    /** Deletes {@code n} entries starting at {@code off}. */
    public void delete(int off, int n) {
        int to = off;
        for (int i = 0; i < n; i++) {
            redisBytes -= redisEntryBytes(to);
            to = next(to);
        }
        System.arraycopy(buf, to, buf, off, used - to);
        used -= to - off;
        count -= n;
        hintIndex = -1;
        if (buf.length > 64 && used < buf.length / 4) buf = Arrays.copyOf(buf, buf.length / 2);
    }

    private void ensure(int needed) {
        if (needed > buf.length) buf = Arrays.copyOf(buf, Math.max(needed, buf.length + (buf.length >> 1)));
    }

    private void writeEntry(int off, byte[] value) {
        int len = value.length;
        int p = off;
        int v = len;
        while (v >= 0x80) {
            buf[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        buf[p++] = (byte) v;
        System.arraycopy(value, 0, buf, p, len);
        p += len;
        // Back-length: the size of length + bytes, 7 bits per byte, most significant first. Read backwards, a byte
        // with its high bit set says that more significant bytes precede it.
        int back = p - off;
        int n = backlenSize(back);
        for (int i = n - 1; i >= 0; i--) {
            int bits = (back >>> (7 * i)) & 0x7f;
            buf[p++] = (byte) (i == n - 1 ? bits : bits | 0x80);
        }
    }

    private static int varintSize(int v) {
        int n = 1;
        while (v >= 0x80) { v >>>= 7; n++; }
        return n;
    }

    private static int backlenSize(int v) {
        return varintSize(v);
    }

    private static int entrySize(int len) {
        int front = varintSize(len) + len;
        return front + backlenSize(front);
    }

    private long redisEntryBytes(int off) {
        return redisEntryBytes(buf, valueOffset(off), valueLength(off));
    }

    private static long redisEntryBytes(byte[] value) {
        return redisEntryBytes(value, 0, value.length);
    }

    /** Size of one entry in Redis's listpack: integer-looking strings are stored as integers. */
    public static long redisEntryBytes(byte[] b, int off, int len) {
        if (Numbers.isLong(b, off, len)) return redisIntegerBytes(Numbers.parseLongUnchecked(b, off, len));
        int encoded;
        if (len < 64) {
            encoded = 1 + len;
        } else if (len < 4096) {
            encoded = 2 + len;
        } else {
            encoded = 5 + len;
        }
        return encoded + redisBacklenBytes(encoded);
    }

    /** Size of an integer entry in Redis's listpack. */
    public static long redisIntegerBytes(long v) {
        int encoded;
        if (v >= 0 && v <= 127) encoded = 1;
        else if (v >= -4096 && v <= 4095) encoded = 2;
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) encoded = 3;
        else if (v >= -(1 << 23) && v < (1 << 23)) encoded = 4;
        else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) encoded = 5;
        else encoded = 9;
        return encoded + redisBacklenBytes(encoded);
    }

    private static int redisBacklenBytes(int encoded) {
        return encoded < 128 ? 1 : encoded < 16384 ? 2 : encoded < 2097152 ? 3 : encoded < 268435456 ? 4 : 5;
    }
}
