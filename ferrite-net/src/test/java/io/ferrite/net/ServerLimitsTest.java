package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Ticker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection limits, backpressure, timeouts and shutdown. */
class ServerLimitsTest {

    private static void closeAll(List<RawClient> clients) throws IOException {
        for (RawClient c : clients) c.close();
    }

    private static final int CONCURRENT = 5_000;

    /** Both ends of every connection live in this JVM: two descriptors each, plus the JVM's own. */
    private static void assumeDescriptorsFor(int connections) {
        long needed = 2L * connections + 1_000;
        long limit = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
        if (limit >= 0 && limit < needed) {
            String message = "open-file limit " + limit + " is below the " + needed + " descriptors " + connections
                    + " connections need: raise `ulimit -n`";
            System.err.println("\n### CONCURRENT CONNECTIONS TEST SKIPPED: " + message + "\n");
            Assumptions.abort(message);
        }
    }

    @Test
    void servesFiveThousandConcurrentConnections() throws Exception {
        assumeDescriptorsFor(CONCURRENT);
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(2).build().start()) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CONCURRENT; i++) {
                    RawClient c = new RawClient(server.port());
                    clients.add(c);
                    c.send(RawClient.frame("SET", "c" + i, Integer.toString(i)));
                }
                for (RawClient c : clients) assertEquals("+OK\r\n", c.readLike("+OK\r\n"));
                assertEquals(CONCURRENT, server.connectionCount());
                assertEquals(CONCURRENT, engine.clients().size());
                for (int i = 0; i < clients.size(); i++) {
                    String v = Integer.toString(i);
                    String expected = "$" + v.length() + "\r\n" + v + "\r\n";
                    assertEquals(expected, clients.get(i).call(expected, "GET", "c" + i));
                }
            } finally {
                closeAll(clients);
            }
            assertEquals(":" + CONCURRENT + "\r\n", dbsize(server.port()));
        }
    }

    private static String dbsize(int port) throws IOException {
        try (RawClient c = new RawClient(port)) {
            c.send("DBSIZE\r\n");
            StringBuilder sb = new StringBuilder();
            while (!sb.toString().endsWith("\r\n")) sb.append((char) c.read(1)[0]);
            return sb.toString();
        }
    }

    @Test
    void maxclientsPlusOneIsRejectedWhileOthersKeepWorking() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(2).maxclients(5).build().start()) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    RawClient c = new RawClient(server.port());
                    clients.add(c);
                    assertEquals("+PONG\r\n", c.call("+PONG\r\n", "PING"));
                }
                try (RawClient extra = new RawClient(server.port())) {
                    assertEquals("-ERR max number of clients reached\r\n", extra.readToEnd());
                }
                assertEquals(1, engine.stats().rejectedConnections.sum());
                for (RawClient c : clients) assertEquals("+PONG\r\n", c.call("+PONG\r\n", "PING"));
                clients.remove(0).close();
                awaitConnections(server, 4);
                try (RawClient again = new RawClient(server.port())) {
                    assertEquals("+PONG\r\n", again.call("+PONG\r\n", "PING"));
                }
            } finally {
                closeAll(clients);
            }
        }
    }

    private static void awaitConnections(FerriteServer server, int n) throws InterruptedException {
        for (int i = 0; i < 2_000 && server.connectionCount() != n; i++) Thread.sleep(5);
        assertEquals(n, server.connectionCount());
    }

    /** A ticker the test moves by hand. */
    private static final class ManualTicker implements Ticker {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
        @Override public long currentTimeMillis() { return millis.get(); }
        @Override public long nanoTime() { return millis.get() * 1_000_000; }
    }

    @Test
    void idleConnectionsAreClosedAfterTimeout() throws Exception {
        ManualTicker ticker = new ManualTicker();
        try (Ferrite engine = Ferrite.newBuilder().ticker(ticker).build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(1)
                     .timeout(Duration.ofSeconds(10)).build().start();
             RawClient idle = new RawClient(server.port());
             RawClient busy = new RawClient(server.port())) {
            assertEquals("+PONG\r\n", idle.call("+PONG\r\n", "PING"));
            ticker.millis.addAndGet(6_000);
            assertEquals("+PONG\r\n", busy.call("+PONG\r\n", "PING"));
            awaitConnections(server, 2);
            ticker.millis.addAndGet(6_000);
            awaitConnections(server, 1);
            assertEquals("", idle.readToEnd());
            assertEquals("+PONG\r\n", busy.call("+PONG\r\n", "PING"));
        }
    }

    @Test
    void clientThatPipelinesWithoutReadingIsPausedNotBuffered() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(1).build().start();
             RawClient c = new RawClient(server.port())) {
            String value = "x".repeat(1000);
            c.call("+OK\r\n", "SET", "k", value);
            int n = 20_000;
            byte[] get = RawClient.frame("GET", "k").getBytes(StandardCharsets.ISO_8859_1);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = c.socket.getOutputStream();
                    for (int i = 0; i < n; i++) out.write(get);
                    out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            String reply = "$1000\r\n" + value + "\r\n";
            InputStream in = c.socket.getInputStream();
            byte[] expected = reply.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < n; i++) {
                byte[] got = in.readNBytes(expected.length);
                if (!java.util.Arrays.equals(expected, got)) throw new AssertionError("reply " + i + " differs");
            }
            writer.join();
        }
    }

    @Test
    void runawayClientIsCutOffAtTheOutputLimit() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(1)
                     .outputBufferLimit(256 * 1024).build().start()) {
            try (RawClient setup = new RawClient(server.port())) {
                setup.call("+OK\r\n", "SET", "big", "y".repeat(1024 * 1024));
            }
            try (RawClient runaway = new RawClient(server.port())) {
                assertEquals("+PONG\r\n", runaway.call("+PONG\r\n", "PING"));
                awaitConnections(server, 1);
                StringBuilder gets = new StringBuilder();
                for (int i = 0; i < 64; i++) gets.append(RawClient.frame("GET", "big"));
                runaway.send(gets.toString());
                // The client reads nothing: the server must drop it rather than hold 64 MB of replies.
                awaitConnections(server, 0);
                assertEquals(0, engine.clients().size());
            }
            try (RawClient c = new RawClient(server.port())) {
                assertEquals("+PONG\r\n", c.call("+PONG\r\n", "PING"));
            }
        }
    }

    @Test
    void requirepassGuardsCommandsAndTightensProtocolLimits() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(1).requirepass("secret")
                     .build().start()) {
            try (RawClient c = new RawClient(server.port())) {
                String noauth = "-NOAUTH Authentication required.\r\n";
                assertEquals(noauth, c.call(noauth, "GET", "k"));
                c.send("*11\r\n");
                assertEquals("-ERR Protocol error: unauthenticated multibulk length\r\n", c.readToEnd());
            }
            try (RawClient c = new RawClient(server.port())) {
                c.send("*2\r\n$3\r\nGET\r\n$16385\r\n");
                assertEquals("-ERR Protocol error: unauthenticated bulk length\r\n", c.readToEnd());
            }
        }
    }

    @Test
    void closeAnswersWhatWasReadThenClosesEverything() throws Exception {
        Ferrite engine = Ferrite.newBuilder().build();
        FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(2).build().start();
        int port = server.port();
        RawClient c = new RawClient(port);
        StringBuilder pings = new StringBuilder();
        for (int i = 0; i < 500; i++) pings.append("PING\r\n");
        c.send(pings.toString());
        assertEquals("+PONG\r\n", c.readLike("+PONG\r\n"));
        server.close();
        assertTrue(server.awaitTermination(Duration.ofSeconds(10)));
        String rest = c.readToEnd();
        assertEquals(0, rest.length() % 7, "only whole replies: " + rest.length());
        assertEquals("+PONG\r\n".repeat(rest.length() / 7), rest);
        c.close();
        server.close();
        assertTrue(server.isClosed());
        assertEquals(0, engine.clients().size());
        assertThrows(IOException.class, () -> new RawClient(port).close());
        engine.close();
    }

    @Test
    void closeBeforeStartIsHarmless() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build()) {
            FerriteServer server = FerriteServer.newBuilder(engine).port(0).build();
            server.close();
            assertTrue(server.awaitTermination(Duration.ofSeconds(5)));
            assertFalse(server.port() > 0);
        }
    }

    @Test
    void builderValidatesEagerly() {
        try (Ferrite engine = Ferrite.newBuilder().build()) {
            FerriteServer.Builder b = FerriteServer.newBuilder(engine);
            assertThrows(IllegalArgumentException.class, () -> b.port(70_000));
            assertThrows(IllegalArgumentException.class, () -> b.loops(0));
            assertThrows(IllegalArgumentException.class, () -> b.maxclients(0));
            assertThrows(IllegalArgumentException.class, () -> b.outputBufferLimit(-1));
            assertThrows(NullPointerException.class, () -> FerriteServer.newBuilder(null));
        }
    }
}
