package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pub/sub over the network: frames byte for byte as redis-server 7.0 sends them, real clients, the output limit. */
class PubSubOverNetworkTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    private static long numsub(String channel) {
        try (Jedis j = new Jedis("127.0.0.1", running.server.port())) {
            return j.pubsubNumSub(channel).get(channel);
        }
    }

    private static void awaitSubscribers(String channel, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (numsub(channel) != n) {
            if (System.nanoTime() > deadline) throw new AssertionError(channel + " never reached " + n + " subscribers");
            Thread.sleep(5);
        }
    }

    @Test
    void resp2FramesMatchRedis() throws Exception {
        try (RawClient sub = new RawClient(running.server.port());
             RawClient pub = new RawClient(running.server.port())) {
            sub.send("UNSUBSCRIBE\r\nSUBSCRIBE raw:a raw:b\r\nPSUBSCRIBE raw:p*\r\nGET x\r\nPING\r\nPING hi\r\n");
            String expected = "*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n"
                    + "*3\r\n$9\r\nsubscribe\r\n$5\r\nraw:a\r\n:1\r\n"
                    + "*3\r\n$9\r\nsubscribe\r\n$5\r\nraw:b\r\n:2\r\n"
                    + "*3\r\n$10\r\npsubscribe\r\n$6\r\nraw:p*\r\n:3\r\n"
                    + "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are "
                    + "allowed in this context\r\n"
                    + "*2\r\n$4\r\npong\r\n$0\r\n\r\n"
                    + "*2\r\n$4\r\npong\r\n$2\r\nhi\r\n";
            assertEquals(expected, sub.readLike(expected));
            assertEquals(":1\r\n", pub.call(":1\r\n", "PUBLISH", "raw:a", "m1"));
            assertEquals(":1\r\n", pub.call(":1\r\n", "PUBLISH", "raw:px", "m2"));
            String messages = "*3\r\n$7\r\nmessage\r\n$5\r\nraw:a\r\n$2\r\nm1\r\n"
                    + "*4\r\n$8\r\npmessage\r\n$6\r\nraw:p*\r\n$6\r\nraw:px\r\n$2\r\nm2\r\n";
            assertEquals(messages, sub.readLike(messages));
            sub.send("RESET\r\n");
            assertEquals("+RESET\r\n", sub.readLike("+RESET\r\n"));
            assertEquals(":0\r\n", pub.call(":0\r\n", "PUBLISH", "raw:a", "m3"));
        }
    }

    @Test
    void resp3SubscriberGetsPushFramesAndMayRunCommands() throws Exception {
        try (RawClient sub = new RawClient(running.server.port());
             RawClient pub = new RawClient(running.server.port())) {
            sub.send("HELLO 3\r\nSUBSCRIBE r3\r\n");
            // HELLO's map holds the client id, of varying length: read up to the end of the confirmation.
            String confirm = ">3\r\n$9\r\nsubscribe\r\n$2\r\nr3\r\n:1\r\n";
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().endsWith(confirm)) seen.append((char) sub.read(1)[0]);
            assertEquals(":1\r\n", pub.call(":1\r\n", "PUBLISH", "r3", "hi"));
            String message = ">3\r\n$7\r\nmessage\r\n$2\r\nr3\r\n$2\r\nhi\r\n";
            assertEquals(message, sub.readLike(message));
            sub.send("GET r3:none\r\n");
            assertEquals("_\r\n", sub.readLike("_\r\n"));
        }
    }

    @Test
    void jedisSubscriberReceivesMessages() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                got.add(channel + "=" + message);
                if (message.equals("bye")) unsubscribe();
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                got.add(pattern + ":" + channel + "=" + message);
                punsubscribe();
            }
        };
        Thread t = new Thread(() -> {
            try (Jedis j = new Jedis("127.0.0.1", running.server.port())) {
                j.subscribe(listener, "jedis:ch");
            }
        });
        t.start();
        awaitSubscribers("jedis:ch", 1);
        try (Jedis j = new Jedis("127.0.0.1", running.server.port())) {
            assertEquals(1, j.publish("jedis:ch", "hello"));
            assertEquals(1, j.publish("jedis:ch", "bye"));
        }
        t.join(10_000);
        assertEquals(List.of("jedis:ch=hello", "jedis:ch=bye"), List.copyOf(got));
        assertEquals(0, numsub("jedis:ch"));
    }

    @Test
    void lettuceResp3SubscriberReceivesMessages() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", running.server.port()));
        try (StatefulRedisPubSubConnection<String, String> conn = client.connectPubSub()) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            CountDownLatch subscribed = new CountDownLatch(2);
            conn.addListener(new RedisPubSubAdapter<>() {
                @Override public void message(String channel, String message) { got.add(channel + "=" + message); }
                @Override public void message(String pattern, String channel, String message) {
                    got.add(pattern + ":" + channel + "=" + message);
                }
                @Override public void subscribed(String channel, long count) { subscribed.countDown(); }
                @Override public void psubscribed(String pattern, long count) { subscribed.countDown(); }
            });
            conn.sync().subscribe("lettuce:ch");
            conn.sync().psubscribe("lettuce:*");
            assertTrue(subscribed.await(10, TimeUnit.SECONDS));
            // RESP3 lets the subscribed connection run ordinary commands.
            assertEquals("PONG", conn.sync().ping());
            try (Jedis j = new Jedis("127.0.0.1", running.server.port())) {
                assertEquals(2, j.publish("lettuce:ch", "v"));
            }
            assertEquals("lettuce:ch=v", got.poll(10, TimeUnit.SECONDS));
            assertEquals("lettuce:*:lettuce:ch=v", got.poll(10, TimeUnit.SECONDS));
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @Test
    void subscriberThatNeverReadsIsCutOffAtTheHardLimit() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(1)
                     .pubsubOutputBufferLimit(256 * 1024, 0, Duration.ZERO).build().start();
             Socket idle = new Socket()) {
            idle.setReceiveBufferSize(4096);
            idle.connect(new InetSocketAddress("127.0.0.1", server.port()));
            idle.getOutputStream().write(RawClient.frame("SUBSCRIBE", "flood").getBytes());
            try (Jedis pub = new Jedis("127.0.0.1", server.port())) {
                while (pub.pubsubNumSub("flood").get("flood") == 0) Thread.sleep(5);
                String payload = "x".repeat(16 * 1024);
                long receivers = 1;
                int sent = 0;
                // Kernel buffers take a few megabytes first; after that, 256 KB queued must cut the client off.
                while (receivers > 0 || pub.pubsubNumSub("flood").get("flood") > 0) {
                    receivers = pub.publish("flood", payload);
                    assertTrue(++sent < 2_000, "subscriber still connected after " + sent + " messages");
                }
                assertEquals(0, pub.pubsubNumSub("flood").get("flood"));
                assertEquals(1, server.connectionCount());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
