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
 * sequential walks by index cost O(1) per step. Entries occupy {@code buf[head() .. end())}; free space may lie on
 * both sides, so adding or removing at either end moves no other entry (amortized O(1)), which is what lets a
 * quicklist use listpacks as its nodes. A mutation in the middle is an O(bytes) memory move of the shorter side,
 * which is what keeps this encoding for small collections only. Every mutation invalidates earlier offsets except
 * those a method returns.
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
    /** Offset of the first entry; {@code buf[0 .. start)} is free. */
    private int start;
    /** Offset one past the last entry; {@code buf[used ..)} is free. */
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
        used = other.used - other.start;
        buf = Arrays.copyOfRange(other.buf, other.start, other.start + Math.max(used, 8));
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
        return Sizes.OBJECT_HEADER + 5 * 4 + 8 + Sizes.REFERENCE + Sizes.array(buf.length);
    }

    /** Estimated size of the equivalent Redis listpack. */
    public long redisBytes() {
        return redisBytes;
    }

    public int head() {
        return start;
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
        if (index == 0) return start;
        if (index == count) return used;
        int from;
        int at;
        int distanceEnd = count - index;
        int distanceHint = hintIndex < 0 ? Integer.MAX_VALUE : Math.abs(index - hintIndex);
        if (index <= distanceEnd && index <= distanceHint) {
            from = 0;
            at = start;
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
        off = openGap(off, entrySize(value.length));
        writeEntry(off, value);
        count++;
        redisBytes += redisEntryBytes(value);
        hintIndex = -1;
        return off;
    }

    /** Replaces the entry at {@code off} with {@code value}; returns the entry's (possibly new) offset. */
    public int replace(int off, byte[] value) {
        int oldSize = next(off) - off;
        int newSize = entrySize(value.length);
        redisBytes += redisEntryBytes(value) - redisEntryBytes(off);
        if (newSize > oldSize) off = openGap(off + oldSize, newSize - oldSize) - oldSize;
        else if (newSize < oldSize) off = closeGap(off + newSize, oldSize - newSize) - newSize;
        writeEntry(off, value);
        hintIndex = -1;
        return off;
    }

    /** Deletes {@code n} entries starting at {@code off}; returns the offset the entry after them now has. */
    public int delete(int off, int n) {
        int to = off;
        for (int i = 0; i < n; i++) {
            redisBytes -= redisEntryBytes(to);
            to = next(to);
        }
        count -= n;
        hintIndex = -1;
        int after = closeGap(off, to - off);
        int len = used - start;
        if (buf.length > 64 && len < buf.length / 4) {
            int shift = relocate(buf.length / 2, after, 0);
            after += shift;
        }
        return after;
    }

    /**
     * Deletes up to {@code limit} entries equal to {@code value} (all if 0), scanning from the tail when
     * {@code fromTail}; returns how many were deleted.
     */
    public int deleteMatching(byte[] value, long limit, boolean fromTail) {
        int deleted = 0;
        if (!fromTail) {
            for (int off = start; off != used && (limit == 0 || deleted < limit); ) {
                if (equalsAt(off, value)) { off = delete(off, 1); deleted++; }
                else off = next(off);
            }
        } else {
            for (int off = used; off != start && (limit == 0 || deleted < limit); ) {
                off = prev(off);
                if (equalsAt(off, value)) { off = delete(off, 1); deleted++; }
            }
        }
        return deleted;
    }

    /** Drops the free space around the entries (for a listpack that will no longer grow). */
    public void trim() {
        if (start > 0 || used < buf.length) relocate(Math.max(used - start, 8), used, 0);
    }

    /**
     * Makes {@code size} free bytes at {@code off} (an entry boundary) and returns their offset. At the head the
     * free space in front is used when there is enough; otherwise the shorter way is a move of the entries after
     * {@code off}, or a move of all of them into a larger array that leaves room on both sides.
     */
    private int openGap(int off, int size) {
        if (off == start && start >= size) {
            start -= size;
            return start;
        }
        if ((off != start || start == used) && used + size <= buf.length) {
            System.arraycopy(buf, off, buf, off + size, used - off);
            used += size;
            return off;
        }
        int len = used - start;
        int spare = buf.length - len - size;
        int capacity = spare >= buf.length / 4 ? buf.length : Math.max(len + size, buf.length + (buf.length >> 1));
        return off + relocate(capacity, off, size);
    }

    /**
     * Removes {@code size} bytes at {@code off}, moving the shorter side; returns the offset the bytes after them
     * now have.
     */
    private int closeGap(int off, int size) {
        if (off - start < used - off - size) {
            System.arraycopy(buf, start, buf, start + size, off - start);
            start += size;
            return off + size;
        }
        System.arraycopy(buf, off + size, buf, off, used - off - size);
        used -= size;
        return off;
    }

    /**
     * Moves the entries into a new array of {@code capacity} bytes with {@code gap} free bytes opened at offset
     * {@code at}; the free space is split around the entries once they no longer start the array (something was
     * added or removed at the head: a list's node changes at both ends), else left at the end, where appends go.
     * Returns how far {@code at} moved.
     */
    private int relocate(int capacity, int at, int gap) {
        int len = used - start;
        int spare = capacity - len - gap;
        int newStart = start > 0 || (at == start && gap > 0) ? spare / 2 : 0;
        byte[] next = new byte[capacity];
        System.arraycopy(buf, start, next, newStart, at - start);
        System.arraycopy(buf, at, next, newStart + (at - start) + gap, used - at);
        int shift = newStart - start;
        hintIndex = -1;
        buf = next;
        start = newStart;
        used = newStart + len + gap;
        return shift;
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
