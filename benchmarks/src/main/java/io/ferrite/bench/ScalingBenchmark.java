package io.ferrite.bench;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * GET hits and SET overwrites through {@code Session.execute} as the keyspace grows from 1K to 10M random 16-byte
 * keys (3-byte values): the cost of size is cache and TLB misses, not the algorithm.
 * Run: {@code benchmarks/jmh.sh Scaling} (ratio to the smallest keyspace).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class ScalingBenchmark {
    @Param({"1000", "100000", "1000000", "10000000"})
    int keys;

    Ferrite ferrite;
    byte[][] present;

    @Setup
    public void setup() {
        ferrite = Ferrite.newBuilder().activeExpiry(false).build();
        present = Data.keys(keys, 1);
        Session s = ferrite.newSession();
        DiscardSink sink = new DiscardSink();
        byte[][] argv = {EmbeddedBenchmark.SET, null, Data.VALUE};
        for (byte[] k : present) {
            argv[1] = k;
            s.execute(argv, 3, sink);
        }
    }

    @TearDown
    public void tearDown() {
        ferrite.close();
    }

    @State(Scope.Thread)
    public static class Lane extends CommandLane {
        @Setup
        public void setup(ScalingBenchmark b) {
            session = b.ferrite.newSession();
        }
    }

    @Benchmark
    public void get(Lane l) {
        l.argv[0] = EmbeddedBenchmark.GET;
        l.argv[1] = present[ThreadLocalRandom.current().nextInt(keys)];
        l.session.execute(l.argv, 2, l.sink);
    }

    @Benchmark
    public void set(Lane l) {
        l.argv[0] = EmbeddedBenchmark.SET;
        l.argv[1] = present[ThreadLocalRandom.current().nextInt(keys)];
        l.argv[2] = Data.VALUE;
        l.session.execute(l.argv, 3, l.sink);
    }
}
