package io.ferrite.net;

import io.ferrite.core.Ferrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The standalone server's JIT warm-up ({@code jit-warmup yes}): right after the server is ready, a background thread
 * runs the common commands of every type through a private engine and listener on an ephemeral loopback port, so
 * that the JIT has compiled the request path before clients arrive instead of while they wait (measured: the first
 * seconds of a cold server under redis-benchmark ran at 0.5–0.8x the speed of the same server a minute later).
 *
 * <p>The served server is not touched: its keyspace, statistics, client list and configuration see nothing. The
 * thread ends after {@link #COMMANDS} commands or {@link #BUDGET_NANOS}, whichever comes first (about 3 s of one
 * core; the handlers are compiled by C2 after about 2 s); a failure only ends it early.
 */
final class Warmup implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Warmup.class);
    static final int COMMANDS = 1_500_000;
    static final long BUDGET_NANOS = 3_000_000_000L;
    /**
     * Every eighth round sends its commands one at a time, as a client without a pipeline; the others send four
     * rounds' worth in one pipeline, which is what gets each handler called often enough to be compiled soon.
     */
    private static final int SINGLE_EVERY = 8;
    private static final int PIPELINED_ROUNDS = 4;
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Commands go round several connections, all reopened every so many rounds: clients such as redis-benchmark
     * connect many at a time, and a request path compiled for one connection that never closed is recompiled
     * (after deoptimizing) the first time connections come and go.
     */
    private static final int CONNECTIONS = 4;
    private static final int RECONNECT_EVERY = 64;

    /** What clients send as they connect (redis-benchmark reads the save and appendonly settings; client libraries name themselves). */
    private static final byte[] HANDSHAKE = join(List.of(command("CONFIG", "GET", "save"),
            command("CONFIG", "GET", "appendonly"), command("CLIENT", "SETINFO", "lib-name", "warmup"),
            command("SELECT", "0"), command("INFO", "server")));

    private final int commands;
    private final long budgetNanos;
    private final Duration busyPoll;
    private long sent;

    Warmup(int commands, long budgetNanos, Duration busyPoll) {
        this.commands = commands;
        this.budgetNanos = budgetNanos;
        this.busyPoll = busyPoll;
    }

    /** Starts the warm-up thread; {@code busyPoll} as the served server's, so that the same loop code is compiled. */
    static void start(Duration busyPoll) {
        Thread t = new Thread(new Warmup(COMMANDS, BUDGET_NANOS, busyPoll), "ferrite-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        SocketChannel[] channels = new SocketChannel[CONNECTIONS];
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).bind("127.0.0.1").port(0).loops(1)
                     .busyPoll(busyPoll).build().start()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            ByteBuffer in = ByteBuffer.allocate(256 * 1024);
            for (int round = 0; sent < commands && System.nanoTime() - started < budgetNanos; round++) {
                if (round % RECONNECT_EVERY == 0) {
                    for (int i = 0; i < CONNECTIONS; i++) {
                        if (channels[i] != null) channels[i].close();
                        channels[i] = SocketChannel.open(address);
                        send(channels[i], in, HANDSHAKE, 5);
                    }
                }
                SocketChannel channel = channels[round % CONNECTIONS];
                if (round % SINGLE_EVERY == SINGLE_EVERY - 1) {
                    for (byte[] command : batch(round)) send(channel, in, command, 1);
                } else {
                    List<byte[]> batch = new ArrayList<>();
                    for (int k = 0; k < PIPELINED_ROUNDS; k++) batch.addAll(batch(round * PIPELINED_ROUNDS + k));
                    send(channel, in, join(batch), batch.size());
                }
            }
            log.debug("JIT warm-up: {} commands in {} ms", sent, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.debug("JIT warm-up ended early", e);
        } finally {
            for (SocketChannel c : channels) {
                try {
                    if (c != null) c.close();
                } catch (IOException e) {
                    log.debug("closing a warm-up connection", e);
                }
            }
        }
    }

    /** Commands answered so far. */
    long sent() {
        return sent;
    }

    /** Writes {@code frames} ({@code count} commands) and a PING, and reads until its PONG closes the replies. */
    private void send(SocketChannel channel, ByteBuffer in, byte[] frames, int count) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(frames.length + 14);
        out.put(frames).put(command("PING")).flip();
        while (out.hasRemaining()) channel.write(out);
        byte[] tail = new byte[PONG.length];
        int seen = 0;
        while (seen < PONG.length || !Arrays.equals(tail, PONG)) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) throw new IOException("warm-up connection closed");
            for (int i = 0; i < n; i++) {
                System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                tail[tail.length - 1] = in.get(i);
                seen++;
            }
        }
        sent += count + 1;
    }

    /** One round's commands: strings, lists, hashes, sets and sorted sets, small and large, reads and writes. */
    private List<byte[]> batch(int round) {
        List<byte[]> b = new ArrayList<>();
        int r = round * 7919;
        // Twelve digits, as redis-benchmark's __rand_int__: the decoder's and the tables' paths see lengths like theirs.
        String n = String.format("%012d", r % 10_000);
        String m = String.format("%012d", r % 5_000);
        String small = "s" + (r % 64);
        b.add(command("SET", "key:" + n, "xxx"));
        b.add(command("GET", "key:" + n));
        b.add(command("INCR", "counter:" + (r % 16)));
        b.add(command("MSET", "key:" + n, "yyy", "key:" + m, "zzz"));
        b.add(command("MGET", "key:" + n, "key:" + m, "missing"));
        b.add(command("EXPIRE", "key:" + m, "1000"));
        b.add(command("TTL", "key:" + m));
        b.add(command("EXISTS", "key:" + n));
        b.add(command("LPUSH", "list", "element:" + n));
        b.add(command("RPUSH", "list", "element:" + m));
        b.add(command("LRANGE", "list", "0", "99"));
        b.add(command("LPOP", "list"));
        // Pop half as often as push, so that "list" and "set" grow into their large encodings (quicklist, hashtable).
        if (round % 2 == 0) b.add(command("RPOP", "list"));
        b.add(command("LPUSH", "list:" + small, "a"));
        b.add(command("LPOP", "list:" + small));
        b.add(command("SADD", "set", "element:" + n));
        b.add(command("SISMEMBER", "set", "element:" + m));
        if (round % 2 == 1) b.add(command("SPOP", "set"));
        b.add(command("SADD", "set:" + small, m));
        b.add(command("HSET", "hash", "field:" + n, "xxx"));
        b.add(command("HGET", "hash", "field:" + m));
        b.add(command("HSET", "hash:" + small, "f" + (r % 8), "v"));
        b.add(command("HGETALL", "hash:" + small));
        b.add(command("ZADD", "zset", n, "element:" + m));
        b.add(command("ZSCORE", "zset", "element:" + m));
        b.add(command("ZRANK", "zset", "element:" + m));
        b.add(command("ZRANGE", "zset", "0", "9", "WITHSCORES"));
        b.add(command("ZADD", "zset:" + small, m, "e" + (r % 8)));
        b.add(command("ZINCRBY", "zset:" + small, "1", "e1"));
        b.add(command("DEL", "key:" + n));
        b.add(command("TYPE", "hash"));
        b.add(command("ECHO", n));
        return b;
    }

    private static byte[] join(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) out.writeBytes(f);
        return out.toByteArray();
    }

    private static byte[] command(String... words) {
        StringBuilder sb = new StringBuilder().append('*').append(words.length).append("\r\n");
        for (String w : words) sb.append('$').append(w.length()).append("\r\n").append(w).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
