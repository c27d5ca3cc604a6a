package io.ferrite.core.keyspace;

import java.util.Arrays;

/**
 * A string value that APPEND or SETRANGE modified: it grows in place with spare capacity (amortised O(1) appends,
 * like an sds string) and OBJECT ENCODING reports it as {@code raw}, as Redis does for modified strings.
 * Owned by the keyspace: only code holding its shard's lock touches it; replies copy from it.
 */
public final class RawString extends RedisValue {
    private byte[] buf;
    private int length;

    public RawString(byte[] initial, int capacity) {
        buf = Arrays.copyOf(initial, Math.max(capacity, initial.length));
        length = initial.length;
    }

    public byte[] buffer() { return buf; }
    public int length() { return length; }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, length);
    }

    public void append(byte[] data) {
        ensure(length + data.length);
        System.arraycopy(data, 0, buf, length, data.length);
        length += data.length;
    }

    /** Writes {@code data} at {@code offset}; a gap past the current end reads as zero bytes. */
    public void setRange(int offset, byte[] data) {
        int end = offset + data.length;
        ensure(end);
        System.arraycopy(data, 0, buf, offset, data.length);
        if (end > length) length = end;
    }

    private void ensure(int needed) {
        if (needed <= buf.length) return;
        // Double while small, then grow by 1 MB steps, as sds does (SDS_MAX_PREALLOC). Bytes past length stay zero.
        int grown = needed < 1 << 20 ? needed * 2 : needed + (1 << 20);
        buf = Arrays.copyOf(buf, grown);
    }

    @Override public String type() { return "string"; }
    @Override public String encoding() { return "raw"; }
    @Override public RedisValue copy() { return new RawString(toBytes(), length); }
    @Override public long memoryUsage() { return Sizes.OBJECT_HEADER + 8 + Sizes.array(buf.length); }
}
