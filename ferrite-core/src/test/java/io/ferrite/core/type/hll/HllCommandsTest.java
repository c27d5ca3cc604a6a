package io.ferrite.core.type.hll;

import io.ferrite.core.type.EncodingProbe;

import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.diff.RedisServerProcess;
import io.ferrite.core.diff.RespTestClient;
import io.ferrite.core.keyspace.RawString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the differential corpus does not reach: large cardinalities compared with a real redis-server (estimate and
 * bytes), updates made in place on one buffer, used_memory across the dense conversion, and the typed API.
 */
class HllCommandsTest {
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build();
    private final Session s = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private String call(String... args) {
        return s.call(args).text();
    }

    private Object stored(String key) {
        return EncodingProbe.stored(ferrite, key);
    }

    /** PFADD {@code key} with elements {@code prefix + i} for i in [from, to). */
    private static String[] pfadd(String key, String prefix, int from, int to) {
        String[] argv = new String[to - from + 2];
        argv[0] = "PFADD";
        argv[1] = key;
        for (int i = from; i < to; i++) argv[i - from + 2] = prefix + i;
        return argv;
    }

    @Test
    void hundredThousandElementsCountAsInRedis() throws IOException {
        RedisServerProcess server = RedisServerProcess.shared();
        try (RespTestClient redis = server.connect()) {
            redis.call("DEL", "hll:big", "hll:other", "hll:union");
            int batch = 1000;
            for (int from = 0; from < 100_000; from += batch) {
                String[] argv = pfadd("hll:big", "element:", from, from + batch);
                assertEquals(redis.call(argv).text(), call(argv), "PFADD at " + from);
                if (from % 10_000 == 0 || from < 5 * batch) {
                    assertEquals(redis.call("PFCOUNT", "hll:big").asLong(), s.call("PFCOUNT", "hll:big").asLong(),
                            "PFCOUNT after " + (from + batch) + " elements");
                }
            }
            long count = s.call("PFCOUNT", "hll:big").asLong();
            assertEquals(redis.call("PFCOUNT", "hll:big").asLong(), count);
            assertTrue(Math.abs(count - 100_000) < 100_000 * 0.02, "estimate " + count);
            assertBytesEqual(redis, "hll:big");

            for (int from = 50_000; from < 60_000; from += batch) {
                String[] argv = pfadd("hll:other", "element:", from, from + batch);
                assertEquals(redis.call(argv).text(), call(argv));
            }
            String[] other = pfadd("hll:other", "other:", 0, 500);
            assertEquals(redis.call(other).text(), call(other));
            assertEquals(redis.call("PFCOUNT", "hll:big", "hll:other").asLong(),
                    s.call("PFCOUNT", "hll:big", "hll:other").asLong());
            assertEquals(redis.call("PFMERGE", "hll:union", "hll:other", "hll:big").text(),
                    call("PFMERGE", "hll:union", "hll:other", "hll:big"));
            assertEquals(redis.call("PFCOUNT", "hll:union").asLong(), s.call("PFCOUNT", "hll:union").asLong());
            assertBytesEqual(redis, "hll:union");
            assertBytesEqual(redis, "hll:other");
            redis.call("DEL", "hll:big", "hll:other", "hll:union");
        }
    }

    private void assertBytesEqual(RespTestClient redis, String key) throws IOException {
        byte[] want = ((Reply.Bulk) redis.call("GET", key)).value();
        byte[] got = ((Reply.Bulk) s.call("GET", key)).value();
        assertArrayEquals(want, got, key + " differs from Redis's bytes");
    }

    @Test
    void updatesChangeOneBufferInPlace() {
        call("PFADD", "h", "a");
        Object first = stored("h");
        assertTrue(first instanceof RawString, "PFADD stores a raw string");
        for (int from = 0; from < 3000; from += 100) call(pfadd("h", "e", from, from + 100));
        assertEquals("dense", call("PFDEBUG", "ENCODING", "h"));
        call("PFCOUNT", "h");
        call("PFMERGE", "h");
        assertSame(first, stored("h"), "sparse edits, the dense conversion and the cache write kept the value");
        assertEquals("raw", call("OBJECT", "ENCODING", "h"));
    }

    @Test
    void aStringSetToAnHllBecomesRawOnFirstUse() {
        call("PFADD", "h", "a", "b");
        byte[] bytes = ((Reply.Bulk) s.call("GET", "h")).value();
        s.call("SET".getBytes(StandardCharsets.US_ASCII), "copy".getBytes(StandardCharsets.US_ASCII), bytes);
        assertEquals("embstr", call("OBJECT", "ENCODING", "copy"));
        assertEquals("2", call("PFCOUNT", "copy"));
        assertEquals("raw", call("OBJECT", "ENCODING", "copy"));
        assertEquals(0x80, bytes[15] & 0xff, "PFADD left the cached cardinality stale");
        byte[] cached = ((Reply.Bulk) s.call("GET", "copy")).value();
        assertEquals(2, cached[8]);
        assertEquals(0, cached[15], "PFCOUNT cached the cardinality in the copy's header");
        assertEquals(0x80, ((Reply.Bulk) s.call("GET", "h")).value()[15] & 0xff, "the original is untouched");
    }

    @Test
    void usedMemoryFollowsTheDenseConversion() {
        call("PFADD", "h", "a");
        long sparse = ferrite.keyspace().usedMemory();
        call("PFDEBUG", "TODENSE", "h");
        long dense = ferrite.keyspace().usedMemory();
        assertTrue(dense - sparse >= Hll.DENSE_SIZE - 100, "used_memory grew by " + (dense - sparse));
        call("DEL", "h");
        assertTrue(ferrite.keyspace().usedMemory() < sparse, "deleting gives it back");
    }

    @Test
    void typedApi() {
        FerriteCommands<String, String> redis = ferrite.connect();
        assertEquals(1L, redis.pfadd("a", "x", "y", "z"));
        assertEquals(0L, redis.pfadd("a", "x"));
        assertEquals(1L, redis.pfadd("b", "z", "w"));
        assertEquals(3L, redis.pfcount("a"));
        assertEquals(4L, redis.pfcount("a", "b", "missing"));
        assertEquals("OK", redis.pfmerge("c", "a", "b"));
        assertEquals(4L, redis.pfcount("c"));
        assertEquals("OK", redis.pfmerge("c"));
        assertEquals(0L, redis.pfcount("missing"));
    }

    @Test
    void aValueAboveWhatSparseHoldsConvertsToDense() {
        // Reaching 33 needs a hash with 32 trailing zero bits from PFADD; the format code is driven directly here.
        RawString hll = RawString.owning(Hll.create());
        assertEquals(1, Hll.set(hll, 5, 32, 3000));
        assertEquals(Hll.SPARSE, Hll.encoding(hll.buffer()));
        assertEquals("z:5 v:32,1 Z:16378", Hll.decode(hll.buffer(), hll.length()));
        assertEquals(1, Hll.set(hll, 9, 33, 3000));
        assertEquals(Hll.DENSE, Hll.encoding(hll.buffer()));
        assertEquals(Hll.DENSE_SIZE, hll.length());
        assertEquals(32, Hll.denseGet(hll.buffer(), 5));
        assertEquals(33, Hll.denseGet(hll.buffer(), 9));
        assertEquals(0, Hll.set(hll, 9, 20, 3000));
    }

    @Test
    void registersRoundTripInTheDensePacking() {
        byte[] dense = new byte[Hll.DENSE_SIZE];
        int[] values = new int[Hll.REGISTERS];
        Random random = new Random(7);
        for (int i = 0; i < Hll.REGISTERS; i++) {
            values[i] = random.nextInt(Hll.REGISTER_MAX + 1);
            Hll.densePut(dense, i, values[i]);
        }
        int[] read = new int[Hll.REGISTERS];
        for (int i = 0; i < Hll.REGISTERS; i++) read[i] = Hll.denseGet(dense, i);
        assertEquals(Arrays.toString(values), Arrays.toString(read));
    }
}
