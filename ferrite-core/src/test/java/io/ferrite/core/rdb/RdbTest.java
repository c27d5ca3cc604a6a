package io.ferrite.core.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RdbTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void crc64MatchesRedisTestVector() {
        byte[] data = bytes("123456789");
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.update(0, data, 0, data.length));
        // Incremental updates agree with one pass.
        long half = Crc64.update(0, data, 0, 4);
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.update(half, data, 4, 5));
        assertEquals(0L, Crc64.update(0, data, 0, 0));
    }

    @Test
    void lzfDecompressesWhatRedisCompressed() {
        // From redis-server 7.0: DUMP of a string of 50 'a': 9 compressed bytes expanding to 50.
        byte[] compressed = HexFormat.of().parseHex("0161" + "61e0250001" + "6161");
        assertArrayEquals(bytes("a".repeat(50)), Lzf.decompress(compressed, 0, compressed.length, 50));
    }

    @Test
    void lzfCompressesAsRedisDoes() {
        // Outputs of redis-server 7.0 for these strings.
        assertEquals("016161e02500016161", HexFormat.of().formatHex(Lzf.compress(bytes("a".repeat(50)), 50, 46)));
        byte[] repeated = bytes("abcdefgh".repeat(4));
        assertEquals("08616263646566676861e00c07016768", HexFormat.of().formatHex(Lzf.compress(repeated, 32, 28)));
        // Incompressible input does not fit in fewer bytes.
        byte[] unique = bytes("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF");
        assertEquals(null, Lzf.compress(unique, unique.length, unique.length - 4));
    }

    @Test
    void lzfRoundTrips() {
        java.util.Random random = new java.util.Random(42);
        for (int n : new int[] {3, 21, 100, 5000, 70_000}) {
            byte[] in = new byte[n];
            for (int i = 0; i < n; i++) in[i] = (byte) ("abcab".charAt(random.nextInt(5)) + (random.nextInt(8) == 0 ? random.nextInt(3) : 0));
            byte[] out = Lzf.compress(in, n, n + 64);
            assertArrayEquals(in, Lzf.decompress(out, 0, out.length, n), "length " + n);
        }
    }

    @Test
    void lzfLiteralsAndOverlappingReferences() {
        // literal "ab", then a back reference at distance 2 of length 6: "ababab" + "ab".
        byte[] in = {1, 'a', 'b', (byte) (4 << 5), 1};
        assertArrayEquals(bytes("abababab"), Lzf.decompress(in, 0, in.length, 8));
    }

    @Test
    void lzfRejectsMalformedInput() {
        byte[] truncatedLiteral = {5, 'a'};
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(truncatedLiteral, 0, 2, 6));
        byte[] referenceBeforeStart = {(byte) (1 << 5), 0};
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(referenceBeforeStart, 0, 2, 3));
        byte[] shortOutput = {0, 'a'};
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(shortOutput, 0, 2, 2));
    }

    @Test
    void listpackIntegerEncodingsAtEveryBoundary() {
        long[] values = {0, 127, 128, -1, -4096, 4095, 4096, -4097, 32767, 32768, -32768, -32769, 8388607, 8388608,
                -8388608, -8388609, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE,
                Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE};
        List<byte[]> elements = new ArrayList<>();
        for (long v : values) elements.add(bytes(Long.toString(v)));
        assertSameElements(elements, Packed.readListpack(Packed.listpack(elements)));
        // The smallest encodings, as Redis writes them: 7-bit, 13-bit.
        assertArrayEquals(HexFormat.of().parseHex("0f0000000300" + "7f01" + "c08002" + "dfff02" + "ff"),
                Packed.listpack(List.of(bytes("127"), bytes("128"), bytes("-1"))));
    }

    @Test
    void listpackStringsOfEveryLengthClass() {
        List<byte[]> elements = List.of(bytes(""), bytes("007"), bytes("x".repeat(63)), bytes("y".repeat(64)),
                bytes("z".repeat(4095)), bytes("w".repeat(4096)), bytes("v".repeat(20_000)), bytes("-0"), bytes("1 "));
        byte[] lp = Packed.listpack(elements);
        assertSameElements(elements, Packed.readListpack(lp));
    }

    @Test
    void listpackRejectsCorruption() {
        byte[] lp = Packed.listpack(List.of(bytes("a"), bytes("b")));
        byte[] badEnd = lp.clone();
        badEnd[badEnd.length - 1] = 0;
        assertThrows(RdbFormatException.class, () -> Packed.readListpack(badEnd));
        byte[] badCount = lp.clone();
        badCount[4] = 3;
        assertThrows(RdbFormatException.class, () -> Packed.readListpack(badCount));
        byte[] badLength = lp.clone();
        badLength[6] = (byte) 0xBF; // a 63-byte string that runs past the end
        assertThrows(RdbFormatException.class, () -> Packed.readListpack(badLength));
    }

    @Test
    void intsetWidthsAndOrder() {
        long[] values = {-5, 3, 70000};
        byte[] is = Packed.intset(values, 3);
        assertEquals(8 + 3 * 4, is.length);
        assertSameElements(List.of(bytes("-5"), bytes("3"), bytes("70000")), Packed.readIntset(is));
        byte[] unordered = Packed.intset(new long[] {3, -5}, 2);
        assertThrows(RdbFormatException.class, () -> Packed.readIntset(unordered));
    }

    @Test
    void payloadsAreVerified() {
        byte[] payload = HexFormat.of().parseHex("000568656c6c6f0a0063" + "72df766534200a");
        assertEquals(true, Rdb.verify(payload));
        payload[1] = 6;
        assertEquals(false, Rdb.verify(payload));
        assertEquals(false, Rdb.verify(new byte[9]));
    }

    private static void assertSameElements(List<byte[]> want, List<byte[]> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(new String(want.get(i), StandardCharsets.ISO_8859_1), new String(got.get(i), StandardCharsets.ISO_8859_1));
        }
    }
}
