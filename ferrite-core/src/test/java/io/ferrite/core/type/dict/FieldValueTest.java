package io.ferrite.core.type.dict;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldValueTest {

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (seed + i * 31);
        return b;
    }

    @Test
    void fieldAndValueComeBackAcrossEveryPrefixLength() {
        // Field lengths whose varint takes one, two and three bytes, at and around each boundary.
        for (int fieldLength : new int[] {0, 1, 127, 128, 200, 16_383, 16_384, 70_000}) {
            for (int valueLength : new int[] {0, 1, 300}) {
                byte[] field = bytes(fieldLength, fieldLength);
                byte[] value = bytes(valueLength, 7);
                byte[] entry = FieldValue.of(field, value);
                assertEquals(fieldLength, FieldValue.fieldLength(entry));
                assertEquals(valueLength, FieldValue.valueLength(entry));
                assertArrayEquals(field, FieldValue.field(entry));
                assertArrayEquals(value, FieldValue.value(entry));
                assertTrue(FieldValue.fieldEquals(entry, field));
                if (fieldLength > 0) {
                    byte[] other = field.clone();
                    other[fieldLength - 1]++;
                    assertFalse(FieldValue.fieldEquals(entry, other));
                }
                assertFalse(FieldValue.fieldEquals(entry, Arrays.copyOf(field, fieldLength + 1)));
            }
        }
    }

    @Test
    void packedTableFindsEntriesByField() {
        Dict<Void> t = Dict.packed(0);
        for (int i = 0; i < 1000; i++) {
            byte[] f = ("f" + i).getBytes();
            t.addEntry(f, FieldValue.of(f, ("v" + i).getBytes()));
        }
        byte[] f7 = "f7".getBytes();
        int slot = t.slot(f7);
        assertArrayEquals("v7".getBytes(), FieldValue.value(t.keyAt(slot)));
        t.entryAt(slot, FieldValue.of(f7, "new".getBytes()));
        assertArrayEquals("new".getBytes(), FieldValue.value(t.entry(f7)));
        assertEquals(1000, t.size());
        for (int i = 0; i < 1000; i += 2) assertTrue(t.removeEntry(("f" + i).getBytes()) != null);
        assertNull(t.entry("f8".getBytes()));
        assertArrayEquals("v9".getBytes(), FieldValue.value(t.entry("f9".getBytes())));
        assertTrue(t.contains("f999".getBytes()));
        assertEquals(500, t.size());
        Dict<Void> copy = t.copy();
        assertNull(copy.removeEntry("f8".getBytes()));
        assertArrayEquals("v9".getBytes(), FieldValue.value(copy.removeEntry("f9".getBytes())));
        assertTrue(t.contains("f9".getBytes()), "a copy's removal leaves the original");
    }
}
