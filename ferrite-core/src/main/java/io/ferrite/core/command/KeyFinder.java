package io.ferrite.core.command;

/**
 * Finds the key arguments of a command whose keys cannot be described by first/last/step
 * (ZUNIONSTORE's numkeys, LMPOP, ...). Returns how many key indices it wrote into {@code out}, or -1 when the
 * arguments are malformed (the handler then reports the error and no key is locked).
 */
@FunctionalInterface
public interface KeyFinder {
    int find(Args args, int[] out);
}
