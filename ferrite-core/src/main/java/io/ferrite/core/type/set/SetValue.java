package io.ferrite.core.type.set;

import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.Config;
import io.ferrite.core.keyspace.RedisValue;
import io.ferrite.core.keyspace.Sizes;
import io.ferrite.core.type.dict.Dict;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A set of binary members in one of Redis's three encodings, converting one way only:
 * <ul>
 *   <li>{@code intset}: canonical integers, sorted ascending (so SMEMBERS answers in Redis's order);</li>
 *   <li>{@code listpack}: short members in insertion order, searched linearly;</li>
 *   <li>{@code hashtable}: a {@link Dict}.</li>
 * </ul>
 * Exactly one of {@code ints}, {@code packed}, {@code dict} is non-null. Not thread-safe: used under the lock of
 * its key's shard. Members handed to {@link #add} are stored without copying; they must never be modified.
 */
public final class SetValue extends RedisValue {
    private long[] ints;
    private byte[][] packed;
    private Dict<Void> dict;
    private int size;
    /** Sum of the estimated heap of every member as a byte array, kept current for O(1) {@link #memoryUsage}. */
    private long memberBytes;

    private SetValue() {}

    /**
     * An empty set in the encoding Redis's {@code setTypeCreate} picks for a first member {@code first} and about
     * {@code sizeHint} members.
     */
    public static SetValue create(byte[] first, long sizeHint, Config cfg) {
        SetValue s = new SetValue();
        if (Numbers.isLong(first) && sizeHint <= cfg.setMaxIntsetEntries) {
            s.ints = new long[(int) Math.max(4, Math.min(sizeHint, 512))];
        } else if (sizeHint <= cfg.setMaxListpackEntries) {
            s.packed = new byte[(int) Math.max(4, sizeHint)][];
        } else {
            s.dict = new Dict<>((int) Math.min(sizeHint, 1 << 20));
        }
        return s;
    }

    /** An empty set that starts as an intset, as Redis builds the results of SINTERSTORE, SUNIONSTORE, SDIFFSTORE. */
    public static SetValue empty() {
        SetValue s = new SetValue();
        s.ints = new long[4];
        return s;
    }

    @Override public String type() { return "set"; }

    @Override public String encoding() {
        return ints != null ? "intset" : packed != null ? "listpack" : "hashtable";
    }

    public int size() {
        return size;
    }

    /** Converts to a hashtable ahead of adding about {@code sizeHint} members when that would cross a threshold. */
    public void reserve(long sizeHint, Config cfg) {
        if ((packed != null && sizeHint > cfg.setMaxListpackEntries)
                || (ints != null && sizeHint > cfg.setMaxIntsetEntries)) {
            toDict((int) Math.min(sizeHint, 1 << 20));
        }
    }

    public boolean contains(byte[] m) {
        if (ints != null) return Numbers.isLong(m) && intIndex(Numbers.parseLongUnchecked(m, 0, m.length)) >= 0;
        if (packed != null) return packedIndex(m) >= 0;
        return dict.contains(m);
    }

    /** Adds {@code m}; returns false if it was already a member. */
    public boolean add(byte[] m, Config cfg) {
        if (ints != null) {
            if (Numbers.isLong(m)) {
                long v = Numbers.parseLongUnchecked(m, 0, m.length);
                int i = intIndex(v);
                if (i >= 0) return false;
                insertInt(-i - 1, v);
                memberBytes += Sizes.array(m.length);
                if (size > cfg.setMaxIntsetEntries) toDict(size);
                return true;
            }
            if (size < cfg.setMaxListpackEntries && m.length <= cfg.setMaxListpackValue
                    && maxIntDigits() <= cfg.setMaxListpackValue) {
                intsToPacked(size + 1);
                appendPacked(m);
            } else {
                toDict(size + 1);
                dict.add(m, null);
                size++;
            }
            memberBytes += Sizes.array(m.length);
            return true;
        }
        if (packed != null) {
            if (packedIndex(m) >= 0) return false;
            if (size < cfg.setMaxListpackEntries && m.length <= cfg.setMaxListpackValue) {
                appendPacked(m);
                memberBytes += Sizes.array(m.length);
                return true;
            }
            toDict(size + 1);
        }
        if (!dict.add(m, null)) return false;
        size++;
        memberBytes += Sizes.array(m.length);
        return true;
    }

    public boolean remove(byte[] m) {
        if (!removeMember(m)) return false;
        memberBytes -= Sizes.array(m.length);
        return true;
    }

    private boolean removeMember(byte[] m) {
        if (ints != null) {
            if (!Numbers.isLong(m)) return false;
            int i = intIndex(Numbers.parseLongUnchecked(m, 0, m.length));
            if (i < 0) return false;
            System.arraycopy(ints, i + 1, ints, i, size - i - 1);
            size--;
            return true;
        }
        if (packed != null) {
            int i = packedIndex(m);
            if (i < 0) return false;
            System.arraycopy(packed, i + 1, packed, i, size - i - 1);
            packed[--size] = null;
            return true;
        }
        if (!dict.delete(m)) return false;
        size--;
        return true;
    }

    /** Every member in the encoding's order: ascending integers, insertion order, or hash order. */
    public void forEach(Consumer<byte[]> action) {
        if (ints != null) {
            for (int i = 0; i < size; i++) action.accept(Numbers.toBytes(ints[i]));
        } else if (packed != null) {
            for (int i = 0; i < size; i++) action.accept(packed[i]);
        } else {
            dict.forEach((m, none) -> action.accept(m));
        }
    }

    /** A uniformly random member (close to uniform for the hashtable); the set must not be empty. */
    public byte[] random(Random random) {
        if (ints != null) return Numbers.toBytes(ints[random.nextInt(size)]);
        if (packed != null) return packed[random.nextInt(size)];
        return dict.randomKey(random);
    }

    /** For compact encodings: the member at {@code i} in encoding order. */
    byte[] memberAt(int i) {
        return ints != null ? Numbers.toBytes(ints[i]) : packed[i];
    }

    boolean isCompact() {
        return dict == null;
    }

    /**
     * One SSCAN step from {@code cursor}: a compact set is reported whole (cursor 0 back), a hashtable one bucket at
     * a time until {@code count} members were seen or the walk ends. Returns the next cursor.
     */
    public long scan(long cursor, int count, Consumer<byte[]> action) {
        if (dict == null) {
            forEach(action);
            return 0;
        }
        int[] seen = {0};
        long maxBuckets = count * 10L;
        do {
            cursor = dict.scan(cursor, (m, none) -> {
                seen[0]++;
                action.accept(m);
            });
        } while (cursor != 0 && seen[0] < count && --maxBuckets > 0);
        return cursor;
    }

    @Override
    public SetValue copy() {
        SetValue s = new SetValue();
        s.size = size;
        s.memberBytes = memberBytes;
        if (ints != null) s.ints = ints.clone();
        else if (packed != null) s.packed = packed.clone();
        else {
            s.dict = new Dict<>(size);
            dict.forEach((m, none) -> s.dict.add(m, null));
        }
        return s;
    }

    @Override
    public long memoryUsage() {
        long self = Sizes.align(Sizes.OBJECT_HEADER + 3 * Sizes.REFERENCE + 4 + 8);
        if (ints != null) return self + Sizes.align(16 + 8L * ints.length);
        if (packed != null) return self + Sizes.refArray(packed.length) + memberBytes;
        return self + dict.heapBytes() + memberBytes;
    }

    private int intIndex(long v) {
        return Arrays.binarySearch(ints, 0, size, v);
    }

    private void insertInt(int at, long v) {
        if (size == ints.length) ints = Arrays.copyOf(ints, Math.max(4, size * 2));
        System.arraycopy(ints, at, ints, at + 1, size - at);
        ints[at] = v;
        size++;
    }

    private int maxIntDigits() {
        if (size == 0) return 0;
        return Math.max(Numbers.toBytes(ints[0]).length, Numbers.toBytes(ints[size - 1]).length);
    }

    private int packedIndex(byte[] m) {
        for (int i = 0; i < size; i++) if (Arrays.equals(packed[i], m)) return i;
        return -1;
    }

    private void appendPacked(byte[] m) {
        if (size == packed.length) packed = Arrays.copyOf(packed, Math.max(4, size * 2));
        packed[size++] = m;
    }

    private void intsToPacked(int capacity) {
        byte[][] p = new byte[Math.max(4, capacity)][];
        for (int i = 0; i < size; i++) p[i] = Numbers.toBytes(ints[i]);
        packed = p;
        ints = null;
    }

    private void toDict(int capacity) {
        if (dict != null) return;
        Dict<Void> d = new Dict<>(capacity);
        forEach(m -> d.add(m, null));
        dict = d;
        ints = null;
        packed = null;
    }
}
