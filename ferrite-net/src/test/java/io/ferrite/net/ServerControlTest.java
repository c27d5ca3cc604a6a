package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.diff.RedisServerProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MONITOR, SHUTDOWN, CLIENT PAUSE over the network, and redis-benchmark against a Ferrite server. */
class ServerControlTest {

    private static String frame(String... words) {
        return RawClient.frame(words);
    }

    private static String readLine(RawClient c) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n")) sb.append((char) (c.read(1)[0] & 0xff));
        return sb.toString();
    }

    /** The commands whose feed MONITOR shows or hides; shown ones include errors from the handler, not rejections. */
    private static final List<String[]> MONITORED = List.of(
            new String[] {"SET", "k", "a b\"\n\u0001\u00ff\\\t\u0007\u0008"},
            new String[] {"SELECT", "2"},
            new String[] {"GET", "x"},
            new String[] {"CLIENT", "LIST"},
            new String[] {"AUTH", "u", "p"},
            new String[] {"HELLO", "2", "AUTH", "u", "p", "SETNAME", "n"},
            new String[] {"CONFIG", "GET", "x"},
            new String[] {"NOPE"},
            new String[] {"GET"},
            new String[] {"BLPOP", "q", "0.01"},
            new String[] {"ECHO", "last"});

    /** Each feed line without its timestamp and client port, which differ between any two runs. */
    private static List<String> monitorFeed(int port) throws IOException {
        try (RawClient monitor = new RawClient(port); RawClient client = new RawClient(port)) {
            assertEquals("+OK\r\n", monitor.call("+OK\r\n", "MONITOR"));
            StringBuilder all = new StringBuilder();
            for (String[] cmd : MONITORED) all.append(frame(cmd));
            client.send(all.toString());
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = readLine(monitor);
                assertTrue(line.matches("\\+\\d+\\.\\d{6} \\[\\d+ 127\\.0\\.0\\.1:\\d+] .*\r\n"), line);
                lines.add(line.substring(line.indexOf('[')).replaceFirst(":\\d+]", ":PORT]"));
            } while (!line.endsWith("\"ECHO\" \"last\"\r\n"));
            return lines;
        }
    }

    @Test
    void monitorFeedIsRedisFeed() throws Exception {
        List<String> ferrite;
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(2).build().start()) {
            ferrite = monitorFeed(server.port());
            assertTrue(ferrite.get(0).equals("[0 127.0.0.1:PORT] \"SET\" \"k\" \"a b\\\"\\n\\x01\\xff\\\\\\t\\a\\b\"\r\n"),
                    ferrite.get(0));
            try (Jedis j = new Jedis("127.0.0.1", server.port())) {
                assertTrue(j.clientList().lines().noneMatch(l -> l.contains("flags=O")), "a closed monitor is gone");
            }
        }
        RedisServerProcess redis = RedisServerProcess.shared();
        assertEquals(monitorFeed(redis.port()), ferrite);
    }

    @Test
    void monitorSeesEveryClientAndShowsInClientList() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(2).build().start();
             RawClient monitor = new RawClient(server.port())) {
            assertEquals("+OK\r\n", monitor.call("+OK\r\n", "MONITOR"));
            for (int i = 0; i < 4; i++) {
                try (Jedis j = new Jedis("127.0.0.1", server.port())) {
                    j.set("m" + i, "v");
                }
            }
            int seen = 0;
            while (seen < 4) {
                String line = readLine(monitor);
                if (line.contains("\"SET\" \"m" + seen + "\" \"v\"")) seen++;
            }
            try (Jedis j = new Jedis("127.0.0.1", server.port())) {
                assertTrue(j.clientList().lines().anyMatch(l -> l.contains(" flags=O ")), j.clientList());
            }
        }
    }

    @Test
    void shutdownValidatesItsOptionsAsRedisDoes() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build()) {
            var s = engine.newSession();
            assertEquals("ERR No shutdown in progress.", s.call("SHUTDOWN", "ABORT").text());
            assertEquals("ERR syntax error", s.call("SHUTDOWN", "NOSAVE", "SAVE").text());
            assertEquals("ERR syntax error", s.call("SHUTDOWN", "NOW", "ABORT").text());
            assertEquals("ERR syntax error", s.call("SHUTDOWN", "LATER").text());
            // Nothing a command may stop: an engine no server exposes belongs to its owner.
            assertEquals("ERR Errors trying to SHUTDOWN. Check logs.", s.call("SHUTDOWN", "NOSAVE").text());
            assertEquals("PONG", s.call("PING").text());
        }
    }

    @Test
    void shutdownStopsTheServerAfterAnsweringWhatWasRead() throws Exception {
        Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "ferrite-no-such-dir-" + ProcessHandle.current().pid());
        try (Ferrite engine = Ferrite.newBuilder().config("dir", nowhere.toString()).build()) {
            FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(2).build().start();
            try (RawClient other = new RawClient(server.port()); RawClient admin = new RawClient(server.port())) {
                assertEquals("+PONG\r\n", other.call("+PONG\r\n", "PING"));
                String failed = "-ERR Errors trying to SHUTDOWN. Check logs.\r\n";
                assertEquals(failed, admin.call(failed, "SHUTDOWN", "SAVE"), "the directory does not exist");
                admin.send(frame("SHUTDOWN", "NOW"));
                assertEquals("", admin.readToEnd(), "SHUTDOWN has no reply: the connection closes");
                assertTrue(server.awaitTermination(Duration.ofSeconds(10)));
                assertTrue(server.isClosed());
                assertEquals("", other.readToEnd());
            }
            assertEquals(0, server.connectionCount());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process launch(int port) throws Exception {
        return launch(port, "--save", "");
    }

    private static Process launch(int port, String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName(), "--port", Integer.toString(port)));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("ready to accept connections")) {
            // Startup lines.
        }
        assertTrue(line != null, "the server did not start");
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // The server's log, not asserted on.
                }
            } catch (IOException closed) {
                // The process ended.
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    @Test
    void serverProcessExitsZeroOnShutdownAndOnSigterm() throws Exception {
        int port = freePort();
        Process p = launch(port);
        try (RawClient c = new RawClient(port)) {
            assertEquals("+PONG\r\n", c.call("+PONG\r\n", "PING"));
            c.send(frame("SHUTDOWN"));
            assertEquals("", c.readToEnd());
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "SHUTDOWN ends the process");
        assertEquals(0, p.exitValue());

        port = freePort();
        Process q = launch(port);
        try (RawClient c = new RawClient(port)) {
            assertEquals("+PONG\r\n", c.call("+PONG\r\n", "PING"));
            q.destroy();
            assertEquals("", c.readToEnd());
        }
        assertTrue(q.waitFor(20, TimeUnit.SECONDS), "SIGTERM ends the process");
        assertEquals(0, q.exitValue());
    }

    @Test
    void dataSavedOnShutdownIsLoadedAtStart(@TempDir Path dir) throws Exception {
        int port = freePort();
        Process p = launch(port, "--dir", dir.toString(), "--save", "");
        try (RawClient c = new RawClient(port)) {
            assertEquals("+OK\r\n", c.call("+OK\r\n", "SET", "k", "v"));
            assertEquals(":2\r\n", c.call(":2\r\n", "RPUSH", "l", "a", "b"));
            c.send(frame("SHUTDOWN", "SAVE"));
            assertEquals("", c.readToEnd());
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertTrue(Files.exists(dir.resolve("dump.rdb")));

        // Save rules set: SIGTERM saves too, as redis-server does.
        port = freePort();
        Process q = launch(port, "--dir", dir.toString(), "--save", "3600 1");
        try (RawClient c = new RawClient(port)) {
            assertEquals("$1\r\nv\r\n", c.call("$1\r\nv\r\n", "GET", "k"));
            assertEquals(":2\r\n", c.call(":2\r\n", "LLEN", "l"));
            assertEquals("+OK\r\n", c.call("+OK\r\n", "SET", "k", "w"));
            q.destroy();
            assertEquals("", c.readToEnd());
        }
        assertTrue(q.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, q.exitValue());

        port = freePort();
        Process r = launch(port, "--dir", dir.toString(), "--save", "");
        try (RawClient c = new RawClient(port)) {
            assertEquals("$1\r\nw\r\n", c.call("$1\r\nw\r\n", "GET", "k"));
            c.send(frame("SHUTDOWN", "NOSAVE"));
            assertEquals("", c.readToEnd());
        }
        assertTrue(r.waitFor(20, TimeUnit.SECONDS));
    }

    private static void assertSilent(RawClient c, int millis) throws IOException {
        c.socket.setSoTimeout(millis);
        try {
            int b = c.socket.getInputStream().read();
            throw new AssertionError("expected no reply yet, got byte " + b);
        } catch (java.net.SocketTimeoutException expected) {
            // Still held.
        } finally {
            c.socket.setSoTimeout(20_000);
        }
    }

    @Test
    void clientPauseHoldsCommandsUntilItEnds() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(2).build().start();
             RawClient admin = new RawClient(server.port()); RawClient c = new RawClient(server.port())) {
            // Taken before the pause starts on the server. The deadline is in whole wall-clock milliseconds and the
            // command's time may lag the wall clock by a millisecond, so the pause may end up to ~2 ms before
            // 400 ms of this monotonic clock have passed; a held command released early would show far more.
            long start = System.nanoTime();
            assertEquals("+OK\r\n", admin.call("+OK\r\n", "CLIENT", "PAUSE", "400", "WRITE"));
            assertEquals("$-1\r\n", c.call("$-1\r\n", "GET", "k"), "reads go on during a WRITE pause");
            c.send(frame("SET", "k", "v") + frame("PING"));
            assertSilent(c, 150);
            assertEquals("0", engine.newSession().call("EXISTS", "k").text());
            assertEquals("+OK\r\n+PONG\r\n", c.readLike("+OK\r\n+PONG\r\n"));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(395), "held until the timeout");

            assertEquals("+OK\r\n", admin.call("+OK\r\n", "CLIENT", "PAUSE", "60000", "ALL"));
            c.send(frame("GET", "k"));
            assertSilent(c, 150);
            long unpause = System.nanoTime();
            assertEquals("OK", engine.newSession().call("CLIENT", "UNPAUSE").text());
            assertEquals("$1\r\nv\r\n", c.readLike("$1\r\nv\r\n"));
            assertTrue(System.nanoTime() - unpause < TimeUnit.SECONDS.toNanos(5), "UNPAUSE releases at once");
        }
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    @Test
    void redisBenchmarkRunsClean() throws Exception {
        Path benchmark = onPath("redis-benchmark");
        if (benchmark == null) {
            String message = "redis-benchmark not found on PATH";
            if (Boolean.getBoolean("ferrite.requireRedis")) throw new AssertionError(message + " (ferrite.requireRedis=true)");
            System.err.println("\n### REDIS-BENCHMARK TEST SKIPPED: " + message + "\n");
            Assumptions.abort(message);
        }
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(2).build().start()) {
            Process p = new ProcessBuilder(benchmark.toString(), "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                    "-q", "-n", "2000", "-c", "20", "-t",
                    "set,get,incr,lpush,rpush,lpop,rpop,sadd,hset,spop,zadd,zpopmin,lrange,mset")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), output);
            assertFalse(output.toLowerCase().contains("error"), output);
            for (String test : List.of("SET", "GET", "INCR", "LPUSH", "RPUSH", "LPOP", "RPOP", "SADD", "HSET", "SPOP",
                    "ZADD", "ZPOPMIN", "LRANGE_100", "MSET")) {
                assertTrue(output.contains(test), test + " missing from:\n" + output);
            }
        }
    }
}
