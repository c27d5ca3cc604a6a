package io.ferrite.core.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging (Zeller's ddmin, complements only): removes chunks of a failing sequence, halving the chunk
 * size when no removal keeps it failing, until no single element can go. Bounded by a number of tries, after
 * which the smallest failing sequence so far is returned.
 */
public final class Shrinker {
    private Shrinker() {}

    /** The smallest sublist of {@code failing} found that still satisfies {@code fails}. */
    public static <T> List<T> shrink(List<T> failing, Predicate<List<T>> fails, int maxTries) {
        List<T> current = List.copyOf(failing);
        int parts = 2;
        int tries = 0;
        while (current.size() >= 2 && tries < maxTries) {
            int chunk = (current.size() + parts - 1) / parts;
            boolean reduced = false;
            for (int start = 0; start < current.size() && tries < maxTries; start += chunk) {
                List<T> complement = new ArrayList<>(current.subList(0, start));
                complement.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                tries++;
                if (fails.test(complement)) {
                    current = complement;
                    parts = Math.max(parts - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (chunk == 1) break;
                parts = Math.min(current.size(), parts * 2);
            }
        }
        return current;
    }
}
