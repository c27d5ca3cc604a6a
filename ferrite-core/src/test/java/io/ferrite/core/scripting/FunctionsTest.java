package io.ferrite.core.scripting;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Functions through the embedded API: what a failed load or restore leaves, DUMP payloads between engines, what
 * survives FLUSHALL, atomic calls.
 */
class FunctionsTest {
    private final Ferrite ferrite = Ferrite.newBuilder().build();
    private final Session session = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private static String library(String name, String body) {
        return "#!lua name=" + name + "\n" + body;
    }

    @Test
    void aFailedReplaceKeepsTheLibraryItWouldHaveReplaced() {
        session.call("FUNCTION", "LOAD", library("a", "redis.register_function('one', function() return 1 end)"));
        session.call("FUNCTION", "LOAD", library("b", "redis.register_function('two', function() return 2 end)"));
        Reply clash = session.call("FUNCTION", "LOAD", "REPLACE",
                library("a", "redis.register_function('uno', function() return 1 end)\n"
                        + "redis.register_function('two', function() return 22 end)"));
        assertEquals("ERR Function two already exists", ((Reply.Error) clash).message());
        Reply broken = session.call("FUNCTION", "LOAD", "REPLACE",
                library("a", "redis.register_function('uno', function() return 1 end)\nerror('late')"));
        assertInstanceOf(Reply.Error.class, broken);
        assertEquals(1, session.call("FCALL", "one", "0").asLong());
        assertEquals(2, session.call("FCALL", "two", "0").asLong());
        assertEquals("ERR Function not found", ((Reply.Error) session.call("FCALL", "uno", "0")).message());
    }

    @Test
    void aDumpRestoresIntoAnotherEngineAndARestoreIsAllOrNothing() {
        session.call("FUNCTION", "LOAD", library("a", "redis.register_function('one', function() return 1 end)"));
        session.call("FUNCTION", "LOAD", library("b", "redis.register_function('two', function() return 2 end)"));
        byte[] payload = ((Reply.Bulk) session.call("FUNCTION", "DUMP")).value();
        try (Ferrite other = Ferrite.newBuilder().build()) {
            Session there = other.newSession();
            there.call("FUNCTION", "LOAD", library("c", "redis.register_function('two', function() return 0 end)"));
            Reply clash = restore(there, payload, "REPLACE");
            assertEquals("ERR Function two already exists", ((Reply.Error) clash).message());
            assertEquals("ERR Function not found", ((Reply.Error) there.call("FCALL", "one", "0")).message());
            assertEquals(0, there.call("FCALL", "two", "0").asLong());

            assertEquals(Reply.OK, restore(there, payload, "FLUSH"));
            assertEquals(1, there.call("FCALL", "one", "0").asLong());
            assertEquals(2, there.call("FCALL", "two", "0").asLong());
            assertEquals(List.of("a", "b"), libraryNames(there));
            Reply again = restore(there, payload);
            assertEquals("ERR Library a already exists", ((Reply.Error) again).message());
            assertArrayEquals(payload, ((Reply.Bulk) there.call("FUNCTION", "DUMP")).value(), "dumped as restored");
        }
    }

    private static Reply restore(Session s, byte[] payload, String... policy) {
        List<byte[]> args = new ArrayList<>(List.of(bytes("FUNCTION"), bytes("RESTORE"), payload));
        for (String p : policy) args.add(bytes(p));
        return s.call(args);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> libraryNames(Session s) {
        List<String> names = new ArrayList<>();
        for (Reply library : s.call("FUNCTION", "LIST").elements()) names.add(library.elements().get(1).text());
        return names;
    }

    @Test
    void functionsSurviveFlushallAndAreSharedByEverySession() {
        session.call("FUNCTION", "LOAD", library("keep", "redis.register_function('k', function() return 'kept' end)"));
        session.call("FLUSHALL");
        assertEquals("kept", ferrite.newSession().call("FCALL", "k", "0").text());
    }

    @Test
    void concurrentCallsAreAtomic() throws Exception {
        session.call("FUNCTION", "LOAD", library("counter", "redis.register_function('bump', function(keys) "
                + "local v = tonumber(redis.call('get', keys[1]) or '0') "
                + "redis.call('set', keys[1], tostring(v + 1)) return v + 1 end)"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    Session s = ferrite.newSession();
                    for (int i = 0; i < 250; i++) s.call("FCALL", "bump", "1", "n");
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals("1000", session.call("GET", "n").text());
    }
}
