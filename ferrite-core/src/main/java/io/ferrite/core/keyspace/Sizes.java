package io.ferrite.core.keyspace;

/**
 * Heap size estimates for a 64-bit JVM with compressed references (the default below 32 GB of heap): 12-byte
 * object headers, 4-byte references, 8-byte alignment. They feed {@code used_memory}, MEMORY USAGE and maxmemory.
 */
public final class Sizes {
    private Sizes() {}

    public static final int OBJECT_HEADER = 12;
    public static final int REFERENCE = 4;

    /** A byte array of {@code length} bytes. */
    public static long array(long length) {
        return align(16 + length);
    }

    /** An array of {@code length} references (or ints). */
    public static long refArray(long length) {
        return align(16 + length * REFERENCE);
    }

    public static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** The estimated heap of a stored value: {@code byte[]} or {@link RedisValue}. */
    public static long of(Object value) {
        if (value instanceof byte[] b) return array(b.length);
        return ((RedisValue) value).memoryUsage();
    }
}
