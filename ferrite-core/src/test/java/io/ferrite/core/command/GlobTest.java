package io.ferrite.core.command;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each expectation was taken from real redis-server's KEYS with the key alone in the database. */
class GlobTest {

    static Object[][] redisKeys() {
        return new Object[][] {
            {"[", "[", false},
            {"[", "a", false},
            {"[^", "x", true},
            {"[^", "", false},
            {"[^a]", "a", false},
            {"[^a]", "b", true},
            {"[a-]", "a", true},
            {"[a-]", "-", false},
            {"[a-]", "]", true},
            {"[a-]", "^", true},
            {"[a-]x", "ax", false},
            {"[a-]]", "a]", false},
            {"[z-a]", "m", true},
            {"[\\]]", "]", true},
            {"[\\", "\\", true},
            {"\\", "\\", true},
            {"\\\\", "\\", true},
            {"\\*", "*", true},
            {"\\*", "a", false},
            {"a\\", "a\\", true},
            {"**", "", false},
            {"?", "", false},
            {"a*", "a", true},
            {"*a", "ba", true},
            {"a*b*c", "aXbYc", true},
            {"a*b*c", "aXbY", false},
            {"h?llo", "hello", true},
            {"h[ae]llo", "hallo", true},
            {"h[^e]llo", "hello", false},
            {"h[a-b]llo", "hbllo", true},
            {"[]]", "]", false},
            {"[]a]", "a", false},
            {"[!a]", "!", true},
            {"[!a]", "b", false},
            {"a[", "a", false},
            {"a[", "ab", false},
            {"[a-c", "b", true},
            {"[abc", "c", true},
            {"?*?", "ab", true},
            {"?*?", "a", false},
            {"A", "a", false},
            {"[A-Z]", "a", false},
            {"*[", "ab", false},
            {"[\\a-c]", "b", false},
            {"[-a]", "-", true},
            {"[a-\\]", "\\", true},
        };
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @MethodSource("redisKeys")
    void matchesAsRedisKeysDoes(String pattern, String key, boolean expected) {
        assertEquals(expected, Glob.matches(bytes(pattern), bytes(key), false));
    }

    @Test
    void theEmptyStringMatchesNoPattern() {
        assertFalse(Glob.matches(bytes("*"), bytes(""), false));
        assertFalse(Glob.matches(bytes(""), bytes("a"), false));
        assertTrue(Glob.matches(bytes(""), bytes(""), false));
    }

    @Test
    void rangeBoundsCompareAsSignedBytes() {
        // [\x80-z]: -128..122 covers every ASCII byte up to 'z' and the high bytes 0x80..0xff.
        byte[] pattern = {'[', (byte) 0x80, '-', 'z', ']'};
        assertTrue(Glob.matches(pattern, new byte[] {'*'}, false));
        assertTrue(Glob.matches(pattern, new byte[] {(byte) 0xff}, false));
        assertFalse(Glob.matches(pattern, new byte[] {'{'}, false));
    }

    @Test
    void nocaseFoldsLettersButNotEscapesInClasses() {
        assertTrue(Glob.matches(bytes("MAX*"), bytes("maxmemory"), true));
        assertTrue(Glob.matches(bytes("[A-C]x"), bytes("bX"), true));
        assertTrue(Glob.matches(bytes("\\A"), bytes("a"), true));
        assertFalse(Glob.matches(bytes("[\\A]"), bytes("a"), true));
    }

    @Test
    void pathologicalPatternsFinishQuickly() {
        String pattern = "a*".repeat(40) + "b";
        String subject = "a".repeat(60);
        assertFalse(Glob.matches(bytes(pattern), bytes(subject), false));
        // Redis gives up past 1000 nested stars: the deep pattern reports no match although it would match.
        assertTrue(Glob.matches(bytes("*?".repeat(900)), bytes("x".repeat(3000)), false));
        assertFalse(Glob.matches(bytes("*?".repeat(2000)), bytes("x".repeat(3000)), false));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
