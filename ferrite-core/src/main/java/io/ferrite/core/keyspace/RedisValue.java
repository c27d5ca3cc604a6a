package io.ferrite.core.keyspace;

/**
 * A value held in the keyspace that is not a plain string. Strings are stored as {@code byte[]} (immutable,
 * the common case, no wrapper) or {@link RawString} (grown in place by APPEND/SETRANGE); every other type
 * implements this interface.
 */
public interface RedisValue {

    /** What TYPE answers: {@code list}, {@code hash}, {@code set}, {@code zset}, {@code stream} ... */
    String type();

    /** What OBJECT ENCODING answers, with Redis's names ({@code listpack}, {@code hashtable} ...). */
    String encoding();

    /** A deep copy, for COPY. */
    RedisValue copy();

    /** An estimate of the heap this value holds beyond its entry, for MEMORY USAGE and maxmemory. */
    default long memoryUsage() {
        return 64;
    }
}
