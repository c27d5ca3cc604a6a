package io.ferrite.core.keyspace;

import java.util.Arrays;

/**
 * One shard's hash table: open addressing with linear probing and backward-shift deletion (no tombstones), kept
 * in parallel arrays so that an entry costs no wrapper object: a key array, a value reference, its hash, an access
 * stamp for LRU/LFU, and an expiry deadline in an array that exists only once the shard holds a key with a TTL.
 *
 * <p>Invariants: the capacity is a power of two; an entry whose home slot is {@code h = hash & mask} lies in the run
 * of occupied slots starting at {@code h} (deletion shifts entries back toward their home, never past it);
 * {@code expires[i] == 0} means "no TTL"; key arrays and string value arrays are never mutated once stored.
 *
 * <p>Not thread-safe: guarded by the lock of its shard index (see {@link Keyspace}).
 */
final class ShardTable {
    private static final int MIN_CAPACITY = 4;

    int[] hashes;
    byte[][] keys;
    Object[] values;
    int[] access;
    long[] expires; // null until the first TTL
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
        hashes = new int[capacity];
        keys = new byte[capacity][];
        values = new Object[capacity];
        access = new int[capacity];
        mask = capacity - 1;
        expires = null;
        account(arraysBytes());
    }

    long arraysBytes() {
        int c = keys.length;
        return 4 * Sizes.refArray(c) + (expires == null ? 0 : Sizes.align(16 + 8L * c));
    }

    private void account(long delta) {
        usedBytes += delta;
        keyspaceBytes.add(delta);
    }

    /** What {@code used_memory} includes for a value: recomputed for immutable strings, remembered for the rest. */
    private static long accounted(Object value) {
        return value instanceof byte[] b ? Sizes.array(b.length) : ((RedisValue) value).accountedBytes;
    }

    private static long startAccounting(Object value) {
        if (value instanceof RedisValue v) {
            v.accountedBytes = v.memoryUsage();
            return v.accountedBytes;
        }
        return Sizes.array(((byte[]) value).length);
    }

    /** Replaces the value in {@code slot}. */
    void setValue(int slot, Object value) {
        Object old = values[slot];
        if (old == value) {
            reaccount(slot);
            return;
        }
        account(startAccounting(value) - accounted(old));
        values[slot] = value;
    }

    /** Brings {@code used_memory} up to date with a value that changed in place. */
    void reaccount(int slot) {
        if (values[slot] instanceof RedisValue v) {
            long now = v.memoryUsage();
            account(now - v.accountedBytes);
            v.accountedBytes = now;
        }
    }

    int capacity() {
        return keys.length;
    }

    int find(byte[] key, int hash) {
        int m = mask;
        byte[][] ks = keys;
        int i = hash & m;
        byte[] k;
        while ((k = ks[i]) != null) {
            if (hashes[i] == hash && Arrays.equals(k, key)) return i;
            i = (i + 1) & m;
        }
        return -1;
    }

    /** Inserts a key known to be absent; returns its slot. */
    int insert(byte[] key, int hash, Object value) {
        if ((size + 1) * 4 > capacity() * 3) resize(capacity() * 2);
        int m = mask;
        int i = hash & m;
        while (keys[i] != null) i = (i + 1) & m;
        keys[i] = key;
        hashes[i] = hash;
        values[i] = value;
        access[i] = 0;
        if (expires != null) expires[i] = 0;
        size++;
        account(Sizes.array(key.length) + startAccounting(value));
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
        account(-Sizes.array(keys[slot].length) - accounted(values[slot]));
        int m = mask;
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & m;
            if (keys[j] == null) break;
            int home = hashes[j] & m;
            // The entry at j may move into the hole unless its home lies cyclically within (hole, j].
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                keys[hole] = keys[j];
                hashes[hole] = hashes[j];
                values[hole] = values[j];
                access[hole] = access[j];
                if (expires != null) expires[hole] = expires[j];
                hole = j;
            }
        }
        keys[hole] = null;
        values[hole] = null;
        hashes[hole] = 0;
        access[hole] = 0;
        if (expires != null) expires[hole] = 0;
        size--;
        if (capacity() > MIN_CAPACITY && size * 10 < capacity()) resize(capacity() / 2);
    }

    private void resize(int capacity) {
        int[] oldHashes = hashes;
        byte[][] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldAccess = access;
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
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] == null) continue;
            int i = oldHashes[s] & m;
            while (keys[i] != null) i = (i + 1) & m;
            keys[i] = oldKeys[s];
            hashes[i] = oldHashes[s];
            values[i] = oldValues[s];
            access[i] = oldAccess[s];
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
        for (int i = home; keys[i] != null; i = (i + 1) & m) {
            if ((hashes[i] & m) == home) visitor.visit(i);
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
            if (keys[i] != null && when != 0 && when <= now) {
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
        while (keys[i] == null) i = (i + 1) & m;
        return i;
    }
}
