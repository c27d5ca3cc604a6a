package io.ferrite.core.type.zset;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class SkipListTest {

    private record Element(double score, byte[] member) {}

    @Test
    void ranksAndOrderMatchASortedReferenceUnderRandomInsertsUpdatesAndDeletes() {
        Random random = new Random(42);
        SkipList list = new SkipList();
        Map<String, SkipList.Node> nodes = new HashMap<>();
        TreeSet<Element> reference = new TreeSet<>((a, b) -> SkipList.compare(a.score, a.member, b.score, b.member));
        for (int op = 0; op < 20_000; op++) {
            String name = "m" + random.nextInt(600);
            byte[] member = name.getBytes(StandardCharsets.US_ASCII);
            double score = random.nextInt(200);
            SkipList.Node node = nodes.get(name);
            int dice = random.nextInt(10);
            if (node == null) {
                nodes.put(name, list.insert(score, member));
                reference.add(new Element(score, member));
            } else if (dice < 7) {
                reference.remove(new Element(node.score, node.member));
                assertSame(node, list.updateScore(node, score), "an updated node is the same node");
                reference.add(new Element(score, member));
            } else {
                reference.remove(new Element(node.score, node.member));
                assertEquals(true, list.delete(node.score, node.member));
                nodes.remove(name);
            }
            if (op % 500 == 0) assertMatches(reference, list);
        }
        assertMatches(reference, list);
    }

    private static void assertMatches(TreeSet<Element> reference, SkipList list) {
        assertEquals(reference.size(), list.length());
        List<Element> expected = new ArrayList<>(reference);
        SkipList.Node n = list.first();
        SkipList.Node previous = null;
        for (int i = 0; i < expected.size(); i++, n = n.next()) {
            Element e = expected.get(i);
            assertEquals(e.score, n.score);
            assertEquals(new String(e.member, StandardCharsets.US_ASCII), new String(n.member, StandardCharsets.US_ASCII));
            assertSame(previous, n.backward);
            assertEquals(i + 1, list.rank(e.score, e.member));
            assertSame(n, list.byRank(i + 1));
            previous = n;
        }
        assertNull(n);
        assertSame(previous, list.last());
    }
}
