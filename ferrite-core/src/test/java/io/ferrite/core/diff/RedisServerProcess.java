package io.ferrite.core.diff;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code redis-server}, the oracle of the differential tests: one per JVM, started on first use on a free
 * loopback port without persistence, stopped through its own process handle when the JVM exits.
 *
 * <p>When {@code redis-server} is not on the PATH, {@link #shared()} aborts the calling test (reported as skipped,
 * with a banner on stderr), unless the system property {@code ferrite.requireRedis} is {@code true} (CI sets it),
 * in which case it fails the test.
 */
public final class RedisServerProcess {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static RedisServerProcess shared;
    private static String unavailable;
    private static boolean bannerShown;

    private final Process process;
    private final int port;
    private final String version;

    private RedisServerProcess(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    /** The JVM's redis-server, started on first call; aborts or fails the calling test when there is none. */
    public static synchronized RedisServerProcess shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while starting redis-server";
            }
        }
        if (shared != null) return shared;
        String message = "redis-server unavailable: " + unavailable;
        if (Boolean.getBoolean("ferrite.requireRedis")) {
            Assertions.fail(message + " (ferrite.requireRedis=true)");
        }
        if (!bannerShown) {
            bannerShown = true;
            System.err.println("\n"
                + "##########################################################################\n"
                + "#  DIFFERENTIAL TESTS SKIPPED: " + message + "\n"
                + "#  Install redis-server (7.0+) to compare Ferrite with real Redis;\n"
                + "#  -Dferrite.requireRedis=true turns this skip into a failure.\n"
                + "##########################################################################\n");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    public int port() { return port; }

    /** The server's version, e.g. {@code 7.0.15}. */
    public String version() { return version; }

    /** A new connection to this server, in RESP2 until a HELLO says otherwise. */
    public RespTestClient connect() throws IOException {
        return new RespTestClient("127.0.0.1", port);
    }

    private static RedisServerProcess start() throws IOException, InterruptedException {
        // Corpus lines set save rules, which make redis-server save on exit: not into the working tree.
        return start(null, List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--enable-debug-command", "local", "--dir", Files.createTempDirectory("redis-oracle").toString()));
    }

    /**
     * A redis-server of its own started from {@code configFile} on a free port (given after the file, so it is not
     * in it), for a test that reads what the server does to the file; the caller {@linkplain #stop stops} it. Call
     * {@link #shared} first: it aborts or fails the test when there is no redis-server.
     */
    public static RedisServerProcess startFrom(Path configFile) throws IOException, InterruptedException {
        return start(configFile, List.of("--daemonize", "no"));
    }

    private static RedisServerProcess start(Path configFile, List<String> options) throws IOException, InterruptedException {
        Path binary = findOnPath("redis-server");
        if (binary == null) throw new IllegalStateException("redis-server not found on PATH");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = new java.util.ArrayList<>();
            command.add(binary.toString());
            if (configFile != null) command.add(configFile.toString());
            command.addAll(List.of("--port", Integer.toString(port)));
            command.addAll(options);
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                String version = awaitPing(p, port);
                RedisServerProcess server = new RedisServerProcess(p, port, version);
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "redis-server-stop"));
                return server;
            } catch (IOException e) {
                // Lost the race for the port, most likely: try another one.
                last = e;
                p.destroyForcibly();
                p.waitFor();
            }
        }
        throw last;
    }

    private static String awaitPing(Process p, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IOException("redis-server exited with " + p.exitValue() + " on port " + port);
            try (RespTestClient c = new RespTestClient("127.0.0.1", port)) {
                if ("PONG".equals(c.call("PING").text())) {
                    String info = c.call("INFO", "server").text();
                    for (String line : info.split("\r\n")) {
                        if (line.startsWith("redis_version:")) return line.substring("redis_version:".length());
                    }
                    return "unknown";
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new IOException("redis-server did not answer PING on port " + port + " within " + STARTUP_TIMEOUT, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : List.of(path.split(File.pathSeparator))) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    /** Stops the server (the shared one stops by itself when the JVM exits). */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
