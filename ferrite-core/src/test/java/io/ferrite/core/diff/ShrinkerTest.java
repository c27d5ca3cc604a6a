package io.ferrite.core.diff;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShrinkerTest {

    @Test
    void keepsOnlyWhatTheFailureNeeds() {
        List<Integer> input = IntStream.range(0, 500).boxed().toList();
        // Fails when 17 comes before 333 and 400 is present: the minimal sequence is exactly those three.
        List<Integer> shrunk = Shrinker.shrink(input,
                l -> l.contains(400) && l.contains(17) && l.contains(333) && l.indexOf(17) < l.indexOf(333), 10_000);
        assertEquals(List.of(17, 333, 400), shrunk);
    }

    @Test
    void stopsAtTheTryBudget() {
        List<Integer> input = IntStream.range(0, 64).boxed().toList();
        int[] calls = {0};
        List<Integer> shrunk = Shrinker.shrink(input, l -> { calls[0]++; return l.contains(5); }, 3);
        assertEquals(3, calls[0]);
        assertEquals(true, shrunk.contains(5));
    }
}
