package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import io.ferrite.core.config.Config;
import io.ferrite.core.resp.RespDecoder;
import io.ferrite.core.resp.RespProtocolException;
import io.ferrite.core.resp.RespWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection: a state machine driven by its {@link EventLoop}, attached to its selection key.
 *
 * <p>After each read it decodes and executes every complete command, then attempts one write of all their
 * replies; only leftovers make it ask for {@code OP_WRITE}. Interest ops are derived from state
 * ({@link #updateInterest}) and changed only here, on the loop thread. While more than
 * {@link #BACKPRESSURE_BYTES} of replies wait to be sent, it stops reading: a client that pipelines without
 * reading cannot grow the server's memory.
 *
 * <p>Everything is confined to the loop thread except what {@link Session.Transport} exposes to CLIENT LIST and
 * CLIENT KILL, which is immutable or hands work to the loop.
 */
final class Connection implements Handler, Session.Transport {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    static final int BACKPRESSURE_BYTES = 256 * 1024;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Ferrite engine;
    private final Config config;
    private final Session session;
    private final RespDecoder decoder;
    private final RespWriter writer;
    private final String remoteAddress;
    private final String localAddress;
    private final int fd;
    private final long outputLimit;

    private int interest;
    private boolean closeAfterWrite;
    private boolean readingStopped;
    private boolean closed;
    private volatile long lastInteractionMillis;

    Connection(EventLoop loop, SocketChannel channel, int fd, long outputLimit) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.fd = fd;
        this.outputLimit = outputLimit;
        this.engine = loop.server.engine();
        this.config = engine.config();
        this.remoteAddress = format(channel.getRemoteAddress());
        this.localAddress = format(channel.getLocalAddress());
        this.decoder = new RespDecoder(config.protoMaxBulkLen);
        this.writer = new RespWriter(2, loop.pool());
        this.lastInteractionMillis = engine.ticker().currentTimeMillis();
        this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        this.interest = SelectionKey.OP_READ;
        this.session = engine.newSession(this);
    }

    /** {@code ip:port} as Redis shows addresses. */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress a) {
            String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
            int zone = host.indexOf('%');
            if (zone >= 0) host = host.substring(0, zone);
            return host + ":" + a.getPort();
        }
        return String.valueOf(address);
    }

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            onReadable();
        }
        if (!closed && (readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
    }

    private void onReadable() {
        ByteBuffer in = loop.readBuffer();
        in.clear();
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            close();
            return;
        }
        if (n < 0) {
            close();
            return;
        }
        if (n == 0) return;
        engine.stats().netInputBytes.add(n);
        lastInteractionMillis = engine.ticker().currentTimeMillis();
        in.flip();
        decoder.maxBulkLength(config.protoMaxBulkLen);
        if (!process(in)) return;
        flush();
    }

    /** Executes every complete command in {@code in}; false if the connection had to be closed at once. */
    private boolean process(ByteBuffer in) {
        while (!closeAfterWrite) {
            boolean complete;
            try {
                decoder.unauthenticated(!session.authenticated());
                complete = decoder.next(in);
            } catch (RespProtocolException e) {
                writer.error("ERR " + e.getMessage());
                closeAfterWrite = true;
                log.debug("protocol error from {}: {}", remoteAddress, e.getMessage());
                break;
            }
            if (!complete) break;
            execute(decoder.argv(), decoder.argc());
        }
        if (!closeAfterWrite && decoder.bufferedBytes() > config.clientQueryBufferLimit) {
            log.warn("closing client {}: query buffer over client-query-buffer-limit", remoteAddress);
            close();
            return false;
        }
        return true;
    }

    /** Runs one command, honouring CLIENT REPLY OFF/SKIP by dropping the reply it wrote. */
    private void execute(byte[][] argv, int argc) {
        if (writer.protocol() != session.protocol()) writer.switchProtocol(session.protocol());
        boolean skipThis = session.replyMode() == Session.ReplyMode.SKIP;
        if (skipThis) session.replyMode(Session.ReplyMode.ON);
        long mark = writer.mark();
        try {
            session.execute(argv, argc, writer);
        } catch (RuntimeException e) {
            // A handler bug must not take the loop down; the client gets an error as from any failed command.
            log.error("command failed", e);
            writer.truncate(mark);
            writer.error("ERR internal error");
        }
        if (skipThis || session.replyMode() != Session.ReplyMode.ON) writer.truncate(mark);
        if (session.closeRequested()) closeAfterWrite = true;
    }

    /** Writes what the socket takes, then closes, pauses or resumes as the state requires. */
    private void flush() {
        if (!writer.isEmpty()) {
            try {
                // Read the clock before the write: once the bytes are out, the peer may act (and move a test clock).
                long now = engine.ticker().currentTimeMillis();
                long n = writer.writeTo(channel);
                if (n > 0) {
                    engine.stats().netOutputBytes.add(n);
                    lastInteractionMillis = now;
                }
            } catch (IOException e) {
                close();
                return;
            }
        }
        if (writer.isEmpty() && (closeAfterWrite || (readingStopped && loop.stopping()))) {
            close();
            return;
        }
        if (outputLimit > 0 && writer.pending() > outputLimit) {
            log.warn("closing client {}: output buffer over its limit ({} bytes)", remoteAddress, writer.pending());
            close();
            return;
        }
        updateInterest();
    }

    private void updateInterest() {
        boolean read = !closeAfterWrite && !readingStopped && writer.pending() < BACKPRESSURE_BYTES;
        int wanted = (read ? SelectionKey.OP_READ : 0) | (writer.isEmpty() ? 0 : SelectionKey.OP_WRITE);
        if (wanted != interest) {
            key.interestOps(wanted);
            interest = wanted;
        }
    }

    /** Shutdown: read nothing more, close once the pending replies are written. */
    void stopReading() {
        readingStopped = true;
        flush();
    }

    /** Closes after writing what is pending (QUIT, CLIENT KILL); from any thread. */
    @Override
    public void kill() {
        loop.execute(() -> {
            if (closed) return;
            closeAfterWrite = true;
            flush();
        });
    }

    /** Closes now, dropping unsent output. Loop thread only; idempotent. */
    void close() {
        if (closed) return;
        closed = true;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing {}", remoteAddress, e);
        }
        writer.clear();
        session.close();
        loop.server.connectionClosed();
    }

    long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    @Override public String remoteAddress() { return remoteAddress; }
    @Override public String localAddress() { return localAddress; }
    @Override public int fd() { return fd; }
    @Override public long queryBufferBytes() { return decoder.bufferedBytes(); }
    @Override public long outputBytes() { return writer.pending(); }
}
