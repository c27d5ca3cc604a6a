package io.ferrite.core.type.zset;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Multi-key set and sorted set commands from many threads: the dispatcher's shard locks (key specs and numkeys
 * key finders) must make each command atomic, so the invariants below hold exactly.
 */
class CollectionConcurrencyTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 2_000;

    private static void inParallel(Ferrite f, java.util.function.BiConsumer<Session, Integer> work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Session s = f.newSession();
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                work.accept(s, id);
            });
            threads.add(th);
            th.start();
        }
        start.countDown();
        for (Thread th : threads) th.join();
    }

    @Test
    void smoveNeverLosesOrDuplicatesMembers() throws InterruptedException {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session s = f.newSession();
            for (int i = 0; i < 50; i++) s.call("SADD", "left", "m" + i);
            inParallel(f, (session, id) -> {
                for (int r = 0; r < ROUNDS; r++) {
                    String m = "m" + ((r * 7 + id) % 50);
                    if ((r + id) % 2 == 0) session.call("SMOVE", "left", "right", m);
                    else session.call("SMOVE", "right", "left", m);
                    session.call("SUNIONSTORE", "snapshot", "left", "right");
                }
            });
            // Disjoint and complete: the sizes add up to 50 and so does the union.
            assertEquals(50, s.call("SCARD", "left").asLong() + s.call("SCARD", "right").asLong());
            assertEquals(50, s.call("SUNIONSTORE", "all", "left", "right").asLong());
        }
    }

    @Test
    void zincrbyAndZunionstoreAddUp() throws InterruptedException {
        try (Ferrite f = Ferrite.newBuilder().configure(c -> c.zsetMaxListpackEntries = 4).build()) {
            inParallel(f, (session, id) -> {
                for (int r = 0; r < ROUNDS; r++) {
                    session.call("ZINCRBY", "z" + (r % 3), "1", "m" + (r % 10));
                    if (r % 50 == 0) session.call("ZUNIONSTORE", "sum", "3", "z0", "z1", "z2");
                }
            });
            Session s = f.newSession();
            s.call("ZUNIONSTORE", "sum", "3", "z0", "z1", "z2");
            double total = 0;
            List<io.ferrite.core.Reply> flat = s.call("ZRANGE", "sum", "0", "-1", "WITHSCORES").elements();
            for (int i = 1; i < flat.size(); i += 2) total += Double.parseDouble(((io.ferrite.core.Reply.Bulk) flat.get(i)).asString());
            assertEquals((double) THREADS * ROUNDS, total);
            assertEquals(10, s.call("ZCARD", "sum").asLong());
        }
    }
}
