package io.ferrite.bench;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import io.ferrite.core.resp.BufferPool;
import io.ferrite.core.resp.RespDecoder;
import io.ferrite.core.resp.RespProtocolException;
import io.ferrite.core.resp.RespWriter;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The network path without the socket. {@code decode}: {@link RespDecoder} over a pipeline of {@link #PIPELINE}
 * commands in the mix redis-benchmark's default run sends (GET, SET, INCR, LPUSH, LPOP, SADD, HSET, MSET of
 * 16-byte keys and 3-byte values); {@code write}: {@link RespWriter} encoding the replies those commands get.
 * {@code getHit} and {@code getMiss}: one whole GET as a connection serves it, decode, execute, reply, drain; with
 * {@code -prof gc} its {@code gc.alloc.rate.norm} is the garbage per command. Scores are commands per microsecond;
 * the setup prints the pipeline's bytes per command, for MB/s.
 * Run: {@code benchmarks/jmh.sh Resp} (adds -prof gc).
 */
@State(Scope.Thread) // the buffers are rewound in place, so that the benchmark itself allocates nothing
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RespBenchmark {
    static final int PIPELINE = 1000;
    static final String[] MIX = {"GET", "GET", "GET", "SET", "SET", "INCR", "LPUSH", "LPOP", "SADD", "HSET", "MSET"};

    ByteBuffer pipeline;
    RespDecoder decoder;
    RespWriter writer;
    BufferPool pool;
    Ferrite ferrite;
    Session session;
    ByteBuffer getHit;
    ByteBuffer getMiss;
    final NullChannel sinkChannel = new NullChannel();

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(7);
        byte[][] keys = Data.keys(1000, 21);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < PIPELINE; i++) {
            String cmd = MIX[random.nextInt(MIX.length)];
            byte[] k = keys[random.nextInt(keys.length)];
            switch (cmd) {
                case "GET", "INCR", "LPOP" -> frame(out, ascii(cmd), k);
                case "SET", "LPUSH", "SADD" -> frame(out, ascii(cmd), k, Data.VALUE);
                case "HSET" -> frame(out, ascii(cmd), k, keys[random.nextInt(keys.length)], Data.VALUE);
                default -> frame(out, ascii(cmd), k, Data.VALUE, keys[random.nextInt(keys.length)], Data.VALUE);
            }
        }
        byte[] bytes = out.toByteArray();
        pipeline = ByteBuffer.wrap(bytes); // a heap buffer, as the event loop reads into
        System.out.printf("%nRESP pipeline: %d commands, %d bytes, %.1f bytes/command%n",
                PIPELINE, bytes.length, bytes.length / (double) PIPELINE);
        decoder = new RespDecoder();
        pool = new BufferPool(BufferPool.DEFAULT_CHUNK_SIZE, 4);
        writer = new RespWriter(2, pool);

        ferrite = Ferrite.newBuilder().activeExpiry(false).build();
        session = ferrite.newSession();
        DiscardSink discard = new DiscardSink();
        byte[] key = keys[0];
        session.execute(new byte[][] {ascii("SET"), key, Data.VALUE}, 3, discard);
        getHit = single(ascii("GET"), key);
        getMiss = single(ascii("GET"), Data.keys(1, 99)[0]);
    }

    @TearDown
    public void tearDown() {
        ferrite.close();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void frame(ByteArrayOutputStream out, byte[]... args) {
        out.writeBytes(ascii("*" + args.length + "\r\n"));
        for (byte[] a : args) {
            out.writeBytes(ascii("$" + a.length + "\r\n"));
            out.writeBytes(a);
            out.writeBytes(ascii("\r\n"));
        }
    }

    static ByteBuffer single(byte[]... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, args);
        byte[] b = out.toByteArray();
        return ByteBuffer.wrap(b);
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public void decode(Blackhole bh) throws RespProtocolException {
        ByteBuffer in = pipeline.rewind();
        while (decoder.next(in)) bh.consume(decoder.argv());
    }

    static final byte[] THREE = {'v', 'a', 'l'};

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public long write() throws java.io.IOException {
        for (int i = 0; i < PIPELINE / 10; i++) {
            writer.bulk(THREE);
            writer.bulk(THREE);
            writer.nil();
            writer.simple("OK");
            writer.simple("OK");
            writer.integer(i);
            writer.integer(100_000 + i);
            writer.bulk(THREE);
            writer.integer(1);
            writer.simple("OK");
        }
        return writer.writeTo(sinkChannel);
    }

    @Benchmark
    public long getHit() throws Exception {
        return serve(getHit);
    }

    @Benchmark
    public long getMiss() throws Exception {
        return serve(getMiss);
    }

    private long serve(ByteBuffer frame) throws Exception {
        ByteBuffer in = frame.rewind();
        while (decoder.next(in)) session.execute(decoder.argv(), decoder.argc(), writer);
        return writer.writeTo(sinkChannel);
    }

    /** A channel that takes every byte at once, as an idle socket's send buffer does. */
    static final class NullChannel implements java.nio.channels.GatheringByteChannel {
        @Override public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) n += write(srcs[i]);
            return n;
        }

        @Override public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override public boolean isOpen() {
            return true;
        }

        @Override public void close() {}
    }
}
