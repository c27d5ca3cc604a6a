package io.ferrite.core.diff;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CliWordsTest {

    private static List<String> words(String line) {
        return Arrays.stream(CliWords.split(line)).map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void splitsLikeRedisCli() {
        assertEquals(List.of("SET", "k", "v"), words("  SET k\tv  "));
        assertEquals(List.of("a b", "c\nd", "\"", "\\"), words("\"a b\" \"c\\nd\" \"\\\"\" \"\\\\\""));
        assertEquals(List.of("\u0000\u00ff", "q"), words("\"\\x00\\xff\" \"\\q\""));
        assertEquals(List.of("it's", "a\\nb", ""), words("'it\\'s' 'a\\nb' ''"));
        assertEquals(List.of("ab c"), words("a\"b c\""));
        assertEquals(List.of(), words("   "));
    }

    @Test
    void rejectsUnbalancedQuotes() {
        assertThrows(IllegalArgumentException.class, () -> CliWords.split("GET \"k"));
        assertThrows(IllegalArgumentException.class, () -> CliWords.split("GET 'k"));
        assertThrows(IllegalArgumentException.class, () -> CliWords.split("GET \"k\"x"));
    }

    @Test
    void quoteRoundTrips() {
        byte[][] argv = {"plain".getBytes(StandardCharsets.US_ASCII), new byte[0], {0, (byte) 0xff, '\r', '"', '\\', ' '}};
        String line = CliWords.line(argv);
        assertEquals("plain \"\" \"\\x00\\xff\\r\\\"\\\\ \"", line);
        byte[][] back = CliWords.split(line);
        assertEquals(argv.length, back.length);
        for (int i = 0; i < argv.length; i++) assertArrayEquals(argv[i], back[i]);
    }
}
