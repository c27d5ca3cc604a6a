package io.ferrite.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain blocking socket speaking raw bytes, for protocol-level tests. */
final class RawClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 20_000;

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    RawClient send(String s) throws IOException {
        return send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads exactly {@code n} bytes. */
    byte[] read(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) throw new IOException("connection closed after " + b.length + " of " + n + " bytes: "
                + new String(b, StandardCharsets.ISO_8859_1));
        return b;
    }

    /** Reads exactly as many bytes as {@code expected} has and returns them as text. */
    String readLike(String expected) throws IOException {
        return new String(read(expected.length()), StandardCharsets.ISO_8859_1);
    }

    /** Reads one line up to CRLF, returned without it. */
    String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) throw new IOException("connection closed after " + sb);
            sb.append((char) b);
        }
        return sb.substring(0, sb.length() - 1);
    }

    /** Reads until the server closes the connection; what arrived before. */
    String readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) all.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            throw new IOException("server did not close the connection; got " + all.toString(StandardCharsets.ISO_8859_1), e);
        } catch (IOException reset) {
            // A reset after the server closed is an end too.
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends a command as a multibulk frame and reads one line-sized reply of the expected text. */
    String call(String expectedReply, String... words) throws IOException {
        send(frame(words));
        return readLike(expectedReply);
    }

    static String frame(String... words) {
        StringBuilder sb = new StringBuilder("*").append(words.length).append("\r\n");
        for (String w : words) {
            sb.append('$').append(w.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n").append(w).append("\r\n");
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
