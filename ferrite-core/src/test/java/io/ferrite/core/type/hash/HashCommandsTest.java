package io.ferrite.core.type.hash;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.ferrite.core.type.EncodingProbe.encoding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hash commands through {@link Session#call}, under tiny and default listpack limits. */
class HashCommandsTest {

    private static Ferrite engine(int entries, int value) {
        return Ferrite.newBuilder().configure(c -> {
            c.hashMaxListpackEntries = entries;
            c.hashMaxListpackValue = value;
        }).build();
    }

    private static Map<String, String> pairs(List<Reply> flat) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < flat.size(); i += 2) out.put(flat.get(i).text(), flat.get(i + 1).text());
        return out;
    }

    @Test
    void valuesOverwrittenInPlaceLeaveCopiesAndAccountingRight() {
        try (Ferrite f = engine(2, 64)) {
            Session s = f.newSession();
            s.call("HSET", "h", "a", "111", "b", "222", "c", "333");
            assertEquals("hashtable", s.call("OBJECT", "ENCODING", "h").text());
            assertEquals(1, s.call("COPY", "h", "copy").asLong());
            long usage = s.call("MEMORY", "USAGE", "h").asLong();
            assertEquals(0, s.call("HSET", "h", "a", "999").asLong(), "same length: in place");
            assertEquals(usage, s.call("MEMORY", "USAGE", "h").asLong());
            assertEquals(0, s.call("HSET", "h", "b", "a much longer value").asLong());
            assertTrue(s.call("MEMORY", "USAGE", "h").asLong() > usage);
            assertEquals(Map.of("a", "999", "b", "a much longer value", "c", "333"),
                    pairs(s.call("HGETALL", "h").elements()));
            assertEquals(Map.of("a", "111", "b", "222", "c", "333"), pairs(s.call("HGETALL", "copy").elements()),
                    "the copy keeps its own values");
            assertEquals(3, s.call("HSTRLEN", "h", "a").asLong());
        }
    }

    @Test
    void convertsOneWayAtTheEntryAndValueLimits() {
        try (Ferrite f = engine(2, 4)) {
            Session s = f.newSession();
            s.call("HSET", "h", "a", "1", "b", "2");
            assertEquals("listpack", encoding(f, "h"));
            s.call("HSET", "h", "c", "3");
            assertEquals("hashtable", encoding(f, "h"));
            s.call("HDEL", "h", "a", "b");
            assertEquals("hashtable", encoding(f, "h"));

            s.call("HSET", "v", "a", "1234");
            assertEquals("listpack", encoding(f, "v"));
            s.call("HSET", "v", "a", "12345");
            assertEquals("hashtable", encoding(f, "v"));

            s.call("HSET", "d", "a", "1", "a", "2", "a", "3");
            assertEquals("hashtable", encoding(f, "d"), "more pairs than the limit convert even when they repeat");
            assertEquals(1, s.call("HLEN", "d").asLong());

            s.call("HSET", "i", "a", "1");
            s.call("HINCRBY", "i", "a", "99999");
            assertEquals("hashtable", encoding(f, "i"), "an increment whose result is too long converts");
            s.call("HSETNX", "n", "longfield", "1");
            assertEquals("hashtable", encoding(f, "n"));
        }
    }

    @Test
    void smallHashesKeepInsertionOrder() {
        try (Ferrite f = engine(512, 64)) {
            Session s = f.newSession();
            s.call("HSET", "h", "z", "1", "a", "2", "m", "3");
            s.call("HSET", "h", "a", "changed");
            s.call("HDEL", "h", "z");
            s.call("HSET", "h", "z", "again");
            assertEquals(List.of("a", "m", "z"), s.call("HKEYS", "h").elements().stream().map(Reply::text).toList());
            assertEquals(List.of("changed", "3", "again"), s.call("HVALS", "h").elements().stream().map(Reply::text).toList());
            s.protocol(3);
            Reply all = s.call("HGETALL", "h");
            assertEquals(Reply.AggregateKind.MAP, ((Reply.Aggregate) all).kind());
            assertEquals(Map.of("a", "changed", "m", "3", "z", "again"), pairs(all.elements()));
        }
    }

    @Test
    void hrandfieldWithValuesIsPairsInResp3AndFlatInResp2() {
        try (Ferrite f = engine(512, 64)) {
            Session s = f.newSession();
            s.call("HSET", "h", "a", "1", "b", "2", "c", "3");
            Reply flat = s.call("HRANDFIELD", "h", "-5", "WITHVALUES");
            assertEquals(10, flat.elements().size());
            s.protocol(3);
            Reply nested = s.call("HRANDFIELD", "h", "2", "WITHVALUES");
            assertEquals(2, nested.elements().size());
            Set<String> fields = new HashSet<>();
            for (Reply pair : nested.elements()) {
                assertEquals(2, pair.elements().size());
                String field = pair.elements().get(0).text();
                assertEquals(Map.of("a", "1", "b", "2", "c", "3").get(field), pair.elements().get(1).text());
                fields.add(field);
            }
            assertEquals(2, fields.size(), "a positive count returns distinct fields");
            assertInstanceOf(Reply.Null.class, s.call("HRANDFIELD", "nokey"));
        }
    }

    @ParameterizedTest(name = "entries {0}, value {1}")
    @CsvSource({"1, 64", "4, 64", "512, 64", "512, 2"})
    void hrandfieldDistinctSamplesCoverTheHash(int entries, int value) {
        try (Ferrite f = engine(entries, value)) {
            Session s = f.newSession();
            for (int i = 0; i < 50; i++) s.call("HSET", "h", "f" + i, "v" + i);
            Set<String> seen = new HashSet<>();
            for (int round = 0; round < 200; round++) {
                for (int n : new int[] {3, 20, 40}) {
                    List<Reply> picked = s.call("HRANDFIELD", "h", Integer.toString(n)).elements();
                    Set<String> distinct = new HashSet<>();
                    for (Reply r : picked) distinct.add(r.text());
                    assertEquals(n, distinct.size());
                    seen.addAll(distinct);
                }
            }
            assertEquals(50, seen.size());
        }
    }

    @ParameterizedTest(name = "entries {0}")
    @CsvSource({"1", "512"})
    void hscanReturnsEveryFieldPresentThroughoutAScan(int entries) {
        try (Ferrite f = engine(entries, 64)) {
            Session s = f.newSession();
            for (int i = 0; i < 1000; i++) s.call("HSET", "h", "f" + i, Integer.toString(i));
            Map<String, String> seen = new HashMap<>();
            String cursor = "0";
            int calls = 0;
            do {
                Reply r = s.call("HSCAN", "h", cursor, "COUNT", "7");
                cursor = r.elements().get(0).text();
                seen.putAll(pairs(r.elements().get(1).elements()));
                // Grow and shrink the table while scanning: fields never deleted must still all be returned.
                if (calls == 5) for (int i = 1000; i < 3000; i++) s.call("HSET", "h", "g" + i, "x");
                if (calls == 40) for (int i = 1000; i < 3000; i++) s.call("HDEL", "h", "g" + i);
                calls++;
            } while (!cursor.equals("0"));
            for (int i = 0; i < 1000; i++) assertEquals(Integer.toString(i), seen.get("f" + i));
            Reply matched = s.call("HSCAN", "h", "0", "MATCH", "f99*", "COUNT", "100000");
            assertEquals("0", matched.elements().get(0).text());
            assertEquals(Set.of("f99", "f990", "f991", "f992", "f993", "f994", "f995", "f996", "f997", "f998", "f999"),
                    pairs(matched.elements().get(1).elements()).keySet());
        }
    }

    @Test
    void hincrbyfloatComputesInLongDoublePrecision() {
        try (Ferrite f = engine(512, 64)) {
            Session s = f.newSession();
            assertEquals("10.5", s.call("HINCRBYFLOAT", "h", "x", "10.5").text());
            assertEquals("10.6", s.call("HINCRBYFLOAT", "h", "x", "0.1").text());
            assertEquals("0.1", s.call("HINCRBYFLOAT", "h", "y", "0.1").text());
            assertEquals("0.3", s.call("HINCRBYFLOAT", "h", "y", "0.2").text());
            assertEquals("3", s.call("HINCRBYFLOAT", "h", "z", "3.0000000000000000001").text());
            assertEquals("0", s.call("HINCRBYFLOAT", "h", "w", "-1e-20").text());
            assertEquals("5000", s.call("HINCRBYFLOAT", "h", "v", "5.0e3").text());
            assertEquals("16", s.call("HINCRBYFLOAT", "h", "u", "0x10").text());
            assertEquals("9223372036854775807", s.call("HINCRBYFLOAT", "h", "t", "9223372036854775807").text());
            assertEquals("9223372036854775808", s.call("HINCRBYFLOAT", "h", "t", "1").text());
            assertEquals("ERR value is NaN or Infinity", s.call("HINCRBYFLOAT", "h", "x", "inf").text());
            assertEquals("ERR value is not a valid float", s.call("HINCRBYFLOAT", "h", "x", "1e5000").text());
            s.call("HSET", "h", "s", "abc", "big", "1e4932");
            assertEquals("ERR hash value is not a float", s.call("HINCRBYFLOAT", "h", "s", "1").text());
            assertEquals("ERR increment would produce NaN or Infinity", s.call("HINCRBYFLOAT", "h", "big", "1e4932").text());
        }
    }

    /** Random edits checked against a {@code LinkedHashMap}, under limits that force conversions midway. */
    @ParameterizedTest(name = "entries {0}, value {1}")
    @CsvSource({"2, 64", "16, 64", "512, 64", "512, 3"})
    void randomOperationsMatchAModel(int entries, int value) {
        Random random = new Random(entries * 131L + value);
        try (Ferrite f = engine(entries, value)) {
            Session s = f.newSession();
            Map<String, String> h = new LinkedHashMap<>();
            for (int step = 0; step < 3000; step++) {
                String field = "f" + random.nextInt(40);
                String v = random.nextInt(10) == 0 ? "long-" + random.nextInt(1000) : Integer.toString(random.nextInt(100));
                switch (random.nextInt(7)) {
                    case 0 -> {
                        String field2 = "f" + random.nextInt(40);
                        int added = (h.containsKey(field) ? 0 : 1);
                        h.put(field, v);
                        added += h.containsKey(field2) ? 0 : 1;
                        h.put(field2, "x");
                        assertEquals(added, s.call("HSET", "h", field, v, field2, "x").asLong());
                    }
                    case 1 -> {
                        boolean absent = !h.containsKey(field);
                        if (absent) h.put(field, v);
                        assertEquals(absent ? 1 : 0, s.call("HSETNX", "h", field, v).asLong());
                    }
                    case 2 -> {
                        String field2 = "f" + random.nextInt(40);
                        int removed = (h.remove(field) != null ? 1 : 0);
                        removed += h.remove(field2) != null ? 1 : 0;
                        assertEquals(removed, s.call("HDEL", "h", field, field2).asLong());
                    }
                    case 3 -> {
                        String current = h.get(field);
                        Reply r = s.call("HINCRBY", "h", field, "3");
                        if (current == null || current.matches("-?[1-9][0-9]*|0")) {
                            long next = (current == null ? 0 : Long.parseLong(current)) + 3;
                            h.put(field, Long.toString(next));
                            assertEquals(next, r.asLong());
                        } else {
                            assertEquals("ERR hash value is not an integer", r.text());
                        }
                    }
                    case 4 -> assertEquals(h.get(field), s.call("HGET", "h", field).text());
                    case 5 -> {
                        assertEquals(h.containsKey(field) ? 1 : 0, s.call("HEXISTS", "h", field).asLong());
                        assertEquals(h.containsKey(field) ? h.get(field).length() : 0, s.call("HSTRLEN", "h", field).asLong());
                    }
                    default -> {
                        List<Reply> got = s.call("HMGET", "h", field, "nope").elements();
                        assertEquals(h.get(field), got.get(0).text());
                        assertNull(got.get(1).text());
                    }
                }
                Map<String, String> all = pairs(s.call("HGETALL", "h").elements());
                assertEquals(h, all, "after step " + step);
                if ("listpack".equals(encoding(f, "h"))) {
                    assertEquals(new ArrayList<>(h.keySet()), new ArrayList<>(all.keySet()), "listpack order");
                }
                assertEquals(h.size(), s.call("HLEN", "h").asLong());
                if (h.isEmpty()) assertNull(encoding(f, "h"));
                else assertTrue(h.size() <= entries || "hashtable".equals(encoding(f, "h")));
            }
        }
    }
}
