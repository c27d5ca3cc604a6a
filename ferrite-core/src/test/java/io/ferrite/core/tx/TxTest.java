package io.ferrite.core.tx;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class TxTest {
    private final Ferrite engine = Ferrite.newBuilder().build();
    private final Session s = engine.newSession();

    private static String text(Reply r) { return r.text(); }

    @Test
    void queuesAndExecutes() {
        assertEquals("OK", text(s.call("MULTI")));
        assertEquals("QUEUED", text(s.call("SET", "a", "1")));
        assertEquals("QUEUED", text(s.call("INCR", "a")));
        Reply r = s.call("EXEC");
        assertEquals(List.of("OK", "2"), r.texts());
    }

    @Test
    void errorsInsideExecAreElements() {
        s.call("MULTI");
        s.call("SET", "a", "x");
        s.call("INCR", "a");
        s.call("GET", "a");
        List<String> texts = s.call("EXEC").texts();
        assertEquals(3, texts.size());
        assertTrue(texts.get(1).startsWith("ERR value is not an integer"));
        assertEquals("x", texts.get(2));
    }

    @Test
    void rejectedCommandAbortsExec() {
        s.call("MULTI");
        assertTrue(text(s.call("GET")).startsWith("ERR wrong number of arguments"));
        assertEquals("EXECABORT Transaction discarded because of previous errors.", text(s.call("EXEC")));
        assertEquals("ERR EXEC without MULTI", text(s.call("EXEC")));
    }

    @Test
    void blockingCommandAnswersAsTimeout() {
        s.call("MULTI");
        s.call("BLPOP", "nothing", "0");
        Reply r = s.call("EXEC");
        assertEquals(1, r.texts().size());
    }

    @Test
    void resetDiscardsAndUnwatches() {
        s.call("WATCH", "a");
        s.call("MULTI");
        s.call("SET", "a", "1");
        assertEquals("RESET", text(s.call("RESET")));
        assertEquals("ERR EXEC without MULTI", text(s.call("EXEC")));
        assertFalse(engine.watches().active());
    }

    @Test
    void watchAbortsWhenAnotherSessionWrites() throws Exception {
        Session other = engine.newSession();
        s.call("SET", "k", "1");
        assertEquals("OK", text(s.call("WATCH", "k")));
        Thread t = new Thread(() -> other.call("SET", "k", "2"));
        t.start();
        t.join();
        s.call("MULTI");
        s.call("SET", "k", "3");
        assertTrue(s.call("EXEC") instanceof Reply.Null);
        assertEquals("2", text(s.call("GET", "k")));
        // Unwatched after EXEC: the next transaction goes through.
        s.call("WATCH", "k");
        s.call("MULTI");
        s.call("SET", "k", "3");
        assertEquals(List.of("OK"), s.call("EXEC").texts());
        assertFalse(engine.watches().active());
    }

    @Test
    void watchSeesFlushAndExpiry() {
        s.call("SET", "k", "1");
        s.call("WATCH", "k");
        engine.newSession().call("FLUSHALL");
        s.call("MULTI");
        assertTrue(s.call("EXEC") instanceof Reply.Null);
        s.call("SET", "other", "1");
        s.call("WATCH", "k");
        engine.newSession().call("FLUSHALL");
        s.call("MULTI");
        assertEquals(List.of(), s.call("EXEC").texts());
    }

    @Test
    void transactionsAreAtomic() throws Exception {
        int threads = 4;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> violation = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(new Thread(() -> {
                Session w = engine.newSession();
                for (int n = 0; n < 300; n++) {
                    w.call("MULTI");
                    w.call("INCR", "a");
                    w.call("INCR", "b");
                    w.call("EXEC");
                }
            }));
        }
        Thread reader = new Thread(() -> {
            Session r = engine.newSession();
            while (!stop.get()) {
                List<String> ab = r.call("MGET", "a", "b").texts();
                if (!String.valueOf(ab.get(0)).equals(String.valueOf(ab.get(1)))) violation.set(ab.toString());
            }
        });
        reader.start();
        workers.forEach(Thread::start);
        for (Thread w : workers) w.join();
        stop.set(true);
        reader.join();
        assertNull(violation.get());
        assertEquals("1200", text(s.call("GET", "a")));
        assertEquals("1200", text(s.call("GET", "b")));
    }
}
