package io.ferrite.core.type.zset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreTreeTest {

    private record Element(double score, byte[] member) {
        String name() {
            return new String(member, StandardCharsets.US_ASCII);
        }
    }

    private static final java.util.Comparator<Element> ORDER = (a, b) -> ScoreTree.compare(a.score, a.member, b.score, b.member);

    /** Members drawn from pools of several sizes, so the tree grows and shrinks through every height and rebalance. */
    @ParameterizedTest
    @ValueSource(ints = {10, 300, 5_000, 20_000})
    void orderRanksAndRangesMatchASortedReferenceUnderRandomInsertsMovesAndDeletes(int pool) {
        Random random = new Random(pool);
        ScoreTree tree = new ScoreTree();
        Map<String, Element> present = new HashMap<>();
        TreeSet<Element> reference = new TreeSet<>(ORDER);
        int ops = Math.max(20_000, pool * 6);
        for (int op = 0; op < ops; op++) {
            String name = "m" + random.nextInt(pool);
            Element old = present.get(name);
            // Grow for the first half, then mostly shrink, so merges run as often as splits.
            int deleteWeight = op < ops / 2 ? 2 : 6;
            int dice = random.nextInt(10);
            if (old == null) {
                Element e = new Element(random.nextInt(pool / 2 + 1), name.getBytes(StandardCharsets.US_ASCII));
                tree.insert(e.score, e.member);
                present.put(name, e);
                reference.add(e);
            } else if (dice < deleteWeight) {
                assertTrue(tree.delete(old.score, old.member));
                assertFalse(tree.delete(old.score, old.member), "a deleted element is gone");
                present.remove(name);
                reference.remove(old);
            } else {
                Element moved = new Element(random.nextInt(pool / 2 + 1), old.member);
                assertTrue(tree.delete(old.score, old.member));
                tree.insert(moved.score, moved.member);
                present.put(name, moved);
                reference.remove(old);
                reference.add(moved);
            }
            if (op % (ops / 25) == 0) assertMatches(reference, tree, random);
        }
        assertMatches(reference, tree, random);
        for (Element e : new ArrayList<>(reference)) assertTrue(tree.delete(e.score, e.member));
        assertEquals(0, tree.verify());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void ascendingAndDescendingLoadsStayBalanced(boolean ascending) {
        ScoreTree tree = new ScoreTree();
        TreeSet<Element> reference = new TreeSet<>(ORDER);
        for (int i = 0; i < 50_000; i++) {
            Element e = new Element(ascending ? i : -i, ("k" + i).getBytes(StandardCharsets.US_ASCII));
            tree.insert(e.score, e.member);
            reference.add(e);
        }
        assertMatches(reference, tree, new Random(1));
        // Either load fills its leaves: close to one leaf per CAPACITY elements.
        assertTrue(tree.heapBytes() < (50_000 / ScoreTree.CAPACITY + 1) * ScoreTree.LEAF_BYTES * 11 / 10, "heap " + tree.heapBytes());
    }

    private static void assertMatches(TreeSet<Element> reference, ScoreTree tree, Random random) {
        assertEquals(reference.size(), tree.verify());
        List<Element> expected = new ArrayList<>(reference);
        List<String> walked = new ArrayList<>();
        tree.walk(0, false, Long.MAX_VALUE, (m, s) -> walked.add(new String(m, StandardCharsets.US_ASCII) + "@" + s));
        List<String> want = new ArrayList<>();
        for (Element e : expected) want.add(e.name() + "@" + e.score);
        assertEquals(want, walked);
        List<String> backwards = new ArrayList<>();
        tree.walk(expected.size() - 1L, true, Long.MAX_VALUE, (m, s) -> backwards.add(new String(m, StandardCharsets.US_ASCII) + "@" + s));
        Collections.reverse(backwards);
        assertEquals(want, backwards);
        for (int k = 0; k < 50 && !expected.isEmpty(); k++) {
            int r = random.nextInt(expected.size());
            Element e = expected.get(r);
            assertEquals(r, tree.rank(e.score, e.member));
            assertEquals(-1, tree.rank(e.score + 0.5, e.member));
            List<String> at = new ArrayList<>();
            tree.walk(r, false, 1, (m, s) -> at.add(new String(m, StandardCharsets.US_ASCII)));
            assertEquals(List.of(e.name()), at);
            double bound = e.score;
            long below = expected.stream().filter(x -> x.score < bound).count();
            assertEquals(below, tree.countBefore((s, m) -> s < bound));
            assertEquals(below, tree.run(0, false, (s, m) -> s < bound));
            long atMost = expected.stream().filter(x -> x.score <= bound).count();
            assertEquals(atMost, tree.countBefore((s, m) -> s <= bound));
            assertEquals(r - below + 1, tree.run(r, true, (s, m) -> s >= bound));
        }
    }
}
