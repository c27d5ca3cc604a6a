package io.ferrite.net;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded launcher jar that {@code bin/ferrite-server} runs, started as its own process: it must carry every
 * library a command needs (a class missing from the jar only shows when the command runs), answer a real client,
 * and exit 0 on SHUTDOWN. Runs in the integration-test phase, after the jar is built.
 */
class LauncherJarIT {
    private static final Pattern READY = Pattern.compile("ready to accept connections on [^:]+:(\\d+)");

    private static Path serverJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-server.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-server.jar in target/: the package phase must run first"));
        }
    }

    @Test
    void everyFamilyRunsFromTheShadedJarAndShutdownExitsZero() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Redis's default save rules apply, so SHUTDOWN saves: into a directory of the test's own.
        Path dir = Files.createTempDirectory("ferrite-launcher");
        Process server = new ProcessBuilder(java, "-jar", serverJar().toString(), "--port", "0", "--dir", dir.toString())
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            StringBuilder log = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                        Matcher m = READY.matcher(line);
                        if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                    }
                } catch (IOException e) {
                    port.completeExceptionally(e);
                }
                port.completeExceptionally(new AssertionError("server output ended before it was ready"));
            });
            reader.setDaemon(true);
            reader.start();
            try (Jedis jedis = new Jedis("127.0.0.1", port.get(60, TimeUnit.SECONDS))) {
                assertEquals("PONG", jedis.ping());
                assertEquals("OK", jedis.eval("return redis.call('set', KEYS[1], cjson.decode(ARGV[1]).v)",
                        List.of("k"), List.of("{\"v\":\"x\"}")));
                assertEquals("x", jedis.get("k"));
                assertEquals(1L, jedis.pfadd("hll", "a", "b", "c"));
                assertEquals(3L, jedis.pfcount("hll"));
                jedis.xadd("s", StreamEntryID.NEW_ENTRY, Map.of("f", "v"));
                assertEquals(1L, jedis.xlen("s"));
                assertEquals(1L, jedis.geoadd("geo", 13.361389, 38.115556, "Palermo"));
                assertFalse(jedis.setbit("bits", 7, true));
                assertEquals(1L, jedis.bitcount("bits"));
                assertTrue(jedis.info("server").contains("redis_version:"));
                try {
                    jedis.shutdown();
                } catch (JedisConnectionException expected) {
                    // SHUTDOWN closes the connection without a reply, as Redis does.
                }
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not exit after SHUTDOWN");
            synchronized (log) {
                assertEquals(0, server.exitValue(), log.toString());
                assertFalse(log.toString().contains("ERROR"), log.toString());
            }
            assertTrue(Files.size(dir.resolve("dump.rdb")) > 0, "SHUTDOWN saved the keys under the default save rules");
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(dir.resolve("dump.rdb"));
            Files.deleteIfExists(dir);
        }
    }
}
