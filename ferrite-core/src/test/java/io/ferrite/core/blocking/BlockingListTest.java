package io.ferrite.core.blocking;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class BlockingListTest {
    private final Ferrite ferrite = Ferrite.newBuilder().build();
    private final Session pusher = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    @Test
    void popsAtOnceWhenDataIsThere() {
        pusher.call("RPUSH", "q", "a", "b");
        assertEquals(List.of("q", "a"), ferrite.newSession().call("BLPOP", "none", "q", "0").texts());
        assertEquals(List.of("q", "b"), ferrite.newSession().call("BRPOP", "q", "0").texts());
        assertEquals(0, pusher.call("EXISTS", "q").asLong());
    }

    @Test
    void aPushServesTheOldestWaiterFirst() throws Exception {
        CompletableFuture<Reply> first = ferrite.newSession().callAsync("BLPOP", "q", "0");
        CompletableFuture<Reply> second = ferrite.newSession().callAsync("BLPOP", "q", "0");
        assertFalse(first.isDone());
        assertEquals(2, ferrite.blocking().size());
        assertEquals(1, pusher.call("LPUSH", "q", "x").asLong());
        assertEquals(List.of("q", "x"), first.get(5, TimeUnit.SECONDS).texts());
        assertFalse(second.isDone());
        // The push replied with the length before the waiter took the element, as in Redis.
        assertEquals(0, pusher.call("EXISTS", "q").asLong());
        pusher.call("RPUSH", "q", "y", "z");
        assertEquals(List.of("q", "y"), second.get(5, TimeUnit.SECONDS).texts());
        assertEquals(List.of("z"), pusher.call("LRANGE", "q", "0", "-1").texts());
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void timesOutWithANullArrayOrANullBulk() {
        assertEquals(Reply.NULL, ferrite.newSession().call("BLPOP", "q", "0.05"));
        assertEquals(new Reply.Bulk(null), ferrite.newSession().call("BLMOVE", "q", "d", "LEFT", "RIGHT", "0.05"));
        assertEquals(Reply.NULL, ferrite.newSession().call("BLMPOP", "0.05", "1", "q", "LEFT"));
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void blmoveChainsWakeTheNextWaiter() throws Exception {
        CompletableFuture<Reply> mover = ferrite.newSession().callAsync("BLMOVE", "a", "b", "LEFT", "RIGHT", "0");
        CompletableFuture<Reply> popper = ferrite.newSession().callAsync("BRPOP", "b", "0");
        pusher.call("RPUSH", "a", "v");
        assertEquals("v", mover.get(5, TimeUnit.SECONDS).text());
        assertEquals(List.of("b", "v"), popper.get(5, TimeUnit.SECONDS).texts());
        assertEquals(0, pusher.call("EXISTS", "a").asLong() + pusher.call("EXISTS", "b").asLong());
    }

    @Test
    void blmpopHonoursCountAndKeyOrder() throws Exception {
        CompletableFuture<Reply> waiter = ferrite.newSession().callAsync("BLMPOP", "0", "2", "x", "y", "RIGHT", "COUNT", "2");
        pusher.call("RPUSH", "y", "1", "2", "3");
        Reply r = waiter.get(5, TimeUnit.SECONDS);
        assertEquals("y", r.elements().get(0).text());
        assertEquals(List.of("3", "2"), r.elements().get(1).texts());
    }

    @Test
    void argumentErrorsComeBeforeWaiting() {
        Session s = ferrite.newSession();
        assertEquals("ERR timeout is negative", s.call("BLPOP", "q", "-1").text());
        assertEquals("ERR timeout is not a float or out of range", s.call("BLPOP", "q", "abc").text());
        assertEquals("ERR numkeys should be greater than 0", s.call("BLMPOP", "0", "0", "q", "LEFT").text());
        assertEquals("ERR syntax error", s.call("BLMOVE", "q", "d", "UP", "LEFT", "0").text());
        pusher.call("SET", "str", "v");
        assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", s.call("BLPOP", "str", "0").text());
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void aWriteOfTheWrongTypeLeavesTheWaiterWaiting() throws Exception {
        CompletableFuture<Reply> waiter = ferrite.newSession().callAsync("BLPOP", "q", "0");
        pusher.call("SET", "q", "string");
        assertFalse(waiter.isDone());
        pusher.call("DEL", "q");
        pusher.call("RPUSH", "q", "ok");
        assertEquals(List.of("q", "ok"), waiter.get(5, TimeUnit.SECONDS).texts());
    }

    @Test
    void closingTheSessionCancelsItsWait() {
        Session s = ferrite.newSession();
        CompletableFuture<Reply> waiter = s.callAsync("BLPOP", "q", "0");
        assertTrue(s.isBlocked());
        s.close();
        assertEquals(0, ferrite.blocking().size());
        pusher.call("RPUSH", "q", "kept");
        assertFalse(waiter.isDone());
        assertEquals(1, pusher.call("LLEN", "q").asLong());
    }

    @Test
    void manyWaitersAndPushersFromManyThreadsLoseNothing() throws Exception {
        int n = 200;
        List<CompletableFuture<Reply>> waiters = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) waiters.add(ferrite.newSession().callAsync("BLPOP", "q", "0"));
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                Session s = ferrite.newSession();
                for (int i = 0; i < n / threads.length; i++) s.call("RPUSH", "q", id + ":" + i);
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        java.util.Set<String> got = new java.util.HashSet<>();
        for (CompletableFuture<Reply> w : waiters) got.add(w.get(10, TimeUnit.SECONDS).elements().get(1).text());
        assertEquals(n, got.size());
        assertEquals(0, pusher.call("EXISTS", "q").asLong());
    }
}
