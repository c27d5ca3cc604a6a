package io.ferrite.core.type.dict;

import io.ferrite.core.keyspace.Keyspace;
import io.ferrite.core.keyspace.Sizes;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * A hash table from binary members to values, Redis's {@code dict} for large hashes, sets and sorted sets: open addressing
 * with linear probing and backward-shift deletion in parallel arrays (member hash, member, value), so a member
 * costs no entry object and a lookup touches the slot's hash, its member array and nothing else. The value array
 * exists only once a non-null value is stored: a set's members carry none. A sorted set keeps each member's score
 * in a primitive lane beside them instead ({@link #putNumber}), so a score costs eight bytes and no object.
 *
 * <p>Invariants: the capacity is a power of two, at most three quarters full, and (above the minimum) at least one
 * eighth full; an entry lies in the run of occupied slots that starts at its home slot {@code hash & mask}
 * (deletion shifts entries back toward their home, never past it), which is what lets {@link #scan} by home slot
 * with a reverse-binary cursor return every member present for a whole scan at least once, across resizes, as
 * Redis's {@code dictScan} does. A resize is one step, bounded by the collection's own size.
 *
 * <p>A {@linkplain #packed packed} table (a large hash) stores {@link FieldValue} entries in the member lane, found by
 * their field, and has no value lane: a field and its value cost one array.
 *
 * <p>Not thread-safe: owned by one keyspace value, used under its shard lock. Members are not copied: callers
 * hand over arrays nobody modifies.
 */
public final class Dict<V> {
    private static final int MIN_CAPACITY = 8;

    private int[] hashes;
    private byte[][] keys;
    private Object[] values; // null while no value is stored
    private double[] numbers; // null while no number is stored
    private int size;
    private int mask;
    /** Whether members are {@link FieldValue} entries compared by their field. */
    private boolean packedEntries;

    public Dict() {
        this(0);
    }

    private Dict(Dict<V> other) {
        hashes = other.hashes.clone();
        keys = other.keys.clone();
        // A packed entry's value may be overwritten in place, so a copy gets entries of its own.
        if (other.packedEntries) {
            for (int i = 0; i < keys.length; i++) if (keys[i] != null) keys[i] = keys[i].clone();
        }
        values = other.values == null ? null : other.values.clone();
        numbers = other.numbers == null ? null : other.numbers.clone();
        size = other.size;
        mask = other.mask;
        packedEntries = other.packedEntries;
    }

    /** A copy sharing the member and value objects (which nobody modifies); a packed table's entries are cloned. */
    public Dict<V> copy() {
        return new Dict<>(this);
    }

    /** A table sized for {@code expected} members. */
    public Dict(int expected) {
        allocate(capacityFor(expected), false, false);
    }

    /**
     * A table of {@link FieldValue} entries sized for {@code expected}: use {@link #entry}, {@link #slot},
     * {@link #addEntry}, {@link #entryAt(int, byte[])}, {@link #removeEntry} and {@link #contains} with a field;
     * {@link #keyAt} and the iterations give entries.
     */
    public static Dict<Void> packed(int expected) {
        Dict<Void> d = new Dict<>(expected);
        d.packedEntries = true;
        return d;
    }

    private static int capacityFor(int n) {
        int c = MIN_CAPACITY;
        while (c * 3L < n * 4L && c < (1 << 30)) c <<= 1;
        return c;
    }

    private void allocate(int capacity, boolean withValues, boolean withNumbers) {
        hashes = new int[capacity];
        keys = new byte[capacity][];
        values = withValues ? new Object[capacity] : null;
        numbers = withNumbers ? new double[capacity] : null;
        mask = capacity - 1;
    }

    /** The keyspace's hash: eight bytes per step and well mixed low bits (members are often long and alike). */
    static int hash(byte[] key) {
        return Keyspace.hash(key);
    }

    public int size() {
        return size;
    }

    /** Heap of the table object and its arrays, members and values excluded (for memory estimates). */
    public long heapBytes() {
        int c = keys.length;
        return Sizes.align(Sizes.OBJECT_HEADER + 4 * Sizes.REFERENCE + 8) + Sizes.align(16 + 4L * c)
                + Sizes.refArray(c) + (values == null ? 0 : Sizes.refArray(c)) + (numbers == null ? 0 : 16 + 8L * c);
    }

    // Slots, for callers that iterate or sample by position: 0 <= slot < capacity(), the occupied ones hold a member.

    public int capacity() {
        return keys.length;
    }

    public boolean occupied(int slot) {
        return keys[slot] != null;
    }

    public byte[] keyAt(int slot) {
        return keys[slot];
    }

    @SuppressWarnings("unchecked")
    public V valueAt(int slot) {
        return values == null ? null : (V) values[slot];
    }

    /** The slot holding {@code key}, or -1. */
    public int slot(byte[] key) {
        return slotOf(key, hash(key));
    }

    public double numberAt(int slot) {
        return numbers[slot];
    }

    public void numberAt(int slot, double number) {
        numbers[slot] = number;
    }

    /** Sets the number of {@code key}, adding it if absent. */
    public void putNumber(byte[] key, double number) {
        int h = hash(key);
        int slot = slotOf(key, h);
        if (slot < 0) slot = insert(key, h, null);
        if (numbers == null) numbers = new double[keys.length];
        numbers[slot] = number;
    }

    private int slotOf(byte[] key, int h) {
        int m = mask;
        for (int i = h & m; keys[i] != null; i = (i + 1) & m) {
            if (hashes[i] == h && (packedEntries ? FieldValue.fieldEquals(keys[i], key) : Arrays.equals(keys[i], key))) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(byte[] key) {
        return slotOf(key, hash(key)) >= 0;
    }

    /** The value of {@code key}, or null when absent (or stored without one). */
    @SuppressWarnings("unchecked")
    public V get(byte[] key) {
        if (values == null) return null;
        int slot = slotOf(key, hash(key));
        return slot < 0 ? null : (V) values[slot];
    }

    /** A packed table's entry for {@code field}, or null. */
    public byte[] entry(byte[] field) {
        int slot = slotOf(field, hash(field));
        return slot < 0 ? null : keys[slot];
    }

    /** Adds {@code entry} for {@code field}, which the packed table must not hold yet (no equality probe). */
    public void addEntry(byte[] field, byte[] entry) {
        insert(entry, hash(field), null);
    }

    /** Replaces the entry at {@code slot} of a packed table with one for the same field. */
    public void entryAt(int slot, byte[] entry) {
        keys[slot] = entry;
    }

    /** Removes {@code field}'s entry from a packed table; returns it, or null if there was none. */
    public byte[] removeEntry(byte[] field) {
        int slot = slotOf(field, hash(field));
        if (slot < 0) return null;
        byte[] old = keys[slot];
        deleteAt(slot);
        return old;
    }

    /** Adds {@code key} if absent; returns false (changing nothing) if it was present. */
    public boolean add(byte[] key, V value) {
        int h = hash(key);
        if (slotOf(key, h) >= 0) return false;
        insert(key, h, value);
        return true;
    }

    /** Sets the value of {@code key}, adding it if absent; returns the previous value. */
    @SuppressWarnings("unchecked")
    public V put(byte[] key, V value) {
        int h = hash(key);
        int slot = slotOf(key, h);
        if (slot < 0) {
            insert(key, h, value);
            return null;
        }
        if (values == null) {
            if (value == null) return null;
            values = new Object[keys.length];
        }
        V old = (V) values[slot];
        values[slot] = value;
        return old;
    }

    private int insert(byte[] key, int h, V value) {
        if ((size + 1) * 4L > keys.length * 3L) resize(keys.length << 1);
        if (value != null && values == null) values = new Object[keys.length];
        int m = mask;
        int i = h & m;
        while (keys[i] != null) i = (i + 1) & m;
        keys[i] = key;
        hashes[i] = h;
        if (values != null) values[i] = value;
        size++;
        return i;
    }

    /** Removes {@code key}; returns false if it was absent. */
    public boolean delete(byte[] key) {
        int slot = slotOf(key, hash(key));
        if (slot < 0) return false;
        deleteAt(slot);
        return true;
    }

    /** Removes {@code key}; returns its value, or null if it was absent (or had none). */
    @SuppressWarnings("unchecked")
    public V remove(byte[] key) {
        int slot = slotOf(key, hash(key));
        if (slot < 0) return null;
        V old = values == null ? null : (V) values[slot];
        deleteAt(slot);
        return old;
    }

    /** Removes the member at {@code slot}, which must be occupied. */
    public void deleteAt(int slot) {
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
                if (values != null) values[hole] = values[j];
                if (numbers != null) numbers[hole] = numbers[j];
                hole = j;
            }
        }
        keys[hole] = null;
        hashes[hole] = 0;
        if (values != null) values[hole] = null;
        size--;
        if (keys.length > MIN_CAPACITY && size * 8L < keys.length) resize(capacityFor(size));
    }

    private void resize(int capacity) {
        int[] oldHashes = hashes;
        byte[][] oldKeys = keys;
        Object[] oldValues = values;
        double[] oldNumbers = numbers;
        allocate(capacity, oldValues != null, oldNumbers != null);
        int m = mask;
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] == null) continue;
            int i = oldHashes[s] & m;
            while (keys[i] != null) i = (i + 1) & m;
            keys[i] = oldKeys[s];
            hashes[i] = oldHashes[s];
            if (oldValues != null) values[i] = oldValues[s];
            if (oldNumbers != null) numbers[i] = oldNumbers[s];
        }
    }

    /**
     * A uniformly random member; null when empty. Slots are drawn until one is occupied: a table that shrank is at
     * least an eighth full, so that takes at most eight draws on average, and every member is equally likely
     * (Redis's chained dict needs {@code dictGetFairRandomKey} to come close to that).
     */
    public byte[] randomKey(RandomGenerator random) {
        return size == 0 ? null : keys[randomSlot(random)];
    }

    /**
     * The slot of a random member, as {@link #randomKey}; the table must not be empty. A table sized ahead for
     * members that never came (a hint larger than the result) can be far emptier than an eighth: after
     * {@value #RANDOM_DRAWS} empty draws the walk goes on to the next occupied slot, which bounds the cost at the
     * price of a bias that a table of ordinary load practically never shows.
     */
    public int randomSlot(RandomGenerator random) {
        int i = random.nextInt(keys.length);
        for (int draws = 1; keys[i] == null && draws < RANDOM_DRAWS; draws++) i = random.nextInt(keys.length);
        while (keys[i] == null) i = (i + 1) & mask;
        return i;
    }

    private static final int RANDOM_DRAWS = 64;

    public void forEach(BiConsumer<byte[], V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) action.accept(keys[i], valueAt(i));
        }
    }

    /**
     * Visits the members whose home slot {@code cursor} designates and returns the next cursor, 0 when the walk is
     * complete. The cursor advances by incrementing its reversed bits (Redis's {@code dictScan}), which keeps
     * already-visited home slots behind it across resizes.
     */
    public long scan(long cursor, BiConsumer<byte[], V> action) {
        return scanSlots(cursor, i -> action.accept(keys[i], valueAt(i)));
    }

    /** {@link #scan} handing out slots. */
    public long scanSlots(long cursor, IntConsumer visitor) {
        int m = mask;
        int home = (int) (cursor & m);
        for (int i = home; keys[i] != null; i = (i + 1) & m) {
            if ((hashes[i] & m) == home) visitor.accept(i);
        }
        long v = cursor | ~(long) m;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }
}
