package io.ferrite.core.type.dict;

import io.ferrite.core.keyspace.Keyspace;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A hash table from binary members to values: Redis's {@code dict} without incremental rehashing (a resize is
 * one step, bounded by the collection's own size). Power-of-two bucket array, chains, a member's hash cached in its
 * entry. Grows past one entry per bucket, shrinks below one entry per eight buckets.
 *
 * <p>Not thread-safe: owned by one keyspace value, used under its shard lock. Members are not copied: callers
 * hand over arrays nobody modifies.
 */
public final class Dict<V> {

    /** One member and its value; {@code value} may be changed in place by the owner. */
    public static final class Entry<V> {
        public final byte[] key;
        public V value;
        final int hash;
        Entry<V> next;

        Entry(byte[] key, int hash, V value, Entry<V> next) {
            this.key = key;
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }

    private static final int MIN_BUCKETS = 4;

    private Entry<V>[] table;
    private int size;

    public Dict() {
        this(MIN_BUCKETS);
    }

    /** A table sized for {@code expected} members. */
    public Dict(int expected) {
        table = newTable(bucketsFor(expected));
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newTable(int n) {
        return (Entry<V>[]) new Entry[n];
    }

    private static int bucketsFor(int n) {
        int b = MIN_BUCKETS;
        while (b < n && b < (1 << 30)) b <<= 1;
        return b;
    }

    /** The keyspace's hash: eight bytes per step and well mixed low bits (members are often long and alike). */
    static int hash(byte[] key) {
        return Keyspace.hash(key);
    }

    public int size() {
        return size;
    }

    /** The bucket array's length, for memory estimates. */
    public int buckets() {
        return table.length;
    }

    /** Estimated heap of one entry object (header, three references, the cached hash), members excluded. */
    public static final long ENTRY_BYTES = 32;

    public Entry<V> find(byte[] key) {
        int h = hash(key);
        for (Entry<V> e = table[h & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) return e;
        }
        return null;
    }

    public boolean contains(byte[] key) {
        return find(key) != null;
    }

    /** The value of {@code key}, or null when absent. */
    public V get(byte[] key) {
        Entry<V> e = find(key);
        return e == null ? null : e.value;
    }

    /** Adds {@code key} if absent; returns false (changing nothing) if it was present. */
    public boolean add(byte[] key, V value) {
        int h = hash(key);
        int b = h & (table.length - 1);
        for (Entry<V> e = table[b]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) return false;
        }
        table[b] = new Entry<>(key, h, value, table[b]);
        if (++size > table.length) resize(table.length << 1);
        return true;
    }

    /** Removes {@code key}; returns its entry, or null if absent. */
    public Entry<V> remove(byte[] key) {
        int h = hash(key);
        int b = h & (table.length - 1);
        Entry<V> prev = null;
        for (Entry<V> e = table[b]; e != null; prev = e, e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                if (prev == null) table[b] = e.next;
                else prev.next = e.next;
                size--;
                if (table.length > MIN_BUCKETS && size * 8L < table.length) resize(bucketsFor(size));
                return e;
            }
        }
        return null;
    }

    private void resize(int buckets) {
        Entry<V>[] old = table;
        Entry<V>[] t = newTable(buckets);
        for (Entry<V> head : old) {
            for (Entry<V> e = head; e != null; ) {
                Entry<V> next = e.next;
                int b = e.hash & (buckets - 1);
                e.next = t[b];
                t[b] = e;
                e = next;
            }
        }
        table = t;
    }

    /**
     * A uniformly chosen bucket's uniformly chosen entry (Redis's {@code dictGetFairRandomKey} idea, biased by chain
     * length only); null when empty. The load factor stays between 1/8 and 1, so the expected probes are few.
     */
    public Entry<V> random(Random random) {
        if (size == 0) return null;
        int mask = table.length - 1;
        Entry<V> head;
        do {
            head = table[random.nextInt() & mask];
        } while (head == null);
        int len = 0;
        for (Entry<V> e = head; e != null; e = e.next) len++;
        Entry<V> e = head;
        for (int i = random.nextInt(len); i > 0; i--) e = e.next;
        return e;
    }

    public void forEach(Consumer<Entry<V>> action) {
        for (Entry<V> head : table) {
            for (Entry<V> e = head; e != null; e = e.next) action.accept(e);
        }
    }

    /**
     * Visits the bucket {@code cursor} designates and returns the next cursor, 0 when the walk is complete. The
     * cursor advances by incrementing its reversed bits (Redis's {@code dictScan}), which keeps already-visited
     * buckets behind it across resizes.
     */
    public long scan(long cursor, Consumer<Entry<V>> action) {
        long mask = table.length - 1;
        for (Entry<V> e = table[(int) (cursor & mask)]; e != null; e = e.next) action.accept(e);
        long v = cursor | ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }
}
