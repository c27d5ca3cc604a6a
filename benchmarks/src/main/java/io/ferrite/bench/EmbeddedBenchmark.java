package io.ferrite.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ferrite.core.ByteArrayCodec;
import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;
import org.openjdk.jmh.annotations.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * String commands in process: the typed API ({@code typed*}) and {@code Session.execute} ({@code session*}, the
 * network's path without the socket) beside {@code ConcurrentHashMap} ({@code chm*}) and a bounded Caffeine cache
 * ({@code caffeine*}) holding the same {@code keys} random 16-byte keys with 3-byte values. Misses look up keys of a
 * disjoint random set; INCR and its map counterpart ({@code merge}) count on a second key set of the same size.
 * Each contender loads only its own state, so its figures do not pay for the others' heap.
 * Run: {@code benchmarks/jmh.sh Embedded} (1 and 2 threads, ratios to Caffeine).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class EmbeddedBenchmark {
    static final byte[] GET = ascii("GET");
    static final byte[] SET = ascii("SET");
    static final byte[] INCR = ascii("INCR");

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @State(Scope.Benchmark)
    public static class Keys {
        @Param({"1000000"})
        int keys;
        byte[][] present;
        byte[][] absent;
        byte[][] counters;
        ByteBuffer[] presentBuffers;
        ByteBuffer[] absentBuffers;
        ByteBuffer[] counterBuffers;

        @Setup
        public void setup() {
            present = Data.keys(keys, 1);
            absent = Data.keys(keys, 2);
            counters = Data.keys(keys, 3);
            presentBuffers = Data.buffers(present);
            absentBuffers = Data.buffers(absent);
            counterBuffers = Data.buffers(counters);
        }

        int pick() {
            return ThreadLocalRandom.current().nextInt(keys);
        }
    }

    @State(Scope.Benchmark)
    public static class Engine {
        Ferrite ferrite;
        FerriteCommands<byte[], byte[]> typed;

        @Setup
        public void setup(Keys k) {
            ferrite = Ferrite.newBuilder().activeExpiry(false).build();
            typed = ferrite.connect(ByteArrayCodec.INSTANCE);
            for (byte[] key : k.present) typed.set(key, Data.VALUE);
        }

        @TearDown
        public void tearDown() {
            ferrite.close();
        }
    }

    /** One per benchmark thread. */
    @State(Scope.Thread)
    public static class Lane extends CommandLane {
        @Setup
        public void setup(Engine e) {
            session = e.ferrite.newSession();
        }
    }

    @State(Scope.Benchmark)
    public static class Chm {
        ConcurrentHashMap<ByteBuffer, byte[]> map;
        ConcurrentHashMap<ByteBuffer, Long> counters = new ConcurrentHashMap<>();

        @Setup
        public void setup(Keys k) {
            map = new ConcurrentHashMap<>(k.keys * 2);
            for (ByteBuffer b : k.presentBuffers) map.put(b, Data.VALUE);
        }
    }

    @State(Scope.Benchmark)
    public static class Caff {
        Cache<ByteBuffer, byte[]> cache;
        Cache<ByteBuffer, Long> counters;

        @Setup
        public void setup(Keys k) {
            cache = Caffeine.newBuilder().maximumSize(k.keys * 2L).build();
            counters = Caffeine.newBuilder().maximumSize(k.keys * 2L).build();
            for (ByteBuffer b : k.presentBuffers) cache.put(b, Data.VALUE);
        }
    }

    // ---- GET hit

    @Benchmark
    public byte[] typedGetHit(Keys k, Engine e) {
        return e.typed.get(k.present[k.pick()]);
    }

    @Benchmark
    public void sessionGetHit(Keys k, Lane l) {
        l.run(GET, k.present[k.pick()]);
    }

    @Benchmark
    public byte[] chmGetHit(Keys k, Chm c) {
        return c.map.get(k.presentBuffers[k.pick()]);
    }

    @Benchmark
    public byte[] caffeineGetHit(Keys k, Caff c) {
        return c.cache.getIfPresent(k.presentBuffers[k.pick()]);
    }

    // ---- GET miss

    @Benchmark
    public byte[] typedGetMiss(Keys k, Engine e) {
        return e.typed.get(k.absent[k.pick()]);
    }

    @Benchmark
    public void sessionGetMiss(Keys k, Lane l) {
        l.run(GET, k.absent[k.pick()]);
    }

    @Benchmark
    public byte[] chmGetMiss(Keys k, Chm c) {
        return c.map.get(k.absentBuffers[k.pick()]);
    }

    @Benchmark
    public byte[] caffeineGetMiss(Keys k, Caff c) {
        return c.cache.getIfPresent(k.absentBuffers[k.pick()]);
    }

    // ---- SET (overwrites a present key: the key count stays fixed)

    @Benchmark
    public String typedSet(Keys k, Engine e) {
        return e.typed.set(k.present[k.pick()], Data.VALUE);
    }

    @Benchmark
    public void sessionSet(Keys k, Lane l) {
        l.run(SET, k.present[k.pick()], Data.VALUE);
    }

    @Benchmark
    public byte[] chmSet(Keys k, Chm c) {
        return c.map.put(k.presentBuffers[k.pick()], Data.VALUE);
    }

    @Benchmark
    public void caffeineSet(Keys k, Caff c) {
        c.cache.put(k.presentBuffers[k.pick()], Data.VALUE);
    }

    // ---- INCR

    @Benchmark
    public Long typedIncr(Keys k, Engine e) {
        return e.typed.incr(k.counters[k.pick()]);
    }

    @Benchmark
    public void sessionIncr(Keys k, Lane l) {
        l.run(INCR, k.counters[k.pick()]);
    }

    @Benchmark
    public Long chmIncr(Keys k, Chm c) {
        return c.counters.merge(k.counterBuffers[k.pick()], 1L, Long::sum);
    }

    @Benchmark
    public Long caffeineIncr(Keys k, Caff c) {
        return c.counters.asMap().merge(k.counterBuffers[k.pick()], 1L, Long::sum);
    }
}
