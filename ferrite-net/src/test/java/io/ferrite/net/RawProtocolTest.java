package io.ferrite.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire protocol through real sockets: framing, pipelining, inline commands, malformed input. */
class RawProtocolTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    private static RawClient client() throws IOException {
        return new RawClient(running.server.port());
    }

    private static void assertServerUp() throws IOException {
        try (RawClient c = client()) {
            assertEquals("+PONG\r\n", c.call("+PONG\r\n", "PING"));
        }
    }

    @Test
    void debugProtocolPushIsAnOutOfBandFrameBeforeItsReply() throws Exception {
        // The one DEBUG PROTOCOL type the differential corpus cannot hold (its client reads a push as a reply).
        try (RawClient c = new RawClient(running.server.port())) {
            String push = "-ERR RESP2 is not supported by this command\r\n";
            assertEquals(push, c.call(push, "DEBUG", "PROTOCOL", "push"));
            c.send(RawClient.frame("HELLO", "3"));
            c.readLike("%7\r\n");
            while (!c.readLine().equals("modules")) { /* the rest of HELLO's map */ }
            c.readLine();
            String frames = ">2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n$40\r\nSome real reply following the push reply\r\n";
            assertEquals(frames, c.call(frames, "DEBUG", "PROTOCOL", "push"));
        }
    }

    @Test
    void framesSplitAtEveryByteBoundary() throws IOException {
        byte[] frames = (RawClient.frame("SET", "split", "hello\r\nworld") + RawClient.frame("GET", "split"))
                .getBytes(StandardCharsets.ISO_8859_1);
        String expected = "+OK\r\n$12\r\nhello\r\nworld\r\n";
        try (RawClient c = client()) {
            for (int i = 1; i < frames.length; i++) {
                c.send(Arrays.copyOfRange(frames, 0, i));
                c.send(Arrays.copyOfRange(frames, i, frames.length));
                assertEquals(expected, c.readLike(expected), "split at " + i);
            }
        }
    }

    @Test
    void tenThousandCommandPipelineInOneWrite() throws IOException {
        StringBuilder pipeline = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            String v = "v" + i;
            if (i % 2 == 0) {
                pipeline.append(RawClient.frame("SET", "p" + i, v));
                expected.append("+OK\r\n");
            } else {
                pipeline.append(RawClient.frame("GET", "p" + (i - 1)));
                String prev = "v" + (i - 1);
                expected.append('$').append(prev.length()).append("\r\n").append(prev).append("\r\n");
            }
        }
        try (RawClient c = client()) {
            c.send(pipeline.toString());
            assertEquals(expected.toString(), c.readLike(expected.toString()));
        }
    }

    @Test
    void inlineCommands() throws IOException {
        try (RawClient c = client()) {
            c.send("PING\r\n");
            assertEquals("+PONG\r\n", c.readLike("+PONG\r\n"));
            c.send("SET inline \"a b\\x41\"\nGET inline\r\n\r\nECHO 'it''s'\r\n");
            String expected = "+OK\r\n$4\r\na bA\r\n-ERR Protocol error: unbalanced quotes in request\r\n";
            assertEquals(expected, c.readToEnd());
        }
        assertServerUp();
    }

    private static void assertProtocolError(String input, String expectedReply) throws IOException {
        try (RawClient c = client()) {
            c.send(input);
            assertEquals(expectedReply, c.readToEnd(), "reply to " + input.substring(0, Math.min(40, input.length())));
        }
        assertServerUp();
    }

    @Test
    void malformedInputGetsRedisErrorsAndClosesTheConnection() throws IOException {
        assertProtocolError("*2147483648\r\n", "-ERR Protocol error: invalid multibulk length\r\n");
        assertProtocolError("*-1\r\n*1x\r\n", "-ERR Protocol error: invalid multibulk length\r\n");
        assertProtocolError("*1\r\n$-5\r\n", "-ERR Protocol error: invalid bulk length\r\n");
        assertProtocolError("*1\r\n$99999999999\r\n", "-ERR Protocol error: invalid bulk length\r\n");
        assertProtocolError("*1\r\nxyz\r\n", "-ERR Protocol error: expected '$', got 'x'\r\n");
        assertProtocolError("*1\r\n\r\n", "-ERR Protocol error: expected '$', got ' '\r\n");
        assertProtocolError("PING\r\n*1\r\n$-1\r\n", "+PONG\r\n-ERR Protocol error: invalid bulk length\r\n");
        assertProtocolError("x".repeat(70_000), "-ERR Protocol error: too big inline request\r\n");
        assertProtocolError("*" + "1".repeat(70_000), "-ERR Protocol error: too big mbulk count string\r\n");
        assertProtocolError("*1\r\n$" + "1".repeat(70_000), "-ERR Protocol error: too big bulk count string\r\n");
    }

    @Test
    void garbageBytesAreInlineWordsAsInRedis() throws IOException {
        try (RawClient c = client()) {
            c.send(new byte[] {(byte) 0xff, 'x', '\r', '\n'});
            String reply = new String(c.read(24), StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("-ERR unknown command '"), reply);
        }
        assertServerUp();
    }

    @Test
    void unterminatedLineWaitsForTheRest() throws IOException {
        try (RawClient c = client()) {
            c.send("*1\r\n$4\r\nPI");
            c.send("NG\r\nPIN");
            c.send("G\r\n");
            assertEquals("+PONG\r\n+PONG\r\n", c.readLike("+PONG\r\n+PONG\r\n"));
        }
    }

    @Test
    void emptyAndNegativeMultibulkCountsAreIgnored() throws IOException {
        try (RawClient c = client()) {
            c.send("*0\r\n*-1\r\n\r\n*1\r\n$4\r\nPING\r\n");
            assertEquals("+PONG\r\n", c.readLike("+PONG\r\n"));
        }
    }

    @Test
    void largeValuesRoundTrip() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        String value = new String(big, StandardCharsets.ISO_8859_1);
        try (RawClient c = client()) {
            assertEquals("+OK\r\n", c.call("+OK\r\n", "SET", "big", value));
            String expected = "$" + big.length + "\r\n" + value + "\r\n";
            assertEquals(expected, c.call(expected, "GET", "big"));
        }
    }

    @Test
    void statsCountConnectionsAndBytes() throws IOException {
        long received = running.engine.stats().connectionsReceived.sum();
        long in = running.engine.stats().netInputBytes.sum();
        long out = running.engine.stats().netOutputBytes.sum();
        try (RawClient c = client()) {
            c.call("+PONG\r\n", "PING");
        }
        assertTrue(running.engine.stats().connectionsReceived.sum() > received);
        assertTrue(running.engine.stats().netInputBytes.sum() >= in + 14);
        // The server counts output after its write returns, which may be after the client read the reply.
        for (int i = 0; i < 1000 && running.engine.stats().netOutputBytes.sum() < out + 7; i++) sleep(5);
        assertTrue(running.engine.stats().netOutputBytes.sum() >= out + 7);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
