package io.ferrite.core.keyspace;

import java.util.Arrays;

/**
 * One shard's hash table: open addressing with linear probing and backward-shift deletion (no tombstones), kept
 * in two interleaved arrays so that an entry costs no wrapper object: {@code meta} holds each slot's hash and
 * access stamp (LRU/LFU) side by side, {@code entries} its key and value references side by side, and an expiry
 * deadline sits in an array that exists only once the shard holds a key with a TTL. At millions of keys a lookup
 * is bound by cache misses: the pairs put a hit at three lines (meta, entry, key bytes) where four parallel arrays
 * cost five.
 *
 * <p>Short strings live inline: a {@code byte[]} value of at most {@link #MAX_INLINE_VALUE} bytes under a key of
 * at most {@link #MAX_INLINE_KEY} bytes is stored after the key in one array, the key slot holds {@code key ++ value} and
 * the value slot the shared {@link Inline} marker for that key length. This is Redis's embstr idea applied
 * to the whole entry: it saves one array header and its alignment padding, about 24 bytes per key, which is what
 * brings 1M {@code key:N -> value:N} strings under Redis's own footprint (~74 B/key against 88.5, against ~98
 * without inlining). The price is a copy of the value (at most 44 bytes) when it is read, and of the key when an
 * iteration hands keys out; lookups compare the key in place. Collections, {@link RawString}s and longer strings
 * keep their own object. Per-slot arrays stay at 16 bytes plus 8 with TTLs: narrowing the hash or access word
 * would cost rehashing on every shift and move (or Redis's 24-bit clocks) for under 8 bytes a key at this load.
 *
 * <p>Invariants: the capacity is a power of two; slot {@code i} is {@code meta[2i], meta[2i+1]} and
 * {@code entries[2i], entries[2i+1]}, empty when its key is null; an entry whose home slot is
 * {@code h = hash & mask} lies in the run of occupied slots starting at {@code h} (deletion shifts entries back
 * toward their home, never past it); {@code expires[i] == 0} means "no TTL"; key arrays and string value arrays are
 * never mutated once stored, except the value part of an inline entry, which {@link #setValue} may overwrite with
 * a value of the same length: inline values leave the table only as copies, or as {@link #valueInPlace} views
 * that are consumed under the shard's lock.
 *
 * <p>Not thread-safe: guarded by the lock of its shard index (see {@link Keyspace}).
 */
final class ShardTable {
    private static final int MIN_CAPACITY = 4;
    /** Values up to Redis's embstr limit are stored inline, so a read copies at most this much. */
    static final int MAX_INLINE_VALUE = 44;
    static final int MAX_INLINE_KEY = 255;

    /** Stands in the value slot for a string stored after its key in the key slot; one per key length. */
    static final class Inline {
        final int keyLength;

        private Inline(int keyLength) {
            this.keyLength = keyLength;
        }
    }

    private static final Inline[] INLINE = new Inline[MAX_INLINE_KEY + 1];

    static {
        for (int i = 0; i < INLINE.length; i++) INLINE[i] = new Inline(i);
    }

    /** Hash at {@code 2i}, access stamp at {@code 2i + 1}. */
    private int[] meta;
    /** Key at {@code 2i} (followed by the value when the value slot is an {@link Inline} marker), value at {@code 2i + 1}. */
    private Object[] entries;
    private long[] expires; // null until the first TTL
    int size;
    int volatileCount;
    private int mask;
    private int expireCursor;
    /** This table's share of {@code used_memory}: its arrays plus the estimated size of its keys and values. */
    long usedBytes;
    private final java.util.concurrent.atomic.LongAdder keyspaceBytes;

    ShardTable(java.util.concurrent.atomic.LongAdder keyspaceBytes) {
        this.keyspaceBytes = keyspaceBytes;
        allocate(MIN_CAPACITY);
    }

    /** Fresh empty arrays (and no expiry array); accounts for them. */
    private void allocate(int capacity) {
        meta = new int[2 * capacity];
        entries = new Object[2 * capacity];
        mask = capacity - 1;
        expires = null;
        account(arraysBytes());
    }

    long arraysBytes() {
        int c = capacity();
        return 2 * Sizes.refArray(2 * c) + (expires == null ? 0 : Sizes.align(16 + 8L * c));
    }

    private byte[] keyAt(int slot) {
        return (byte[]) entries[2 * slot];
    }

    private Object valueAt(int slot) {
        return entries[2 * slot + 1];
    }

    int hashAt(int slot) {
        return meta[2 * slot];
    }

    boolean occupied(int slot) {
        return entries[2 * slot] != null;
    }

    /** The LRU/LFU stamp of {@code slot}. */
    int access(int slot) {
        return meta[2 * slot + 1];
    }

    void access(int slot, int stamp) {
        meta[2 * slot + 1] = stamp;
    }

    private void account(long delta) {
        usedBytes += delta;
        keyspaceBytes.add(delta);
    }

    /**
     * What {@code used_memory} includes for a value: recomputed for immutable strings, remembered for the rest;
     * nothing for an inline string, which the key array's size covers.
     */
    private static long accounted(Object value) {
        if (value instanceof byte[] b) return Sizes.array(b.length);
        if (value instanceof Inline) return 0;
        return ((RedisValue) value).accountedBytes;
    }

    private static long startAccounting(Object value) {
        if (value instanceof RedisValue v) {
            v.accountedBytes = v.memoryUsage();
            return v.accountedBytes;
        }
        return accounted(value);
    }

    /** The estimated heap of the entry in {@code slot}: key (and inline value) plus the value's own object. */
    long entryBytes(int slot) {
        return Sizes.array(keyAt(slot).length) + accounted(valueAt(slot));
    }

    /** The value in {@code slot}: a fresh copy for an inline string (stored strings are immutable either way). */
    Object value(int slot) {
        Object v = valueAt(slot);
        if (v instanceof Inline m) {
            byte[] e = keyAt(slot);
            return Arrays.copyOfRange(e, m.keyLength, e.length);
        }
        return v;
    }

    /** The value in {@code slot}, with an inline string described by {@code view} (returned) instead of copied. */
    Object valueInPlace(int slot, StringView view) {
        Object v = valueAt(slot);
        if (v instanceof Inline m) {
            byte[] e = keyAt(slot);
            view.array = e;
            view.offset = m.keyLength;
            view.length = e.length - m.keyLength;
            return view;
        }
        return v;
    }

    /** The key in {@code slot}, a copy if its value is inline; callers must not modify it. */
    byte[] key(int slot) {
        return valueAt(slot) instanceof Inline m ? Arrays.copyOf(keyAt(slot), m.keyLength) : keyAt(slot);
    }

    /**
     * Puts {@code value} in {@code slot} under the key held in the first {@code keyLength} bytes of {@code source}
     * (the caller's key or the slot's current entry; neither is modified), inline if it is short enough.
     */
    private void place(int slot, byte[] source, int keyLength, Object value) {
        if (value instanceof byte[] b && b.length <= MAX_INLINE_VALUE && keyLength <= MAX_INLINE_KEY) {
            byte[] e = Arrays.copyOf(source, keyLength + b.length);
            System.arraycopy(b, 0, e, keyLength, b.length);
            entries[2 * slot] = e;
            entries[2 * slot + 1] = INLINE[keyLength];
        } else {
            entries[2 * slot] = source.length == keyLength ? source : Arrays.copyOf(source, keyLength);
            entries[2 * slot + 1] = value;
        }
    }

    private int keyLength(int slot) {
        return valueAt(slot) instanceof Inline m ? m.keyLength : keyAt(slot).length;
    }

    /**
     * Replaces the value in {@code slot}. An inline string replaced by one of the same length is overwritten in
     * place: a SET of a fixed-size value then allocates nothing and stores no reference into this (old-generation)
     * table, which would cost G1 a card to refine.
     */
    void setValue(int slot, Object value) {
        Object old = valueAt(slot);
        if (old == value) {
            reaccount(slot);
            return;
        }
        if (old instanceof Inline m && value instanceof byte[] b) {
            byte[] e = keyAt(slot);
            if (e.length - m.keyLength == b.length) {
                System.arraycopy(b, 0, e, m.keyLength, b.length);
                return;
            }
        }
        long before = entryBytes(slot);
        place(slot, keyAt(slot), keyLength(slot), value);
        account(Sizes.array(keyAt(slot).length) + startAccounting(valueAt(slot)) - before);
    }

    /** Brings {@code used_memory} up to date with a value that changed in place. */
    void reaccount(int slot) {
        if (valueAt(slot) instanceof RedisValue v) {
            long now = v.memoryUsage();
            account(now - v.accountedBytes);
            v.accountedBytes = now;
        }
    }

    int capacity() {
        return mask + 1;
    }

    int find(byte[] key, int hash) {
        int m = mask;
        Object[] es = entries;
        int[] hs = meta;
        int i = hash & m;
        Object k;
        while ((k = es[2 * i]) != null) {
            if (hs[2 * i] == hash) {
                byte[] b = (byte[]) k;
                int n = key.length;
                int length = es[2 * i + 1] instanceof Inline x ? x.keyLength : b.length;
                if (length == n && Arrays.equals(b, 0, n, key, 0, n)) return i;
            }
            i = (i + 1) & m;
        }
        return -1;
    }

    /** Inserts a key known to be absent; returns its slot. */
    int insert(byte[] key, int hash, Object value) {
        if ((size + 1) * 4 > capacity() * 3) resize(capacity() * 2);
        int m = mask;
        int i = hash & m;
        while (occupied(i)) i = (i + 1) & m;
        place(i, key, key.length, value);
        meta[2 * i] = hash;
        meta[2 * i + 1] = 0;
        if (expires != null) expires[i] = 0;
        size++;
        account(Sizes.array(keyAt(i).length) + startAccounting(valueAt(i)));
        return i;
    }

    long expireAt(int slot) {
        return expires == null ? 0 : expires[slot];
    }

    void setExpire(int slot, long when) {
        if (expires == null) {
            if (when == 0) return;
            account(-arraysBytes());
            expires = new long[capacity()];
            account(arraysBytes());
        }
        long old = expires[slot];
        if (old == 0 && when != 0) volatileCount++;
        else if (old != 0 && when == 0) volatileCount--;
        expires[slot] = when;
    }

    void removeAt(int slot) {
        if (expires != null && expires[slot] != 0) {
            volatileCount--;
        }
        account(-entryBytes(slot));
        int m = mask;
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & m;
            if (!occupied(j)) break;
            int home = hashAt(j) & m;
            // The entry at j may move into the hole unless its home lies cyclically within (hole, j].
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                moveSlot(j, hole);
                hole = j;
            }
        }
        entries[2 * hole] = null;
        entries[2 * hole + 1] = null;
        meta[2 * hole] = 0;
        meta[2 * hole + 1] = 0;
        if (expires != null) expires[hole] = 0;
        size--;
        if (capacity() > MIN_CAPACITY && size * 10 < capacity()) resize(capacity() / 2);
    }

    private void moveSlot(int from, int to) {
        entries[2 * to] = entries[2 * from];
        entries[2 * to + 1] = entries[2 * from + 1];
        meta[2 * to] = meta[2 * from];
        meta[2 * to + 1] = meta[2 * from + 1];
        if (expires != null) expires[to] = expires[from];
    }

    private void resize(int capacity) {
        int[] oldMeta = meta;
        Object[] oldEntries = entries;
        long[] oldExpires = expires;
        account(-arraysBytes());
        boolean keepExpires = oldExpires != null && volatileCount > 0;
        if (!keepExpires) volatileCount = 0;
        allocate(Math.max(MIN_CAPACITY, capacity));
        if (keepExpires) {
            account(-arraysBytes());
            expires = new long[capacity()];
            account(arraysBytes());
        }
        int m = mask;
        for (int s = 0; 2 * s < oldEntries.length; s++) {
            if (oldEntries[2 * s] == null) continue;
            int i = oldMeta[2 * s] & m;
            while (occupied(i)) i = (i + 1) & m;
            entries[2 * i] = oldEntries[2 * s];
            entries[2 * i + 1] = oldEntries[2 * s + 1];
            meta[2 * i] = oldMeta[2 * s];
            meta[2 * i + 1] = oldMeta[2 * s + 1];
            if (expires != null) expires[i] = oldExpires[s];
        }
        expireCursor = 0;
    }

    void clear() {
        account(-usedBytes);
        allocate(MIN_CAPACITY);
        size = 0;
        volatileCount = 0;
        expireCursor = 0;
    }

    /** Receives the entries one SCAN step visits. */
    interface Visitor {
        void visit(int slot);
    }

    /**
     * Visits every entry whose home slot is {@code cursor & mask}, and returns the next cursor, 0 when the table has
     * been covered. The cursor advances in reverse-binary order (as Redis's dictScan), so that an entry present for
     * the whole iteration is visited at least once even if the table grows or shrinks in between.
     */
    int scan(int cursor, Visitor visitor) {
        int m = mask;
        int home = cursor & m;
        for (int i = home; occupied(i); i = (i + 1) & m) {
            if ((hashAt(i) & m) == home) visitor.visit(i);
        }
        int v = cursor | ~m;
        v = Integer.reverse(v);
        v++;
        return Integer.reverse(v);
    }

    /**
     * Walks up to {@code budget} slots from where the last walk stopped and calls {@code expired} for each slot
     * whose deadline is at or before {@code now}. Returns how many slots were examined.
     */
    int expireWalk(long now, int budget, ExpiredSink expired) {
        if (volatileCount == 0 || expires == null) return 0;
        int examined = 0;
        while (examined < budget && volatileCount > 0) {
            int i = expireCursor & mask;
            long when = expires[i];
            if (occupied(i) && when != 0 && when <= now) {
                expired.expire(this, i);
                // removeAt shifted another entry into slot i (or shrank the table): look at i again.
            } else {
                expireCursor = (i + 1) & mask;
            }
            examined++;
        }
        return examined;
    }

    interface ExpiredSink {
        void expire(ShardTable table, int slot);
    }

    /** A random occupied slot, or -1 when empty. */
    int randomSlot(java.util.random.RandomGenerator random) {
        if (size == 0) return -1;
        int m = mask;
        int i = random.nextInt(capacity());
        while (!occupied(i)) i = (i + 1) & m;
        return i;
    }
}
