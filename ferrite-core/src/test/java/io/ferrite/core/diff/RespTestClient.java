package io.ferrite.core.diff;

import io.ferrite.core.Reply;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP client for tests: sends commands as multibulk, parses RESP2 and RESP3 replies into
 * {@link Reply} objects with the mapping {@link io.ferrite.core.ReplyBuilder} uses, so replies from a real server
 * and from an embedded session compare with {@code equals}:
 * {@code $-1} is a null {@link Reply.Bulk}; {@code *-1} and {@code _} are {@link Reply#NULL}; {@code %} is a MAP
 * aggregate of alternating keys and values; {@code ~} a SET, {@code >} a PUSH; {@code ,} a {@link Reply.Double};
 * {@code #} a {@link Reply.Bool}; {@code =} a {@link Reply.Verbatim}; {@code (} (big number) a bulk string of its
 * digits; {@code !} (blob error) an {@link Reply.Error}; {@code |} attributes are read and dropped.
 *
 * <p>{@link #send} only buffers, so a caller pipelines by sending many commands, then {@link #flush()}, then
 * {@link #read()} once per command. Not thread-safe.
 */
public final class RespTestClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final Socket socket;
    private final OutputStream out;
    private final RecordingInputStream in;
    private byte[] lastRaw = new byte[0];

    public RespTestClient(String host, int port) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            in = new RecordingInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and waits for its reply. Arguments are UTF-8 encoded. */
    public Reply call(String... args) throws IOException {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        return call(argv);
    }

    public Reply call(byte[]... args) throws IOException {
        send(args);
        flush();
        return read();
    }

    /** Sends every command in one write, then reads their replies in order. */
    public List<Reply> pipeline(List<byte[][]> commands) throws IOException {
        for (byte[][] c : commands) send(c);
        flush();
        List<Reply> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) replies.add(read());
        return replies;
    }

    /** Buffers a command; nothing goes out before {@link #flush()}. */
    public void send(byte[]... args) throws IOException {
        writeHeader('*', args.length);
        for (byte[] a : args) {
            writeHeader('$', a.length);
            out.write(a);
            out.write('\r');
            out.write('\n');
        }
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void writeHeader(char type, int n) throws IOException {
        out.write(type);
        out.write(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }

    /** Reads the next reply. */
    public Reply read() throws IOException {
        in.recorded.reset();
        Reply r = readValue();
        lastRaw = in.recorded.toByteArray();
        return r;
    }

    /** The bytes of the reply {@link #read()} returned last, exactly as they came off the wire. */
    public byte[] lastRaw() {
        return lastRaw;
    }

    private Reply readValue() throws IOException {
        int type = in.read();
        if (type < 0) throw new EOFException("connection closed by the server");
        String line = readLine();
        return switch (type) {
            case '+' -> new Reply.Status(line);
            case '-' -> new Reply.Error(line);
            case ':' -> new Reply.Int(Long.parseLong(line));
            case '$' -> {
                int n = Integer.parseInt(line);
                yield new Reply.Bulk(n < 0 ? null : readBlob(n));
            }
            case '!' -> new Reply.Error(new String(readBlob(Integer.parseInt(line)), StandardCharsets.UTF_8));
            case '=' -> {
                String s = new String(readBlob(Integer.parseInt(line)), StandardCharsets.UTF_8);
                yield new Reply.Verbatim(s.substring(0, 3), s.substring(4));
            }
            case '(' -> new Reply.Bulk(line.getBytes(StandardCharsets.US_ASCII));
            case '_' -> Reply.NULL;
            case ',' -> new Reply.Double(parseDouble(line));
            case '#' -> new Reply.Bool(line.equals("t"));
            case '*' -> {
                int n = Integer.parseInt(line);
                yield n < 0 ? Reply.NULL : aggregate(Reply.AggregateKind.ARRAY, n);
            }
            case '%' -> aggregate(Reply.AggregateKind.MAP, Integer.parseInt(line) * 2);
            case '~' -> aggregate(Reply.AggregateKind.SET, Integer.parseInt(line));
            case '>' -> aggregate(Reply.AggregateKind.PUSH, Integer.parseInt(line));
            case '|' -> {
                int pairs = Integer.parseInt(line);
                for (int i = 0; i < pairs * 2; i++) readValue();
                yield readValue();
            }
            default -> throw new IOException("unexpected RESP type byte '" + (char) type + "' followed by " + line);
        };
    }

    private Reply aggregate(Reply.AggregateKind kind, int n) throws IOException {
        List<Reply> elements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) elements.add(readValue());
        return new Reply.Aggregate(kind, elements);
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private byte[] readBlob(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) throw new EOFException("connection closed inside a bulk string");
        if (in.read() != '\r' || in.read() != '\n') throw new IOException("bulk string not terminated by CRLF");
        return b;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("connection closed inside a line");
            if (c == '\r') {
                if (in.read() != '\n') throw new IOException("CR not followed by LF");
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(c);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Keeps a copy of every byte read, so that a reply's wire form can be compared too. */
    private static final class RecordingInputStream extends java.io.FilterInputStream {
        final ByteArrayOutputStream recorded = new ByteArrayOutputStream();

        RecordingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) recorded.write(c);
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) recorded.write(b, off, n);
            return n;
        }
    }
}
