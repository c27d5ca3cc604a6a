package io.ferrite.core.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumbersTest {

    private static double parse(String s) {
        return Numbers.parseDoubleOrNaN(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void parsesWhatStrtodAcceptsWholeAndNothingElse() {
        assertEquals(12345.0, parse("12345"));
        assertEquals(-7.0, parse("-7"));
        assertEquals(7.0, parse("+007"));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse("-0")));
        assertEquals(999999999999999.0, parse("999999999999999"));
        assertEquals(12345678901234567890.0, parse("12345678901234567890"));
        assertEquals(1.5, parse("1.5"));
        assertEquals(-0.25, parse("-.25"));
        assertEquals(3.0, parse("3."));
        assertEquals(1e300, parse("1E300"));
        assertEquals(Double.POSITIVE_INFINITY, parse("inf"));
        assertEquals(Double.POSITIVE_INFINITY, parse("+Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-INF"));
        for (String bad : new String[] {"", "+", "-", "abc", "in", "infinit", "infx", "nan", "1e", "1.2.3", " 1", "1 ", "0x10", "."}) {
            assertTrue(Double.isNaN(parse(bad)), bad);
        }
    }
}
