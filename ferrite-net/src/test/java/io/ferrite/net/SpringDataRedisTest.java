package io.ferrite.net;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.protocol.ProtocolVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cache.Cache;
import org.springframework.dao.DataAccessException;
import org.springframework.data.annotation.Id;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisHash;
import org.springframework.data.redis.core.RedisKeyValueAdapter;
import org.springframework.data.redis.core.RedisKeyValueTemplate;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.index.Indexed;
import org.springframework.data.redis.core.mapping.RedisMappingContext;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.repository.support.RedisRepositoryFactory;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.repository.CrudRepository;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring Data Redis against a server on an ephemeral port: the templates, the transaction and pipeline callbacks,
 * scripts, the message listener container, the cache manager and a repository, used the way a Spring application
 * uses them. Every scenario runs over Lettuce twice, once as it connects by default (HELLO 3, RESP3) and once
 * speaking RESP2, since Spring turns each protocol's reply shapes into the same Java values.
 *
 * <p>Only the Lettuce driver: Spring Data Redis 4.1's Jedis driver is built on Jedis 7.4, and with the Jedis 7.2
 * this project pins, a read between WATCH and MULTI fails in the client ("Please close pipeline or multi block
 * before calling this method") and leaves the pooled connection out of step with its replies, against
 * redis-server as much as against Ferrite. Spring Data Redis 4.0, built on Jedis 7.0, is in turn built on Lettuce 6
 * and fails with Lettuce 7 (NoSuchMethodError for KEYS).
 */
class SpringDataRedisTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Nested
    class Resp3 extends Scenarios {
        @Override
        LettuceConnectionFactory newFactory(RedisStandaloneConfiguration server) {
            return new LettuceConnectionFactory(server);
        }
    }

    @Nested
    class Resp2 extends Scenarios {
        @Override
        LettuceConnectionFactory newFactory(RedisStandaloneConfiguration server) {
            ClientOptions resp2 = ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build();
            return new LettuceConnectionFactory(server, LettuceClientConfiguration.builder().clientOptions(resp2).build());
        }
    }

    /** A value the JDK serializer writes as binary, to show values round-trip byte for byte. */
    record Point(int x, int y) implements Serializable {
    }

    /** An entity stored as a hash under {@code people:<id>}, with an index set per city. */
    @RedisHash(value = "people", timeToLive = 600)
    record Person(@Id String id, String name, @Indexed String city) {
    }

    interface People extends CrudRepository<Person, String> {
        List<Person> findByCity(String city);
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Scenarios {
        LettuceConnectionFactory factory;
        StringRedisTemplate redis;

        abstract LettuceConnectionFactory newFactory(RedisStandaloneConfiguration server);

        @BeforeAll
        void connect() {
            factory = newFactory(new RedisStandaloneConfiguration("127.0.0.1", running.server.port()));
            // What the application context does for this bean.
            factory.afterPropertiesSet();
            factory.start();
            redis = new StringRedisTemplate(factory);
        }

        @AfterAll
        void disconnect() {
            factory.destroy();
        }

        @BeforeEach
        void flush() {
            redis.execute((RedisCallback<Void>) c -> {
                c.serverCommands().flushAll();
                return null;
            });
        }

        @Test
        void values() {
            var values = redis.opsForValue();
            values.set("greeting", "hello", Duration.ofMinutes(1));
            assertEquals("hello", values.get("greeting"));
            long ttl = redis.getExpire("greeting", TimeUnit.SECONDS);
            assertTrue(ttl > 55 && ttl <= 60, "TTL " + ttl);
            assertNull(values.get("missing"));

            assertEquals(1L, values.increment("hits"));
            assertEquals(11L, values.increment("hits", 10));
            assertEquals(12.5, values.increment("hits", 1.5));
            assertEquals(7L, values.decrement("count", -7));

            assertTrue(values.setIfAbsent("lock", "me", Duration.ofSeconds(30)));
            assertFalse(values.setIfAbsent("lock", "you", Duration.ofSeconds(30)));
            assertEquals("me", values.get("lock"));
            assertFalse(values.setIfPresent("absent", "x"));
            assertEquals("me", values.getAndSet("lock", "them"));
            assertEquals(List.of("them", "12.5"), values.multiGet(List.of("lock", "hits")));
            assertEquals(10, values.append("greeting", "!!!!!"));
            assertEquals("ell", values.get("greeting", 1, 3));

            // A RedisTemplate with the JDK serializer stores arbitrary binary values.
            RedisTemplate<String, Object> objects = new RedisTemplate<>();
            objects.setConnectionFactory(factory);
            objects.setKeySerializer(RedisSerializer.string());
            objects.afterPropertiesSet();
            objects.opsForValue().set("point", new Point(3, -4));
            assertEquals(new Point(3, -4), objects.opsForValue().get("point"));
        }

        @Test
        void hashes() {
            var hash = redis.<String, String>opsForHash();
            hash.put("user:1", "name", "Ada");
            hash.putAll("user:1", Map.of("lang", "en", "visits", "1"));
            assertEquals("Ada", hash.get("user:1", "name"));
            assertEquals(Map.of("name", "Ada", "lang", "en", "visits", "1"), hash.entries("user:1"));
            assertEquals(3L, hash.increment("user:1", "visits", 2));
            assertTrue(hash.hasKey("user:1", "lang"));
            assertFalse(hash.putIfAbsent("user:1", "name", "Bob"));
            assertEquals(List.of("Ada", "3"), hash.multiGet("user:1", List.of("name", "visits")));
            assertEquals(1L, hash.delete("user:1", "lang", "nope"));
            assertEquals(2L, hash.size("user:1"));
            assertEquals(Set.of("name", "visits"), hash.keys("user:1"));
        }

        @Test
        void lists() throws Exception {
            var list = redis.opsForList();
            assertEquals(3L, list.rightPushAll("queue", "a", "b", "c"));
            assertEquals(4L, list.leftPush("queue", "z"));
            assertEquals(List.of("z", "a", "b", "c"), list.range("queue", 0, -1));
            assertEquals("b", list.index("queue", 2));
            assertEquals("z", list.leftPop("queue"));
            assertEquals("c", list.rightPop("queue"));
            list.trim("queue", 0, 0);
            assertEquals(List.of("a"), list.range("queue", 0, -1));
            assertEquals("a", list.rightPopAndLeftPush("queue", "done"));
            assertEquals(0L, list.size("queue"));

            // A blocking pop waits on the server until another connection pushes.
            CompletableFuture<String> taker = CompletableFuture.supplyAsync(() -> list.leftPop("jobs", Duration.ofSeconds(10)));
            awaitBlockedClients(1);
            redis.opsForList().rightPush("jobs", "job-1");
            assertEquals("job-1", taker.get(10, TimeUnit.SECONDS));
            // And answers null when its timeout passes with nothing pushed (Spring sends whole seconds: BLPOP jobs 1).
            assertNull(list.leftPop("jobs", Duration.ofSeconds(1)));
        }

        @Test
        void sets() {
            var sets = redis.opsForSet();
            assertEquals(3L, sets.add("a", "x", "y", "z"));
            assertEquals(2L, sets.add("b", "y", "z"));
            assertEquals(Set.of("x", "y", "z"), sets.members("a"));
            assertTrue(sets.isMember("a", "x"));
            assertFalse(sets.isMember("b", "x"));
            assertEquals(Set.of("y", "z"), sets.intersect("a", "b"));
            assertEquals(Set.of("x"), sets.difference("a", "b"));
            assertEquals(Set.of("x", "y", "z"), sets.union("a", List.of("b")));
            assertEquals(1L, sets.remove("a", "x", "nope"));
            assertEquals(2L, sets.size("a"));
            assertTrue(Set.of("y", "z").contains(sets.pop("b")));
        }

        @Test
        void sortedSets() {
            var zset = redis.opsForZSet();
            assertTrue(zset.add("board", "alice", 10));
            assertTrue(zset.add("board", "bob", 20));
            assertEquals(1L, zset.add("board", Set.of(TypedTuple.of("carol", 15.0))));
            assertEquals(25.5, zset.incrementScore("board", "alice", 15.5));

            List<String> members = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (TypedTuple<String> t : zset.rangeWithScores("board", 0, -1)) {
                members.add(t.getValue());
                scores.add(t.getScore());
            }
            assertEquals(List.of("carol", "bob", "alice"), members);
            assertEquals(List.of(15.0, 20.0, 25.5), scores);

            assertEquals(List.of("alice", "bob"), List.copyOf(zset.reverseRange("board", 0, 1)));
            assertEquals(List.of("carol", "bob"), List.copyOf(zset.rangeByScore("board", 15, 20)));
            assertEquals(2L, zset.rank("board", "alice"));
            assertEquals(20.0, zset.score("board", "bob"));
            assertNull(zset.score("board", "nobody"));
            assertEquals(2L, zset.count("board", 16, 30));
            assertEquals(3L, zset.zCard("board"));
            TypedTuple<String> lowest = zset.popMin("board");
            assertEquals("carol", lowest.getValue());
            assertEquals(15.0, lowest.getScore());
        }

        @Test
        void keys() {
            redis.opsForValue().set("k", "v");
            assertTrue(redis.hasKey("k"));
            assertEquals(-1L, redis.getExpire("k"), "no TTL yet");
            assertTrue(redis.expire("k", Duration.ofSeconds(100)));
            long ttl = redis.getExpire("k", TimeUnit.MILLISECONDS);
            assertTrue(ttl > 95_000 && ttl <= 100_000, "PTTL " + ttl);
            assertTrue(redis.persist("k"));
            assertEquals(-1L, redis.getExpire("k"));
            assertEquals(-2L, redis.getExpire("missing"), "no such key");
            assertFalse(redis.expire("missing", Duration.ofSeconds(1)));

            redis.opsForList().leftPush("l", "x");
            assertEquals(DataType.STRING, redis.type("k"));
            assertEquals(DataType.LIST, redis.type("l"));
            assertEquals(DataType.NONE, redis.type("missing"));
            redis.rename("k", "k2");
            assertFalse(redis.hasKey("k"));
            assertEquals(Set.of("k2"), redis.keys("k*"));
            assertEquals(2L, redis.countExistingKeys(List.of("k2", "l", "missing")));
            assertTrue(redis.delete("k2"));
            assertFalse(redis.delete("k2"));
            assertEquals(1L, redis.delete(List.of("l", "missing")));
            assertFalse(redis.hasKey("l"));
        }

        @Test
        void scan() {
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 150; i++) {
                redis.opsForValue().set("scan:" + i, "v");
                expected.add("scan:" + i);
            }
            redis.opsForValue().set("other", "v");
            redis.opsForHash().put("scan:hash", "f", "v");
            redis.opsForHash().put("scan:hash", "g", "w");

            // Several cursor round trips: COUNT is far below the number of keys.
            Set<String> seen = new HashSet<>();
            try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match("scan:*").count(20).type(DataType.STRING).build())) {
                cursor.forEachRemaining(seen::add);
            }
            assertEquals(expected, seen);

            Map<Object, Object> fields = new LinkedHashMap<>();
            try (Cursor<Map.Entry<Object, Object>> cursor = redis.opsForHash().scan("scan:hash", ScanOptions.scanOptions().match("f*").build())) {
                cursor.forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            }
            assertEquals(Map.of("f", "v"), fields);
        }

        @Test
        void transactionCommitsQueuedCommands() {
            List<Object> results = redis.execute(new SessionCallback<>() {
                @Override
                public <K, V> List<Object> execute(RedisOperations<K, V> session) throws DataAccessException {
                    RedisOperations<String, String> operations = strings(session);
                    operations.multi();
                    operations.opsForValue().set("tx:a", "1");
                    operations.opsForValue().increment("tx:a");
                    operations.opsForList().rightPush("tx:l", "x");
                    operations.opsForValue().get("tx:a");
                    return operations.exec();
                }
            });
            assertEquals(List.of(true, 2L, 1L, "2"), results);
            assertEquals("2", redis.opsForValue().get("tx:a"));
        }

        @Test
        void transactionAbortsWhenAWatchedKeyChanges() {
            redis.opsForValue().set("balance", "100");
            List<Object> results = redis.execute(new SessionCallback<>() {
                @Override
                public <K, V> List<Object> execute(RedisOperations<K, V> session) throws DataAccessException {
                    RedisOperations<String, String> operations = strings(session);
                    operations.watch("balance");
                    assertEquals("100", operations.opsForValue().get("balance"));
                    // Another client writes between the read and EXEC: a connection of its own, not this session's.
                    try (var other = factory.getConnection()) {
                        other.stringCommands().set(bytes("balance"), bytes("50"));
                    }
                    operations.multi();
                    operations.opsForValue().set("balance", "90");
                    return operations.exec();
                }
            });
            assertTrue(results.isEmpty(), "an aborted EXEC has no results: " + results);
            assertEquals("50", redis.opsForValue().get("balance"));
        }

        @Test
        void pipeline() {
            List<Object> results = redis.executePipelined((RedisCallback<Object>) c -> {
                for (int i = 0; i < 100; i++) c.stringCommands().set(bytes("p:" + i), bytes("v" + i));
                c.stringCommands().incr(bytes("p:n"));
                c.stringCommands().get(bytes("p:99"));
                c.listCommands().rPush(bytes("p:l"), bytes("a"), bytes("b"));
                c.stringCommands().get(bytes("p:missing"));
                return null;
            });
            assertEquals(104, results.size());
            assertEquals(true, results.get(0));
            assertEquals(List.of(1L, "v99", 2L), results.subList(100, 103));
            assertNull(results.get(103));
            assertEquals("v42", redis.opsForValue().get("p:42"));
        }

        @Test
        void luaScripts() {
            // RedisTemplate tries EVALSHA first and falls back to EVAL on NOSCRIPT; the first run takes that path.
            DefaultRedisScript<Long> incrBy = new DefaultRedisScript<>(
                    "return redis.call('INCRBY', KEYS[1], ARGV[1])", Long.class);
            assertEquals(5L, redis.execute(incrBy, List.of("lua:n"), "5"));
            assertEquals(12L, redis.execute(incrBy, List.of("lua:n"), "7"));

            DefaultRedisScript<Boolean> compareAndSet = new DefaultRedisScript<>(
                    "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0",
                    Boolean.class);
            assertTrue(redis.execute(compareAndSet, List.of("lua:n"), "12", "13"));
            assertFalse(redis.execute(compareAndSet, List.of("lua:n"), "12", "14"));
            assertEquals("13", redis.opsForValue().get("lua:n"));

            @SuppressWarnings({"rawtypes", "unchecked"})
            DefaultRedisScript<List> pair = new DefaultRedisScript<>("return {KEYS[1], ARGV[1]}", List.class);
            assertEquals(List.of("lua:k", "arg"), redis.execute(pair, List.of("lua:k"), "arg"));
        }

        @Test
        void messageListenerContainerReceivesPublishedMessages() throws Exception {
            BlockingQueue<String> news = new LinkedBlockingQueue<>();
            BlockingQueue<String> alerts = new LinkedBlockingQueue<>();
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(factory);
            container.addMessageListener((message, pattern) -> news.add(text(message)), new ChannelTopic("news"));
            container.addMessageListener((message, pattern) -> alerts.add(text(message)), new PatternTopic("alerts:*"));
            container.afterPropertiesSet();
            // start() returns once the SUBSCRIBE and PSUBSCRIBE replies came back, so nothing published below is lost.
            container.start();
            try {
                assertTrue(container.isListening());
                assertEquals(1L, redis.convertAndSend("news", "hello"));
                assertEquals(1L, redis.convertAndSend("alerts:disk", "full"));
                assertEquals(0L, redis.convertAndSend("nobody", "listens"));
                assertEquals("news: hello", news.poll(10, TimeUnit.SECONDS));
                assertEquals("alerts:disk: full", alerts.poll(10, TimeUnit.SECONDS));
            } finally {
                container.destroy();
            }
            assertEquals(List.of(), List.copyOf(news));
            assertEquals(List.of(), List.copyOf(alerts));
        }

        private static String text(Message message) {
            return new String(message.getChannel(), StandardCharsets.UTF_8) + ": "
                    + new String(message.getBody(), StandardCharsets.UTF_8);
        }

        @Test
        void cacheManager() {
            // SCAN rather than the default KEYS for clear(), as production configurations choose. Over Lettuce the
            // cache writes in the background unless told to write immediately; asserting on Redis right after a
            // write needs the immediate mode.
            RedisCacheWriter writer = RedisCacheWriter.create(factory, w -> w.batchStrategy(BatchStrategies.scan(10)).immediateWrites());
            RedisCacheManager manager = RedisCacheManager.builder(writer)
                    .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofMinutes(5)))
                    .build();
            manager.afterPropertiesSet();
            Cache users = manager.getCache("users");
            assertNotNull(users);

            assertNull(users.get("42"));
            users.put("42", "alice");
            Cache.ValueWrapper hit = users.get("42");
            assertNotNull(hit);
            assertEquals("alice", hit.get());
            assertTrue(redis.hasKey("users::42"), "Spring's default key prefix");
            long ttl = redis.getExpire("users::42", TimeUnit.SECONDS);
            assertTrue(ttl > 295 && ttl <= 300, "TTL " + ttl);

            assertEquals("loaded", users.get("7", () -> "loaded"));
            assertEquals("loaded", users.get("7", () -> "not called"));
            Cache.ValueWrapper existing = users.putIfAbsent("42", "bob");
            assertNotNull(existing);
            assertEquals("alice", existing.get());

            users.evict("42");
            assertNull(users.get("42"));

            for (int i = 0; i < 30; i++) users.put("bulk" + i, i);
            redis.opsForValue().set("unrelated", "kept");
            users.clear();
            assertEquals(Set.of(), redis.keys("users::*"));
            assertEquals("kept", redis.opsForValue().get("unrelated"));
        }

        @Test
        void repository() throws Exception {
            RedisTemplate<byte[], byte[]> binary = new RedisTemplate<>();
            binary.setConnectionFactory(factory);
            binary.afterPropertiesSet();
            RedisMappingContext mapping = new RedisMappingContext();
            RedisKeyValueAdapter adapter = new RedisKeyValueAdapter(binary, mapping);
            adapter.afterPropertiesSet();
            try {
                People people = new RedisRepositoryFactory(new RedisKeyValueTemplate(adapter, mapping)).getRepository(People.class);
                Person ada = new Person("1", "Ada", "London");
                Person alan = new Person("2", "Alan", "Manchester");
                Person grace = new Person("3", "Grace", "London");
                people.saveAll(List.of(ada, alan, grace));

                assertEquals(Optional.of(ada), people.findById("1"));
                assertEquals(Optional.empty(), people.findById("4"));
                assertEquals(3L, people.count());
                assertEquals(Set.of(ada, grace), Set.copyOf(people.findByCity("London")));
                assertEquals("Ada", redis.opsForHash().get("people:1", "name"));
                assertEquals(Set.of("1", "3"), redis.opsForSet().members("people:city:London"));
                long ttl = redis.getExpire("people:1", TimeUnit.SECONDS);
                assertTrue(ttl > 590 && ttl <= 600, "TTL " + ttl);

                people.deleteById("1");
                assertFalse(redis.hasKey("people:1"));
                assertEquals(List.of(grace), people.findByCity("London"));
                assertEquals(Set.of("3"), redis.opsForSet().members("people:city:London"));
                assertEquals(2L, people.count());
            } finally {
                adapter.destroy();
            }
        }

        /** Waits until the server reports {@code n} clients parked in a blocking command. */
        private void awaitBlockedClients(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                Long blocked = redis.execute((RedisCallback<Long>) c ->
                        Long.valueOf(c.serverCommands().info("clients").getProperty("blocked_clients")));
                if (blocked != null && blocked == n) return;
                if (System.nanoTime() > deadline) throw new AssertionError("blocked_clients never reached " + n);
                Thread.sleep(5);
            }
        }

        /** The session a SessionCallback is handed is the StringRedisTemplate's own, bound to one connection. */
        @SuppressWarnings("unchecked")
        private static RedisOperations<String, String> strings(RedisOperations<?, ?> session) {
            return (RedisOperations<String, String>) session;
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
