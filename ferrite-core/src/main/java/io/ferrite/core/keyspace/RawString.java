package io.ferrite.core.keyspace;

import java.util.Arrays;

/**
 * A string value held in a growable buffer. APPEND, SETRANGE, SETBIT, BITFIELD and BITOP leave their result in one:
 * it grows in place with spare capacity (amortised O(1) appends, like an sds string) and OBJECT ENCODING reports it
 * as {@code raw}, as Redis does for modified strings. A string Redis creates from a conversion (INCRBYFLOAT's result) is held in an
 * {@linkplain #unencoded unencoded} one, so that OBJECT ENCODING reports {@code embstr} for it even when its text
 * looks like an integer, until a modification makes it raw.
 *
 * <p>Owned by the keyspace: only code holding its shard's lock touches it; replies copy from it.
 */
public final class RawString extends RedisValue {
    /** The largest array the JVM reliably allocates. */
    public static final int MAX_LENGTH = Integer.MAX_VALUE - 8;
    /** Redis embeds strings up to this many bytes in their object header (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
    private static final int EMBSTR_LIMIT = 44;

    private byte[] buf;
    private int length;
    private boolean unencoded;

    public RawString(byte[] initial, int capacity) {
        buf = Arrays.copyOf(initial, Math.max(capacity, initial.length));
        length = initial.length;
    }

    /** A string that takes ownership of {@code value} (no copy): the caller must not touch the array afterwards. */
    public static RawString owning(byte[] value) {
        return new RawString(value);
    }

    private RawString(byte[] value) {
        buf = value;
        length = value.length;
    }

    /**
     * A string stored as Redis's {@code createStringObject} leaves it, without the integer encoding attempt:
     * OBJECT ENCODING reports {@code embstr} or {@code raw} by its length alone.
     */
    public static RawString unencoded(byte[] value) {
        RawString r = new RawString(value, value.length);
        r.unencoded = true;
        return r;
    }

    /** True while this string keeps the encoding of its creation (see {@link #unencoded}); false once modified. */
    public boolean isUnencoded() { return unencoded; }

    /**
     * The backing array: the value is its first {@link #length} bytes, every byte past them is zero. Readers must not
     * keep it past the command. Bit commands write bits within the first {@code length} bytes through it, after
     * {@link #growZero}, under the key's shard lock.
     */
    public byte[] buffer() { return buf; }
    public int length() { return length; }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, length);
    }

    public void append(byte[] data) {
        ensure((long) length + data.length);
        System.arraycopy(data, 0, buf, length, data.length);
        length += data.length;
        unencoded = false;
    }

    /** Writes {@code data} at {@code offset}; a gap past the current end reads as zero bytes. */
    public void setRange(int offset, byte[] data) {
        long end = (long) offset + data.length;
        ensure(end);
        System.arraycopy(data, 0, buf, offset, data.length);
        if (end > length) length = (int) end;
        unencoded = false;
    }

    /**
     * Pads the string with zero bytes up to {@code newLength} (Redis's {@code sdsgrowzero}); returns whether it grew.
     * Marks the string modified (raw) either way, as the bit commands that call it do in Redis.
     */
    public boolean growZero(int newLength) {
        unencoded = false;
        if (newLength <= length) return false;
        ensure(newLength);
        length = newLength;
        return true;
    }

    /** Cuts the string to its first {@code newLength} bytes (no-op if not longer), keeping the buffer's capacity. */
    public void truncate(int newLength) {
        unencoded = false;
        if (newLength >= length) return;
        Arrays.fill(buf, newLength, length, (byte) 0);
        length = newLength;
    }

    /**
     * Replaces the whole value with {@code value}, taking ownership of the array (no copy, no spare capacity): a
     * rewrite into a new layout, such as a HyperLogLog's conversion to its dense encoding.
     */
    public void assign(byte[] value) {
        buf = value;
        length = value.length;
        unencoded = false;
    }

    private void ensure(long needed) {
        if (needed <= buf.length) return;
        if (needed > MAX_LENGTH) throw new IllegalArgumentException("string of " + needed + " bytes");
        // Double while small, then grow by 1 MB steps, as sds does (SDS_MAX_PREALLOC). Bytes past length stay zero.
        long grown = needed < 1 << 20 ? needed * 2 : needed + (1 << 20);
        buf = Arrays.copyOf(buf, (int) Math.min(grown, MAX_LENGTH));
    }

    @Override public String type() { return "string"; }
    @Override public String encoding() { return unencoded && length <= EMBSTR_LIMIT ? "embstr" : "raw"; }
    @Override public RedisValue copy() {
        RawString r = new RawString(toBytes(), length);
        r.unencoded = unencoded;
        return r;
    }
    @Override public long memoryUsage() { return Sizes.OBJECT_HEADER + 8 + Sizes.array(buf.length); }
}
