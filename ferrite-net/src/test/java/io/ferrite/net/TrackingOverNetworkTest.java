package io.ferrite.net;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client-side caching over the network: invalidation frames byte for byte as redis-server 7.0 sends them; Lettuce. */
class TrackingOverNetworkTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    private static final String INVALIDATE_K = ">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n";

    private static RawClient resp3() throws Exception {
        RawClient c = new RawClient(running.server.port());
        c.send(RawClient.frame("HELLO", "3"));
        // The HELLO map ends with the modules entry: read up to it.
        String tail = "$7\r\nmodules\r\n*0\r\n";
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().endsWith(tail)) seen.append(c.readLike("x"));
        return c;
    }

    private static long id(RawClient c) throws Exception {
        c.send(RawClient.frame("CLIENT", "ID"));
        StringBuilder line = new StringBuilder();
        while (!line.toString().endsWith("\r\n")) line.append(c.readLike("x"));
        return Long.parseLong(line.substring(1, line.length() - 2));
    }

    @Test
    void resp3PushesMatchRedis() throws Exception {
        try (RawClient reader = resp3(); RawClient writer = new RawClient(running.server.port())) {
            assertEquals("+OK\r\n", reader.call("+OK\r\n", "CLIENT", "TRACKING", "ON"));
            assertEquals("+OK\r\n", writer.call("+OK\r\n", "SET", "k", "1"));
            assertEquals("$1\r\n1\r\n", reader.call("$1\r\n1\r\n", "GET", "k"));
            assertEquals("+OK\r\n", writer.call("+OK\r\n", "SET", "k", "2"));
            assertEquals(INVALIDATE_K, reader.readLike(INVALIDATE_K));
            // Its own write: the reply first, then the invalidation, as Redis orders them.
            assertEquals("$1\r\n2\r\n", reader.call("$1\r\n2\r\n", "GET", "k"));
            assertEquals("+OK\r\n" + INVALIDATE_K, reader.call("+OK\r\n" + INVALIDATE_K, "SET", "k", "3"));
            assertEquals("+OK\r\n", writer.call("+OK\r\n", "FLUSHALL"));
            String flushed = ">2\r\n$10\r\ninvalidate\r\n_\r\n";
            assertEquals(flushed, reader.readLike(flushed));
        }
    }

    @Test
    void resp2RedirectToASubscriberAndItsLoss() throws Exception {
        try (RawClient subscriber = new RawClient(running.server.port());
             RawClient tracker = new RawClient(running.server.port());
             RawClient resp3Tracker = resp3();
             RawClient writer = new RawClient(running.server.port())) {
            long subscriberId = id(subscriber);
            String subscribed = "*3\r\n$9\r\nsubscribe\r\n$20\r\n__redis__:invalidate\r\n:1\r\n";
            assertEquals(subscribed, subscriber.call(subscribed, "SUBSCRIBE", "__redis__:invalidate"));
            String id = Long.toString(subscriberId);
            assertEquals("+OK\r\n", tracker.call("+OK\r\n", "CLIENT", "TRACKING", "ON", "REDIRECT", id));
            assertEquals("+OK\r\n", resp3Tracker.call("+OK\r\n", "CLIENT", "TRACKING", "ON", "REDIRECT", id));
            assertEquals("$-1\r\n", tracker.call("$-1\r\n", "GET", "k"));
            assertEquals("_\r\n", resp3Tracker.call("_\r\n", "GET", "other"));
            assertEquals("+OK\r\n", writer.call("+OK\r\n", "SET", "k", "1"));
            String message = "*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$1\r\nk\r\n";
            assertEquals(message, subscriber.readLike(message));

            subscriber.close();
            awaitGone(subscriberId);
            assertEquals("+OK\r\n", writer.call("+OK\r\n", "SET", "other", "1"));
            String broken = ">2\r\n$21\r\ntracking-redir-broken\r\n:" + id + "\r\n";
            assertEquals(broken, resp3Tracker.readLike(broken));
        }
    }

    private static void awaitGone(long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running.engine.clients().get(id) != null) {
            if (System.nanoTime() > deadline) throw new AssertionError("client " + id + " never went");
            Thread.sleep(5);
        }
    }

    @Test
    void lettuceClientSideCachingDropsInvalidatedEntries() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", running.server.port()));
        try (Jedis other = new Jedis("127.0.0.1", running.server.port())) {
            StatefulRedisConnection<String, String> connection = client.connect();
            other.set("cached", "v1");
            Map<String, String> local = new ConcurrentHashMap<>();
            CacheFrontend<String, String> frontend =
                    ClientSideCaching.enable(CacheAccessor.forMap(local), connection, TrackingArgs.Builder.enabled());
            assertEquals("v1", frontend.get("cached"));
            assertEquals("v1", local.get("cached"));
            other.set("cached", "v2");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (local.containsKey("cached")) {
                assertTrue(System.nanoTime() < deadline, "the cached entry was never invalidated");
                Thread.sleep(5);
            }
            assertEquals("v2", frontend.get("cached"));
            frontend.close(); // closes the connection too
        } finally {
            client.shutdown();
        }
    }
}
