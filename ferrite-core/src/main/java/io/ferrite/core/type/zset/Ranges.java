package io.ferrite.core.type.zset;

import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.Numbers;

import java.util.Arrays;

/**
 * Score and lex ranges as ZRANGEBYSCORE / ZRANGEBYLEX take them ({@code (1.5 -inf +inf}, {@code [a (a - +}): a
 * score range resolves to the half-open rank interval {@code [start, end)} it contains; a lex range to the walk
 * Redis makes ({@link Run}).
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

    /** The elements a lex query walks: {@code count} of them from rank {@code first}, downwards when reversed. */
    record Run(long first, long count) {
        static final Run EMPTY = new Run(0, 0);
    }

    private static ZSetValue.Bound atLeast(Lex min) {
        return (s, m) -> {
            if (min.infinity != 0) return min.infinity < 0;
            int c = Arrays.compareUnsigned(m, min.value);
            return min.exclusive ? c > 0 : c >= 0;
        };
    }

    private static ZSetValue.Bound atMost(Lex max) {
        return (s, m) -> {
            if (max.infinity != 0) return max.infinity > 0;
            int c = Arrays.compareUnsigned(m, max.value);
            return max.exclusive ? c < 0 : c <= 0;
        };
    }

    private static ZSetValue.Bound not(ZSetValue.Bound b) {
        return (s, m) -> !b.test(s, m);
    }

    /**
     * Redis's {@code zslIsInLexRange}: false when the interval is empty by itself, when the last element is below
     * min, or when the first is above max.
     */
    private static boolean mayMatch(ZSetValue z, Lex min, Lex max) {
        // '-' sorts before every member and '+' after, a member item counting as 0 between them.
        int c = min.infinity != 0 || max.infinity != 0 ? Integer.compare(min.infinity, max.infinity)
                : Arrays.compareUnsigned(min.value, max.value);
        if (c > 0 || (c == 0 && (min.exclusive || max.exclusive))) return false;
        return z.size() > 0 && z.test(z.size() - 1, atLeast(min)) && z.test(0, atMost(max));
    }

    /**
     * The walk of ZRANGEBYLEX and ZREMRANGEBYLEX as Redis does it, which for members of different scores (where the
     * result is documented as unspecified) is not an interval: find the first element at or above min (the last at
     * or below max when reversed), scanning a listpack and descending a skiplist, then walk while the other bound
     * holds.
     */
    static Run lex(ZSetValue z, Lex min, Lex max, boolean reverse) {
        if (!mayMatch(z, min, max)) return Run.EMPTY;
        long size = z.size();
        ZSetValue.Bound lo = atLeast(min);
        ZSetValue.Bound hi = atMost(max);
        if (!reverse) {
            long first = z.isCompact() ? z.run(0, false, not(lo)) : z.countBefore(not(lo));
            return first >= size ? Run.EMPTY : new Run(first, z.run(first, false, hi));
        }
        long last = z.isCompact() ? size - 1 - z.run(size - 1, true, not(hi)) : z.countBefore(hi) - 1;
        return last < 0 ? Run.EMPTY : new Run(last, z.run(last, true, lo));
    }

    /** ZLEXCOUNT: a listpack counts the forward walk; a skiplist subtracts the ranks of the first and last match. */
    static long lexCount(ZSetValue z, Lex min, Lex max) {
        if (z.isCompact()) return lex(z, min, max, false).count();
        if (!mayMatch(z, min, max)) return 0;
        ZSetValue.Bound lo = atLeast(min);
        ZSetValue.Bound hi = atMost(max);
        long first = z.countBefore(not(lo));
        if (first >= z.size() || !z.test(first, hi)) return 0;
        long last = z.countBefore(hi) - 1;
        if (last < 0 || !z.test(last, lo)) return z.size() - first;
        return Math.max(0, last - first + 1);
    }
}
