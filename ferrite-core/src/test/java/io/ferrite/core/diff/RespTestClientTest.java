package io.ferrite.core.diff;

import io.ferrite.core.Reply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The client's parser against canned RESP2 and RESP3 bytes from a loopback socket. */
class RespTestClientTest {

    private static Reply bulk(String s) {
        return new Reply.Bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesEveryReplyTypeAndSendsMultibulk() throws Exception {
        String replies = "+OK\r\n-ERR bad\r\n:-7\r\n$4\r\na\r\nb\r\n$-1\r\n*-1\r\n_\r\n"
                + "*2\r\n:1\r\n*1\r\n$0\r\n\r\n%1\r\n+k\r\n,1.5\r\n~2\r\n,inf\r\n,-inf\r\n>1\r\n#t\r\n"
                + "#f\r\n=8\r\ntxt:hey!\r\n(12345678901234567890\r\n!5\r\nE bad\r\n|1\r\n+ttl\r\n:3\r\n:9\r\n";
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            byte[][] received = new byte[1][];
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] expected = "*2\r\n$3\r\nGET\r\n$2\r\nk\n\r\n".getBytes(StandardCharsets.UTF_8);
                    received[0] = in.readNBytes(expected.length);
                    out.write(replies.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    in.read();
                } catch (IOException ignored) {
                    // The assertions below report what went missing.
                }
            });
            peer.start();
            try (RespTestClient c = new RespTestClient("127.0.0.1", server.getLocalPort())) {
                assertEquals(Reply.OK, c.call("GET", "k\n"));
                assertArrayEquals("*2\r\n$3\r\nGET\r\n$2\r\nk\n\r\n".getBytes(StandardCharsets.UTF_8), received[0]);
                assertEquals(new Reply.Error("ERR bad"), c.read());
                assertEquals(new Reply.Int(-7), c.read());
                assertEquals(bulk("a\r\nb"), c.read());
                assertEquals(new Reply.Bulk(null), c.read());
                assertEquals(Reply.NULL, c.read());
                assertEquals(Reply.NULL, c.read());
                assertEquals(new Reply.Aggregate(Reply.AggregateKind.ARRAY, List.of(new Reply.Int(1),
                        new Reply.Aggregate(Reply.AggregateKind.ARRAY, List.of(bulk(""))))), c.read());
                assertEquals(new Reply.Aggregate(Reply.AggregateKind.MAP,
                        List.of(new Reply.Status("k"), new Reply.Double(1.5))), c.read());
                assertEquals(new Reply.Aggregate(Reply.AggregateKind.SET, List.of(
                        new Reply.Double(Double.POSITIVE_INFINITY), new Reply.Double(Double.NEGATIVE_INFINITY))), c.read());
                assertEquals(new Reply.Aggregate(Reply.AggregateKind.PUSH, List.of(new Reply.Bool(true))), c.read());
                assertEquals(new Reply.Bool(false), c.read());
                assertEquals(new Reply.Verbatim("txt", "hey!"), c.read());
                assertEquals(bulk("12345678901234567890"), c.read());
                assertEquals(new Reply.Error("E bad"), c.read());
                assertEquals(new Reply.Int(9), c.read());
            }
            peer.join(5_000);
        }
    }
}
