package io.ferrite.core.type.set;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.type.EncodingProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** Set commands over every encoding (tiny thresholds force conversions early) in RESP2 and RESP3. */
class SetCommandsTest {
    private static final String MODES = "io.ferrite.core.type.EncodingProbe#tinyAndProtocols";
    private Ferrite engine;

    private Session open(boolean tiny, int protocol) {
        engine = Ferrite.newBuilder().configure(c -> {
            if (tiny) {
                c.setMaxIntsetEntries = 4;
                c.setMaxListpackEntries = 3;
                c.setMaxListpackValue = 4;
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

    @ParameterizedTest
    @MethodSource(MODES)
    void membershipAndOrderAcrossEncodings(boolean tiny, int protocol) {
        Session s = open(tiny, protocol);
        assertEquals(3, s.call("SADD", "k", "3", "1", "2").asLong());
        assertEquals("intset", encoding("k"));
        assertEquals(List.of("1", "2", "3"), s.call("SMEMBERS", "k").texts());
        assertEquals(protocol == 3 ? Reply.AggregateKind.SET : Reply.AggregateKind.ARRAY,
                ((Reply.Aggregate) s.call("SMEMBERS", "k")).kind());
        s.call("SADD", "k", "-7", "40");
        assertEquals(tiny ? "hashtable" : "intset", encoding("k"));
        s.call("SADD", "k", "abc");
        assertEquals(tiny ? "hashtable" : "listpack", encoding("k"));
        if (!tiny) assertEquals(List.of("-7", "1", "2", "3", "40", "abc"), s.call("SMEMBERS", "k").texts());
        assertEquals(Set.of("-7", "1", "2", "3", "40", "abc"), new HashSet<>(s.call("SMEMBERS", "k").texts()));
        s.call("SADD", "str", "ab");
        assertEquals("listpack", encoding("str"));
        s.call("SADD", "str", "abcdefgh");
        assertEquals(tiny ? "hashtable" : "listpack", encoding("str"));
        assertEquals(1, s.call("SISMEMBER", "str", "abcdefgh").asLong());
        assertEquals(2, s.call("SREM", "str", "ab", "abcdefgh", "zz").asLong());
        assertEquals(0, s.call("SCARD", "str").asLong());
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void popAndRandomKeepDistinctness(boolean tiny, int protocol) {
        Session s = open(tiny, protocol);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) members.add("m" + i);
        List<String> cmd = new ArrayList<>(List.of("SADD", "k"));
        cmd.addAll(members);
        s.call(cmd.toArray(new String[0]));
        List<String> sample = s.call("SRANDMEMBER", "k", "7").texts();
        assertEquals(7, new HashSet<>(sample).size());
        assertTrue(members.containsAll(sample));
        assertEquals(30, s.call("SRANDMEMBER", "k", "-30").texts().size());
        assertEquals(15, new HashSet<>(s.call("SRANDMEMBER", "k", "15").texts()).size());
        List<String> popped = s.call("SPOP", "k", "5").texts();
        assertEquals(5, new HashSet<>(popped).size());
        assertEquals(15, s.call("SCARD", "k").asLong());
        for (String m : popped) assertEquals(0, s.call("SISMEMBER", "k", m).asLong());
        assertEquals(15, s.call("SPOP", "k", "100").texts().size());
        assertTrue(s.call("SCARD", "k").asLong() == 0);
    }

    @Test
    void sscanVisitsEveryMemberOfAGrowingHashtable() {
        Session s = open(true, 2);
        Set<String> original = new TreeSet<>();
        for (int i = 0; i < 500; i++) {
            original.add("v" + i);
            s.call("SADD", "k", "v" + i);
        }
        assertEquals("hashtable", encoding("k"));
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            Reply r = s.call("SSCAN", "k", cursor, "COUNT", "7");
            cursor = ((Reply.Bulk) r.elements().get(0)).asString();
            seen.addAll(r.elements().get(1).texts());
            // The table grows while the scan runs: members present throughout must still be reported.
            s.call("SADD", "k", "extra" + calls++);
        } while (!cursor.equals("0"));
        assertTrue(seen.containsAll(original));
        List<String> matched = s.call("SSCAN", "k", "0", "MATCH", "v1?", "COUNT", "100000").elements().get(1).texts();
        assertEquals(10, matched.size());
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void algebraMatchesAModel(boolean tiny, int protocol) {
        Session s = open(tiny, protocol);
        Random random = new Random(42);
        List<Set<String>> model = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Set<String> m = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                String v = random.nextBoolean() ? Integer.toString(random.nextInt(60)) : "s" + random.nextInt(60);
                m.add(v);
                s.call("SADD", "k" + k, v);
            }
            model.add(m);
        }
        Set<String> inter = new HashSet<>(model.get(0));
        inter.retainAll(model.get(1));
        inter.retainAll(model.get(2));
        Set<String> union = new HashSet<>(model.get(0));
        union.addAll(model.get(1));
        union.addAll(model.get(2));
        Set<String> diff = new HashSet<>(model.get(0));
        diff.removeAll(model.get(1));
        diff.removeAll(model.get(2));
        assertEquals(inter, new HashSet<>(s.call("SINTER", "k0", "k1", "k2").texts()));
        assertEquals(union, new HashSet<>(s.call("SUNION", "k0", "k1", "k2").texts()));
        assertEquals(diff, new HashSet<>(s.call("SDIFF", "k0", "k1", "k2").texts()));
        assertEquals(inter.size(), s.call("SINTERCARD", "3", "k0", "k1", "k2").asLong());
        assertEquals(Math.min(2, inter.size()), s.call("SINTERCARD", "3", "k0", "k1", "k2", "LIMIT", "2").asLong());
        assertEquals(union.size(), s.call("SUNIONSTORE", "u", "k0", "k1", "k2").asLong());
        assertEquals(union, new HashSet<>(s.call("SMEMBERS", "u").texts()));
        assertEquals(tiny || union.size() > 128 ? "hashtable" : "listpack", encoding("u"));
    }
}
