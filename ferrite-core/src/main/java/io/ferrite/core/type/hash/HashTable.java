package io.ferrite.core.type.hash;

import io.ferrite.core.keyspace.Keyspace;
import io.ferrite.core.keyspace.Sizes;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The large-hash encoding: open addressing with linear probing and backward-shift deletion, in parallel arrays
 * (field, value, field hash), so an entry costs no wrapper object and a lookup no allocation.
 *
 * <p>Invariants: the capacity is a power of two and at most three quarters full; an entry lies in the run of
 * occupied slots that starts at its home slot {@code hash & mask} (deletion shifts entries back toward their home,
 * never past it). That is what makes {@link #scan} by home slot, with a reverse-binary cursor, return every entry
 * present for a whole scan at least once, even across resizes, as Redis's dict scan does.
 *
 * <p>Not thread-safe: guarded by the lock of its key's shard.
 */
final class HashTable {
    private static final int MIN_CAPACITY = 8;

    private int[] hashes;
    private byte[][] fields;
    private byte[][] values;
    private int size;
    private int mask;
    /** Heap of the field and value arrays, kept current so that the value's memory usage is O(1). */
    private long entryBytes;

    HashTable(int expected) {
        int capacity = MIN_CAPACITY;
        while (capacity * 3 < expected * 4) capacity <<= 1;
        allocate(capacity);
    }

    private HashTable(HashTable other) {
        hashes = other.hashes.clone();
        fields = other.fields.clone();
        values = other.values.clone();
        size = other.size;
        mask = other.mask;
        entryBytes = other.entryBytes;
    }

    HashTable copy() {
        return new HashTable(this);
    }

    private void allocate(int capacity) {
        hashes = new int[capacity];
        fields = new byte[capacity][];
        values = new byte[capacity][];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    int capacity() {
        return fields.length;
    }

    /** Estimated heap of the table: its three slot arrays and its entries. */
    long memoryUsage() {
        return Sizes.OBJECT_HEADER + 3 * Sizes.REFERENCE + 16 + 3 * Sizes.refArray(fields.length) + entryBytes;
    }

    boolean occupied(int slot) {
        return fields[slot] != null;
    }

    byte[] fieldAt(int slot) {
        return fields[slot];
    }

    byte[] valueAt(int slot) {
        return values[slot];
    }

    private int find(byte[] field, int hash) {
        int i = hash & mask;
        byte[] f;
        while ((f = fields[i]) != null) {
            if (hashes[i] == hash && Arrays.equals(f, field)) return i;
            i = (i + 1) & mask;
        }
        return -1;
    }

    byte[] get(byte[] field) {
        int slot = find(field, Keyspace.hash(field));
        return slot < 0 ? null : values[slot];
    }

    /** Sets {@code field} to {@code value}; returns true if the field is new. */
    boolean put(byte[] field, byte[] value) {
        int hash = Keyspace.hash(field);
        int slot = find(field, hash);
        if (slot >= 0) {
            entryBytes += Sizes.array(value.length) - Sizes.array(values[slot].length);
            values[slot] = value;
            return false;
        }
        if ((size + 1) * 4 > capacity() * 3) resize(capacity() * 2);
        int i = hash & mask;
        while (fields[i] != null) i = (i + 1) & mask;
        fields[i] = field;
        values[i] = value;
        hashes[i] = hash;
        size++;
        entryBytes += Sizes.array(field.length) + Sizes.array(value.length);
        return true;
    }

    boolean remove(byte[] field) {
        int slot = find(field, Keyspace.hash(field));
        if (slot < 0) return false;
        entryBytes -= Sizes.array(fields[slot].length) + Sizes.array(values[slot].length);
        int i = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            if (fields[j] == null) break;
            int home = hashes[j] & mask;
            // The entry at j may move to the hole at i unless its home lies cyclically in (i, j].
            boolean stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!stays) {
                fields[i] = fields[j];
                values[i] = values[j];
                hashes[i] = hashes[j];
                i = j;
            }
        }
        fields[i] = null;
        values[i] = null;
        size--;
        if (capacity() > MIN_CAPACITY && size * 8 < capacity()) resize(capacity() / 2);
        return true;
    }

    private void resize(int capacity) {
        int[] oldHashes = hashes;
        byte[][] oldFields = fields;
        byte[][] oldValues = values;
        allocate(capacity);
        for (int k = 0; k < oldFields.length; k++) {
            if (oldFields[k] == null) continue;
            int i = oldHashes[k] & mask;
            while (fields[i] != null) i = (i + 1) & mask;
            fields[i] = oldFields[k];
            values[i] = oldValues[k];
            hashes[i] = oldHashes[k];
        }
    }

    /** A random occupied slot; the table is not empty. */
    int randomSlot(RandomGenerator random) {
        int i = random.nextInt(capacity());
        while (fields[i] == null) i = (i + 1) & mask;
        return i;
    }

    interface SlotVisitor {
        void visit(int slot);
    }

    /**
     * Visits the entries whose home slot is {@code cursor & mask} and returns the next cursor, 0 when the walk
     * is complete (Redis's reverse-binary increment).
     */
    int scan(int cursor, SlotVisitor visitor) {
        int home = cursor & mask;
        for (int i = home; fields[i] != null; i = (i + 1) & mask) {
            if ((hashes[i] & mask) == home) visitor.visit(i);
        }
        int v = cursor | ~mask;
        v = Integer.reverse(v);
        v++;
        return Integer.reverse(v);
    }
}
