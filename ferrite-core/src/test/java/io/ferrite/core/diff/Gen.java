package io.ferrite.core.diff;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Random choices for command generators over a deliberately small space, so that commands collide: five keys
 * per family (named by the family's key prefix) of which one in ten draws goes to any family's keys (hence
 * wrong-type keys), a few fields and members, small integers, TTLs far longer than a run.
 */
public final class Gen {
    private static final int KEYS_PER_PREFIX = 5;
    /** The key prefixes of all families: a draw outside the current family picks among these. */
    static final String[] PREFIXES = {"k", "s", "h", "l", "t", "z"};
    private static final String[] VALUES = {
        "0", "1", "-1", "7", "42", "-13", "100", "3.5", "-0.25", "1e3", "abc", "hello world", "", "x\u0000y",
        "9223372036854775807", "-9223372036854775808", "12345678901234567890", " 5", "0x10", "nan", "inf"
    };

    private final SplittableRandom random;
    private String prefix;

    public Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public int nextInt(int bound) { return random.nextInt(bound); }

    /** An integer in {@code [from, to]}. */
    public int between(int from, int to) { return from + random.nextInt(to - from + 1); }

    public boolean chance(double p) { return random.nextDouble() < p; }

    @SafeVarargs
    public final <T> T pick(T... choices) { return choices[random.nextInt(choices.length)]; }

    public <T> T pick(List<T> choices) { return choices.get(random.nextInt(choices.size())); }

    /** Sets the key prefix of the family whose generator runs next; null draws from every family's keys. */
    void prefix(String p) { this.prefix = p; }

    /** A key: mostly the current family's, sometimes any family's. */
    public String key() {
        String p = prefix == null || chance(0.1) ? pick(PREFIXES) : prefix;
        return p + random.nextInt(KEYS_PER_PREFIX);
    }

    public String field() { return "f" + random.nextInt(5); }

    public String member() { return "m" + random.nextInt(6); }

    /** A value: mostly small integers and short words, sometimes numbers at the edges or binary bytes. */
    public String value() {
        return chance(0.5) ? Integer.toString(between(-3, 20)) : pick(VALUES);
    }

    /** A small integer, now and then a non-number or an out-of-range one for the error paths. */
    public String integer() {
        if (chance(0.05)) return pick("x", "1.5", "", "99999999999999999999");
        return Integer.toString(between(-5, 20));
    }

    /** A score: small integers and halves, now and then an infinity or an invalid one. */
    public String score() {
        if (chance(0.03)) return pick("+inf", "-inf", "nan", "x");
        int n = between(-6, 12);
        return chance(0.3) ? n + ".5" : Integer.toString(n);
    }

    /** Seconds far beyond a run's duration. */
    public String seconds() { return Integer.toString(between(1_000, 100_000)); }

    /** Milliseconds far beyond a run's duration. */
    public String millis() { return Integer.toString(between(1_000_000, 100_000_000)); }

    /** A step comparing replies exactly. */
    public Step exact(Object... words) { return step(Comparison.EXACT, words); }

    /** A step comparing aggregates with their elements sorted. */
    public Step sorted(Object... words) { return step(Comparison.SORTED, words); }

    /** A step comparing only the kind of reply (nondeterministic commands). */
    public Step kind(Object... words) { return step(Comparison.KIND, words); }

    public Step step(Comparison comparison, Object... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            Object w = words[i];
            argv[i] = w instanceof byte[] b ? b : String.valueOf(w).getBytes(StandardCharsets.UTF_8);
        }
        return new Step(-1, argv, comparison);
    }

    /** The seed of sub-run {@code index} of a run seeded with {@code seed}. */
    public static long mix(long seed, long index) {
        return new Random(seed ^ (index * 0x9E3779B97F4A7C15L)).nextLong();
    }
}
