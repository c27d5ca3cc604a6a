package io.ferrite.examples;

import io.ferrite.core.Ferrite;
import io.ferrite.net.FerriteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBlockingQueue;
import org.redisson.api.RBucket;
import org.redisson.api.RCountDownLatch;
import org.redisson.api.RLock;
import org.redisson.api.RMap;
import org.redisson.api.RMapCache;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RSemaphore;
import org.redisson.api.RSet;
import org.redisson.api.RTopic;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ferrite as the test double of an application that uses Redisson: a real RESP server on a free port, Redisson's
 * objects on top — among them its locks, semaphores, latches, rate limiter and expiring map, which are Lua scripts
 * with pub/sub notifications, so this exercises scripting, blocking and pub/sub through a client's own usage.
 */
class RedissonTestDoubleTest {
    private static Ferrite engine;
    private static FerriteServer server;
    private static RedissonClient redisson;

    @BeforeAll
    static void start() throws Exception {
        engine = Ferrite.newBuilder().build();
        server = FerriteServer.newBuilder(engine).port(0).build().start();
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.useSingleServer().setAddress("redis://127.0.0.1:" + server.port())
                .setConnectionMinimumIdleSize(2).setConnectionPoolSize(4)
                .setSubscriptionConnectionMinimumIdleSize(1).setSubscriptionConnectionPoolSize(2);
        redisson = Redisson.create(config);
    }

    @AfterAll
    static void stop() {
        redisson.shutdown(0, 2, TimeUnit.SECONDS);
        server.close();
        engine.close();
    }

    @Test
    void bucketsCountersMapsSetsAndSortedSets() {
        RBucket<String> bucket = redisson.getBucket("rb:bucket");
        bucket.set("v", Duration.ofMinutes(5));
        assertEquals("v", bucket.get());
        assertTrue(bucket.remainTimeToLive() > 0);
        assertTrue(bucket.compareAndSet("v", "w"));
        assertEquals("w", engine.connect().get("rb:bucket"), "the engine sees what the client wrote");

        RAtomicLong counter = redisson.getAtomicLong("rb:counter");
        assertEquals(5, counter.addAndGet(5));
        assertEquals(6, counter.incrementAndGet());

        RMap<String, String> map = redisson.getMap("rb:map");
        map.put("a", "1");
        map.fastPut("b", "2");
        assertEquals("1", map.putIfAbsent("a", "x"));
        assertEquals(Map.of("a", "1", "b", "2"), map.readAllMap());
        assertEquals("2", map.remove("b"));

        RSet<String> set = redisson.getSet("rb:set");
        set.add("x");
        set.addAll(List.of("y", "z"));
        assertEquals(3, set.size());
        assertTrue(set.contains("y"));

        RScoredSortedSet<String> board = redisson.getScoredSortedSet("rb:board");
        board.add(10, "alice");
        board.add(20, "bob");
        board.addScore("alice", 15);
        assertEquals(List.of("bob", "alice"), List.copyOf(board.valueRange(0, -1)));
        assertEquals(Integer.valueOf(1), board.rank("alice"));
    }

    @Test
    void locksAreExclusiveReentrantAndReleased() throws Exception {
        RLock lock = redisson.getLock("rb:lock");
        lock.lock(30, TimeUnit.SECONDS);
        lock.lock(30, TimeUnit.SECONDS);
        assertEquals(2, lock.getHoldCount());
        // Another thread is another owner: it cannot take the lock until both holds are released.
        assertFalse(CompletableFuture.supplyAsync(lock::tryLock).get(10, TimeUnit.SECONDS));
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
            try {
                return lock.tryLock(5, 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        lock.unlock();
        lock.unlock();
        assertTrue(other.get(10, TimeUnit.SECONDS), "the waiter was told of the release and took the lock");
        assertTrue(lock.isLocked());
    }

    @Test
    void semaphoresLatchesAndRateLimits() throws Exception {
        RSemaphore semaphore = redisson.getSemaphore("rb:sem");
        assertTrue(semaphore.trySetPermits(2));
        assertTrue(semaphore.tryAcquire());
        assertTrue(semaphore.tryAcquire());
        assertFalse(semaphore.tryAcquire());
        semaphore.release();
        assertEquals(1, semaphore.availablePermits());

        RCountDownLatch latch = redisson.getCountDownLatch("rb:latch");
        assertTrue(latch.trySetCount(2));
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        latch.countDown();
        latch.countDown();
        assertTrue(waiter.get(10, TimeUnit.SECONDS));

        RRateLimiter limiter = redisson.getRateLimiter("rb:limit");
        assertTrue(limiter.trySetRate(RateType.OVERALL, 3, Duration.ofMinutes(1)));
        int granted = 0;
        for (int i = 0; i < 5; i++) if (limiter.tryAcquire()) granted++;
        assertEquals(3, granted);
    }

    @Test
    void blockingQueuesTopicsAndExpiringMaps() throws Exception {
        RBlockingQueue<String> queue = redisson.getBlockingQueue("rb:queue");
        CompletableFuture<String> taker = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.poll(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queue.offer("job-1");
        assertEquals("job-1", taker.get(10, TimeUnit.SECONDS), "a BLPOP parked on the server was served");
        assertNull(queue.poll(100, TimeUnit.MILLISECONDS));

        RTopic topic = redisson.getTopic("rb:topic");
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch got = new CountDownLatch(2);
        int listener = topic.addListener(String.class, (channel, message) -> {
            received.add(message);
            got.countDown();
        });
        assertEquals(1, topic.publish("hello"));
        topic.publish("world");
        assertTrue(got.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("hello", "world"), received);
        topic.removeListener(listener);

        RMapCache<String, String> cache = redisson.getMapCache("rb:cache");
        cache.put("k", "v", 1, TimeUnit.MINUTES);
        assertEquals("v", cache.get("k"));
        assertTrue(cache.remainTimeToLive("k") > 0);
        cache.put("gone", "v", 1, TimeUnit.MILLISECONDS);
        Thread.sleep(20);
        assertNull(cache.get("gone"), "an entry past its TTL is not returned");
    }
}
