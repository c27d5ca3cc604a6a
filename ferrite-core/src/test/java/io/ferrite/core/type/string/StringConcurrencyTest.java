package io.ferrite.core.type.string;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many threads on the embedded API: the shard locks taken from the key specs make each command atomic. */
class StringConcurrencyTest {
    private static final int THREADS = 8;

    private interface Work {
        void run(Session s, int thread) throws Exception;
    }

    private static void onThreads(Ferrite f, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Session s = f.newSession();
                    start.await();
                    work.run(s, thread);
                    return null;
                }));
            }
            for (Future<?> d : done) d.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countersAddUpExactly() throws Exception {
        int perThread = 5_000;
        try (Ferrite f = Ferrite.newBuilder().build()) {
            onThreads(f, (s, t) -> {
                for (int i = 0; i < perThread; i++) {
                    s.call("INCR", "c" + (i % 4));
                    s.call("INCRBY", "by", "3");
                    s.call("DECR", "down");
                    if (i % 10 == 0) s.call("INCRBYFLOAT", "float", "0.5");
                    if (i % 10 == 0) s.call("APPEND", "log", "x");
                }
            });
            Session s = f.newSession();
            long total = 0;
            for (int c = 0; c < 4; c++) total += Long.parseLong(s.call("GET", "c" + c).text());
            assertEquals((long) THREADS * perThread, total);
            assertEquals(3L * THREADS * perThread, Long.parseLong(s.call("GET", "by").text()));
            assertEquals(-(long) THREADS * perThread, Long.parseLong(s.call("GET", "down").text()));
            assertEquals(Long.toString(THREADS * perThread / 10 / 2), s.call("GET", "float").text());
            assertEquals(THREADS * perThread / 10, s.call("STRLEN", "log").asLong());
        }
    }

    @Test
    void msetnxIsAllOrNothing() throws Exception {
        int rounds = 2_000;
        AtomicInteger wins = new AtomicInteger();
        try (Ferrite f = Ferrite.newBuilder().build()) {
            onThreads(f, (s, t) -> {
                for (int r = 0; r < rounds; r++) {
                    // Every thread races for the same keys of the round, named in a thread-specific order.
                    List<String> keys = new ArrayList<>(List.of("r" + r + ":a", "r" + r + ":b", "r" + r + ":c", "r" + r + ":d"));
                    Collections.rotate(keys, t);
                    List<String> args = new ArrayList<>(List.of("MSETNX"));
                    for (String k : keys) {
                        args.add(k);
                        args.add("t" + t);
                    }
                    if (s.call(args.toArray(String[]::new)).asLong() == 1) wins.incrementAndGet();
                }
            });
            assertEquals(rounds, wins.get());
            Session s = f.newSession();
            for (int r = 0; r < rounds; r++) {
                List<Reply> values = s.call("MGET", "r" + r + ":a", "r" + r + ":b", "r" + r + ":c", "r" + r + ":d").elements();
                String first = values.get(0).text();
                for (Reply v : values) assertEquals(first, v.text(), "round " + r);
            }
        }
    }

    @Test
    void mgetNeverSeesHalfAnMset() throws Exception {
        int writes = 5_000;
        try (Ferrite f = Ferrite.newBuilder().build()) {
            f.newSession().call("MSET", "x", "0", "y", "0", "z", "0");
            AtomicInteger torn = new AtomicInteger();
            AtomicInteger reads = new AtomicInteger();
            onThreads(f, (s, t) -> {
                if (t == 0) {
                    for (int i = 1; i <= writes; i++) {
                        String v = Integer.toString(i);
                        s.call("MSET", "x", v, "y", v, "z", v);
                    }
                } else {
                    for (int i = 0; i < writes; i++) {
                        List<Reply> r = s.call("MGET", "z", "x", "y").elements();
                        reads.incrementAndGet();
                        if (!r.get(0).text().equals(r.get(1).text()) || !r.get(1).text().equals(r.get(2).text())) {
                            torn.incrementAndGet();
                        }
                    }
                }
            });
            assertTrue(reads.get() > 0);
            assertEquals(0, torn.get());
            assertFalse(f.newSession().call("GET", "x").isError());
            assertEquals(Integer.toString(writes), f.newSession().call("GET", "y").text());
        }
    }
}
