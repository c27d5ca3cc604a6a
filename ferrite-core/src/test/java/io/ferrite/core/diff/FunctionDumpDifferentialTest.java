package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FUNCTION DUMP payloads crossing between a real redis-server and Ferrite: a payload dumped by either side restores
 * on the other to the same libraries, whose functions answer alike; with one library the payloads are byte for
 * byte Redis's (Redis writes several libraries in its dictionary's order, which varies from run to run).
 */
class FunctionDumpDifferentialTest {
    /** Libraries loaded on both sides, and the function each registers (called with no keys). */
    record Case(String name, List<String> libraries, List<String> functions) {
        @Override public String toString() { return name; }
    }

    private static String library(String name, String function, String body) {
        return "#!lua name=" + name + "\nredis.register_function('" + function + "', function(keys, args) "
                + body + " end)";
    }

    static List<Case> cases() {
        String comment = "-- " + "padding ".repeat(40) + "\n";
        return List.of(
                new Case("short library", List.of(library("one", "f1", "return 1")), List.of("f1")),
                new Case("compressible library",
                        List.of(library("pad", "fp", "return 'x'").replace("\nredis", "\n" + comment + "redis")),
                        List.of("fp")),
                new Case("flags and description", List.of("#!lua name=meta\nredis.register_function{function_name="
                        + "'ro', callback=function() return 'ro' end, flags={'no-writes', 'allow-oom'}, "
                        + "description='reads'}"), List.of("ro")),
                new Case("several libraries", List.of(library("a", "fa", "return 'a'"),
                        library("b", "fb", "return {1, 2}"), library("c", "fc", "return redis.call('ping')")),
                        List.of("fa", "fb", "fc")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void payloadsCrossBothWays(Case c) throws IOException {
        RedisServerProcess server = RedisServerProcess.shared();
        try (Ferrite ferrite = Ferrite.newBuilder().build(); RespTestClient redis = server.connect()) {
            Session session = ferrite.newSession();
            try {
                assertEquals(Reply.OK, redis.call("FUNCTION", "FLUSH"));
                for (String code : c.libraries()) {
                    Reply want = redis.call("FUNCTION", "LOAD", code);
                    assertEquals(want.toString(), session.call("FUNCTION", "LOAD", code).toString());
                }
                byte[] fromRedis = bulk(redis.call("FUNCTION", "DUMP"));
                byte[] fromFerrite = bulk(session.call("FUNCTION", "DUMP"));
                if (c.libraries().size() == 1) {
                    assertEquals(HexFormat.of().formatHex(fromRedis), HexFormat.of().formatHex(fromFerrite),
                            "FUNCTION DUMP byte for byte");
                }

                // Redis -> Ferrite
                assertEquals(Reply.OK, session.call(bytes("FUNCTION"), bytes("RESTORE"), fromRedis, bytes("FLUSH")));
                assertSame(c, redis, session, "Redis's payload restored into Ferrite");

                // Ferrite -> Redis
                assertEquals(Reply.OK, redis.call(bytes("FUNCTION"), bytes("RESTORE"), fromFerrite, bytes("FLUSH")),
                        "redis-server accepts Ferrite's payload");
                assertSame(c, redis, session, "Ferrite's payload restored into Redis");

                // Each side refuses its own payload again under APPEND, with the same error.
                Reply want = redis.call(bytes("FUNCTION"), bytes("RESTORE"), fromRedis);
                Reply got = session.call(bytes("FUNCTION"), bytes("RESTORE"), fromFerrite);
                if (c.libraries().size() == 1) assertEquals(want.toString(), got.toString(), "APPEND over itself");
                else assertEquals(want.isError(), got.isError(), "APPEND over itself");
            } finally {
                redis.call("FUNCTION", "FLUSH");
            }
        }
    }

    private static void assertSame(Case c, RespTestClient redis, Session session, String what) throws IOException {
        assertEquals(sortedLibraries(redis.call("FUNCTION", "LIST", "WITHCODE")),
                sortedLibraries(session.call("FUNCTION", "LIST", "WITHCODE")), what);
        for (String f : c.functions()) {
            assertEquals(redis.call("FCALL", f, "0").toString(), session.call("FCALL", f, "0").toString(),
                    what + ": FCALL " + f);
        }
    }

    /** FUNCTION LIST's libraries, in name order (each side lists them in its own order). */
    private static List<String> sortedLibraries(Reply list) {
        List<String> out = new ArrayList<>();
        for (Reply library : list.elements()) out.add(library.toString());
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static byte[] bulk(Reply r) {
        if (r instanceof Reply.Bulk b && b.value() != null) return b.value();
        throw new AssertionError("expected a payload, got " + r);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
