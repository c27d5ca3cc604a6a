package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RDB files crossing between Ferrite and a real redis-server: a file Ferrite's SAVE writes is loaded by a
 * redis-server started on it, and a file redis-server's SAVE writes is loaded by Ferrite's DEBUG RELOAD NOSAVE;
 * both sides then hold the same keys, types, values and TTLs in every database.
 */
class SnapshotDifferentialTest {
    @TempDir
    Path dir;

    /** Something commands can be sent to: a Ferrite session or a redis-server connection. */
    interface Target {
        Reply call(String... args) throws IOException;
    }

    /** Every type in small and large encodings, expiring keys, several databases. */
    static void populate(Target t) throws IOException {
        call(t, "SELECT", "0");
        call(t, "SET", "string", "hello");
        call(t, "SET", "int", "12345");
        call(t, "SET", "big", "x".repeat(1000) + "y");
        call(t, "SET", "expiring", "soon", "PX", "3600000");
        call(t, "RPUSH", "list", "a", "1", "-5", "300", "70000", "9000000000", "");
        List<String> args = new ArrayList<>(List.of("RPUSH", "biglist"));
        for (int i = 0; i < 2000; i++) args.add("element-" + i);
        call(t, args.toArray(String[]::new));
        call(t, "SADD", "intset", "1", "-2", "300");
        args = new ArrayList<>(List.of("SADD", "bigset"));
        for (int i = 0; i < 600; i++) args.add("member:" + i);
        call(t, args.toArray(String[]::new));
        call(t, "HSET", "hash", "f", "v", "n", "12");
        args = new ArrayList<>(List.of("HSET", "bighash"));
        for (int i = 0; i < 600; i++) {
            args.add("field" + i);
            args.add("value" + i);
        }
        call(t, args.toArray(String[]::new));
        call(t, "ZADD", "zset", "1", "a", "2.5", "b", "-inf", "c", "1e300", "d");
        args = new ArrayList<>(List.of("ZADD", "bigzset"));
        for (int i = 0; i < 300; i++) {
            args.add(Double.toString(i * 1.5));
            args.add("m" + i);
        }
        call(t, args.toArray(String[]::new));
        call(t, "EXPIRE", "bigzset", "7200");
        call(t, "XADD", "stream", "1-1", "f", "v");
        call(t, "XADD", "stream", "2-1", "f", "w", "g", "x");
        call(t, "XADD", "stream", "3-0", "a", "b");
        call(t, "XDEL", "stream", "2-1");
        call(t, "XGROUP", "CREATE", "stream", "grp", "0");
        call(t, "XREADGROUP", "GROUP", "grp", "alice", "COUNT", "1", "STREAMS", "stream", ">");
        call(t, "SELECT", "3");
        call(t, "SET", "in-db-3", "three");
        call(t, "HSET", "h3", "a", "b");
        call(t, "SELECT", "9");
        call(t, "SADD", "s9", "x", "y");
        call(t, "PEXPIRE", "s9", "9000000");
        call(t, "SELECT", "0");
        call(t, "FUNCTION", "LOAD", "#!lua name=lib\nredis.register_function('f', function() return 1 end)");
    }

    private static Reply call(Target t, String... args) throws IOException {
        Reply r = t.call(args);
        if (r instanceof Reply.Error e) throw new AssertionError(String.join(" ", args) + ": " + e.message());
        return r;
    }

    /** Every key of databases 0-15 with its type, its value in a canonical form, and whether it has a TTL. */
    static Map<String, String> contents(Target t) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (int db = 0; db < 16; db++) {
            call(t, "SELECT", Integer.toString(db));
            out.put(db + " dbsize", call(t, "DBSIZE").toString());
            for (Reply k : ((Reply.Aggregate) call(t, "KEYS", "*")).elements()) {
                String key = k.text();
                String type = call(t, "TYPE", key).text();
                String value = switch (type) {
                    case "string" -> call(t, "GET", key).toString();
                    case "list" -> call(t, "LRANGE", key, "0", "-1").toString();
                    case "set" -> call(t, "SORT", key, "ALPHA").toString();
                    case "hash" -> sortedPairs(call(t, "HGETALL", key));
                    case "zset" -> call(t, "ZRANGE", key, "0", "-1", "WITHSCORES").toString();
                    case "stream" -> call(t, "XRANGE", key, "-", "+") + " " + call(t, "XINFO", "STREAM", key)
                            + " " + call(t, "XPENDING", key, "grp");
                    default -> throw new AssertionError(type);
                };
                long pttl = ((Reply.Int) call(t, "PTTL", key)).value();
                String ttl = pttl < 0 ? Long.toString(pttl) : "~" + Math.round(pttl / 60_000.0) + "min";
                out.put(db + " " + key, type + " " + ttl + " " + value);
            }
        }
        call(t, "SELECT", "0");
        out.put("functions", call(t, "FUNCTION", "LIST", "WITHCODE").toString());
        return out;
    }

    private static String sortedPairs(Reply r) {
        List<Reply> e = ((Reply.Aggregate) r).elements();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < e.size(); i += 2) pairs.add(e.get(i) + "=" + e.get(i + 1));
        pairs.sort(null);
        return pairs.toString();
    }

    private static Ferrite ferrite(Path dir) {
        return Ferrite.newBuilder().config("dir", dir.toString()).config("dbfilename", "ferrite.rdb").build();
    }

    @Test
    void redisLoadsWhatFerriteSaves() throws Exception {
        RedisServerProcess.shared();
        Map<String, String> expected;
        try (Ferrite engine = ferrite(dir)) {
            Session s = engine.newSession();
            populate(s::call);
            assertEquals("OK", s.call("SAVE").toString());
            expected = contents(s::call);
        }
        assertTrue(Files.exists(dir.resolve("ferrite.rdb")));
        try (Redis redis = Redis.start(dir, "ferrite.rdb"); RespTestClient c = redis.connect()) {
            assertEquals(expected, contents(c::call));
        }
    }

    @Test
    void ferriteLoadsWhatRedisSaves() throws Exception {
        RedisServerProcess.shared();
        Map<String, String> expected;
        try (Redis redis = Redis.start(dir, "redis.rdb"); RespTestClient c = redis.connect()) {
            populate(c::call);
            assertEquals("OK", c.call("SAVE").toString());
            expected = contents(c::call);
        }
        Files.copy(dir.resolve("redis.rdb"), dir.resolve("ferrite.rdb"), StandardCopyOption.REPLACE_EXISTING);
        try (Ferrite engine = ferrite(dir)) {
            Session s = engine.newSession();
            s.call("SET", "dropped", "by the reload");
            assertEquals("OK", s.call("DEBUG", "RELOAD", "NOSAVE").toString());
            assertEquals(expected, contents(s::call));
            // And a round trip through Ferrite's own file.
            assertEquals("OK", s.call("DEBUG", "RELOAD").toString());
            assertEquals(expected, contents(s::call));
        }
    }

    /** A redis-server of this test's own, started on an RDB file. */
    static final class Redis implements AutoCloseable {
        private final Process process;
        private final int port;

        private Redis(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Redis start(Path dir, String file) throws IOException, InterruptedException {
            int port;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--dbfilename", file)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis-" + port + ".log")));
                }
                try (RespTestClient c = new RespTestClient("127.0.0.1", port)) {
                    if ("PONG".equals(c.call("PING").text())) return new Redis(p, port);
                } catch (IOException e) {
                    // not listening yet, or still loading
                }
                Thread.sleep(20);
            }
            p.destroyForcibly();
            throw new IOException("redis-server did not start on " + dir + File.separator + file);
        }

        RespTestClient connect() throws IOException {
            return new RespTestClient("127.0.0.1", port);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
