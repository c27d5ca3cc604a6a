package io.ferrite.core.command;

import java.nio.charset.StandardCharsets;

/**
 * Redis's glob-style matching ({@code stringmatchlen} in {@code util.c}), binary safe, quirks included:
 * <ul>
 *   <li>{@code *} any run, {@code ?} one byte, {@code \x} the byte {@code x}, {@code [abc]}, {@code [^abc]},
 *       {@code [a-z]} (reversed bounds are swapped), {@code \]} inside a class;</li>
 *   <li>an unterminated class ends at the end of the pattern: {@code [^} matches any byte, {@code [} none;</li>
 *   <li>in {@code [a-]} the dash makes a range up to {@code ]}, which then does not close the class;</li>
 *   <li>the empty string matches no pattern, not even {@code *} (KEYS and SCAN special-case a lone {@code *});</li>
 *   <li>range bounds compare as signed bytes, as C's {@code char} does on the platforms Redis runs on;</li>
 *   <li>recursion deeper than 1000 stars gives up and reports no match.</li>
 * </ul>
 * {@code nocase} folds ASCII letters only, and not inside a class's escapes; only CONFIG GET uses it.
 */
public final class Glob {
    private Glob() {}

    private static final int MAX_NESTING = 1000;

    public static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
        return new Matcher(pattern, string, nocase).match(0, 0, 0);
    }

    /** Case-insensitive matching of text, as CONFIG GET does with parameter names. */
    public static boolean matches(String pattern, String string) {
        return matches(pattern.getBytes(StandardCharsets.UTF_8), string.getBytes(StandardCharsets.UTF_8), true);
    }

    /** One match attempt; {@code skipLonger} is shared by every recursion level, as in Redis. */
    private static final class Matcher {
        private final byte[] p;
        private final byte[] s;
        private final boolean nocase;
        // Once the rest of the pattern after a star failed at every position of the remaining string, no earlier
        // star can succeed by consuming more: every enclosing star loop stops.
        private boolean skipLonger;

        Matcher(byte[] pattern, byte[] string, boolean nocase) {
            this.p = pattern;
            this.s = string;
            this.nocase = nocase;
        }

        private int fold(int c) {
            return nocase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }

        private boolean match(int pi, int si, int nesting) {
            if (nesting > MAX_NESTING) return false;
            int plen = p.length;
            int slen = s.length;
            while (pi < plen && si < slen) {
                switch (p[pi]) {
                    case '*' -> {
                        while (pi + 1 < plen && p[pi + 1] == '*') pi++;
                        if (pi + 1 == plen) return true;
                        for (; si < slen; si++) {
                            if (match(pi + 1, si, nesting + 1)) return true;
                            if (skipLonger) return false;
                        }
                        skipLonger = true;
                        return false;
                    }
                    case '?' -> si++;
                    case '[' -> {
                        pi++;
                        boolean not = pi < plen && p[pi] == '^';
                        if (not) pi++;
                        boolean matched = false;
                        int c = s[si]; // signed, like C's char
                        while (true) {
                            if (pi + 1 < plen && p[pi] == '\\') {
                                pi++;
                                if (p[pi] == c) matched = true;
                            } else if (pi < plen && p[pi] == ']') {
                                break;
                            } else if (pi >= plen) {
                                pi--; // unterminated: the class ends with the pattern
                                break;
                            } else if (pi + 2 < plen && p[pi + 1] == '-') {
                                int start = p[pi];
                                int end = p[pi + 2];
                                if (start > end) {
                                    int t = start;
                                    start = end;
                                    end = t;
                                }
                                pi += 2;
                                if (fold(c) >= fold(start) && fold(c) <= fold(end)) matched = true;
                            } else if (fold(p[pi]) == fold(c)) {
                                matched = true;
                            }
                            pi++;
                        }
                        if (not) matched = !matched;
                        if (!matched) return false;
                        si++;
                    }
                    case '\\' -> {
                        if (pi + 1 < plen) pi++;
                        if (fold(p[pi]) != fold(s[si])) return false;
                        si++;
                    }
                    default -> {
                        if (fold(p[pi]) != fold(s[si])) return false;
                        si++;
                    }
                }
                pi++;
                if (si == slen) {
                    while (pi < plen && p[pi] == '*') pi++;
                    break;
                }
            }
            return pi == plen && si == slen;
        }
    }
}
