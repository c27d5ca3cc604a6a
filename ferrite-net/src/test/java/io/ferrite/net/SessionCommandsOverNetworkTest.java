package io.ferrite.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection-level commands whose effect is the transport's business: QUIT, CLIENT REPLY, HELLO, CLIENT KILL. */
class SessionCommandsOverNetworkTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Test
    void quitRepliesThenCloses() throws IOException {
        try (RawClient c = new RawClient(running.server.port())) {
            c.send(RawClient.frame("QUIT") + RawClient.frame("PING"));
            assertEquals("+OK\r\n", c.readToEnd());
        }
    }

    @Test
    void clientReplyOffSkipOn() throws IOException {
        try (RawClient c = new RawClient(running.server.port())) {
            c.send(RawClient.frame("CLIENT", "REPLY", "OFF") + RawClient.frame("SET", "r", "1")
                    + RawClient.frame("PING") + RawClient.frame("CLIENT", "REPLY", "ON")
                    + RawClient.frame("CLIENT", "REPLY", "SKIP") + RawClient.frame("PING")
                    + RawClient.frame("ECHO", "after"));
            assertEquals("+OK\r\n$5\r\nafter\r\n", c.readLike("+OK\r\n$5\r\nafter\r\n"));
        }
    }

    @Test
    void helloSwitchesTheWireToResp3() throws IOException {
        try (RawClient c = new RawClient(running.server.port())) {
            c.send(RawClient.frame("GET", "hello:none"));
            assertEquals("$-1\r\n", c.readLike("$-1\r\n"));
            c.send(RawClient.frame("HELLO", "3"));
            assertEquals("%", c.readLike("%"));
            c.send(RawClient.frame("CLIENT", "REPLY", "OFF"));
            c.send(RawClient.frame("CLIENT", "REPLY", "ON") + RawClient.frame("GET", "hello:none"));
            // Skip the rest of HELLO's map: everything up to the OK of CLIENT REPLY ON.
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().endsWith("+OK\r\n")) seen.append(c.readLike("x"));
            assertEquals("_\r\n", c.readLike("_\r\n"));
        }
    }

    @Test
    void clientKillClosesAnotherConnection() throws IOException {
        try (RawClient victim = new RawClient(running.server.port()); RawClient killer = new RawClient(running.server.port())) {
            assertEquals("+PONG\r\n", victim.call("+PONG\r\n", "PING"));
            String addr = victim.socket.getLocalAddress().getHostAddress() + ":" + victim.socket.getLocalPort();
            assertEquals(":1\r\n", killer.call(":1\r\n", "CLIENT", "KILL", "ADDR", addr));
            assertEquals("", victim.readToEnd());
            assertEquals("+PONG\r\n", killer.call("+PONG\r\n", "PING"));
        }
    }

    @Test
    void clientListShowsTransportAddresses() throws IOException {
        try (RawClient c = new RawClient(running.server.port())) {
            c.send(RawClient.frame("CLIENT", "INFO"));
            String header = "";
            while (!header.endsWith("\r\n")) header += c.readLike("x");
            int len = Integer.parseInt(header.substring(1, header.length() - 2));
            String info = c.readLike("x".repeat(len + 2));
            String addr = "addr=127.0.0.1:" + c.socket.getLocalPort();
            assertTrue(info.contains(addr), info);
            assertTrue(info.contains("laddr=127.0.0.1:" + running.server.port()), info);
        }
    }
}
