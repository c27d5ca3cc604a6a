package io.ferrite.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jedis's scripting API (EVAL, EVALSHA, SCRIPT LOAD/EXISTS/FLUSH) against a server on an ephemeral port. */
class ScriptingOverNetworkTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    @Test
    void jedisEvalAndEvalsha() {
        try (Jedis j = new Jedis("127.0.0.1", running.server.port())) {
            j.set("lock", "owner-1");
            assertEquals(0L, j.eval(RELEASE, List.of("lock"), List.of("owner-2")));
            assertEquals(1L, j.eval(RELEASE, List.of("lock"), List.of("owner-1")));
            assertEquals(List.of("a", 2L, List.of("b")), j.eval("return {'a', 2, {'b'}}"));

            String sha = j.scriptLoad("return redis.call('incrby', KEYS[1], ARGV[1])");
            assertEquals(List.of(true, false), j.scriptExists(sha, "0000000000000000000000000000000000000000"));
            assertEquals(5L, j.evalsha(sha, List.of("n"), List.of("5")));
            assertEquals(12L, j.evalsha(sha, List.of("n"), List.of("7")));
            assertEquals("OK", j.scriptFlush());
            assertThrows(JedisNoScriptException.class, () -> j.evalsha(sha, List.of("n"), List.of("1")));

            j.set("s", "text");
            JedisDataException e = assertThrows(JedisDataException.class,
                    () -> j.eval("return redis.call('incr', KEYS[1])", List.of("s"), List.of()));
            assertTrue(e.getMessage().startsWith("ERR value is not an integer or out of range script: "),
                    e.getMessage());
            assertEquals("PONG", j.ping(), "the connection survives a script error");
        }
    }
}
