package io.ferrite.bench;

import io.ferrite.core.ByteArrayCodec;
import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;
import org.openjdk.jmh.annotations.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hashes, sets, sorted sets and lists in process, through the typed API ({@code typed*}) and
 * {@code Session.execute} ({@code session*}), beside a {@code ConcurrentHashMap} of maps or key sets ({@code chm*})
 * where Java has a counterpart. {@code size} picks the shape: {@code small} is 100,000 keys of 10 16-byte fields or
 * members (compact encodings: listpack, intset-free listpack sets), {@code large} 10 keys of 100,000 (hash tables,
 * skiplists). Lists stay at 100 elements: each push/pop operation is an LPUSH followed by an LPOP.
 * Run: {@code benchmarks/jmh.sh Collections} (1 and 2 threads, ratios to the map).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class CollectionsBenchmark {
    static final byte[] HSET = ascii("HSET");
    static final byte[] HGET = ascii("HGET");
    static final byte[] SADD = ascii("SADD");
    static final byte[] SISMEMBER = ascii("SISMEMBER");
    static final byte[] ZADD = ascii("ZADD");
    static final byte[] ZSCORE = ascii("ZSCORE");
    static final byte[] ZRANGE = ascii("ZRANGE");
    static final byte[] ZRANK = ascii("ZRANK");
    static final byte[] LRANGE = ascii("LRANGE");
    static final byte[] LPUSH = ascii("LPUSH");
    static final byte[] LPOP = ascii("LPOP");
    static final byte[] ZERO = ascii("0");
    static final byte[] NINE = ascii("9");

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @State(Scope.Benchmark)
    public static class Shape {
        @Param({"small", "large"})
        String size;
        int containers;
        int elements;
        byte[][] hashKeys;
        byte[][] setKeys;
        byte[][] zsetKeys;
        byte[][] listKeys;
        byte[][] members;
        byte[][] scores;
        ByteBuffer[] containerBuffers;
        ByteBuffer[] memberBuffers;

        @Setup
        public void setup() {
            boolean small = size.equals("small");
            containers = small ? 100_000 : 10;
            elements = small ? 10 : 100_000;
            hashKeys = Data.keys(containers, 11);
            setKeys = Data.keys(containers, 12);
            zsetKeys = Data.keys(containers, 13);
            listKeys = Data.keys(containers, 14);
            members = Data.keys(elements, 15);
            scores = new byte[elements][];
            for (int i = 0; i < elements; i++) scores[i] = ascii(Integer.toString(i));
            containerBuffers = Data.buffers(hashKeys);
            memberBuffers = Data.buffers(members);
        }

        int container() {
            return ThreadLocalRandom.current().nextInt(containers);
        }

        int element() {
            return ThreadLocalRandom.current().nextInt(elements);
        }
    }

    @State(Scope.Benchmark)
    public static class Engine {
        Ferrite ferrite;
        FerriteCommands<byte[], byte[]> typed;

        @Setup
        public void setup(Shape s) {
            ferrite = Ferrite.newBuilder().activeExpiry(false).build();
            typed = ferrite.connect(ByteArrayCodec.INSTANCE);
            for (int c = 0; c < s.containers; c++) {
                for (int e = 0; e < s.elements; e++) {
                    typed.hset(s.hashKeys[c], s.members[e], Data.VALUE);
                    typed.sadd(s.setKeys[c], s.members[e]);
                    typed.zadd(s.zsetKeys[c], e, s.members[e]);
                }
                for (int e = 0; e < 100; e++) typed.lpush(s.listKeys[c], Data.VALUE);
            }
        }

        @TearDown
        public void tearDown() {
            ferrite.close();
        }
    }

    @State(Scope.Thread)
    public static class Lane extends CommandLane {
        @Setup
        public void setup(Engine e) {
            session = e.ferrite.newSession();
        }
    }

    @State(Scope.Benchmark)
    public static class Maps {
        final ConcurrentHashMap<ByteBuffer, ConcurrentHashMap<ByteBuffer, byte[]>> hashes = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ByteBuffer, Set<ByteBuffer>> sets = new ConcurrentHashMap<>();

        @Setup
        public void setup(Shape s) {
            for (ByteBuffer c : s.containerBuffers) {
                ConcurrentHashMap<ByteBuffer, byte[]> h = new ConcurrentHashMap<>();
                Set<ByteBuffer> set = ConcurrentHashMap.newKeySet();
                for (ByteBuffer m : s.memberBuffers) {
                    h.put(m, Data.VALUE);
                    set.add(m);
                }
                hashes.put(c, h);
                sets.put(c, set);
            }
        }
    }

    // ---- hashes

    @Benchmark
    public Boolean typedHset(Shape s, Engine e) {
        return e.typed.hset(s.hashKeys[s.container()], s.members[s.element()], Data.VALUE);
    }

    @Benchmark
    public void sessionHset(Shape s, Lane l) {
        l.run(HSET, s.hashKeys[s.container()], s.members[s.element()], Data.VALUE);
    }

    @Benchmark
    public byte[] chmHset(Shape s, Maps m) {
        return m.hashes.get(s.containerBuffers[s.container()]).put(s.memberBuffers[s.element()], Data.VALUE);
    }

    @Benchmark
    public byte[] typedHget(Shape s, Engine e) {
        return e.typed.hget(s.hashKeys[s.container()], s.members[s.element()]);
    }

    @Benchmark
    public void sessionHget(Shape s, Lane l) {
        l.run(HGET, s.hashKeys[s.container()], s.members[s.element()]);
    }

    @Benchmark
    public byte[] chmHget(Shape s, Maps m) {
        return m.hashes.get(s.containerBuffers[s.container()]).get(s.memberBuffers[s.element()]);
    }

    // ---- sets

    @Benchmark
    public Long typedSadd(Shape s, Engine e) {
        return e.typed.sadd(s.setKeys[s.container()], s.members[s.element()]);
    }

    @Benchmark
    public void sessionSadd(Shape s, Lane l) {
        l.run(SADD, s.setKeys[s.container()], s.members[s.element()]);
    }

    @Benchmark
    public boolean chmSadd(Shape s, Maps m) {
        return m.sets.get(s.containerBuffers[s.container()]).add(s.memberBuffers[s.element()]);
    }

    @Benchmark
    public Boolean typedSismember(Shape s, Engine e) {
        return e.typed.sismember(s.setKeys[s.container()], s.members[s.element()]);
    }

    @Benchmark
    public void sessionSismember(Shape s, Lane l) {
        l.run(SISMEMBER, s.setKeys[s.container()], s.members[s.element()]);
    }

    @Benchmark
    public boolean chmSismember(Shape s, Maps m) {
        return m.sets.get(s.containerBuffers[s.container()]).contains(s.memberBuffers[s.element()]);
    }

    // ---- sorted sets (no Java counterpart with ranks)

    @Benchmark
    public Long typedZadd(Shape s, Engine e) {
        int i = s.element();
        return e.typed.zadd(s.zsetKeys[s.container()], i, s.members[i]);
    }

    @Benchmark
    public void sessionZadd(Shape s, Lane l) {
        int i = s.element();
        l.run(ZADD, s.zsetKeys[s.container()], s.scores[i], s.members[i]);
    }

    @Benchmark
    public Double typedZscore(Shape s, Engine e) {
        return e.typed.zscore(s.zsetKeys[s.container()], s.members[s.element()]);
    }

    @Benchmark
    public void sessionZscore(Shape s, Lane l) {
        l.run(ZSCORE, s.zsetKeys[s.container()], s.members[s.element()]);
    }

    @Benchmark
    public List<byte[]> typedZrange10(Shape s, Engine e) {
        return e.typed.zrange(s.zsetKeys[s.container()], 0, 9);
    }

    @Benchmark
    public void sessionZrange10(Shape s, Lane l) {
        l.run(ZRANGE, s.zsetKeys[s.container()], ZERO, NINE);
    }

    @Benchmark
    public Long typedZrank(Shape s, Engine e) {
        return e.typed.zrank(s.zsetKeys[s.container()], s.members[s.element()]);
    }

    @Benchmark
    public void sessionZrank(Shape s, Lane l) {
        l.run(ZRANK, s.zsetKeys[s.container()], s.members[s.element()]);
    }

    // ---- lists: one push and one pop per operation; LRANGE of the first 10

    @Benchmark
    public List<byte[]> typedLrange10(Shape s, Engine e) {
        return e.typed.lrange(s.listKeys[s.container()], 0, 9);
    }

    @Benchmark
    public void sessionLrange10(Shape s, Lane l) {
        l.run(LRANGE, s.listKeys[s.container()], ZERO, NINE);
    }

    @Benchmark
    public byte[] typedLpushLpop(Shape s, Engine e) {
        byte[] key = s.listKeys[s.container()];
        e.typed.lpush(key, Data.VALUE);
        return e.typed.lpop(key);
    }

    @Benchmark
    public void sessionLpushLpop(Shape s, Lane l) {
        byte[] key = s.listKeys[s.container()];
        l.argv[0] = LPUSH;
        l.argv[1] = key;
        l.argv[2] = Data.VALUE;
        l.session.execute(l.argv, 3, l.sink);
        l.argv[0] = LPOP;
        l.session.execute(l.argv, 2, l.sink);
    }
}
