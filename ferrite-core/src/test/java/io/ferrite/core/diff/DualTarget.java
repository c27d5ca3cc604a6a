package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh embedded Ferrite engine and a fresh connection to the shared redis-server with an emptied keyspace,
 * both speaking the same protocol: runs the same steps on both and collects the replies that differ.
 *
 * <p>Redis is driven in pipelined batches (one write per batch), Ferrite through {@link Session#call}.
 */
public final class DualTarget implements AutoCloseable {
    private final Ferrite ferrite;
    private final Session session;
    private final RespTestClient redis;
    private final int protocol;
    private final List<Mismatch> setupMismatches = new ArrayList<>();
    /** CONFIG values changed on the shared redis-server, restored by close(): name, previous value, ... */
    private final List<String> restore = new ArrayList<>();

    private DualTarget(RedisServerProcess server, int protocol) throws IOException {
        this.protocol = protocol;
        this.ferrite = Ferrite.newBuilder().build();
        this.session = ferrite.newSession();
        try {
            this.redis = server.connect();
        } catch (IOException e) {
            ferrite.close();
            throw e;
        }
        try {
            expectOk(redis.call("FLUSHALL"));
            expectOk(redis.call("SELECT", "0"));
            Reply redisHello = redis.call("HELLO", Integer.toString(protocol));
            if (redisHello.isError()) throw new IllegalStateException("redis-server refused HELLO: " + redisHello);
            byte[][] hello = {bytes("HELLO"), bytes(Integer.toString(protocol))};
            Reply ferriteHello = ferrite.commandTable().lookup("hello") == null ? null : session.call(hello);
            if (ferriteHello == null || ferriteHello.isError()) {
                // Ferrite without HELLO: choose the protocol directly, nothing to compare.
                session.protocol(protocol);
            } else if (!Comparison.KIND.same(redisHello, ferriteHello)) {
                setupMismatches.add(new Mismatch(new Step(0, hello, Comparison.KIND), protocol, redisHello,
                        ferriteHello, null));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens both sides: FLUSHALL, SELECT 0 and HELLO {@code protocol} on Redis; a new engine for Ferrite. */
    public static DualTarget open(RedisServerProcess server, int protocol) {
        try {
            return new DualTarget(server, protocol);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int protocol() { return protocol; }

    /** The engine under test, e.g. to inspect its command table. */
    public Ferrite ferrite() { return ferrite; }

    /**
     * Applies {@code CONFIG SET name value} to both sides (the shared redis-server gets its previous values back on
     * {@link #close}). {@code ferriteOnly} pairs go to Ferrite alone: parameters the older oracle does not have.
     */
    public void configure(List<String> both, List<String> ferriteOnly) {
        try {
            for (int i = 0; i < both.size(); i += 2) {
                Reply old = redis.call("CONFIG", "GET", both.get(i));
                restore.add(both.get(i));
                restore.add(old.elements().get(1).text());
                expectOk(redis.call("CONFIG", "SET", both.get(i), both.get(i + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(both);
        all.addAll(ferriteOnly);
        for (int i = 0; i < all.size(); i += 2) {
            expectOk(session.call("CONFIG", "SET", all.get(i), all.get(i + 1)));
        }
    }

    /** Mismatches met while setting the protocol (HELLO replies of a different kind). */
    public List<Mismatch> setupMismatches() { return setupMismatches; }

    /**
     * Runs {@code steps} on both sides, {@code batch} commands per Redis round trip, and returns the mismatches
     * in order; with {@code stopAtFirst}, stops after the batch holding the first one and returns only it.
     */
    public List<Mismatch> run(List<Step> steps, int batch, boolean stopAtFirst) {
        List<Mismatch> found = new ArrayList<>();
        List<byte[][]> commands = new ArrayList<>(batch);
        for (int from = 0; from < steps.size(); from += batch) {
            List<Step> chunk = steps.subList(from, Math.min(steps.size(), from + batch));
            commands.clear();
            for (Step s : chunk) commands.add(s.argv());
            List<Reply> expected;
            try {
                expected = redis.pipeline(commands);
            } catch (IOException e) {
                throw new UncheckedIOException("redis-server connection failed in the batch starting at "
                        + chunk.get(0).commandLine(), e);
            }
            for (int i = 0; i < chunk.size(); i++) {
                Step step = chunk.get(i);
                Reply want = expected.get(i);
                Mismatch m;
                try {
                    Reply got = session.call(step.argv());
                    m = step.comparison().same(want, got) ? null : new Mismatch(step, protocol, want, got, null);
                } catch (RuntimeException | AssertionError e) {
                    m = new Mismatch(step, protocol, want, null, e);
                }
                if (m != null) {
                    found.add(m);
                    if (stopAtFirst) return found;
                }
            }
        }
        return found;
    }

    private static void expectOk(Reply r) {
        if (!Reply.OK.equals(r)) throw new IllegalStateException("redis-server replied " + r);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        ferrite.close();
        try {
            for (int i = 0; i < restore.size(); i += 2) redis.call("CONFIG", "SET", restore.get(i), restore.get(i + 1));
            redis.close();
        } catch (IOException ignored) {
            // The connection is of no further use either way.
        }
    }
}
