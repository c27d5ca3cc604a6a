package io.ferrite.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The typed API's plumbing: codecs, errors, database selection, threads; with the commands every build has. */
class FerriteCommandsTest {
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build();
    private final FerriteCommands<String, String> redis = ferrite.connect();

    @AfterEach
    void close() {
        ferrite.close();
    }

    @Test
    void setGetDelThroughTheDispatcher() {
        assertEquals("PONG", redis.ping());
        assertEquals("hi", redis.echo("hi"));
        assertNull(redis.get("k"));
        assertEquals("OK", redis.set("k", "v"));
        assertEquals("v", redis.get("k"));
        assertEquals(1L, redis.dbsize());
        assertEquals(1L, redis.del("k", "missing"));
        assertNull(redis.get("k"));
        assertEquals(0L, redis.dbsize());
    }

    @Test
    void seesWhatSessionsWrite() {
        ferrite.newSession().call("SET", "shared", "from-session");
        assertEquals("from-session", redis.get("shared"));
        redis.set("shared", "from-typed");
        assertEquals("from-typed", ferrite.newSession().call("GET", "shared").text());
    }

    @Test
    void utf8KeysAndValues() {
        redis.set("clé", "värde ✓");
        assertEquals("värde ✓", redis.get("clé"));
        assertEquals("värde ✓", ferrite.newSession().call("GET", "clé").text());
    }

    @Test
    void byteArrayCodecIsBinarySafeAndNeverAliasesStoredValues() {
        FerriteCommands<byte[], byte[]> bin = ferrite.connect(ByteArrayCodec.INSTANCE);
        byte[] key = {0, (byte) 0xff, '\r', '\n'};
        byte[] value = {1, 2, 0, (byte) 0x80};
        bin.set(key, value);
        value[0] = 99;
        key[0] = 42;
        byte[] read = bin.get(new byte[] {0, (byte) 0xff, '\r', '\n'});
        assertArrayEquals(new byte[] {1, 2, 0, (byte) 0x80}, read);
        read[1] = 77;
        assertArrayEquals(new byte[] {1, 2, 0, (byte) 0x80}, bin.get(new byte[] {0, (byte) 0xff, '\r', '\n'}));
        assertNull(bin.get(key));
    }

    @Test
    void codecsAreInterchangeable() {
        FerriteCommands<byte[], byte[]> bin = ferrite.connect(ByteArrayCodec.INSTANCE);
        bin.set("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void errorsCarryRedisText() {
        FerriteException e = assertThrows(FerriteException.class, () -> redis.select(16));
        assertEquals("ERR DB index is out of range", e.getMessage());
        assertEquals("ERR", e.code());
        FerriteException negative = assertThrows(FerriteException.class, () -> redis.select(-1));
        assertEquals("ERR DB index is out of range", negative.getMessage());
        assertEquals("PONG", redis.ping(), "the connection is usable after an error");
    }

    @Test
    void nullArgumentsAreRejectedBeforeRunning() {
        assertThrows(NullPointerException.class, () -> redis.set(null, "v"));
        assertThrows(NullPointerException.class, () -> redis.set("k", null));
        assertEquals(0L, redis.dbsize());
    }

    @Test
    void selectAppliesToTheConnectionOnEveryThread() throws Exception {
        redis.set("k", "db0");
        assertEquals("OK", redis.select(5));
        assertNull(redis.get("k"));
        String fromOtherThread = CompletableFuture.supplyAsync(() -> {
            redis.set("k", "db5");
            return redis.get("k");
        }).get();
        assertEquals("db5", fromOtherThread);
        assertEquals("db5", redis.get("k"));
        redis.select(0);
        assertEquals("db0", redis.get("k"));
        FerriteCommands<String, String> other = ferrite.connect();
        assertEquals("db0", other.get("k"), "a new connection starts in database 0");
    }

    @Test
    void failedSelectKeepsTheDatabase() {
        redis.select(3);
        redis.set("k", "three");
        assertThrows(FerriteException.class, () -> redis.select(99));
        assertEquals("three", redis.get("k"));
    }

    @Test
    void manyThreadsNeverSeeEachOthersReplies() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        List<Thread> workers = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    String key = "k:" + id + ":" + i;
                    redis.set(key, key + "=value");
                    String read = redis.get(key);
                    if (!(key + "=value").equals(read)) failures.add(key + " -> " + read);
                    if (i % 2 == 1 && redis.del(key) != 1L) failures.add("del " + key);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) w.join();
        assertEquals(List.of(), List.copyOf(failures));
        assertEquals((long) threads * perThread / 2, redis.dbsize());
    }
}
