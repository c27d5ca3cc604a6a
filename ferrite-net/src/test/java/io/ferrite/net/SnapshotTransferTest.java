package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SYNC for snapshot-only clients: {@code redis-cli --rdb} and {@code --functions-rdb} save what the server holds, in
 * a file another engine loads back; a SYNC without REPLCONF rdb-only is refused and the connection goes on.
 */
class SnapshotTransferTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    private static final String LIBRARY = "#!lua name=snaplib\nredis.register_function('one', function() return 1 end)";

    @BeforeEach
    void data() {
        Session s = running.engine.newSession();
        s.call("FLUSHALL");
        s.call("FUNCTION", "FLUSH");
        s.call("SET", "k", "v");
        s.call("RPUSH", "l", "a", "b", "c");
        s.call("HSET", "h", "f", "1");
        s.call("FUNCTION", "LOAD", LIBRARY);
    }

    @Test
    void psyncAfterRdbOnlyGetsOneSnapshotThenTheConnectionCloses() throws Exception {
        try (RawClient c = new RawClient(running.server.port())) {
            assertEquals("+OK\r\n", c.call("+OK\r\n", "REPLCONF", "capa", "eof", "rdb-only", "1"));
            c.send(RawClient.frame("PSYNC", "?", "-1"));
            String fullResync = c.readLine();
            assertTrue(fullResync.matches("\\+FULLRESYNC [0-9a-f]{40} 0"), fullResync);
            String header = c.readLine();
            assertTrue(header.startsWith("$"), header);
            byte[] rdb = c.read(Integer.parseInt(header.substring(1)));
            assertEquals("REDIS0010", new String(rdb, 0, 9, StandardCharsets.US_ASCII));
            assertEquals("", c.readToEnd(), "no CRLF after the payload, and the connection ends");
        }
    }

    @Test
    void syncWithoutRdbOnlyIsRefusedAndTheConnectionGoesOn() throws Exception {
        try (RawClient c = new RawClient(running.server.port())) {
            c.send(RawClient.frame("SYNC"));
            assertTrue(c.readLine().startsWith("-ERR replication is not supported"));
            assertEquals("+OK\r\n", c.call("+OK\r\n", "REPLCONF", "rdb-filter-only", "functions"));
            c.send(RawClient.frame("SYNC"));
            assertEquals("-ERR Filtered replica requires EOF capability", c.readLine());
            assertEquals("+PONG\r\n", c.call("+PONG\r\n", "PING"));
        }
    }

    @Test
    void redisCliRdbFilesLoadBack(@TempDir Path dir) throws Exception {
        boolean available;
        try {
            available = new ProcessBuilder("redis-cli", "--version").start().waitFor() == 0;
        } catch (java.io.IOException notOnPath) {
            available = false;
        }
        if (Boolean.getBoolean("ferrite.requireRedis")) assertTrue(available, "redis-cli is required");
        Assumptions.assumeTrue(available, "redis-cli not on PATH: skipping");

        String out = cli("--rdb", dir.resolve("all.rdb").toString());
        assertTrue(out.contains("Transfer finished with success"), out);
        out = cli("--functions-rdb", dir.resolve("functions.rdb").toString());
        assertTrue(out.contains("Transfer finished with success"), out);

        try (Ferrite copy = load(dir, "all.rdb")) {
            Session s = copy.newSession();
            assertEquals(3, s.call("DBSIZE").asLong());
            assertEquals("v", s.call("GET", "k").text());
            assertEquals(List.of("a", "b", "c"), s.call("LRANGE", "l", "0", "-1").elements().stream().map(r -> r.text()).toList());
            assertEquals(1, s.call("FCALL", "one", "0").asLong());
        }
        try (Ferrite copy = load(dir, "functions.rdb")) {
            Session s = copy.newSession();
            assertEquals(0, s.call("DBSIZE").asLong(), "only the functions");
            assertEquals(1, s.call("FCALL", "one", "0").asLong());
        }
        assertTrue(Files.size(dir.resolve("all.rdb")) > Files.size(dir.resolve("functions.rdb")));
    }

    private static Ferrite load(Path dir, String file) {
        Ferrite f = Ferrite.newBuilder().config("dir", dir.toString()).config("dbfilename", file).build();
        assertEquals("OK", f.newSession().call("DEBUG", "RELOAD", "NOSAVE").text());
        return f;
    }

    private static String cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p",
                Integer.toString(running.server.port())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return out;
    }
}
