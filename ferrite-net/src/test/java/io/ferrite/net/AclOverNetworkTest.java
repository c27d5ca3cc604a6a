package io.ferrite.net;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Real clients authenticating as named ACL users, and DELUSER closing their connections. */
class AclOverNetworkTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Test
    void jedisAuthenticatesWithAUsername() {
        try (Jedis admin = new Jedis("127.0.0.1", running.server.port());
             Jedis j = new Jedis("127.0.0.1", running.server.port())) {
            admin.aclSetUser("jedis-user", "on", ">pw", "~app:*", "+@read", "+@write", "-del", "+acl|whoami");
            assertThrows(JedisAccessControlException.class, () -> j.auth("jedis-user", "wrong"));
            assertEquals("OK", j.auth("jedis-user", "pw"));
            assertEquals("jedis-user", j.aclWhoAmI());
            assertEquals("OK", j.set("app:1", "v"));
            JedisDataException key = assertThrows(JedisDataException.class, () -> j.get("other"));
            assertTrue(key.getMessage().startsWith("NOPERM"), key.getMessage());
            JedisDataException cmd = assertThrows(JedisDataException.class, () -> j.del("app:1"));
            assertEquals("NOPERM this user has no permissions to run the 'del' command", cmd.getMessage());
            assertTrue(admin.clientList().contains("user=jedis-user"));

            assertEquals(1, admin.aclDelUser("jedis-user"));
            assertThrows(JedisConnectionException.class, () -> {
                for (int i = 0; i < 50; i++) {
                    j.ping();
                    Thread.sleep(10);
                }
            });
        }
    }

    @Test
    void subscribersOutsideNewChannelRulesAreDisconnected() throws Exception {
        try (Jedis admin = new Jedis("127.0.0.1", running.server.port());
             RawClient inside = new RawClient(running.server.port());
             RawClient outside = new RawClient(running.server.port())) {
            admin.aclSetUser("listener", "on", ">pw", "~*", "&*", "+@all");
            for (RawClient c : List.of(inside, outside)) c.call("+OK\r\n", "AUTH", "listener", "pw");
            inside.call("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n", "SUBSCRIBE", "news");
            outside.call("*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:1\r\n", "PSUBSCRIBE", "n*");
            admin.aclSetUser("listener", "resetchannels", "&news");
            assertEquals("", outside.readToEnd(), "a pattern is allowed only literally");
            inside.call("*2\r\n$4\r\npong\r\n$0\r\n\r\n", "PING");
            admin.aclDelUser("listener");
        }
    }

    @Test
    void lettuceAuthenticatesWithHelloAuth() {
        try (Jedis admin = new Jedis("127.0.0.1", running.server.port())) {
            admin.aclSetUser("lettuce-user", "on", ">secret", "~*", "&*", "+@all", "-flushall");
        }
        RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(running.server.port())
                .withAuthentication("lettuce-user", "secret".toCharArray()).build();
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> c = conn.sync();
            assertEquals("lettuce-user", c.aclWhoami());
            assertEquals("OK", c.set("k", "v"));
            RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, c::flushall);
            assertEquals("NOPERM this user has no permissions to run the 'flushall' command", e.getMessage());
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
