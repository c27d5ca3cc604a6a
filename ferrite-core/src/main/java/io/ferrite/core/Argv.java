package io.ferrite.core;

import io.ferrite.core.command.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A command line under construction for {@link FerriteCommands}. Command names and option words are shared
 * constants: the engine never modifies arguments and only keeps those in key and value positions, which are
 * always fresh arrays from the codec.
 */
final class Argv {
    byte[][] words;
    int count;

    Argv(int capacity) {
        words = new byte[capacity][];
    }

    static byte[] word(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] number(long v) {
        return Numbers.toBytes(v);
    }

    /** A float argument as Redis parses it: Java's shortest round-trip text, or {@code +inf}/{@code -inf}. */
    static byte[] number(double v) {
        if (Double.isInfinite(v)) return word(v > 0 ? "+inf" : "-inf");
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Numbers.toBytes((long) v);
        return word(Double.toString(v));
    }

    Argv add(byte[] word) {
        if (count == words.length) words = Arrays.copyOf(words, Math.max(4, count * 2));
        words[count++] = word;
        return this;
    }

    Argv add(long number) {
        return add(number(number));
    }
}
