package io.ferrite.net;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jedis, Lettuce and redis-cli against a server on an ephemeral port. */
class RealClientsTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Test
    void jedis() {
        try (Jedis j = new Jedis("127.0.0.1", running.server.port())) {
            assertEquals("PONG", j.ping());
            assertEquals("hi", j.echo("hi"));
            assertEquals("OK", j.set("jedis:k", "v"));
            assertEquals("v", j.get("jedis:k"));
            assertNull(j.get("jedis:missing"));
            byte[] binary = {0, 1, 2, (byte) 0xff, '\r', '\n'};
            j.set("jedis:bin".getBytes(StandardCharsets.UTF_8), binary);
            assertArrayEquals(binary, j.get("jedis:bin".getBytes(StandardCharsets.UTF_8)));
            assertEquals(2, j.del("jedis:k", "jedis:bin", "jedis:missing"));
            assertEquals("OK", j.select(1));
            assertEquals(0, j.dbSize());
            j.select(0);
            Exception e = assertThrows(Exception.class, () -> j.select(99));
            assertTrue(e.getMessage().contains("DB index is out of range"), e.getMessage());
            assertEquals("PONG", j.ping(), "the connection survives an error reply");
        }
    }

    @Test
    void jedisPipeline() {
        try (Jedis j = new Jedis("127.0.0.1", running.server.port())) {
            Pipeline p = j.pipelined();
            List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                p.set("jp:" + i, "v" + i);
                gets.add(p.get("jp:" + i));
            }
            p.sync();
            for (int i = 0; i < 5_000; i++) assertEquals("v" + i, gets.get(i).get());
        }
    }

    private static void lettuce(ClientOptions options) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", running.server.port()));
        client.setOptions(options);
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> c = conn.sync();
            assertEquals("PONG", c.ping());
            assertEquals("OK", c.set("lettuce:k", "v"));
            assertEquals("v", c.get("lettuce:k"));
            assertEquals(1L, c.del("lettuce:k"));
            assertNull(c.get("lettuce:k"));
            assertEquals("x", c.echo("x"));
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @Test
    void lettuceWithResp2() {
        lettuce(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
    }

    /**
     * Lettuce's default handshake sends {@code HELLO 3}; against a server without HELLO it falls back to RESP2
     * (as it does with Redis 5), and with HELLO it speaks RESP3. Either way the commands must work.
     */
    @Test
    void lettuceWithDefaultHandshake() {
        lettuce(ClientOptions.create());
    }

    @Test
    void redisCli() throws Exception {
        boolean required = Boolean.getBoolean("ferrite.requireRedis");
        boolean available;
        try {
            available = new ProcessBuilder("redis-cli", "--version").start().waitFor() == 0;
        } catch (java.io.IOException notOnPath) {
            available = false;
        }
        if (required) assertTrue(available, "redis-cli is required");
        Assumptions.assumeTrue(available, "redis-cli not on PATH: skipping");
        assertEquals("OK", cli("SET", "cli:k", "hello world"));
        assertEquals("hello world", cli("GET", "cli:k"));
        assertEquals("PONG", cli("PING"));
        assertEquals("", cli("GET", "cli:missing"));
        assertEquals("ERR unknown command 'NOPE', with args beginning with: 'a'", cli("NOPE", "a"));
    }

    private static String cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(running.server.port())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return out;
    }
}
