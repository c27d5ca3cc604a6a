package io.ferrite.core.type.dict;

import java.util.Arrays;

/**
 * A hash field and its value packed in one array, {@code [field length as a varint][field][value]}: a large hash's
 * table entry (see {@link Dict#packed}), one array header and one reference instead of two of each. An entry
 * belongs to one table (a copied table clones its entries), so a new value of the same length may overwrite the old
 * one in place; any other new value makes a new entry.
 */
public final class FieldValue {
    private FieldValue() {}

    public static byte[] of(byte[] field, byte[] value) {
        int prefix = varintLength(field.length);
        byte[] e = new byte[prefix + field.length + value.length];
        int n = field.length;
        int i = 0;
        while (n >= 0x80) {
            e[i++] = (byte) (n | 0x80);
            n >>>= 7;
        }
        e[i] = (byte) n;
        System.arraycopy(field, 0, e, prefix, field.length);
        System.arraycopy(value, 0, e, prefix + field.length, value.length);
        return e;
    }

    private static int varintLength(int n) {
        int len = 1;
        while (n >= 0x80) {
            n >>>= 7;
            len++;
        }
        return len;
    }

    public static int fieldLength(byte[] entry) {
        int n = 0;
        int shift = 0;
        for (int i = 0; ; i++, shift += 7) {
            int b = entry[i];
            n |= (b & 0x7F) << shift;
            if (b >= 0) return n;
        }
    }

    public static int fieldOffset(byte[] entry) {
        int i = 0;
        while (entry[i] < 0) i++;
        return i + 1;
    }

    public static int valueOffset(byte[] entry) {
        return fieldOffset(entry) + fieldLength(entry);
    }

    public static int valueLength(byte[] entry) {
        return entry.length - valueOffset(entry);
    }

    public static byte[] field(byte[] entry) {
        int from = fieldOffset(entry);
        return Arrays.copyOfRange(entry, from, from + fieldLength(entry));
    }

    public static byte[] value(byte[] entry) {
        return Arrays.copyOfRange(entry, valueOffset(entry), entry.length);
    }

    /** Whether {@code entry}'s field is {@code field}. */
    public static boolean fieldEquals(byte[] entry, byte[] field) {
        if (fieldLength(entry) != field.length) return false;
        int from = fieldOffset(entry);
        return Arrays.equals(entry, from, from + field.length, field, 0, field.length);
    }
}
