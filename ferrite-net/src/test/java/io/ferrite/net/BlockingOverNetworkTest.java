package io.ferrite.net;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blocking commands over the network: parked connections, FIFO service, timeouts, disconnects, CLIENT UNBLOCK. */
class BlockingOverNetworkTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @BeforeEach
    void flush() {
        running.engine.newSession().call("FLUSHALL");
    }

    private static void awaitBlocked(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running.engine.blocking().size() != n) {
            if (System.nanoTime() > deadline) throw new AssertionError("blocked: " + running.engine.blocking().size() + ", wanted " + n);
            Thread.sleep(2);
        }
    }

    /** Nothing arrives on {@code c} for a while: its command is still parked. */
    private static void assertSilent(RawClient c) throws IOException {
        c.socket.setSoTimeout(150);
        assertThrows(SocketTimeoutException.class, () -> c.socket.getInputStream().read());
        c.socket.setSoTimeout(20_000);
    }

    @Test
    void jedisBlpopIsServedByAPushFromAnotherConnection() throws Exception {
        try (Jedis waiter = new Jedis("127.0.0.1", running.server.port()); Jedis pusher = new Jedis("127.0.0.1", running.server.port())) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> waiter.blpop(0, "jq"));
            awaitBlocked(1);
            assertEquals(1, pusher.lpush("jq", "v"));
            assertEquals(List.of("jq", "v"), popped.get(10, TimeUnit.SECONDS));
            assertEquals(0, pusher.llen("jq"));
            assertEquals("PONG", waiter.ping());
        }
    }

    @Test
    void waitersAreServedFirstComeFirstServed() throws Exception {
        List<RawClient> waiters = new ArrayList<>();
        try (RawClient pusher = new RawClient(running.server.port())) {
            for (int i = 0; i < 3; i++) {
                RawClient c = new RawClient(running.server.port());
                waiters.add(c);
                c.send(RawClient.frame("BRPOP", "fq", "other", "0"));
                awaitBlocked(i + 1);
            }
            assertEquals(":3\r\n", pusher.call(":3\r\n", "RPUSH", "fq", "a", "b", "c"));
            // BRPOP takes from the tail: the oldest waiter gets c.
            assertEquals("*2\r\n$2\r\nfq\r\n$1\r\nc\r\n", waiters.get(0).readLike("*2\r\n$2\r\nfq\r\n$1\r\nc\r\n"));
            assertEquals("*2\r\n$2\r\nfq\r\n$1\r\nb\r\n", waiters.get(1).readLike("*2\r\n$2\r\nfq\r\n$1\r\nb\r\n"));
            assertEquals("*2\r\n$2\r\nfq\r\n$1\r\na\r\n", waiters.get(2).readLike("*2\r\n$2\r\nfq\r\n$1\r\na\r\n"));
            assertEquals(0, running.engine.blocking().size());
        } finally {
            for (RawClient c : waiters) c.close();
        }
    }

    @Test
    void waitForReplicasParksTheConnectionAndItsPipelineUntilTheTimeout() throws Exception {
        try (RawClient c = new RawClient(running.server.port()); RawClient other = new RawClient(running.server.port())) {
            long start = System.nanoTime();
            c.send(RawClient.frame("WAIT", "1", "200") + RawClient.frame("PING"));
            awaitBlocked(1);
            assertEquals("+PONG\r\n", other.call("+PONG\r\n", "PING"), "other connections go on");
            assertEquals(":0\r\n+PONG\r\n", c.readLike(":0\r\n+PONG\r\n"));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200), "answered before its timeout");
            assertEquals(0, running.engine.blocking().size());

            c.send(RawClient.frame("CLIENT", "ID") + RawClient.frame("WAIT", "1", "0"));
            String id = c.readLine().substring(1);
            awaitBlocked(1);
            assertTrue(running.engine.newSession().call("CLIENT", "LIST").text().contains("flags=b"), "listed as blocked");
            assertEquals(":1\r\n", other.call(":1\r\n", "CLIENT", "UNBLOCK", id));
            assertEquals(":0\r\n", c.readLike(":0\r\n"), "CLIENT UNBLOCK answers as the timeout would");
        }
    }

    @Test
    void fractionalTimeoutsAnswerWithEachProtocolsNull() throws Exception {
        try (RawClient c = new RawClient(running.server.port())) {
            long start = System.nanoTime();
            assertEquals("*-1\r\n", c.call("*-1\r\n", "BLPOP", "tq", "0.2"));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
            assertEquals("$-1\r\n", c.call("$-1\r\n", "BLMOVE", "tq", "tq2", "LEFT", "RIGHT", "0.05"));
            assertEquals("$-1\r\n", c.call("$-1\r\n", "BRPOPLPUSH", "tq", "tq2", "0.01"));
            c.send(RawClient.frame("HELLO", "3"));
            c.readLike("%7\r\n");
            c.socket.setSoTimeout(500);
            skipHello(c);
            c.socket.setSoTimeout(20_000);
            assertEquals("_\r\n", c.call("_\r\n", "BLPOP", "tq", "0.05"));
            assertEquals("_\r\n", c.call("_\r\n", "BLMOVE", "tq", "tq2", "LEFT", "RIGHT", "0.05"));
            assertEquals("+PONG\r\n", c.call("+PONG\r\n", "PING"));
        }
    }

    /** Reads the rest of HELLO 3's map (7 entries, the last a modules array). */
    private static void skipHello(RawClient c) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("modules\r\n*0\r\n")) sb.append((char) c.read(1)[0]);
    }

    @Test
    void servedReplyKeepsTheSessionsProtocol() throws Exception {
        try (RawClient c = new RawClient(running.server.port()); RawClient pusher = new RawClient(running.server.port())) {
            c.send(RawClient.frame("HELLO", "3"));
            c.readLike("%7\r\n");
            skipHello(c);
            c.send(RawClient.frame("BLPOP", "pq", "0"));
            awaitBlocked(1);
            pusher.call(":1\r\n", "LPUSH", "pq", "v");
            assertEquals("*2\r\n$2\r\npq\r\n$1\r\nv\r\n", c.readLike("*2\r\n$2\r\npq\r\n$1\r\nv\r\n"));
            c.send(RawClient.frame("BLMOVE", "pq", "dst", "LEFT", "LEFT", "0"));
            awaitBlocked(1);
            pusher.call(":1\r\n", "LPUSH", "pq", "w");
            assertEquals("$1\r\nw\r\n", c.readLike("$1\r\nw\r\n"));
        }
    }

    @Test
    void pipelinedCommandsWaitForTheBlockedOne() throws Exception {
        try (RawClient c = new RawClient(running.server.port()); RawClient pusher = new RawClient(running.server.port())) {
            c.send(RawClient.frame("BLPOP", "pl", "0") + RawClient.frame("PING") + RawClient.frame("LLEN", "pl"));
            awaitBlocked(1);
            assertSilent(c);
            pusher.call(":1\r\n", "RPUSH", "pl", "v");
            String expected = "*2\r\n$2\r\npl\r\n$1\r\nv\r\n+PONG\r\n:0\r\n";
            assertEquals(expected, c.readLike(expected));
        }
    }

    @Test
    void inputArrivingWhileBlockedRunsAfterTheReply() throws Exception {
        try (RawClient c = new RawClient(running.server.port()); RawClient pusher = new RawClient(running.server.port())) {
            c.send(RawClient.frame("BLPOP", "lq", "0"));
            awaitBlocked(1);
            c.send(RawClient.frame("SET", "later", "1") + RawClient.frame("BLPOP", "lq", "0") + RawClient.frame("PING"));
            assertSilent(c);
            assertEquals("0", running.engine.newSession().call("EXISTS", "later").text(), "held commands must not run yet");
            pusher.call(":2\r\n", "RPUSH", "lq", "a", "b");
            String expected = "*2\r\n$2\r\nlq\r\n$1\r\na\r\n+OK\r\n*2\r\n$2\r\nlq\r\n$1\r\nb\r\n+PONG\r\n";
            assertEquals(expected, c.readLike(expected));
        }
    }

    @Test
    void aBlockedClientThatDisconnectsStopsWaiting() throws Exception {
        RawClient c = new RawClient(running.server.port());
        c.send(RawClient.frame("BLPOP", "dq", "0"));
        awaitBlocked(1);
        c.close();
        awaitBlocked(0);
        try (Jedis j = new Jedis("127.0.0.1", running.server.port())) {
            j.rpush("dq", "kept");
            assertEquals(1, j.llen("dq"), "no departed client took the element");
        }
    }

    @Test
    void clientKillCancelsTheWait() throws Exception {
        try (RawClient c = new RawClient(running.server.port()); Jedis admin = new Jedis("127.0.0.1", running.server.port())) {
            c.send(RawClient.frame("CLIENT", "ID"));
            String idLine = c.readLike(":");
            StringBuilder id = new StringBuilder();
            for (char ch; (ch = (char) c.read(1)[0]) != '\r'; ) id.append(ch);
            c.read(1);
            c.send(RawClient.frame("BLPOP", "kq", "0"));
            awaitBlocked(1);
            String list = admin.clientList();
            assertTrue(list.lines().anyMatch(l -> l.startsWith("id=" + id + " ") && l.contains(" flags=b ")), list);
            assertTrue(admin.info("clients").contains("blocked_clients:1\r\n"));
            assertEquals(1, admin.clientKill(new redis.clients.jedis.params.ClientKillParams().id(id.toString())));
            assertEquals("", c.readToEnd());
            awaitBlocked(0);
            assertTrue(admin.info("clients").contains("blocked_clients:0\r\n"));
            assertEquals(":", idLine);
        }
    }

    @Test
    void clientUnblockAnswersAsATimeoutOrWithAnError() throws Exception {
        try (RawClient c = new RawClient(running.server.port()); RawClient admin = new RawClient(running.server.port())) {
            c.send(RawClient.frame("CLIENT", "ID"));
            c.readLike(":");
            StringBuilder id = new StringBuilder();
            for (char ch; (ch = (char) c.read(1)[0]) != '\r'; ) id.append(ch);
            c.read(1);
            c.send(RawClient.frame("BLPOP", "uq", "0") + RawClient.frame("PING"));
            awaitBlocked(1);
            assertEquals(":1\r\n", admin.call(":1\r\n", "CLIENT", "UNBLOCK", id.toString()));
            assertEquals("*-1\r\n+PONG\r\n", c.readLike("*-1\r\n+PONG\r\n"));
            assertEquals(":0\r\n", admin.call(":0\r\n", "CLIENT", "UNBLOCK", id.toString()), "not blocked any more");
            c.send(RawClient.frame("BLMOVE", "uq", "uq2", "LEFT", "LEFT", "0"));
            awaitBlocked(1);
            assertEquals(":1\r\n", admin.call(":1\r\n", "CLIENT", "UNBLOCK", id.toString(), "ERROR"));
            String err = "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n";
            assertEquals(err, c.readLike(err));
            c.send(RawClient.frame("BLPOP", "uq", "0"));
            awaitBlocked(1);
            assertEquals(":1\r\n", admin.call(":1\r\n", "CLIENT", "UNBLOCK", id.toString(), "timeout"));
            assertEquals("*-1\r\n", c.readLike("*-1\r\n"));
            String bad = "-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n";
            assertEquals(bad, admin.call(bad, "CLIENT", "UNBLOCK", id.toString(), "LATER"));
        }
    }

    @Test
    void lettuceBlpopOverResp3() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", running.server.port()));
        try (StatefulRedisConnection<String, String> waiter = client.connect();
             StatefulRedisConnection<String, String> pusher = client.connect()) {
            var future = waiter.async().blpop(5, "lq3");
            awaitBlocked(1);
            pusher.sync().rpush("lq3", "x");
            KeyValue<String, String> kv = future.get(10, TimeUnit.SECONDS);
            assertEquals("lq3", kv.getKey());
            assertEquals("x", kv.getValue());
            assertTrue(waiter.sync().blpop(0.05, "lq3") == null, "timeout is RESP3's null");
            assertEquals("PONG", waiter.sync().ping());
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
