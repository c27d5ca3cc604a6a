package io.ferrite.core.type.zset;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.type.EncodingProbe;
import io.ferrite.core.resp.RespFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Sorted set commands against a simple model (a sorted list), over both encodings (tiny thresholds make every
 * set a skiplist) in RESP2 and RESP3.
 */
class ZSetCommandsTest {
    private static final String MODES = "io.ferrite.core.type.EncodingProbe#tinyAndProtocols";
    private Ferrite engine;

    private Session open(boolean tiny, int protocol) {
        engine = Ferrite.newBuilder().configure(c -> {
            if (tiny) {
                c.zsetMaxListpackEntries = 2;
                c.zsetMaxListpackValue = 3;
            }
        }).build();
        Session s = engine.newSession();
        s.protocol(protocol);
        return s;
    }

    @AfterEach
    void close() {
        if (engine != null) engine.close();
    }

    private String encoding(String key) {
        return EncodingProbe.encoding(engine, key);
    }

    private record E(String member, double score) {}

    private static final Comparator<E> ORDER = (a, b) ->
            ScoreTree.compare(a.score, a.member.getBytes(), b.score, b.member.getBytes());

    /** Member/score pairs from a WITHSCORES reply of either protocol. */
    private static List<E> entries(Reply r) {
        List<E> out = new ArrayList<>();
        List<Reply> el = r.elements();
        if (!el.isEmpty() && el.get(0) instanceof Reply.Aggregate) {
            for (Reply pair : el) out.add(new E(text(pair.elements().get(0)), score(pair.elements().get(1))));
        } else {
            for (int i = 0; i < el.size(); i += 2) out.add(new E(text(el.get(i)), score(el.get(i + 1))));
        }
        return out;
    }

    private static String text(Reply r) {
        return ((Reply.Bulk) r).asString();
    }

    private static double score(Reply r) {
        if (r instanceof Reply.Double d) return d.value();
        return Double.parseDouble(text(r).replace("inf", "Infinity"));
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void randomOperationsMatchTheModel(boolean tiny, int protocol) {
        Session s = open(tiny, protocol);
        Random random = new Random(7);
        Map<String, Double> model = new HashMap<>();
        for (int step = 0; step < 1500; step++) {
            String m = "m" + random.nextInt(300);
            int op = random.nextInt(10);
            if (op < 6) {
                double score = random.nextInt(50) - 25 + (random.nextBoolean() ? 0.5 : 0);
                long added = s.call("ZADD", "z", RespFormat.formatDouble(score), m).asLong();
                assertEquals(model.containsKey(m) ? 0 : 1, added);
                model.put(m, score);
            } else if (op < 8) {
                assertEquals(model.remove(m) == null ? 0 : 1, s.call("ZREM", "z", m).asLong());
            } else {
                double got = score(s.call("ZINCRBY", "z", "1.5", m));
                model.merge(m, 1.5, Double::sum);
                assertEquals(model.get(m), got);
            }
        }
        List<E> sorted = new ArrayList<>();
        model.forEach((m, sc) -> sorted.add(new E(m, sc)));
        sorted.sort(ORDER);
        assertEquals(tiny ? "skiplist" : "skiplist", encoding("z")); // 300 members exceed the default 128
        assertEquals(sorted.size(), s.call("ZCARD", "z").asLong());
        assertEquals(sorted, entries(s.call("ZRANGE", "z", "0", "-1", "WITHSCORES")));
        for (int i = 0; i < sorted.size(); i += 7) {
            assertEquals(i, s.call("ZRANK", "z", sorted.get(i).member).asLong());
            assertEquals(sorted.size() - 1 - i, s.call("ZREVRANK", "z", sorted.get(i).member).asLong());
        }
        List<E> window = sorted.stream().filter(e -> e.score > -5 && e.score <= 10).toList();
        assertEquals(window, entries(s.call("ZRANGE", "z", "(-5", "10", "BYSCORE", "WITHSCORES")));
        assertEquals(window.size(), s.call("ZCOUNT", "z", "(-5", "10").asLong());
        List<E> reversed = new ArrayList<>(window);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed.subList(2, Math.min(reversed.size(), 7)),
                entries(s.call("ZRANGE", "z", "10", "(-5", "BYSCORE", "REV", "LIMIT", "2", "5", "WITHSCORES")));
        assertEquals(sorted.subList(10, 21), entries(s.call("ZRANGE", "z", "10", "20", "WITHSCORES")));
        assertEquals(10, s.call("ZREMRANGEBYRANK", "z", "5", "14").asLong());
        List<E> remaining = new ArrayList<>(sorted.subList(0, 5));
        remaining.addAll(sorted.subList(15, sorted.size()));
        assertEquals(remaining, entries(s.call("ZRANGE", "z", "0", "-1", "WITHSCORES")));
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void conversionsHappenAtTheThresholds(boolean tiny, int protocol) {
        Session s = open(tiny, protocol);
        s.call("ZADD", "z", "1", "a", "2", "b");
        assertEquals("listpack", encoding("z"));
        s.call("ZADD", "z", "3", "c");
        assertEquals(tiny ? "skiplist" : "listpack", encoding("z"));
        s.call("ZADD", "w", "1", "long-member");
        assertEquals(tiny ? "skiplist" : "listpack", encoding("w"));
        s.call("ZRANGESTORE", "d", "z", "0", "1");
        assertEquals("listpack", encoding("d"));
        assertEquals(List.of(new E("a", 1), new E("b", 2)), entries(s.call("ZRANGE", "d", "0", "-1", "WITHSCORES")));
    }

    @Test
    void resp3ShapesAreRedis() {
        Session s = open(false, 3);
        s.call("ZADD", "z", "1", "a", "2.5", "b");
        assertEquals(new Reply.Double(2.5), s.call("ZSCORE", "z", "b"));
        assertEquals(Reply.NULL, s.call("ZSCORE", "z", "x"));
        Reply range = s.call("ZRANGE", "z", "0", "-1", "WITHSCORES");
        assertEquals(2, range.elements().size());
        assertEquals(List.of(new Reply.Bulk("a".getBytes()), new Reply.Double(1)), range.elements().get(0).elements());
        Reply pop = s.call("ZPOPMIN", "z");
        assertEquals(List.of(new Reply.Bulk("a".getBytes()), new Reply.Double(1)), pop.elements());
        Reply rank = s.call("ZRANK", "z", "b", "WITHSCORE");
        assertEquals(List.of(new Reply.Int(0), new Reply.Double(2.5)), rank.elements());
        assertEquals(Reply.NULL, s.call("ZRANK", "z", "x", "WITHSCORE"));
        Reply mpop = s.call("ZMPOP", "1", "z", "MAX");
        assertEquals("z", text(mpop.elements().get(0)));
        assertEquals(List.of(new E("b", 2.5)), entries(mpop.elements().get(1)));
    }

    @Test
    void scoresAndNaNFollowRedis() {
        Session s = open(false, 2);
        s.call("ZADD", "z", "inf", "a");
        assertEquals("ERR resulting score is not a number (NaN)", s.call("ZINCRBY", "z", "-inf", "a").text());
        assertEquals("ERR resulting score is not a number (NaN)", s.call("ZADD", "z", "INCR", "-inf", "a").text());
        assertEquals("inf", text(s.call("ZSCORE", "z", "a")));
        s.call("ZADD", "z", "0.1", "b");
        assertEquals("0.10000000000000001", text(s.call("ZSCORE", "z", "b")));
    }
}
