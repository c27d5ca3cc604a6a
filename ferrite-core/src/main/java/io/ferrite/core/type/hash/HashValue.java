package io.ferrite.core.type.hash;

import io.ferrite.core.ReplySink;
import io.ferrite.core.keyspace.RedisValue;
import io.ferrite.core.keyspace.Sizes;
import io.ferrite.core.type.dict.Dict;
import io.ferrite.core.type.dict.FieldValue;
import io.ferrite.core.type.packed.Listpack;

import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * A hash value. Small hashes are a {@link Listpack} of alternating fields and values in insertion order (OBJECT
 * ENCODING {@code listpack}), so HGETALL answers in Redis's order; a hash converts once, one way, to a
 * {@linkplain Dict#packed packed} {@link Dict} of {@link FieldValue} entries ({@code hashtable}) when it would hold more than {@code hash-max-listpack-entries} fields or a
 * field or value longer than {@code hash-max-listpack-value} bytes, as in Redis.
 *
 * <p>Entries are addressed by position for iteration and sampling: {@code 0 <= position < positions()}, of which
 * the {@link #occupied} ones hold an entry (all of them in the listpack; the table's used slots otherwise).
 *
 * <p>Not thread-safe: guarded by the lock of its key's shard. A hash in the keyspace is never empty.
 */
public final class HashValue extends RedisValue {
    private Listpack packed;
    private Dict<Void> table;
    /** Heap of the table's entry arrays, kept current so that the value's memory usage is O(1). */
    private long entryBytes;

    HashValue() {
        packed = new Listpack();
    }

    private HashValue(HashValue other) {
        packed = other.packed == null ? null : other.packed.copy();
        table = other.table == null ? null : other.table.copy();
        entryBytes = other.entryBytes;
    }

    /**
     * A hash of {@code fieldsAndValues} (alternating, not empty), encoded as HSET would leave it under these
     * thresholds (how RESTORE rebuilds a hash); null if a field repeats.
     */
    public static HashValue of(java.util.List<byte[]> fieldsAndValues, int maxEntries, int maxValue) {
        HashValue h = new HashValue();
        if (fieldsAndValues.size() / 2 > maxEntries) h.convert();
        for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
            if (!h.set(fieldsAndValues.get(i), fieldsAndValues.get(i + 1), maxEntries, maxValue)) return null;
        }
        return h;
    }

    /** Every field and its value, in the encoding's order. */
    public void forEach(java.util.function.BiConsumer<byte[], byte[]> action) {
        if (packed == null) {
            table.forEach((entry, none) -> action.accept(FieldValue.field(entry), FieldValue.value(entry)));
            return;
        }
        for (int off = packed.head(); off != packed.end(); ) {
            int valueOff = packed.next(off);
            action.accept(packed.get(off), packed.get(valueOff));
            off = packed.next(valueOff);
        }
    }

    @Override
    public String type() {
        return "hash";
    }

    @Override
    public String encoding() {
        return packed != null ? "listpack" : "hashtable";
    }

    @Override
    public RedisValue copy() {
        return new HashValue(this);
    }

    @Override
    public long memoryUsage() {
        return Sizes.OBJECT_HEADER + 2 * Sizes.REFERENCE + 4
                + (packed != null ? packed.memoryUsage() : table.heapBytes() + entryBytes);
    }

    public int size() {
        return packed != null ? packed.size() / 2 : table.size();
    }

    /**
     * Converts to the table before a write of {@code args[from..to]} (alternating fields and values) if the
     * listpack could not hold it: more new fields than {@code maxEntries}, or an argument longer than
     * {@code maxValue} (Redis's {@code hashTypeTryConversion}).
     */
    void prepareToSet(byte[][] args, int from, int to, int maxEntries, int maxValue) {
        if (packed == null) return;
        if ((to - from + 1) / 2 > maxEntries) {
            convert();
            return;
        }
        for (int i = from; i <= to; i++) {
            if (args[i].length > maxValue) {
                convert();
                return;
            }
        }
    }

    private void convert() {
        Dict<Void> t = Dict.packed(packed.size() / 2);
        for (int off = packed.head(); off != packed.end(); ) {
            int valueOff = packed.next(off);
            byte[] field = packed.get(off);
            byte[] entry = FieldValue.of(field, packed.get(valueOff));
            t.addEntry(field, entry);
            entryBytes += Sizes.array(entry.length);
            off = packed.next(valueOff);
        }
        table = t;
        packed = null;
    }

    /** Offset of {@code field}'s entry in the listpack, or -1. */
    private int find(byte[] field) {
        for (int off = packed.head(); off != packed.end(); off = packed.next(packed.next(off))) {
            if (packed.equalsAt(off, field)) return off;
        }
        return -1;
    }

    public byte[] get(byte[] field) {
        if (packed == null) {
            byte[] entry = table.entry(field);
            return entry == null ? null : FieldValue.value(entry);
        }
        int off = find(field);
        return off < 0 ? null : packed.get(packed.next(off));
    }

    /** Replies {@code field}'s value as a bulk string, or null if absent. */
    void writeValue(ReplySink out, byte[] field) {
        if (packed == null) {
            byte[] entry = table.entry(field);
            if (entry == null) out.nil();
            else writeValueOf(out, entry);
            return;
        }
        int off = find(field);
        if (off < 0) out.nil();
        else packed.write(out, packed.next(off));
    }

    /**
     * Sets {@code field} to {@code value}, converting to the table first if either is too long for the listpack
     * and afterwards if the listpack holds too many fields; returns true if the field is new.
     */
    boolean set(byte[] field, byte[] value, int maxEntries, int maxValue) {
        if (packed != null && (field.length > maxValue || value.length > maxValue)) convert();
        if (packed == null) {
            int slot = table.slot(field);
            if (slot >= 0) {
                byte[] old = table.keyAt(slot);
                int from = FieldValue.valueOffset(old);
                if (old.length - from == value.length) {
                    // Same length: overwritten in place, no allocation (entries are never shared, see Dict#copy).
                    System.arraycopy(value, 0, old, from, value.length);
                } else {
                    byte[] entry = FieldValue.of(field, value);
                    table.entryAt(slot, entry);
                    entryBytes += Sizes.array(entry.length) - Sizes.array(old.length);
                }
                return false;
            }
            byte[] entry = FieldValue.of(field, value);
            table.addEntry(field, entry);
            entryBytes += Sizes.array(entry.length);
            return true;
        }
        int off = find(field);
        if (off >= 0) {
            packed.replace(packed.next(off), value);
            return false;
        }
        packed.insert(packed.end(), field);
        packed.insert(packed.end(), value);
        if (packed.size() / 2 > maxEntries) convert();
        return true;
    }

    boolean remove(byte[] field) {
        if (packed == null) {
            byte[] old = table.removeEntry(field);
            if (old == null) return false;
            entryBytes -= Sizes.array(old.length);
            return true;
        }
        int off = find(field);
        if (off < 0) return false;
        packed.delete(off, 2);
        return true;
    }

    int positions() {
        return packed != null ? packed.size() / 2 : table.capacity();
    }

    boolean occupied(int position) {
        return packed != null || table.occupied(position);
    }

    int randomPosition(RandomGenerator random) {
        return packed != null ? random.nextInt(packed.size() / 2) : table.randomSlot(random);
    }

    void writeField(ReplySink out, int position) {
        if (packed != null) packed.write(out, packed.offsetOf(2 * position));
        else writeFieldOf(out, table.keyAt(position));
    }

    void writeValue(ReplySink out, int position) {
        if (packed != null) packed.write(out, packed.offsetOf(2 * position + 1));
        else writeValueOf(out, table.keyAt(position));
    }

    private static void writeFieldOf(ReplySink out, byte[] entry) {
        out.bulk(entry, FieldValue.fieldOffset(entry), FieldValue.fieldLength(entry));
    }

    private static void writeValueOf(ReplySink out, byte[] entry) {
        int from = FieldValue.valueOffset(entry);
        out.bulk(entry, from, entry.length - from);
    }

    byte[] fieldAt(int position) {
        return packed != null ? packed.get(packed.offsetOf(2 * position)) : FieldValue.field(table.keyAt(position));
    }

    /** True while the hash is a listpack, which HSCAN returns whole in one call, as Redis does. */
    boolean isPacked() {
        return packed != null;
    }

    /** One HSCAN step over the table, visiting positions; see {@link Dict#scan}. */
    long scan(long cursor, IntConsumer visitor) {
        return table.scanSlots(cursor, visitor);
    }
}
