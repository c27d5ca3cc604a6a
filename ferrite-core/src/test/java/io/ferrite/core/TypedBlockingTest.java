package io.ferrite.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The typed API's blocking commands: served at once, by another thread's write, on timeout, and under load. */
class TypedBlockingTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final Ferrite ferrite = Ferrite.newBuilder().build();
    private final FerriteCommands<String, String> redis = ferrite.connect();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        pool.shutdownNow();
        ferrite.close();
    }

    /** Waits (bounded) until {@code n} commands are parked, so that a write is known to come after them. */
    private void awaitParked(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ferrite.blocking().size() != n) {
            if (System.nanoTime() > deadline) fail("expected " + n + " parked commands, got " + ferrite.blocking().size());
            Thread.onSpinWait();
        }
    }

    @Test
    void dataPresentIsServedAtOnce() {
        redis.rpush("q", "a", "b", "c");
        assertEquals(new KeyValue<>("q", "a"), redis.blpop(0, "none", "q"));
        assertEquals(new KeyValue<>("q", "c"), redis.brpop(1.5, "q"));
        assertEquals("b", redis.blmove("q", "d", LMoveArgs.Builder.leftRight(), 0));
        assertEquals("b", redis.brpoplpush(0, "d", "e"));
        assertEquals(List.of("b"), redis.lrange("e", 0, -1));
        redis.zadd("z", 1.5, "lo");
        redis.zadd("z", 7, "hi");
        redis.zadd("z", 3, "mid");
        assertEquals(new KeyValue<>("z", new ScoredValue<>(1.5, "lo")), redis.bzpopmin(0, "z"));
        assertEquals(new KeyValue<>("z", new ScoredValue<>(7.0, "hi")), redis.bzpopmax(0, "none", "z"));
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void lmoveMovesBetweenTheChosenEnds() {
        redis.rpush("src", "1", "2", "3");
        assertEquals("3", redis.lmove("src", "dst", LMoveArgs.Builder.rightLeft()));
        assertEquals("1", redis.lmove("src", "dst", LMoveArgs.Builder.leftLeft()));
        assertEquals("2", redis.lmove("src", "dst", LMoveArgs.Builder.rightRight()));
        assertEquals(List.of("1", "3", "2"), redis.lrange("dst", 0, -1));
        assertNull(redis.lmove("src", "dst", LMoveArgs.Builder.leftRight()));
    }

    @Test
    void aSynchronousCallIsServedByAnotherThreadsWrite() throws Exception {
        Future<KeyValue<String, String>> list = pool.submit(() -> redis.blpop(0, "q"));
        Future<KeyValue<String, ScoredValue<String>>> zset = pool.submit(() -> redis.bzpopmax(0, "z"));
        Future<String> moved = pool.submit(() -> redis.blmove("m", "out", LMoveArgs.Builder.leftLeft(), 0));
        awaitParked(3);
        redis.rpush("q", "pushed");
        redis.zadd("z", 2, "member");
        redis.rpush("m", "moving");
        assertEquals(new KeyValue<>("q", "pushed"), list.get(10, TimeUnit.SECONDS));
        assertEquals(new KeyValue<>("z", new ScoredValue<>(2.0, "member")), zset.get(10, TimeUnit.SECONDS));
        assertEquals("moving", moved.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("moving"), redis.lrange("out", 0, -1));
    }

    @Test
    void timeoutsReturnNull() {
        assertNull(redis.blpop(0.05, "q"));
        assertNull(redis.brpop(0.05, "q", "r"));
        assertNull(redis.blmove("q", "d", LMoveArgs.Builder.rightLeft(), 0.05));
        assertNull(redis.brpoplpush(0.05, "q", "d"));
        assertNull(redis.bzpopmin(0.05, "z"));
        assertNull(redis.bzpopmax(0.05, "z"));
        assertEquals(0, ferrite.blocking().size());
        assertEquals(0L, redis.dbsize());
    }

    @Test
    void asyncFuturesCompleteWithoutAWaitingThread() throws Exception {
        CompletableFuture<KeyValue<String, String>> first = redis.blpopAsync(0, "q");
        CompletableFuture<KeyValue<String, String>> second = redis.brpopAsync(0, "q");
        CompletableFuture<KeyValue<String, ScoredValue<String>>> min = redis.bzpopminAsync(0, "z");
        CompletableFuture<String> move = redis.brpoplpushAsync(0, "src", "dst");
        CompletableFuture<KeyValue<String, String>> late = redis.blpopAsync(0.05, "never");
        assertFalse(first.isDone() || second.isDone() || min.isDone() || move.isDone());
        assertEquals(5, ferrite.blocking().size(), "each call parked as it was made, on the caller's thread");
        redis.rpush("q", "x", "y");
        assertEquals(new KeyValue<>("q", "x"), first.get(10, TimeUnit.SECONDS), "served first come, first served");
        assertEquals(new KeyValue<>("q", "y"), second.get(10, TimeUnit.SECONDS));
        redis.zadd("z", -1, "neg");
        assertEquals(new KeyValue<>("z", new ScoredValue<>(-1.0, "neg")), min.get(10, TimeUnit.SECONDS));
        redis.rpush("src", "v");
        assertEquals("v", move.get(10, TimeUnit.SECONDS));
        assertNull(late.get(10, TimeUnit.SECONDS));
        CompletableFuture<KeyValue<String, String>> now = redis.blpopAsync(0, "dst");
        assertTrue(now.isDone(), "data present: complete on return");
        assertEquals(new KeyValue<>("dst", "v"), now.get());
    }

    @Test
    void aDependentStageMayCallBackInOnTheServingThread() throws Exception {
        CompletableFuture<String> chained = redis.blpopAsync(0, "q")
                .thenApply(kv -> redis.set("seen", kv.value()) + " " + redis.incr("served"));
        assertEquals(3L, redis.rpush("q", "x", "a", "b"), "the push's own reply survives the stage run inside it");
        assertEquals("OK 1", chained.get(10, TimeUnit.SECONDS));
        assertEquals("x", redis.get("seen"));
        redis.del("q");
        CompletableFuture<KeyValue<String, String>> next = redis.blpopAsync(0, "q2");
        redis.blpopAsync(0, "q").thenAccept(kv -> redis.rpush("q2", kv.value() + "!"));
        redis.rpush("q", "y");
        assertEquals(new KeyValue<>("q2", "y!"), next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void errorsAreThrownOrCompleteTheFutureExceptionally() {
        redis.set("s", "string");
        FerriteException e = assertThrows(FerriteException.class, () -> redis.blpop(0, "s"));
        assertEquals(WRONGTYPE, e.getMessage());
        assertEquals(WRONGTYPE, assertThrows(FerriteException.class, () -> redis.bzpopmin(0, "missing", "s")).getMessage());
        assertEquals("ERR timeout is negative", assertThrows(FerriteException.class, () -> redis.brpop(-1, "q")).getMessage());
        assertEquals("ERR timeout is not a float or out of range",
                assertThrows(FerriteException.class, () -> redis.bzpopmax(Double.NaN, "q")).getMessage());
        ExecutionException async = assertThrows(ExecutionException.class,
                () -> redis.blmoveAsync("s", "d", LMoveArgs.Builder.leftLeft(), 0).get(10, TimeUnit.SECONDS));
        assertEquals(WRONGTYPE, assertInstanceOf(FerriteException.class, async.getCause()).getMessage());
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void cancellingAFutureWithdrawsTheWait() {
        CompletableFuture<KeyValue<String, String>> waiter = redis.blpopAsync(0, "q");
        assertEquals(1, ferrite.blocking().size());
        assertTrue(waiter.cancel(false));
        assertEquals(0, ferrite.blocking().size());
        redis.rpush("q", "kept");
        assertEquals(List.of("kept"), redis.lrange("q", 0, -1));
    }

    @Test
    void anInterruptWithdrawsASynchronousWait() throws Exception {
        Thread caller = new Thread(() -> {
            assertThrows(IllegalStateException.class, () -> redis.bzpopmin(0, "z"));
            assertTrue(Thread.currentThread().isInterrupted());
        });
        caller.start();
        awaitParked(1);
        caller.interrupt();
        caller.join(10_000);
        assertFalse(caller.isAlive());
        assertEquals(0, ferrite.blocking().size());
        redis.zadd("z", 1, "kept");
        assertEquals(1L, redis.zcard("z"));
    }

    @Test
    void aBlockingCallWaitsInTheSelectedDatabase() throws Exception {
        redis.select(1);
        CompletableFuture<KeyValue<String, String>> waiter = redis.blpopAsync(0, "q");
        FerriteCommands<String, String> db0 = ferrite.connect();
        db0.rpush("q", "db0");
        assertFalse(waiter.isDone());
        redis.rpush("q", "db1");
        assertEquals(new KeyValue<>("q", "db1"), waiter.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("db0"), db0.lrange("q", 0, -1));
    }

    @Test
    void binaryKeysAndMembersRoundTrip() {
        FerriteCommands<byte[], byte[]> bin = ferrite.connect(ByteArrayCodec.INSTANCE);
        byte[] key = {0, (byte) 0xff, '\n'};
        byte[] member = {(byte) 0x80, 0};
        bin.zadd(key, 0.1, member);
        KeyValue<byte[], ScoredValue<byte[]>> got = bin.bzpopmin(0, key);
        assertArrayEquals(key, got.key());
        assertArrayEquals(member, got.value().value());
        assertEquals(0.1, got.value().score());
    }

    @Test
    void manyWaitersOnManyThreadsLoseNothing() throws Exception {
        int waiters = 8, perWaiter = 25, pushers = 4;
        int total = waiters * perWaiter;
        List<Future<List<String>>> received = new ArrayList<>();
        for (int w = 0; w < waiters; w++) {
            boolean sync = w % 2 == 0;
            received.add(pool.submit(() -> {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < perWaiter; i++) {
                    KeyValue<String, String> kv = sync
                            ? redis.brpop(10, "q")
                            : redis.blpopAsync(10, "q").get(20, TimeUnit.SECONDS);
                    assertNotNull(kv, "timed out with elements still to come");
                    got.add(kv.value());
                }
                return got;
            }));
        }
        List<Future<?>> pushing = new ArrayList<>();
        for (int p = 0; p < pushers; p++) {
            int id = p;
            pushing.add(pool.submit(() -> {
                for (int i = 0; i < total / pushers; i++) redis.rpush("q", id + ":" + i);
            }));
        }
        for (Future<?> f : pushing) f.get(30, TimeUnit.SECONDS);
        Set<String> all = new HashSet<>();
        int count = 0;
        for (Future<List<String>> f : received) {
            List<String> got = f.get(30, TimeUnit.SECONDS);
            count += got.size();
            all.addAll(got);
        }
        assertEquals(total, count);
        assertEquals(total, all.size(), "every element delivered exactly once");
        assertEquals(0L, redis.llen("q"));
        assertEquals(0, ferrite.blocking().size());
    }
}
