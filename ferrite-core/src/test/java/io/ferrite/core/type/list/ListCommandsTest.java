package io.ferrite.core.type.list;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.keyspace.RedisValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.ferrite.core.type.EncodingProbe.encoding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** List commands through {@link Session#call}, under tiny and default listpack limits. */
class ListCommandsTest {

    private static Ferrite engine(int listMaxListpackSize) {
        return Ferrite.newBuilder().configure(c -> c.listMaxListpackSize = listMaxListpackSize).build();
    }

    @Test
    void convertsAtTheCountLimitAndBackAtHalfOfIt() {
        try (Ferrite f = engine(4)) {
            Session s = f.newSession();
            s.call("RPUSH", "l", "a", "b", "c", "d");
            assertEquals("listpack", encoding(f, "l"));
            s.call("RPUSH", "l", "e");
            assertEquals("quicklist", encoding(f, "l"));
            s.call("RPOP", "l", "2");
            assertEquals("quicklist", encoding(f, "l"), "one node of 3: more than half of 4");
            s.call("RPOP", "l");
            assertEquals("listpack", encoding(f, "l"), "Redis 7.2 converts back at half the limit");
            assertEquals(List.of("a", "b"), s.call("LRANGE", "l", "0", "-1").texts());
            s.call("RPUSH", "l", "c", "d", "e");
            assertEquals("quicklist", encoding(f, "l"));
            s.call("LREM", "l", "0", "c");
            s.call("LREM", "l", "0", "d");
            assertEquals("quicklist", encoding(f, "l"), "two nodes are never converted");
            s.call("LTRIM", "l", "0", "1");
            assertEquals("listpack", encoding(f, "l"));
            assertEquals(List.of("a", "b"), s.call("LRANGE", "l", "0", "-1").texts());
            s.call("DEL", "l");
            s.call("LPUSH", "l", "1", "2", "3", "4", "5");
            assertEquals("quicklist", encoding(f, "l"), "a push exceeding the limit converts before adding");
        }
    }

    @Test
    void convertsAtTheByteLimitByDefault() {
        try (Ferrite f = engine(-2)) {
            Session s = f.newSession();
            String kb = "x".repeat(1000);
            for (int i = 0; i < 8; i++) s.call("RPUSH", "l", kb);
            assertEquals("listpack", encoding(f, "l"));
            s.call("RPUSH", "l", kb);
            assertEquals("quicklist", encoding(f, "l"));
            s.call("LSET", "m", "0", "x");
            s.call("RPUSH", "m", "small");
            s.call("LSET", "m", "0", "y".repeat(9000));
            assertEquals("quicklist", encoding(f, "m"), "LSET converts when the new element does not fit");
            s.call("LSET", "m", "0", "y");
            assertEquals("listpack", encoding(f, "m"), "and back when the list is small again (Redis 7.2)");
            s.call("LSET", "m", "0", "y".repeat(9000));
            s.call("LMOVE", "m", "n", "LEFT", "LEFT");
            assertEquals("quicklist", encoding(f, "n"), "a created destination converts for a large element");
            assertEquals(9000, s.call("LINDEX", "n", "0").text().length());
        }
    }

    @Test
    void memoryUsageFollowsTheElements() {
        try (Ferrite f = engine(4)) {
            Session s = f.newSession();
            for (int i = 0; i < 1000; i++) s.call("RPUSH", "l", "element-" + i);
            RedisValue v = (RedisValue) f.keyspace().db(0).peek("l".getBytes(), 0);
            long full = v.memoryUsage();
            assertTrue(full > 1000 * 24, "counts every element: " + full);
            s.call("LTRIM", "l", "0", "9");
            assertTrue(v.memoryUsage() < full / 10, "trimmed: " + v.memoryUsage());
        }
    }

    @Test
    void poppingTheLastElementDeletesTheKey() {
        try (Ferrite f = engine(-2)) {
            Session s = f.newSession();
            s.call("RPUSH", "l", "a");
            s.call("LMOVE", "l", "m", "LEFT", "RIGHT");
            assertNull(encoding(f, "l"));
            s.call("LTRIM", "m", "1", "0");
            assertNull(encoding(f, "m"));
        }
    }

    @Test
    void lposRejectsTheRankWithoutANegation() {
        try (Ferrite f = engine(-2)) {
            Session s = f.newSession();
            s.call("RPUSH", "l", "a");
            assertEquals("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                    s.call("LPOS", "l", "a", "RANK", "-9223372036854775808").text());
        }
    }

    @Test
    void resp3NullsForMissingKeys() {
        try (Ferrite f = engine(-2)) {
            Session s = f.newSession();
            s.protocol(3);
            assertInstanceOf(Reply.Null.class, s.call("LPOP", "nokey", "2"));
            assertInstanceOf(Reply.Null.class, s.call("LMPOP", "1", "nokey", "LEFT"));
            assertInstanceOf(Reply.Null.class, s.call("LINDEX", "nokey", "0"));
        }
    }

    /** Random edits checked against a {@code java.util} model, under limits that force conversions midway. */
    @ParameterizedTest(name = "list-max-listpack-size {0}")
    @ValueSource(ints = {1, 3, 16, -1, -2})
    void randomOperationsMatchAModel(int fill) {
        Random random = new Random(fill * 31L + 7);
        String[] alphabet = {"a", "b", "c", "1", "-7", "x".repeat(300), ""};
        try (Ferrite f = engine(fill)) {
            Session s = f.newSession();
            List<String> l = new ArrayList<>();
            List<String> m = new ArrayList<>();
            for (int step = 0; step < 3000; step++) {
                String v = alphabet[random.nextInt(alphabet.length)];
                int size = l.size();
                switch (random.nextInt(11)) {
                    case 0 -> {
                        int n = 1 + random.nextInt(3);
                        String[] cmd = new String[n + 2];
                        cmd[0] = "LPUSH";
                        cmd[1] = "l";
                        for (int i = 0; i < n; i++) {
                            cmd[i + 2] = alphabet[random.nextInt(alphabet.length)];
                            l.add(0, cmd[i + 2]);
                        }
                        assertEquals(l.size(), s.call(cmd).asLong());
                    }
                    case 1 -> {
                        l.add(v);
                        assertEquals(l.size(), s.call("RPUSH", "l", v).asLong());
                    }
                    case 2 -> {
                        int n = random.nextInt(3);
                        boolean head = random.nextBoolean();
                        Reply r = s.call(head ? "LPOP" : "RPOP", "l", Integer.toString(n));
                        if (size == 0) {
                            assertInstanceOf(Reply.Null.class, r);
                        } else {
                            List<String> popped = r.texts();
                            assertEquals(Math.min(n, size), popped.size());
                            for (String p : popped) assertEquals(p, head ? l.remove(0) : l.remove(l.size() - 1));
                        }
                    }
                    case 3 -> {
                        long index = random.nextInt(size + 3) - (size + 1);
                        int resolved = (int) (index < 0 ? index + size : index);
                        Reply r = s.call("LSET", "l", Long.toString(index), v);
                        if (size == 0) assertEquals("ERR no such key", r.text());
                        else if (resolved < 0 || resolved >= size) assertEquals("ERR index out of range", r.text());
                        else l.set(resolved, v);
                    }
                    case 4 -> {
                        String pivot = alphabet[random.nextInt(alphabet.length)];
                        boolean after = random.nextBoolean();
                        int at = l.indexOf(pivot);
                        long reply = s.call("LINSERT", "l", after ? "AFTER" : "BEFORE", pivot, v).asLong();
                        if (size == 0) assertEquals(0, reply);
                        else if (at < 0) assertEquals(-1, reply);
                        else {
                            l.add(after ? at + 1 : at, v);
                            assertEquals(l.size(), reply);
                        }
                    }
                    case 5 -> {
                        int count = random.nextInt(5) - 2;
                        long removed = s.call("LREM", "l", Integer.toString(count), v).asLong();
                        int expected = 0;
                        if (count >= 0) {
                            for (int i = 0; i < l.size() && (count == 0 || expected < count); ) {
                                if (l.get(i).equals(v)) { l.remove(i); expected++; } else i++;
                            }
                        } else {
                            for (int i = l.size() - 1; i >= 0 && expected < -count; i--) {
                                if (l.get(i).equals(v)) { l.remove(i); expected++; }
                            }
                        }
                        assertEquals(expected, removed);
                    }
                    case 6 -> {
                        if (random.nextInt(4) != 0) break; // trims shrink fast: keep them rarer
                        int start = random.nextInt(size + 2) - 1;
                        int stop = size - random.nextInt(3);
                        s.call("LTRIM", "l", Integer.toString(start), Integer.toString(stop));
                        int from = start < 0 ? Math.max(0, start + size) : start;
                        int to = Math.min(stop < 0 ? stop + size : stop, size - 1);
                        List<String> kept = from > to || from >= size ? List.of() : new ArrayList<>(l.subList(from, to + 1));
                        l.clear();
                        l.addAll(kept);
                    }
                    case 7 -> {
                        boolean fromLeft = random.nextBoolean();
                        boolean toLeft = random.nextBoolean();
                        boolean toSame = random.nextInt(4) == 0;
                        Reply r = s.call("LMOVE", "l", toSame ? "l" : "m", fromLeft ? "LEFT" : "RIGHT", toLeft ? "LEFT" : "RIGHT");
                        if (size == 0) {
                            assertNull(r.text());
                        } else {
                            String moved = fromLeft ? l.remove(0) : l.remove(l.size() - 1);
                            assertEquals(moved, r.text());
                            List<String> dst = toSame ? l : m;
                            if (toLeft) dst.add(0, moved);
                            else dst.add(moved);
                        }
                    }
                    case 8 -> {
                        int rank = random.nextBoolean() ? 1 + random.nextInt(3) : -1 - random.nextInt(3);
                        int maxlen = random.nextInt(3) == 0 ? 0 : random.nextInt(size + 2);
                        Reply r = s.call("LPOS", "l", v, "RANK", Integer.toString(rank), "COUNT", "0",
                                "MAXLEN", Integer.toString(maxlen));
                        List<String> expected = new ArrayList<>();
                        int skip = Math.abs(rank) - 1;
                        for (int k = 0; k < size && (maxlen == 0 || k < maxlen); k++) {
                            int i = rank > 0 ? k : size - 1 - k;
                            if (!l.get(i).equals(v)) continue;
                            if (skip > 0) { skip--; continue; }
                            expected.add(Integer.toString(i));
                        }
                        assertEquals(expected, r.texts());
                    }
                    case 9 -> {
                        if (size == 0) break;
                        int i = random.nextInt(size);
                        assertEquals(l.get(i), s.call("LINDEX", "l", Integer.toString(i - (random.nextBoolean() ? size : 0))).text());
                        int a = random.nextInt(size);
                        int b = a + random.nextInt(size - a);
                        assertEquals(l.subList(a, b + 1), s.call("LRANGE", "l", Integer.toString(a), Integer.toString(b)).texts());
                    }
                    default -> {
                        boolean head = random.nextBoolean();
                        Reply r = s.call("LMPOP", "2", "m", "l", head ? "LEFT" : "RIGHT", "COUNT", "2");
                        if (m.isEmpty() && l.isEmpty()) {
                            assertInstanceOf(Reply.Null.class, r);
                        } else {
                            List<String> src = m.isEmpty() ? l : m;
                            assertEquals(m.isEmpty() ? "l" : "m", r.elements().get(0).text());
                            List<String> popped = r.elements().get(1).texts();
                            assertEquals(Math.min(2, src.size()), popped.size());
                            for (String p : popped) assertEquals(p, head ? src.remove(0) : src.remove(src.size() - 1));
                        }
                    }
                }
                assertEquals(l, s.call("LRANGE", "l", "0", "-1").texts(), "after step " + step);
                assertEquals(l.size(), s.call("LLEN", "l").asLong());
                assertEquals(m.size(), s.call("LLEN", "m").asLong());
                if (l.isEmpty()) assertNull(encoding(f, "l"));
            }
            assertEquals(m, s.call("LRANGE", "m", "0", "-1").texts());
        }
    }
}
