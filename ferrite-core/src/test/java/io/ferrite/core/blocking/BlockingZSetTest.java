package io.ferrite.core.blocking;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class BlockingZSetTest {
    private final Ferrite ferrite = Ferrite.newBuilder().build();
    private final Session writer = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private Session resp3() {
        Session s = ferrite.newSession();
        s.protocol(3);
        return s;
    }

    @Test
    void popsAtOnceWhenDataIsThere() {
        writer.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertEquals(List.of("z", "a", "1"), ferrite.newSession().call("BZPOPMIN", "none", "z", "0").texts());
        assertEquals(List.of("z", "c", "3"), ferrite.newSession().call("BZPOPMAX", "z", "0").texts());
        Reply last = resp3().call("BZPOPMIN", "z", "0");
        assertEquals(new Reply.Double(2), last.elements().get(2), "RESP3 replies the score as a double");
        assertEquals(0, writer.call("EXISTS", "z").asLong());
    }

    @Test
    void aZaddServesTheOldestWaiterFirst() throws Exception {
        CompletableFuture<Reply> first = ferrite.newSession().callAsync("BZPOPMIN", "z", "0");
        CompletableFuture<Reply> second = ferrite.newSession().callAsync("BZPOPMAX", "other", "z", "0");
        assertFalse(first.isDone());
        assertEquals(2, ferrite.blocking().size());
        assertEquals(2, writer.call("ZADD", "z", "5", "x", "7", "y").asLong());
        assertEquals(List.of("z", "x", "5"), first.get(5, TimeUnit.SECONDS).texts());
        assertEquals(List.of("z", "y", "7"), second.get(5, TimeUnit.SECONDS).texts());
        assertEquals(0, writer.call("EXISTS", "z").asLong());
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void aWaiterLeftWithoutDataKeepsWaiting() throws Exception {
        CompletableFuture<Reply> first = ferrite.newSession().callAsync("BZPOPMIN", "z", "0");
        CompletableFuture<Reply> second = ferrite.newSession().callAsync("BZPOPMIN", "z", "0");
        writer.call("ZADD", "z", "1", "only");
        assertEquals(List.of("z", "only", "1"), first.get(5, TimeUnit.SECONDS).texts());
        assertFalse(second.isDone());
        writer.call("ZINCRBY", "z", "2.5", "next");
        assertEquals(List.of("z", "next", "2.5"), second.get(5, TimeUnit.SECONDS).texts());
    }

    @Test
    void timesOutWithANullArray() {
        assertEquals(Reply.NULL, ferrite.newSession().call("BZPOPMIN", "z", "0.05"));
        assertEquals(Reply.NULL, ferrite.newSession().call("BZPOPMAX", "z", "y", "0.05"));
        assertEquals(Reply.NULL, resp3().call("BZMPOP", "0.05", "1", "z", "MIN"));
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void bzmpopHonoursCountDirectionAndKeyOrder() throws Exception {
        CompletableFuture<Reply> waiter =
                ferrite.newSession().callAsync("BZMPOP", "0", "2", "x", "y", "MAX", "COUNT", "2");
        writer.call("ZADD", "y", "1", "a", "2", "b", "3", "c");
        Reply r = waiter.get(5, TimeUnit.SECONDS);
        assertEquals("y", r.elements().get(0).text());
        List<Reply> popped = r.elements().get(1).elements();
        assertEquals(List.of("c", "3"), popped.get(0).texts());
        assertEquals(List.of("b", "2"), popped.get(1).texts());
        assertEquals(List.of("a"), writer.call("ZRANGE", "y", "0", "-1").texts());
    }

    @Test
    void argumentErrorsComeBeforeWaitingInRedisOrder() {
        Session s = ferrite.newSession();
        assertEquals("ERR timeout is negative", s.call("BZPOPMIN", "z", "-1").text());
        assertEquals("ERR timeout is not a float or out of range", s.call("BZPOPMAX", "z", "abc").text());
        // BZMPOP reads numkeys, MIN|MAX and COUNT before its timeout.
        assertEquals("ERR numkeys should be greater than 0", s.call("BZMPOP", "abc", "0", "z", "MIN").text());
        assertEquals("ERR syntax error", s.call("BZMPOP", "-1", "1", "z", "UP").text());
        assertEquals("ERR count should be greater than 0", s.call("BZMPOP", "-1", "1", "z", "MIN", "COUNT", "0").text());
        assertEquals("ERR timeout is negative", s.call("BZMPOP", "-1", "1", "z", "MIN").text());
        writer.call("SET", "str", "v");
        String wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        assertEquals(wrongType, s.call("BZPOPMIN", "missing", "str", "0").text());
        assertEquals(wrongType, s.call("BZMPOP", "0", "1", "str", "MIN").text());
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void aWriteOfTheWrongTypeLeavesTheWaiterWaiting() throws Exception {
        CompletableFuture<Reply> waiter = ferrite.newSession().callAsync("BZPOPMIN", "z", "0");
        writer.call("RPUSH", "z", "a list");
        assertFalse(waiter.isDone());
        writer.call("DEL", "z");
        writer.call("ZADD", "z", "1", "ok");
        assertEquals(List.of("z", "ok", "1"), waiter.get(5, TimeUnit.SECONDS).texts());
    }

    @Test
    void manyWaitersAndWritersFromManyThreadsLoseNothing() throws Exception {
        int n = 200;
        List<CompletableFuture<Reply>> waiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String cmd = i % 3 == 0 ? "BZMPOP" : i % 2 == 0 ? "BZPOPMIN" : "BZPOPMAX";
            waiters.add(cmd.equals("BZMPOP")
                    ? ferrite.newSession().callAsync("BZMPOP", "0", "1", "z", "MIN")
                    : ferrite.newSession().callAsync(cmd, "z", "0"));
        }
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                Session s = ferrite.newSession();
                for (int i = 0; i < n / threads.length; i++) s.call("ZADD", "z", Integer.toString(i), id + ":" + i);
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        Set<String> got = new HashSet<>();
        for (CompletableFuture<Reply> w : waiters) {
            Reply r = w.get(10, TimeUnit.SECONDS);
            Reply member = r.elements().size() == 3 ? r.elements().get(1) : r.elements().get(1).elements().get(0).elements().get(0);
            got.add(member.text());
        }
        assertEquals(n, got.size());
        assertEquals(0, writer.call("EXISTS", "z").asLong());
        assertEquals(0, ferrite.blocking().size());
    }
}
