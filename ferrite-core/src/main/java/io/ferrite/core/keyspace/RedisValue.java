package io.ferrite.core.keyspace;

/**
 * A value held in the keyspace that can change in place: every type but the plain string. Plain strings are
 * stored as immutable {@code byte[]} (the common case, no wrapper); strings modified by APPEND/SETRANGE become a
 * {@link RawString}; lists, hashes, sets and sorted sets extend this class.
 *
 * <p>Memory accounting: {@link #memoryUsage()} must be O(1) (kept up to date by the type as it changes). After
 * every write command the keyspace compares it with what it last accounted for the value and adjusts
 * {@code used_memory}; the accounted figure lives here, guarded by the value's shard lock, so that an entry costs
 * no extra slot for it.
 */
public abstract class RedisValue {
    /** What {@code used_memory} currently includes for this value; only {@link Db} reads and writes it. */
    long accountedBytes;

    /** What TYPE answers: {@code string}, {@code list}, {@code hash}, {@code set}, {@code zset} ... */
    public abstract String type();

    /** What OBJECT ENCODING answers, with Redis's names ({@code raw}, {@code listpack}, {@code hashtable} ...). */
    public abstract String encoding();

    /** A deep copy, for COPY. */
    public abstract RedisValue copy();

    /** An O(1) estimate of the heap this value holds, for MEMORY USAGE and maxmemory. */
    public abstract long memoryUsage();
}
