package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Replies;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.command.Args;
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
import java.util.Arrays;

/**
 * One client connection: a state machine driven by its {@link EventLoop}, attached to its selection key.
 *
 * <p>After each read it decodes and executes every complete command, then attempts one write of all their
 * replies; only leftovers make it ask for {@code OP_WRITE}. Interest ops are derived from state
 * ({@link #updateInterest}) and changed only here, on the loop thread. While more than
 * {@link #BACKPRESSURE_BYTES} of replies wait to be sent, it stops reading: a client that pipelines without
 * reading cannot grow the server's memory.
 *
 * <p>A command may hold the connection: a blocking command that parked (BLPOP on an empty list) or one that
 * CLIENT PAUSE holds back. Until it is answered the connection executes nothing more; it keeps reading, so that a
 * disconnect is noticed, but only buffers what arrives ({@link #heldInput}, bounded by the query-buffer limit). The
 * parked command's reply comes from whichever thread serves it or times it out, as a task on this loop.
 *
 * <p>Everything is confined to the loop thread except what {@link Session.Transport} exposes to CLIENT LIST,
 * CLIENT KILL and MONITOR, which is immutable or hands work to the loop.
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
    private final boolean local;
    private final String localAddress;
    private final int fd;
    private final long outputLimit;
    private final OutputLimit pubsubLimit;
    /** When the output first went over the pub/sub soft limit without falling back under it; 0 if it is not over. */
    private long overSoftLimitSince;
    private boolean messageFlushScheduled;

    private int interest;
    private boolean closeAfterWrite;
    private boolean readingStopped;
    private boolean closed;
    /**
     * Set by CLIENT KILL or ACL DELUSER from any thread, before the loop closes the connection: from then on no
     * command of it runs (Redis stops reading a client flagged close-ASAP).
     */
    private volatile boolean killed;
    private volatile long lastInteractionMillis;
    /** A parked blocking command's reply is awaited; whether CLIENT REPLY silenced that command. */
    private boolean awaitingReply;
    private boolean awaitedReplyMuted;
    /** The command CLIENT PAUSE holds back, to run when the pause ends. */
    private byte[][] pausedArgv;
    /** Input received while a command holds the connection, not yet decoded; null when none (read mode). */
    private volatile ByteBuffer heldInput;

    Connection(EventLoop loop, SocketChannel channel, int fd, long outputLimit, OutputLimit pubsubLimit)
            throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.fd = fd;
        this.outputLimit = outputLimit;
        this.pubsubLimit = pubsubLimit;
        this.engine = loop.server.engine();
        this.config = engine.config();
        this.remoteAddress = format(channel.getRemoteAddress());
        this.local = channel.getRemoteAddress() instanceof InetSocketAddress a && a.getAddress().isLoopbackAddress();
        this.localAddress = format(channel.getLocalAddress());
        this.decoder = new RespDecoder(config.protoMaxBulkLen);
        this.writer = new RespWriter(2, loop.pool());
        this.lastInteractionMillis = engine.ticker().currentTimeMillis();
        this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        this.interest = SelectionKey.OP_READ;
        this.session = engine.newSession(this);
        session.blockedDelivery(reply -> loop.execute(() -> onBlockedReply(reply)));
        session.messageDelivery(message -> loop.execute(() -> onMessage(message)));
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
        if (held()) {
            hold(in);
            return;
        }
        decoder.maxBulkLength(config.protoMaxBulkLen);
        if (!process(in)) return;
        flush();
    }

    /** A command waits for its reply or for the end of a pause: nothing more may run. */
    boolean held() {
        return awaitingReply || pausedArgv != null;
    }

    /** Keeps the rest of {@code in} for when the connection is released; false if that broke the query-buffer limit. */
    private boolean hold(ByteBuffer in) {
        if (!in.hasRemaining()) return true;
        int kept = heldInput == null ? 0 : heldInput.remaining();
        if (kept + in.remaining() + decoder.bufferedBytes() > config.clientQueryBufferLimit) {
            log.warn("closing client {}: query buffer over client-query-buffer-limit", remoteAddress);
            close();
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(kept + in.remaining());
        if (heldInput != null) b.put(heldInput);
        b.put(in).flip();
        heldInput = b;
        return true;
    }

    /** Executes every complete command in {@code in}; false if the connection had to be closed at once. */
    private boolean process(ByteBuffer in) {
        while (!closeAfterWrite && !killed) {
            if (held()) return hold(in);
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
        if (engine.clients().pausedUntilMillis() != 0 && pausedFor(argv, argc)) {
            pausedArgv = Arrays.copyOf(argv, argc);
            return;
        }
        if (writer.protocol() != session.protocol()) writer.switchProtocol(session.protocol());
        boolean skipThis = session.replyMode() == Session.ReplyMode.SKIP;
        if (skipThis) session.replyMode(Session.ReplyMode.ON);
        long mark = writer.mark();
        try {
            session.execute(argv, argc, writer);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // A handler bug (or a missing class, or runaway recursion) must not take the loop and every other
            // client down; this client gets an error as from any failed command. The shard locks were released
            // by the dispatcher's finally blocks.
            log.error("command failed", e);
            writer.truncate(mark);
            writer.error("ERR internal error");
        }
        boolean muted = skipThis || session.replyMode() != Session.ReplyMode.ON;
        if (muted) writer.truncate(mark);
        if (session.lastCommandParked()) {
            awaitingReply = true;
            awaitedReplyMuted = muted;
        }
        if (session.closeRequested()) closeAfterWrite = true;
    }

    /** Whether a CLIENT PAUSE in force holds this command back (the pause check Redis's processCommand makes). */
    private boolean pausedFor(byte[][] argv, int argc) {
        long now = engine.ticker().currentTimeMillis();
        if (now >= engine.clients().pausedUntilMillis()) return false;
        return engine.clients().pauses(engine.dispatcher().resolve(new Args(argv, argc)), now);
    }

    /** The parked command's reply, delivered on this loop: write it, then run what was held back. */
    private void onBlockedReply(Reply reply) {
        if (closed || !awaitingReply) return;
        awaitingReply = false;
        if (!awaitedReplyMuted) {
            if (writer.protocol() != session.protocol()) writer.switchProtocol(session.protocol());
            Replies.write(reply, writer);
        }
        release();
    }

    /** CLIENT UNPAUSE or the pause's end: run the held-back command if it may run now. Loop thread. */
    void retryPaused() {
        if (!closed && pausedArgv != null) release();
    }

    /** Runs what a held command kept waiting, as far as the connection is not held again, then flushes. */
    private void release() {
        if (pausedArgv != null) {
            byte[][] argv = pausedArgv;
            pausedArgv = null;
            execute(argv, argv.length);
        }
        if (!held() && heldInput != null) {
            ByteBuffer in = heldInput;
            heldInput = null;
            decoder.maxBulkLength(config.protoMaxBulkLen);
            if (!process(in)) return;
        }
        flush();
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
        if (overOutputLimit()) return;
        updateInterest();
    }

    /** Closes the connection if its unsent output broke its class's limit (pub/sub or normal); true if it did. */
    private boolean overOutputLimit() {
        long pending = writer.pending();
        boolean over;
        if (session.subscribed()) {
            over = pubsubLimit.hardBytes() > 0 && pending > pubsubLimit.hardBytes();
            if (!over && pubsubLimit.softBytes() > 0 && pending > pubsubLimit.softBytes()) {
                long now = engine.ticker().currentTimeMillis();
                if (overSoftLimitSince == 0) overSoftLimitSince = now;
                over = now - overSoftLimitSince >= pubsubLimit.softMillis();
            } else {
                overSoftLimitSince = 0;
            }
        } else {
            over = outputLimit > 0 && pending > outputLimit;
        }
        if (over) {
            log.warn("closing client {}: output buffer over its limit ({} bytes)", remoteAddress, pending);
            close();
        }
        return over;
    }

    /**
     * A published message, on this loop. Messages queued together go out in one write: the flush runs after them.
     * The limit is checked per message, so a subscriber that does not read costs at most its limit in memory.
     */
    private void onMessage(io.ferrite.core.pubsub.Message message) {
        if (closed) return;
        if (writer.protocol() != session.protocol()) writer.switchProtocol(session.protocol());
        message.writeTo(writer);
        if (overOutputLimit() || messageFlushScheduled) return;
        messageFlushScheduled = true;
        loop.execute(() -> {
            messageFlushScheduled = false;
            if (!closed) flush();
        });
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

    /** MONITOR's feed: another thread executed a command; the line joins this connection's output on its loop. */
    @Override
    public void sendStatus(String line) {
        loop.execute(() -> {
            if (closed) return;
            writer.simple(line);
            flush();
        });
    }

    /** Closes after writing what is pending (QUIT, CLIENT KILL); from any thread. */
    @Override
    public void kill() {
        killed = true;
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
        heldInput = null;
        pausedArgv = null;
        session.close();
        loop.server.connectionClosed();
    }

    long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    @Override public String remoteAddress() { return remoteAddress; }
    @Override public boolean local() { return local; }
    @Override public String localAddress() { return localAddress; }
    @Override public int fd() { return fd; }
    @Override public long queryBufferBytes() {
        ByteBuffer held = heldInput;
        return decoder.bufferedBytes() + (held == null ? 0 : held.remaining());
    }
    @Override public long outputBytes() { return writer.pending(); }
}
