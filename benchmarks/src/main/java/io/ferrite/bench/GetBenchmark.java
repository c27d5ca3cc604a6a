package io.ferrite.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import org.openjdk.jmh.annotations.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * GET hits and misses through the engine ({@code Session.execute}, the path both the network and the embedded
 * API take) beside {@code ConcurrentHashMap.get} and Caffeine's {@code getIfPresent} holding the same 16-byte keys
 * and 3-byte values, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class GetBenchmark {
    @Param({"1000", "1000000"})
    int keys;

    Ferrite ferrite;
    ConcurrentHashMap<ByteBuffer, byte[]> chm;
    Cache<ByteBuffer, byte[]> caffeine;
    byte[][] keyBytes;
    ByteBuffer[] keyBuffers;
    static final byte[] GET = "GET".getBytes(StandardCharsets.US_ASCII);

    static byte[] key(int i) {
        return String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII);
    }

    @Setup
    public void setup() {
        ferrite = Ferrite.newBuilder().build();
        chm = new ConcurrentHashMap<>();
        caffeine = Caffeine.newBuilder().maximumSize(keys * 2L).build();
        keyBytes = new byte[keys][];
        keyBuffers = new ByteBuffer[keys];
        Session s = ferrite.newSession();
        for (int i = 0; i < keys; i++) {
            byte[] k = key(i);
            byte[] v = {'v', 'a', 'l'};
            keyBytes[i] = k;
            keyBuffers[i] = ByteBuffer.wrap(k);
            s.call("SET".getBytes(StandardCharsets.US_ASCII), k, v);
            chm.put(ByteBuffer.wrap(k), v);
            caffeine.put(ByteBuffer.wrap(k), v);
        }
    }

    @TearDown
    public void tearDown() {
        ferrite.close();
    }

    @State(Scope.Thread)
    public static class Caller {
        Session session;
        DiscardSink sink;
        final byte[][] argv = new byte[2][];

        @Setup
        public void setup(GetBenchmark b) {
            session = b.ferrite.newSession();
            sink = new DiscardSink();
            argv[0] = GET;
        }
    }

    @Benchmark
    @Threads(1)
    public void ferriteGetHit(Caller c) {
        c.argv[1] = keyBytes[ThreadLocalRandom.current().nextInt(keys)];
        c.session.execute(c.argv, 2, c.sink);
    }

    @Benchmark
    @Threads(1)
    public byte[] chmGetHit() {
        return chm.get(keyBuffers[ThreadLocalRandom.current().nextInt(keys)]);
    }

    @Benchmark
    @Threads(1)
    public byte[] caffeineGetHit() {
        return caffeine.getIfPresent(keyBuffers[ThreadLocalRandom.current().nextInt(keys)]);
    }

    @Benchmark
    @Threads(2)
    public void ferriteGetHit2(Caller c) {
        ferriteGetHit(c);
    }

    @Benchmark
    @Threads(2)
    public byte[] chmGetHit2() {
        return chmGetHit();
    }

    @Benchmark
    @Threads(2)
    public byte[] caffeineGetHit2() {
        return caffeineGetHit();
    }
}
