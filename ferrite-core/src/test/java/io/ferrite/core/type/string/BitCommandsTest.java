package io.ferrite.core.type.string;

import io.ferrite.core.type.EncodingProbe;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.keyspace.RawString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the differential corpus cannot see: that bit writes modify one buffer in place, that used_memory follows
 * the growth, the offset limit under a small proto-max-bulk-len, and the word-at-a-time scans against a plain
 * bit-by-bit reading.
 */
class BitCommandsTest {
    private static final String BAD_OFFSET = "ERR bit offset is not an integer or out of range";

    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false)
            .configure(c -> c.protoMaxBulkLen = 1000).build();
    private final Session s = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private String call(String... args) {
        return s.call(args).text();
    }

    private Object stored(String key) {
        return EncodingProbe.stored(ferrite, key);
    }

    @Test
    void bitWritesModifyOneBufferInPlace() {
        call("SET", "b", "12");
        call("SETBIT", "b", "0", "1");
        Object first = stored("b");
        assertTrue(first instanceof RawString, "SETBIT leaves a raw string");
        for (int offset = 1; offset < 4000; offset += 7) call("SETBIT", "b", Integer.toString(offset), "1");
        call("BITFIELD", "b", "SET", "u16", "#200", "65535", "INCRBY", "i8", "3000", "1");
        assertSame(first, stored("b"), "the value was grown in place, not replaced");
        assertEquals("500", call("STRLEN", "b"));
        assertEquals("1", call("GETBIT", "b", "3193"));
        assertEquals("0", call("GETBIT", "b", "3194"));
        assertEquals("raw", call("OBJECT", "ENCODING", "b"));
    }

    @Test
    void usedMemoryFollowsTheGrowth() {
        long before = ferrite.keyspace().usedMemory();
        call("SETBIT", "b", "7999", "1");
        long grown = ferrite.keyspace().usedMemory();
        assertTrue(grown - before >= 1000, "used_memory grew by " + (grown - before));
        call("BITOP", "NOT", "c", "b");
        assertTrue(ferrite.keyspace().usedMemory() - grown >= 1000, "BITOP's result is accounted");
        call("DEL", "b", "c");
        assertTrue(ferrite.keyspace().usedMemory() - before < 200, "deleting gives it back");
    }

    @Test
    void offsetsStopAtProtoMaxBulkLen() {
        assertEquals("0", call("SETBIT", "b", "7999", "1"));
        assertEquals("1000", call("STRLEN", "b"));
        assertEquals(BAD_OFFSET, call("SETBIT", "b", "8000", "1"));
        assertEquals(BAD_OFFSET, call("GETBIT", "b", "8000"));
        assertEquals(BAD_OFFSET, call("BITFIELD", "b", "GET", "u8", "#1000"));
        // A field may start at the last allowed offset and run past it, as in Redis.
        assertEquals(List.of(Long.toString(Long.MIN_VALUE)), s.call("BITFIELD", "b", "SET", "i64", "7999", "-1").texts());
        assertEquals("1008", call("STRLEN", "b"));
        assertEquals("OK", call("CONFIG", "SET", "proto-max-bulk-len", "1mb"));
        assertEquals("0", call("SETBIT", "b", Long.toString(8L * 1024 * 1024 - 1), "1"));
        assertEquals(BAD_OFFSET, call("SETBIT", "b", Long.toString(8L * 1024 * 1024), "1"));
    }

    @Test
    void scansAgreeWithReadingBitByBit() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[1 + random.nextInt(40)];
            int fill = random.nextInt(4);
            for (int i = 0; i < b.length; i++) {
                b[i] = switch (fill) {
                    case 0 -> 0;
                    case 1 -> (byte) 0xff;
                    default -> (byte) random.nextInt(256);
                };
                if (random.nextInt(30) == 0) b[i] ^= (byte) (1 << random.nextInt(8));
            }
            long bits = b.length * 8L;
            long from = random.nextInt((int) bits);
            long to = from + random.nextInt((int) (bits - from));
            long ones = 0;
            long firstOne = -1;
            long firstZero = -1;
            for (long i = from; i <= to; i++) {
                boolean set = (b[(int) (i >>> 3)] & (0x80 >>> (i & 7))) != 0;
                if (set) ones++;
                if (set && firstOne < 0) firstOne = i;
                if (!set && firstZero < 0) firstZero = i;
            }
            String where = "bytes " + java.util.HexFormat.of().formatHex(b) + " bits " + from + ".." + to;
            assertEquals(ones, Bits.countBits(b, from, to), where);
            assertEquals(firstOne, Bits.first(b, from, to, true), where);
            assertEquals(firstZero, Bits.first(b, from, to, false), where);
        }
    }

    @Test
    void fieldArithmetic() {
        BitfieldType i8 = BitfieldType.parse("i8".getBytes(StandardCharsets.US_ASCII));
        BitfieldType u8 = BitfieldType.parse("u8".getBytes(StandardCharsets.US_ASCII));
        BitfieldType i64 = BitfieldType.parse("i64".getBytes(StandardCharsets.US_ASCII));
        BitfieldType u63 = BitfieldType.parse("u63".getBytes(StandardCharsets.US_ASCII));
        assertEquals(-128L, i8.apply(127, 1, BitfieldType.Overflow.WRAP));
        assertEquals(127L, i8.apply(127, 1, BitfieldType.Overflow.SAT));
        assertNull(i8.apply(127, 1, BitfieldType.Overflow.FAIL));
        assertEquals(-128L, i8.apply(-100, -1000, BitfieldType.Overflow.SAT));
        assertEquals(0L, u8.apply(255, 1, BitfieldType.Overflow.WRAP));
        assertEquals(0L, u8.apply(3, -4, BitfieldType.Overflow.SAT));
        assertEquals(255L, u8.apply(-1, 0, BitfieldType.Overflow.SAT), "a negative unsigned SET overflows upwards");
        assertEquals(Long.MIN_VALUE, i64.apply(Long.MAX_VALUE, 1, BitfieldType.Overflow.WRAP));
        assertEquals(Long.MAX_VALUE, i64.apply(Long.MAX_VALUE, 1, BitfieldType.Overflow.SAT));
        assertEquals(Long.MIN_VALUE, i64.apply(Long.MIN_VALUE, -1, BitfieldType.Overflow.SAT));
        assertEquals(0L, u63.apply(Long.MAX_VALUE, 1, BitfieldType.Overflow.WRAP));
        // Redis's wrapping range test: within max of Long.MIN_VALUE a signed SET saturates upwards.
        assertEquals(127L, i8.apply(Long.MIN_VALUE, 0, BitfieldType.Overflow.SAT));
        assertEquals(-128L, i8.apply(Long.MIN_VALUE + 128, 0, BitfieldType.Overflow.SAT));
        byte[] buf = new byte[3];
        i8.set(buf, 4, -2);
        assertEquals(-2L, i8.get(buf, 3, 4));
        assertEquals(0xfeL, u8.get(buf, 3, 4));
        assertEquals(0x0fL, u8.get(buf, 1, 0), "bits past the length read as zero");
    }

    @Test
    void bitfieldRepliesNullWhereFailRefuses() {
        Reply r = s.call("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "5", "SET", "u2", "0", "3");
        assertEquals(List.of(new Reply.Bulk(null), new Reply.Int(0)), r.elements());
        assertEquals(List.of("3"), s.call("BITFIELD_RO", "k", "GET", "u2", "0").texts());
    }
}
