package io.ferrite.net;

import io.ferrite.core.Ferrite;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event loops that poll before they sleep: they serve as sleeping ones do, and do sleep once the clients go quiet. */
class BusyPollTest {

    private static Set<Long> loopThreads() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ferrite-loop-")) ids.add(t.getId());
        }
        return ids;
    }

    @Test
    void servesPipelinesCrossThreadWakeUpsAndSleepsWhenIdle() throws Exception {
        Set<Long> before = loopThreads();
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(2)
                     .busyPoll(Duration.ofMillis(1)).build().start();
             RawClient a = new RawClient(server.port());
             RawClient b = new RawClient(server.port())) {
            Set<Long> ours = loopThreads();
            ours.removeAll(before);
            assertEquals(2, ours.size());

            assertEquals("+OK\r\n", a.call("+OK\r\n", "SET", "k", "v"));
            a.send(RawClient.frame("INCR", "n") + RawClient.frame("INCR", "n") + RawClient.frame("GET", "k"));
            assertEquals(":1\r\n:2\r\n$1\r\nv\r\n", a.readLike(":1\r\n:2\r\n$1\r\nv\r\n"));
            // A blocked client is woken by a task from the pushing connection's loop, which may be polling.
            a.send(RawClient.frame("BLPOP", "q", "0"));
            while (engine.blocking().size() == 0) Thread.sleep(2);
            assertEquals(":1\r\n", b.call(":1\r\n", "RPUSH", "q", "x"));
            assertEquals("*2\r\n$1\r\nq\r\n$1\r\nx\r\n", a.readLike("*2\r\n$1\r\nq\r\n$1\r\nx\r\n"));

            // Quiet clients: after the poll window the loops sleep in select and use (almost) no CPU.
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Thread.sleep(100);
            long cpuBefore = 0;
            for (long id : ours) cpuBefore += threads.getThreadCpuTime(id);
            Thread.sleep(500);
            long cpuAfter = 0;
            for (long id : ours) cpuAfter += threads.getThreadCpuTime(id);
            long usedMillis = (cpuAfter - cpuBefore) / 1_000_000;
            assertTrue(usedMillis < 100, "idle loops used " + usedMillis + " ms of CPU in 500 ms");
        }
        assertFalse(loopThreads().stream().anyMatch(id -> !before.contains(id) && isAlive(id)), "loops ended on close");
    }

    private static boolean isAlive(long id) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getId() == id && t.isAlive());
    }

    @Test
    void theWindowIsBounded() {
        Ferrite engine = Ferrite.newBuilder().build();
        try {
            FerriteServer.Builder b = FerriteServer.newBuilder(engine);
            assertThrows(IllegalArgumentException.class, () -> b.busyPoll(Duration.ofNanos(-1)));
            assertThrows(IllegalArgumentException.class, () -> b.busyPoll(Duration.ofSeconds(2)));
        } finally {
            engine.close();
        }
    }
}
