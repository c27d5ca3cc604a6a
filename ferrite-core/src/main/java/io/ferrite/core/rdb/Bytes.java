package io.ferrite.core.rdb;

import java.util.Arrays;

/** A growable byte buffer for building payloads. */
final class Bytes {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    int size() {
        return size;
    }

    void put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void put(byte[] b) {
        put(b, 0, b.length);
    }

    void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void zeros(int n) {
        ensure(n);
        size += n;
    }

    /** {@code v}'s low {@code n} bytes, little-endian. */
    void le(long v, int n) {
        ensure(n);
        Packed.putLe(buf, size, v, n);
        size += n;
    }

    /** The buffer itself, valid up to {@link #size()}. */
    byte[] array() {
        return buf;
    }

    /** Forgets everything from {@code size} on. */
    void truncate(int size) {
        this.size = size;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (n > buf.length - size) {
            long want = Math.max((long) buf.length * 2, (long) size + n);
            if (want > Integer.MAX_VALUE - 8) throw new OutOfMemoryError("payload too large");
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
