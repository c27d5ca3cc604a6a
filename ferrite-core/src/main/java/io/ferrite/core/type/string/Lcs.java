package io.ferrite.core.type.string;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest common subsequence of two strings by the textbook dynamic programme, with the matched ranges that
 * LCS IDX reports: walking the table back from the ends of both strings, each maximal run of characters matched
 * at consecutive positions in both strings is one range, listed from the ends towards the starts.
 */
final class Lcs {
    /** One range: {@code a[aStart..aEnd]} equals {@code b[bStart..bEnd]}, bounds inclusive. */
    record Match(int aStart, int aEnd, int bStart, int bEnd) {
        int length() {
            return aEnd - aStart + 1;
        }
    }

    final int length;
    /** The subsequence itself; null unless requested. */
    final byte[] sequence;
    /** The ranges of at least the requested length; empty unless requested. */
    final List<Match> matches;

    private Lcs(int length, byte[] sequence, List<Match> matches) {
        this.length = length;
        this.sequence = sequence;
        this.matches = matches;
    }

    /** Table cells needed for {@code a} and {@code b}: the caller checks this against its limits first. */
    static long tableCells(int aLength, int bLength) {
        return (aLength + 1L) * (bLength + 1L);
    }

    /**
     * Computes the LCS of {@code a} and {@code b}, whose {@link #tableCells} must fit an array. With
     * {@code walk}, also the subsequence and the ranges of at least {@code minMatchLength} characters.
     */
    static Lcs of(byte[] a, byte[] b, boolean walk, long minMatchLength) {
        int width = b.length + 1;
        // table[i * width + j] = LCS length of a[0..i) and b[0..j)
        int[] table = new int[Math.toIntExact(tableCells(a.length, b.length))];
        for (int i = 1; i <= a.length; i++) {
            int row = i * width;
            int above = row - width;
            for (int j = 1; j <= b.length; j++) {
                table[row + j] = a[i - 1] == b[j - 1]
                        ? table[above + j - 1] + 1
                        : Math.max(table[above + j], table[row + j - 1]);
            }
        }
        int length = table[a.length * width + b.length];
        if (!walk) return new Lcs(length, null, List.of());

        byte[] sequence = new byte[length];
        List<Match> matches = new ArrayList<>();
        int k = length;
        int i = a.length;
        int j = b.length;
        // The open range is a[aStart..aEnd] / b[bStart..bEnd]; aStart < 0 when none is open.
        int aStart = -1;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean close;
            if (a[i - 1] == b[j - 1]) {
                sequence[--k] = a[i - 1];
                if (aStart < 0) {
                    aStart = aEnd = i - 1;
                    bStart = bEnd = j - 1;
                } else {
                    // The previous step matched at (i, j): this match extends the range backwards.
                    aStart--;
                    bStart--;
                }
                close = aStart == 0 || bStart == 0;
                i--;
                j--;
            } else {
                if (table[(i - 1) * width + j] > table[i * width + j - 1]) i--;
                else j--;
                close = aStart >= 0;
            }
            if (close) {
                Match m = new Match(aStart, aEnd, bStart, bEnd);
                if (m.length() >= minMatchLength) matches.add(m);
                aStart = -1;
            }
        }
        return new Lcs(length, sequence, matches);
    }
}
