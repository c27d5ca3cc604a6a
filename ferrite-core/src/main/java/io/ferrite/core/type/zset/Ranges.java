package io.ferrite.core.type.zset;

import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.Numbers;

import java.util.Arrays;

/**
 * Score and lex intervals as ZRANGEBYSCORE / ZRANGEBYLEX take them ({@code (1.5 -inf +inf}, {@code [a (a - +}),
 * resolved to the half-open rank interval {@code [start, end)} of the elements they contain.
 */
final class Ranges {
    private Ranges() {}

    static final String SCORE_ERROR = "ERR min or max is not a float";
    static final String LEX_ERROR = "ERR min or max not valid string range item";

    /** A rank interval {@code [start, end)}; empty when {@code end <= start}. */
    record Span(long start, long end) {
        long length() { return Math.max(0, end - start); }
    }

    static Span byScore(ZSetValue z, byte[] min, byte[] max) {
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        double lo = parseScore(min, minEx);
        double hi = parseScore(max, maxEx);
        return byScore(z, lo, minEx, hi, maxEx);
    }

    static Span byScore(ZSetValue z, double lo, boolean minEx, double hi, boolean maxEx) {
        long start = z.countBefore((s, m) -> minEx ? s <= lo : s < lo);
        long end = z.countBefore((s, m) -> maxEx ? s < hi : s <= hi);
        return new Span(start, end);
    }

    /** Checks both bounds parse, so errors come before any lookup. */
    static void checkScore(byte[] min, byte[] max) {
        parseScore(min, min.length > 0 && min[0] == '(');
        parseScore(max, max.length > 0 && max[0] == '(');
    }

    private static double parseScore(byte[] b, boolean exclusive) {
        byte[] text = exclusive ? Arrays.copyOfRange(b, 1, b.length) : b;
        double d = Numbers.parseDoubleOrNaN(text);
        if (Double.isNaN(d)) throw new CommandException(SCORE_ERROR);
        return d;
    }

    /** A lex bound: {@code -} (before everything), {@code +} (after everything), or a member, inclusive or not. */
    record Lex(int infinity, byte[] value, boolean exclusive) {
        static Lex parse(byte[] b) {
            if (b.length == 1 && b[0] == '-') return new Lex(-1, null, false);
            if (b.length == 1 && b[0] == '+') return new Lex(1, null, false);
            if (b.length > 0 && (b[0] == '(' || b[0] == '[')) {
                return new Lex(0, Arrays.copyOfRange(b, 1, b.length), b[0] == '(');
            }
            throw new CommandException(LEX_ERROR);
        }
    }

    static Span byLex(ZSetValue z, Lex min, Lex max) {
        long start = z.countBefore((s, m) -> {
            if (min.infinity != 0) return min.infinity > 0;
            int c = Arrays.compareUnsigned(m, min.value);
            return min.exclusive ? c <= 0 : c < 0;
        });
        long end = z.countBefore((s, m) -> {
            if (max.infinity != 0) return max.infinity > 0;
            int c = Arrays.compareUnsigned(m, max.value);
            return max.exclusive ? c < 0 : c <= 0;
        });
        return new Span(start, end);
    }
}
