package io.ferrite.core.type.string;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.keyspace.Db;
import io.ferrite.core.keyspace.Keyspace;
import io.ferrite.core.keyspace.RedisValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StringCommandsTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final Reply NIL = new Reply.Bulk(null);
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final ManualTicker ticker = new ManualTicker(T0);
    private final Ferrite ferrite = Ferrite.newBuilder().ticker(ticker).activeExpiry(false)
            .configure(c -> c.protoMaxBulkLen = 1000).build();
    private final Session s = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private String call(String... args) {
        return s.call(args).text();
    }

    private Reply reply(String... args) {
        return s.call(args);
    }

    /** The key's deadline in Unix ms, 0 without TTL, -1 if absent. */
    private long deadline(String key) {
        return underLock(key, db -> db.expireAt(bytes(key), ticker.currentTimeMillis()));
    }

    private String encoding(String key) {
        return underLock(key, db -> StringEncoding.of(db.peek(bytes(key), ticker.currentTimeMillis())));
    }

    private void putList(String key) {
        RedisValue list = new RedisValue() {
            @Override public String type() { return "list"; }
            @Override public String encoding() { return "listpack"; }
            @Override public RedisValue copy() { return this; }
            @Override public long memoryUsage() { return 64; }
        };
        underLock(key, db -> {
            db.set(bytes(key), list, ticker.currentTimeMillis());
            return null;
        });
    }

    private <T> T underLock(String key, java.util.function.Function<Db, T> f) {
        Keyspace ks = ferrite.keyspace();
        int shard = ks.shardOf(bytes(key));
        ks.lock(shard);
        try {
            return f.apply(ks.db(0));
        } finally {
            ks.unlock(shard);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- SET ----

    @Test
    void setConditionsAndGet() {
        assertEquals("OK", call("SET", "k", "v"));
        assertEquals(NIL, reply("SET", "k", "w", "NX"));
        assertEquals("OK", call("SET", "k", "w", "XX"));
        assertEquals(NIL, reply("SET", "absent", "v", "XX"));
        assertEquals(NIL, reply("GET", "absent"));
        assertEquals("w", call("SET", "k", "x", "GET"));
        assertEquals(NIL, reply("SET", "new", "v", "get"));
        assertEquals("v", call("GET", "new"));
        // With GET the old value is the reply even when NX/XX prevent the write.
        assertEquals("x", call("SET", "k", "y", "NX", "GET"));
        assertEquals("x", call("GET", "k"));
        assertEquals(NIL, reply("SET", "other", "v", "XX", "GET"));
        assertEquals(NIL, reply("GET", "other"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SET k v NX XX                      | ERR syntax error",
            "SET k v XX NX                      | ERR syntax error",
            "SET k v EX 10 PX 10                | ERR syntax error",
            "SET k v PXAT 10 EXAT 10            | ERR syntax error",
            "SET k v KEEPTTL EX 10              | ERR syntax error",
            "SET k v EX 10 KEEPTTL              | ERR syntax error",
            "SET k v PERSIST                    | ERR syntax error",
            "SET k v EX                         | ERR syntax error",
            "SET k v bogus                      | ERR syntax error",
            "SET k v EX abc                     | ERR value is not an integer or out of range",
            "SET k v EX 0                       | ERR invalid expire time in 'set' command",
            "SET k v PX -1                      | ERR invalid expire time in 'set' command",
            "SET k v EX 9223372036854775        | ERR invalid expire time in 'set' command",
            "SET k v EXAT 9223372036854775807   | ERR invalid expire time in 'set' command",
            "SET k v PX 9223372036854775807     | ERR invalid expire time in 'set' command",
            "SET k                              | ERR wrong number of arguments for 'set' command",
            "GETEX k KEEPTTL                    | ERR syntax error",
            "GETEX k NX                         | ERR syntax error",
            "GETEX k GET                        | ERR syntax error",
            "GETEX k PERSIST EX 10              | ERR syntax error",
            "GETEX k EX 10 PERSIST              | ERR syntax error",
            "SETEX k 0 v                        | ERR invalid expire time in 'setex' command",
            "SETEX k x v                        | ERR value is not an integer or out of range",
            "PSETEX k -5 v                      | ERR invalid expire time in 'psetex' command",
            "MSET a 1 b                         | ERR wrong number of arguments for 'mset' command",
            "MSETNX a 1 b                       | ERR wrong number of arguments for 'msetnx' command",
            "INCRBY k 1.5                       | ERR value is not an integer or out of range",
            "DECRBY k -9223372036854775808      | ERR decrement would overflow",
            "INCRBYFLOAT k nan                  | ERR value is not a valid float",
            "INCRBYFLOAT k ' 1'                 | ERR value is not a valid float",
            "INCRBYFLOAT k 1e5000               | ERR value is not a valid float",
            "INCRBYFLOAT k 1e-5000              | ERR value is not a valid float",
            "INCRBYFLOAT k inf                  | ERR increment would produce NaN or Infinity",
            "SETRANGE k -1 x                    | ERR offset is out of range",
            "SETRANGE k x x                     | ERR value is not an integer or out of range",
            "SETRANGE k 1000 x                  | ERR string exceeds maximum allowed size (proto-max-bulk-len)",
            "SETRANGE k 9223372036854775807 x   | ERR string exceeds maximum allowed size (proto-max-bulk-len)",
            "GETRANGE k a 1                     | ERR value is not an integer or out of range",
            "LCS a b IDX LEN                    | ERR If you want both the length and indexes, please just use IDX.",
            "LCS a b MINMATCHLEN                | ERR syntax error",
            "LCS a b MINMATCHLEN x              | ERR value is not an integer or out of range",
            "LCS a b WHAT                       | ERR syntax error",
    })
    void errors(String command, String error) {
        assertEquals(error, call(split(command)));
    }

    private static String[] split(String command) {
        return java.util.Arrays.stream(command.split(" (?=(?:[^']*'[^']*')*[^']*$)"))
                .map(w -> w.startsWith("'") ? w.substring(1, w.length() - 1) : w).toArray(String[]::new);
    }

    @Test
    void failedCommandsChangeNothing() {
        call("SET", "k", "v", "EX", "100");
        call("SET", "k", "w", "EX", "0");
        call("SET", "k", "w", "NX", "XX");
        assertEquals("v", call("GET", "k"));
        assertEquals(T0 + 100_000, deadline("k"));
        call("SET", "max", "9223372036854775807");
        assertEquals("ERR increment or decrement would overflow", call("INCR", "max"));
        assertEquals("9223372036854775807", call("GET", "max"));
        call("SET", "s", "abc");
        assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)", call("SETRANGE", "s", "999", "xy"));
        assertEquals("abc", call("GET", "s"));
    }

    @Test
    void wrongType() {
        putList("l");
        for (String[] cmd : List.of(
                new String[] {"GET", "l"}, new String[] {"GETSET", "l", "v"}, new String[] {"GETDEL", "l"},
                new String[] {"GETEX", "l", "EX", "0"}, new String[] {"STRLEN", "l"}, new String[] {"APPEND", "l", "x"},
                new String[] {"SETRANGE", "l", "0", ""}, new String[] {"GETRANGE", "l", "0", "1"},
                new String[] {"INCR", "l"}, new String[] {"INCRBYFLOAT", "l", "x"}, new String[] {"SET", "l", "v", "GET"},
                new String[] {"SET", "l", "v", "NX", "GET"})) {
            assertEquals(WRONGTYPE, call(cmd), String.join(" ", cmd));
        }
        assertEquals("ERR The specified keys must contain string values", call("LCS", "l", "missing", "bogus"));
        assertEquals("ERR value is not an integer or out of range", call("INCRBY", "l", "x"));
        call("SET", "s", "v");
        assertEquals(List.of(NIL, new Reply.Bulk(bytes("v"))), reply("MGET", "l", "s").elements());
        assertEquals(0, reply("MSETNX", "l", "1", "fresh", "2").asLong());
        assertEquals(NIL, reply("GET", "fresh"));
        // SET overwrites any type.
        assertEquals(NIL, reply("SET", "l", "v", "NX"));
        assertEquals("OK", call("SET", "l", "v"));
        assertEquals("v", call("GET", "l"));
    }

    // ---- TTL ----

    @Test
    void setExpireForms() {
        call("SET", "ex", "v", "EX", "10");
        call("SET", "px", "v", "PX", "1500");
        call("SET", "exat", "v", "EXAT", Long.toString(T0 / 1000 + 20));
        call("SET", "pxat", "v", "PXAT", Long.toString(T0 + 2500));
        call("SET", "twice", "v", "EX", "10", "EX", "30");
        assertEquals(T0 + 10_000, deadline("ex"));
        assertEquals(T0 + 1_500, deadline("px"));
        assertEquals(T0 + 20_000, deadline("exat"));
        assertEquals(T0 + 2_500, deadline("pxat"));
        assertEquals(T0 + 30_000, deadline("twice"));
        assertEquals("OK", call("SET", "max", "v", "PXAT", "9223372036854775807"));
        assertEquals(Long.MAX_VALUE, deadline("max"));
        ticker.advance(1_499);
        assertEquals("v", call("GET", "px"));
        ticker.advance(1);
        assertEquals(NIL, reply("GET", "px"));
        ticker.advance(8_500);
        assertEquals(NIL, reply("GET", "ex"));
        assertEquals("v", call("GET", "exat"));
        // A deadline already past stores a key that is gone at once.
        assertEquals("OK", call("SET", "past", "v", "PXAT", "1"));
        assertEquals(NIL, reply("GET", "past"));
    }

    @Test
    void whichCommandsKeepTheTtl() {
        for (String key : List.of("set", "keepttl", "incr", "incrbyfloat", "append", "setrange", "getset", "mset", "getex")) {
            call("SET", key, "1", "EX", "100");
        }
        call("SET", "set", "2");
        call("SET", "keepttl", "2", "KEEPTTL");
        call("INCR", "incr");
        call("INCRBYFLOAT", "incrbyfloat", "0.5");
        call("APPEND", "append", "x");
        call("SETRANGE", "setrange", "0", "x");
        call("GETSET", "getset", "2");
        call("MSET", "mset", "2");
        call("GETEX", "getex");
        assertEquals(0, deadline("set"));
        assertEquals(0, deadline("getset"));
        assertEquals(0, deadline("mset"));
        for (String key : List.of("keepttl", "incr", "incrbyfloat", "append", "setrange", "getex")) {
            assertEquals(T0 + 100_000, deadline(key), key);
        }
        assertEquals("OK", call("SET", "nokey", "v", "KEEPTTL"));
        assertEquals(0, deadline("nokey"));
    }

    @Test
    void setexAndPsetex() {
        assertEquals("OK", call("SETEX", "a", "5", "v"));
        assertEquals("OK", call("PSETEX", "b", "250", "w"));
        assertEquals(T0 + 5_000, deadline("a"));
        assertEquals(T0 + 250, deadline("b"));
        ticker.advance(250);
        assertEquals(NIL, reply("GET", "b"));
        assertEquals("v", call("GET", "a"));
    }

    @Test
    void getex() {
        call("SET", "k", "v");
        assertEquals("v", call("GETEX", "k"));
        assertEquals(0, deadline("k"));
        assertEquals("v", call("GETEX", "k", "EX", "10"));
        assertEquals(T0 + 10_000, deadline("k"));
        assertEquals("v", call("GETEX", "k", "PX", "20"));
        assertEquals(T0 + 20, deadline("k"));
        assertEquals("v", call("GETEX", "k", "EXAT", Long.toString(T0 / 1000 + 60)));
        assertEquals(T0 + 60_000, deadline("k"));
        assertEquals("v", call("GETEX", "k", "PXAT", Long.toString(T0 + 70)));
        assertEquals(T0 + 70, deadline("k"));
        assertEquals("v", call("GETEX", "k", "PERSIST"));
        assertEquals(0, deadline("k"));
        // Expire errors only count when the key holds a string.
        assertEquals(NIL, reply("GETEX", "missing", "EX", "0"));
        assertEquals("ERR invalid expire time in 'getex' command", call("GETEX", "k", "EX", "0"));
        // An absolute deadline in the past deletes the key after replying its value.
        assertEquals("v", call("GETEX", "k", "PXAT", Long.toString(T0)));
        assertEquals(-1, deadline("k"));
    }

    @Test
    void getdelAndGetset() {
        call("SET", "k", "v", "EX", "100");
        assertEquals("v", call("GETSET", "k", "w"));
        assertEquals(0, deadline("k"));
        assertEquals(NIL, reply("GETSET", "n", "x"));
        assertEquals("x", call("GET", "n"));
        assertEquals("w", call("GETDEL", "k"));
        assertEquals(NIL, reply("GETDEL", "k"));
        assertEquals(-1, deadline("k"));
    }

    // ---- multi-key ----

    @Test
    void msetMsetnxMget() {
        assertEquals("OK", call("MSET", "a", "1", "b", "2", "a", "3"));
        assertEquals(List.of(new Reply.Bulk(bytes("3")), new Reply.Bulk(bytes("2")), NIL),
                reply("MGET", "a", "b", "c").elements());
        assertEquals(0, reply("MSETNX", "c", "1", "a", "9").asLong());
        assertEquals(NIL, reply("GET", "c"));
        assertEquals(1, reply("MSETNX", "c", "1", "d", "2", "c", "3").asLong());
        assertEquals("3", call("GET", "c"));
    }

    // ---- numbers ----

    @Test
    void integerArithmetic() {
        assertEquals(1, reply("INCR", "n").asLong());
        assertEquals(0, reply("DECR", "n").asLong());
        assertEquals(-5, reply("DECRBY", "n", "5").asLong());
        assertEquals(5, reply("INCRBY", "n", "10").asLong());
        call("SET", "max", "9223372036854775807");
        assertEquals("ERR increment or decrement would overflow", call("INCR", "max"));
        assertEquals(9223372036854775806L, reply("DECR", "max").asLong());
        call("SET", "min", "-9223372036854775808");
        assertEquals("ERR increment or decrement would overflow", call("DECR", "min"));
        assertEquals("ERR increment or decrement would overflow", call("INCRBY", "min", "-1"));
        assertEquals(-1, reply("INCRBY", "min", "9223372036854775807").asLong());
        for (String notInteger : List.of("abc", "1.5", " 1", "01", "+1", "-0", "", "123456789012345678901")) {
            call("SET", "x", notInteger);
            assertEquals("ERR value is not an integer or out of range", call("INCR", "x"), notInteger);
        }
        call("APPEND", "raw", "4");
        call("APPEND", "raw", "2");
        assertEquals(43, reply("INCR", "raw").asLong());
    }

    /** Replies checked against redis-server 7.0 on x86-64. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.5                   | 0.1                    | 10.6",
            "3.0e3                  | 0                      | 3000",
            "5.0e3                  | 1                      | 5001",
            "1.1                    | 2.2                    | 3.3",
            "0.1                    | 0.2                    | 0.3",
            "-0.0                   | 0                      | 0",
            "0                      | -0.000000000000000001  | 0",
            "0                      | 0.000000000000000015   | 0.00000000000000002",
            "0                      | 123456789012345678901234567890 | 123456789012345678899921813504",
            "0                      | 0x10                   | 16",
            "0                      | 0X1p-2                 | 0.25",
            "0                      | .5                     | 0.5",
            "0                      | 5.                     | 5",
            "0                      | -.5e1                  | -5",
            "0                      | 1e-4940                | 0",
            "10                     | 1.25                   | 11.25",
            "1e300                  | 1                      | 1000000000000000000008997324079559193870523944273290747938260082321265646596180935755849152083750497190350372508614274835903592556184672983913096260520748646287327135641843653294084255107606016789726652932370030551382947620994540294772781889620606179267611627097410650567187386105690089424915104006144",
    })
    void incrByFloatMatchesRedis(String start, String increment, String expected) {
        call("SET", "f", start);
        assertEquals(expected, call("INCRBYFLOAT", "f", increment));
        assertEquals(expected, call("GET", "f"));
    }

    @Test
    void incrByFloatRejectsNonFloats() {
        call("SET", "s", "hello");
        assertEquals("ERR value is not a valid float", call("INCRBYFLOAT", "s", "1"));
        call("SET", "i", "inf");
        assertEquals("ERR increment would produce NaN or Infinity", call("INCRBYFLOAT", "i", "1"));
        assertEquals("ERR increment would produce NaN or Infinity", call("INCRBYFLOAT", "i", "-inf"));
        assertEquals("inf", call("GET", "i"));
        // The largest finite long double is accepted; passing it is an overflow.
        call("SET", "max", "1.18973149535723176502e+4932");
        assertEquals("ERR increment would produce NaN or Infinity", call("INCRBYFLOAT", "max", "1e4932"));
        assertEquals("1.18973149535723176502e+4932", call("GET", "max"));
    }

    // ---- APPEND / SETRANGE / GETRANGE / STRLEN ----

    @Test
    void appendAndStrlen() {
        assertEquals(5, reply("APPEND", "k", "hello").asLong());
        assertEquals(11, reply("APPEND", "k", " world").asLong());
        assertEquals(11, reply("APPEND", "k", "").asLong());
        assertEquals("hello world", call("GET", "k"));
        assertEquals(11, reply("STRLEN", "k").asLong());
        assertEquals(0, reply("STRLEN", "missing").asLong());
        assertEquals(0, reply("APPEND", "empty", "").asLong());
        assertEquals("", call("GET", "empty"));
        StringBuilder expected = new StringBuilder("hello world");
        for (int i = 0; i < 100; i++) {
            call("APPEND", "k", "ab");
            expected.append("ab");
        }
        assertEquals(expected.toString(), call("GET", "k"));
    }

    @Test
    void stringsStopAtProtoMaxBulkLen() {
        String big = "x".repeat(600);
        call("SET", "k", big);
        assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)", call("APPEND", "k", "y".repeat(401)));
        assertEquals(1000, reply("APPEND", "k", "y".repeat(400)).asLong());
        assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)", call("APPEND", "k", "z"));
        assertEquals(1000, reply("SETRANGE", "k", "999", "z").asLong());
        assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)", call("SETRANGE", "k", "999", "zz"));
        // Writing nothing is never too long, and creates nothing.
        assertEquals(1000, reply("SETRANGE", "k", "5000", "").asLong());
        assertEquals(0, reply("SETRANGE", "new", "5000", "").asLong());
        assertEquals(NIL, reply("GET", "new"));
        assertEquals("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len",
                call("LCS", "k", "k"));
    }

    @Test
    void setRange() {
        call("SET", "k", "Hello World");
        assertEquals(11, reply("SETRANGE", "k", "6", "Redis").asLong());
        assertEquals("Hello Redis", call("GET", "k"));
        assertEquals(15, reply("SETRANGE", "k", "14", "!").asLong());
        assertArrayEquals(bytes("Hello Redis\0\0\0!"), ((Reply.Bulk) reply("GET", "k")).value());
        assertEquals(3, reply("SETRANGE", "n", "2", "x").asLong());
        assertArrayEquals(new byte[] {0, 0, 'x'}, ((Reply.Bulk) reply("GET", "n")).value());
        call("SET", "i", "12345");
        assertEquals(5, reply("SETRANGE", "i", "0", "9").asLong());
        assertEquals(92346, reply("INCR", "i").asLong());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0    | 3    | This",
            "-3   | -1   | ing",
            "0    | -1   | This is a string",
            "10   | 100  | string",
            "100  | 200  | ''",
            "-100 | 3    | This",
            "-1   | -3   | ''",
            "5    | 3    | ''",
            "-1   | -1   | g",
            "0    | 9223372036854775807 | This is a string",
            "-9223372036854775808 | -9223372036854775808 | T",
    })
    void getRange(String start, String end, String expected) {
        call("SET", "k", "This is a string");
        assertEquals(expected, call("GETRANGE", "k", start, end));
        assertEquals(expected, call("SUBSTR", "k", start, end));
        call("APPEND", "r", "This is a string");
        assertEquals(expected, call("GETRANGE", "r", start, end));
    }

    @Test
    void getRangeOfNothing() {
        assertEquals("", call("GETRANGE", "missing", "0", "-1"));
        call("SET", "e", "");
        assertEquals("", call("GETRANGE", "e", "0", "-1"));
    }

    // ---- LCS ----

    @Test
    void lcs() {
        call("MSET", "a", "ohmytext", "b", "mynewtext");
        assertEquals("mytext", call("LCS", "a", "b"));
        assertEquals(6, reply("LCS", "a", "b", "LEN").asLong());
        assertEquals("[matches, [[[4, 7], [5, 8]], [[2, 3], [0, 1]]], len, 6]", flat(reply("LCS", "a", "b", "IDX")));
        assertEquals("[matches, [[[4, 7], [5, 8], 4]], len, 6]",
                flat(reply("LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN")));
        assertEquals("", call("LCS", "a", "missing"));
        assertEquals("[matches, [], len, 0]", flat(reply("LCS", "x", "y", "IDX")));
        s.protocol(3);
        Reply idx = reply("LCS", "a", "b", "IDX");
        assertEquals(Reply.AggregateKind.MAP, ((Reply.Aggregate) idx).kind());
    }

    private static String flat(Reply r) {
        if (r instanceof Reply.Aggregate a) {
            return a.elements().stream().map(StringCommandsTest::flat).toList().toString();
        }
        return r.text();
    }

    // ---- encodings ----

    @Test
    void encodingsAsRedisReportsThem() {
        call("SET", "int", "123");
        call("SET", "min", "-9223372036854775808");
        call("SET", "beyond", "9223372036854775808");
        call("SET", "lead", "0123");
        call("SET", "emb", "x".repeat(44));
        call("SET", "raw", "x".repeat(45));
        call("APPEND", "appended", "123");
        call("SET", "grown", "12");
        call("APPEND", "grown", "");
        call("SETRANGE", "ranged", "0", "12");
        call("SET", "incr", "123");
        call("SETRANGE", "incr", "0", "7");
        call("SETRANGE", "incr", "1", "");
        call("INCRBYFLOAT", "float", "3000");
        call("INCRBYFLOAT", "float2", "1e50");
        call("INCRBYFLOAT", "float4", "1e40");
        call("INCRBYFLOAT", "float3", "1.5");
        assertEquals("int", encoding("int"));
        assertEquals("int", encoding("min"));
        assertEquals("embstr", encoding("beyond"));
        assertEquals("embstr", encoding("lead"));
        assertEquals("embstr", encoding("emb"));
        assertEquals("raw", encoding("raw"));
        assertEquals("int", encoding("appended"));
        assertEquals("raw", encoding("grown"));
        assertEquals("raw", encoding("ranged"));
        assertEquals("raw", encoding("incr"));
        assertEquals("embstr", encoding("float"));
        assertEquals("raw", encoding("float2"));
        assertEquals("embstr", encoding("float3"));
        assertEquals("embstr", encoding("float4"));
        assertEquals(724, reply("INCR", "incr").asLong());
        assertEquals("int", encoding("incr"));
        call("APPEND", "float", "0");
        assertEquals("raw", encoding("float"));
        assertEquals("30000", call("GET", "float"));
        assertNull(StringEncoding.of(null));
    }

    @Test
    void resp3Nulls() {
        s.protocol(3);
        assertEquals(Reply.NULL, reply("GET", "missing"));
        assertEquals(List.of(Reply.NULL), reply("MGET", "missing").elements());
        assertEquals(Reply.NULL, reply("SET", "k", "v", "XX"));
        assertFalse(reply("SET", "k", "v").isError());
        assertTrue(reply("GET", "k") instanceof Reply.Bulk);
    }
}
