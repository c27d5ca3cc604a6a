package io.ferrite.core.command;

/**
 * Redis's glob-style matching ({@code stringmatchlen}): {@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]},
 * {@code \x} escapes; binary safe. Used by KEYS, SCAN MATCH, the *SCAN commands, CONFIG GET and PUBSUB.
 */
public final class Glob {
    private Glob() {}

    public static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
        return match(pattern, 0, string, 0, nocase, 0);
    }

    public static boolean matches(String pattern, String string) {
        return matches(pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                string.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    }

    private static int lower(int c, boolean nocase) {
        return nocase && c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase, int depth) {
        // Bound recursion on pathological patterns, as Redis 7 does (it gives up and reports no match).
        if (depth > 1000) return false;
        int plen = p.length;
        int slen = s.length;
        while (pi < plen && si <= slen) {
            byte c = p[pi];
            switch (c) {
                case '*' -> {
                    while (pi + 1 < plen && p[pi + 1] == '*') pi++;
                    if (pi + 1 == plen) return true;
                    for (int k = si; k <= slen; k++) {
                        if (match(p, pi + 1, s, k, nocase, depth + 1)) return true;
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= slen) return false;
                    si++;
                }
                case '[' -> {
                    if (si >= slen) return false;
                    pi++;
                    boolean not = pi < plen && p[pi] == '^';
                    if (not) pi++;
                    boolean matched = false;
                    while (true) {
                        if (pi < plen && p[pi] == '\\' && pi + 2 <= plen - 1 + 1 && pi + 1 < plen) {
                            pi++;
                            if (p[pi] == s[si]) matched = true;
                        } else if (pi >= plen) {
                            pi--; // unterminated class: behave like Redis, treating the end as ']'
                            break;
                        } else if (p[pi] == ']') {
                            break;
                        } else if (pi + 2 < plen && p[pi + 1] == '-') {
                            int start = lower(p[pi] & 0xff, nocase);
                            int end = lower(p[pi + 2] & 0xff, nocase);
                            if (start > end) { int t = start; start = end; end = t; }
                            int ch = lower(s[si] & 0xff, nocase);
                            pi += 2;
                            if (ch >= start && ch <= end) matched = true;
                        } else if (lower(p[pi] & 0xff, nocase) == lower(s[si] & 0xff, nocase)) {
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
                    if (si >= slen || lower(p[pi] & 0xff, nocase) != lower(s[si] & 0xff, nocase)) return false;
                    si++;
                }
                default -> {
                    if (si >= slen || lower(c & 0xff, nocase) != lower(s[si] & 0xff, nocase)) return false;
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
