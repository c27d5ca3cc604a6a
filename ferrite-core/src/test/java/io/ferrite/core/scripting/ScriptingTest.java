package io.ferrite.core.scripting;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EVAL and friends through the embedded API: caching, atomicity, and how scripts meet the rest of the engine. */
class ScriptingTest {
    private final Ferrite ferrite = Ferrite.newBuilder().build();
    private final Session session = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    @Test
    void commandsCalledByAScriptSeeTheTimeTheScriptStarted() {
        // Every reading of this clock is 100 ms later than the previous one.
        java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong(1_700_000_000_000L);
        io.ferrite.core.Ticker hasty = new io.ferrite.core.Ticker() {
            @Override public long currentTimeMillis() { return millis.addAndGet(100); }
            @Override public long nanoTime() { return millis.get() * 1_000_000; }
        };
        try (Ferrite f = Ferrite.newBuilder().activeExpiry(false).ticker(hasty).build()) {
            Session s = f.newSession();
            Reply r = s.call("EVAL", "redis.call('set', 'k', 'v', 'px', 50) "
                    + "return {redis.call('get', 'k'), redis.call('pttl', 'k'), redis.call('exists', 'k')}", "0");
            assertEquals("v", r.elements().get(0).text());
            assertEquals(50, r.elements().get(1).asLong());
            assertEquals(1, r.elements().get(2).asLong());
            assertEquals(0, s.call("EXISTS", "k").asLong());
        }
    }

    @Test
    void evalCachesTheScriptForEvalshaUntilFlushed() {
        String body = "return redis.call('incr', KEYS[1])";
        String sha = Scripts.sha1hex(body.getBytes());
        assertEquals(Reply.Int.class, session.call("EVAL", body, "1", "n").getClass());
        assertEquals(2, session.call("EVALSHA", sha, "1", "n").asLong());
        assertEquals(3, session.call("EVALSHA", sha.toUpperCase(), "1", "n").asLong());
        session.call("EVAL", body, "1", "n");
        assertEquals(1, ferrite.scripts().size());
        assertEquals(List.of(1L), session.call("SCRIPT", "EXISTS", sha).elements().stream().map(Reply::asLong).toList());
        assertEquals(Reply.OK, session.call("SCRIPT", "FLUSH"));
        assertEquals("NOSCRIPT No matching script. Please use EVAL.", session.call("EVALSHA", sha, "1", "n").text());
        assertEquals("4", session.call("GET", "n").text());
    }

    @Test
    void conversionsBothWays() {
        session.call("RPUSH", "l", "a", "b");
        Reply r = session.call("EVAL", "return {redis.call('lrange', KEYS[1], 0, -1), 7.9, true, false, 'x'}", "1", "l");
        List<Reply> e = r.elements();
        assertEquals(List.of("a", "b"), e.get(0).texts());
        assertEquals(7, e.get(1).asLong());
        assertEquals(1, e.get(2).asLong());
        assertEquals(new Reply.Bulk(null), e.get(3));
        assertEquals("x", e.get(4).text());
        assertEquals(new Reply.Status("DONE"), session.call("EVAL", "return redis.status_reply('DONE')", "0"));
    }

    @Test
    void scriptsAreAtomic() throws Exception {
        // A read-modify-write that loses updates unless nothing interleaves with the script.
        String body = "local v = tonumber(redis.call('get', KEYS[1]) or '0') redis.call('set', KEYS[1], v + 1)";
        int perThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    Session s = ferrite.newSession();
                    for (int i = 0; i < perThread; i++) {
                        Reply reply = s.call("EVAL", body, "1", "counter");
                        assertFalse(reply.isError(), reply::toString);
                    }
                }));
            }
            for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Long.toString(4L * perThread), session.call("GET", "counter").text());
    }

    @Test
    void aScriptWriteFailsTheExecOfATransactionWatchingTheKey() {
        Session other = ferrite.newSession();
        session.call("WATCH", "k");
        other.call("EVAL", "return redis.call('set', KEYS[1], 'changed')", "1", "k");
        session.call("MULTI");
        session.call("SET", "k", "mine");
        assertEquals(Reply.NULL, session.call("EXEC"));
        assertEquals("changed", session.call("GET", "k").text());
    }

    @Test
    void aScriptPushServesAClientBlockedOnTheList() throws Exception {
        Session waiter = ferrite.newSession();
        CompletableFuture<Reply> popped = waiter.callAsync("BLPOP", "queue", "0");
        assertFalse(popped.isDone());
        session.call("EVAL", "redis.call('rpush', KEYS[1], 'job') return redis.call('llen', KEYS[1])", "1", "queue");
        assertEquals(List.of("queue", "job"), popped.get(5, TimeUnit.SECONDS).texts());
    }

    @Test
    void blockingCommandsInsideAScriptAnswerAtOnce() {
        assertEquals(new Reply.Bulk(null), session.call("EVAL", "return redis.call('blmpop', 0, 1, 'a', 'LEFT')", "0"));
        assertFalse(session.lastCommandParked());
    }

    @Test
    void theCallersDatabaseIsRestoredAfterTheScript() {
        session.call("EVAL", "redis.call('select', 3) return redis.call('set', 'k', 'v')", "0");
        assertEquals(0, session.db());
        session.call("SELECT", "3");
        assertEquals("v", session.call("GET", "k").text());
    }

    @Test
    void globalsAndLibrariesAreReadOnly() {
        Reply r = session.call("EVAL", "rawset(_G, 'x', 1)", "0");
        assertInstanceOf(Reply.Error.class, r);
        assertTrue(r.text().contains("Attempt to modify a readonly table"), r::toString);
        r = session.call("EVAL", "table.insert = nil", "0");
        assertTrue(r.text().contains("Attempt to modify a readonly table"), r::toString);
        assertEquals("table", session.call("EVAL", "return type(string)", "0").text());
    }

    @Test
    void scriptErrorsNameTheScriptAndLine() {
        session.call("SET", "s", "x");
        String body = "local a = 1\nlocal b = 2\nreturn redis.call('incr', 's')";
        String sha = Scripts.sha1hex(body.getBytes());
        assertEquals("ERR value is not an integer or out of range script: " + sha + ", on @user_script:3.",
                session.call("EVAL", body, "0").text());
    }
}
