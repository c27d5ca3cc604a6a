package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;
import io.ferrite.core.SetArgs;
import io.ferrite.core.keyspace.EvictionPolicy;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's examples, kept compiling and true. */
class ReadmeExampleTest {

    @Test
    void embeddedTypedApi() {
        try (Ferrite ferrite = Ferrite.newBuilder().build()) {
            FerriteCommands<String, String> redis = ferrite.connect();
            redis.set("session:42", "alice", SetArgs.Builder.ex(1800));
            redis.incr("visits");
            redis.hset("user:42", "name", "Alice");
            assertEquals("alice", redis.get("session:42"));
            assertEquals(1800L, redis.ttl("session:42"));
            assertEquals(1L, ferrite.newSession().call("ZADD", "board", "10", "alice").asLong());
        }
    }

    @Test
    void boundedCache() {
        try (Ferrite cache = Ferrite.newBuilder().maxMemory("256mb").evictionPolicy(EvictionPolicy.ALLKEYS_LFU).build()) {
            assertEquals(256L << 20, cache.config().maxmemory);
        }
    }

    @Test
    void testDouble() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).build().start()) {
            try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                jedis.set("k", "v");
            }
            assertEquals("v", engine.connect().get("k"));
        }
    }
}
