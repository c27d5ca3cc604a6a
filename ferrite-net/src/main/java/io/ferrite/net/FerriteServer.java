package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a {@link Ferrite} engine over RESP, as a Redis server does. The engine stays usable through its Java API
 * at the same time.
 *
 * <pre>{@code
 * try (Ferrite engine = Ferrite.newBuilder().build();
 *      FerriteServer server = FerriteServer.newBuilder(engine).port(0).build().start()) {
 *     int port = server.port();
 *     ...
 * }
 * }</pre>
 *
 * <p>A few event loops (one per two cores by default, see {@link #defaultLoops()}) serve every connection; a
 * connection is a small state object,
 * never a thread. Listener parameters live in the engine's {@link Config} ({@code maxclients}, {@code timeout},
 * {@code requirepass}, {@code protected-mode}, {@code proto-max-bulk-len}, {@code client-query-buffer-limit}), so
 * CONFIG SET changes them for a running server; the builder sets them before start.
 */
public final class FerriteServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FerriteServer.class);
    static final byte[] MAX_CLIENTS_REACHED = "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PROTECTED_MODE_DENIED = ("-DENIED Redis is running in protected mode because protected mode is "
            + "enabled and no password is set for the default user. In this mode connections are only accepted from "
            + "the loopback interface. If you want to connect from external computers to Redis you may adopt one of "
            + "the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode "
            + "no' from the loopback interface by connecting to Redis from the same host the server is running, "
            + "however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to "
            + "make this change permanent. 2) Alternatively you can just disable the protected mode by editing the "
            + "Redis configuration file, and setting the protected mode option to 'no', and then restarting the "
            + "server. 3) If you started the server manually just for testing, restart it with the "
            + "'--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You "
            + "only need to do one of the above things in order for the server to start accepting connections from "
            + "the outside.\r\n").getBytes(StandardCharsets.US_ASCII);
    /** File descriptors as CLIENT LIST shows them: Redis's first client usually gets one just above its own. */
    private static final int FIRST_FD = 8;

    private final Ferrite engine;
    private final Config config;
    private final String bind;
    private final int requestedPort;
    private final EventLoop[] loops;
    private final long outputBufferLimit;
    private final OutputLimit pubsubOutputLimit;
    private final Duration shutdownTimeout;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger nextFd = new AtomicInteger(FIRST_FD);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private ServerSocketChannel serverChannel;
    private volatile int port = -1;
    /** SHUTDOWN closes the server from a thread of its own: close() waits for the loops, the caller runs on one. */
    private final Runnable shutdownListener = () -> {
        Thread t = new Thread(this::close, "ferrite-shutdown");
        t.start();
    };
    private final Runnable unpauseListener = this::retryPaused;
    private int nextLoop;

    private FerriteServer(Builder b) throws IOException {
        this.engine = b.engine;
        this.config = engine.config();
        this.bind = b.bind;
        this.requestedPort = b.port;
        this.outputBufferLimit = b.outputBufferLimit;
        this.pubsubOutputLimit = b.pubsubOutputLimit;
        this.shutdownTimeout = b.shutdownTimeout;
        if (b.maxclients != null) config.maxclients = b.maxclients;
        if (b.timeoutSeconds != null) config.timeout = b.timeoutSeconds;
        // Through the parameter table: the default user's password follows requirepass.
        if (b.requirepass != null) engine.configTable().set("requirepass", b.requirepass);
        if (b.protectedMode != null) config.protectedMode = b.protectedMode;
        config.bind = bind;
        this.loops = new EventLoop[b.loops];
        for (int i = 0; i < loops.length; i++) loops[i] = new EventLoop(this, i, b.busyPoll.toNanos());
    }

    /** A builder for a server exposing {@code engine}. */
    public static Builder newBuilder(Ferrite engine) {
        return new Builder(engine);
    }

    /** Binds and starts serving; returns this server. */
    public FerriteServer start() throws IOException {
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("already started");
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(InetAddress.getByName(bind), requestedPort), 511);
            ch.configureBlocking(false);
        } catch (IOException e) {
            ch.close();
            throw new IOException("Could not create server TCP listening socket " + bind + ":" + requestedPort
                    + ": " + e.getMessage(), e);
        }
        serverChannel = ch;
        port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        config.port = port;
        EventLoop acceptLoop = loops[0];
        for (EventLoop l : loops) l.start();
        engine.onShutdown(shutdownListener);
        engine.clients().onUnpause(unpauseListener);
        java.util.concurrent.CompletableFuture<Void> registered = new java.util.concurrent.CompletableFuture<>();
        acceptLoop.execute(() -> {
            try {
                ch.register(acceptLoop.selector(), SelectionKey.OP_ACCEPT, (Handler) ops -> acceptAll());
                registered.complete(null);
            } catch (IOException e) {
                registered.completeExceptionally(e);
            }
        });
        try {
            registered.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IOException("could not start accepting", e);
        }
        return this;
    }

    /** The port the server listens on (the chosen one when built with port 0); -1 before {@link #start()}. */
    public int port() {
        return port;
    }

    public String bind() {
        return bind;
    }

    public Ferrite engine() {
        return engine;
    }

    /** Connections currently open. */
    public int connectionCount() {
        return openConnections.get();
    }

    /**
     * TCP keepalive as Redis's {@code anetKeepAlive} sets it: first probe after {@code seconds} idle, then every
     * third of that, three probes. The timing options are Linux/macOS extensions; where absent, the system's apply.
     */
    private static void keepAlive(SocketChannel sc, int seconds) throws IOException {
        sc.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        java.util.Set<java.net.SocketOption<?>> supported = sc.supportedOptions();
        if (supported.contains(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE)) {
            sc.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, seconds);
            sc.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, Math.max(1, seconds / 3));
            sc.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
        }
    }

    /** Accepts every pending connection (loop 0's thread), enforcing maxclients and protected mode. */
    private void acceptAll() {
        while (true) {
            SocketChannel sc;
            try {
                sc = serverChannel.accept();
            } catch (IOException e) {
                log.warn("accept failed: {}", e.getMessage());
                return;
            }
            if (sc == null) return;
            try {
                if (openConnections.get() >= config.maxclients) {
                    reject(sc, MAX_CLIENTS_REACHED);
                    continue;
                }
                // As Redis: protected while the default user needs no password (requirepass or ACL SETUSER default).
                boolean open = engine.acl().defaultUser().permissions().nopass();
                if (config.protectedMode && open && !isLoopback(sc)) {
                    reject(sc, PROTECTED_MODE_DENIED);
                    continue;
                }
                sc.configureBlocking(false);
                sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (config.tcpKeepalive > 0) keepAlive(sc, config.tcpKeepalive);
            } catch (IOException e) {
                closeQuietly(sc);
                continue;
            }
            openConnections.incrementAndGet();
            engine.stats().connectionsReceived.increment();
            EventLoop loop = loops[nextLoop];
            nextLoop = (nextLoop + 1) % loops.length;
            int fd = nextFd.getAndIncrement();
            loop.execute(() -> register(loop, sc, fd));
        }
    }

    private void register(EventLoop loop, SocketChannel sc, int fd) {
        if (loop.stopping()) {
            closeQuietly(sc);
            connectionClosed();
            return;
        }
        try {
            new Connection(loop, sc, fd, outputBufferLimit, pubsubOutputLimit);
        } catch (IOException e) {
            closeQuietly(sc);
            connectionClosed();
        }
    }

    /** Tells the client why, as Redis does, without waiting for it: the message fits any fresh socket buffer. */
    private void reject(SocketChannel sc, byte[] message) {
        engine.stats().rejectedConnections.increment();
        try {
            sc.configureBlocking(false);
            sc.write(ByteBuffer.wrap(message));
        } catch (IOException e) {
            log.debug("rejecting connection", e);
        }
        closeQuietly(sc);
    }

    private static boolean isLoopback(SocketChannel sc) throws IOException {
        return sc.getRemoteAddress() instanceof InetSocketAddress a && a.getAddress().isLoopbackAddress();
    }

    private static void closeQuietly(SocketChannel sc) {
        try {
            sc.close();
        } catch (IOException e) {
            log.debug("closing socket", e);
        }
    }

    private void retryPaused() {
        for (EventLoop l : loops) l.retryPaused();
    }

    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    /**
     * Stops accepting, stops reading, writes the replies of every command already read, and closes connections;
     * waits for all of it up to the shutdown timeout. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        engine.removeShutdownListener(shutdownListener);
        engine.clients().removeUnpauseListener(unpauseListener);
        if (serverChannel != null) {
            try {
                serverChannel.close();
            } catch (IOException e) {
                log.debug("closing listener", e);
            }
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        for (EventLoop l : loops) l.shutdown(deadline);
        if (!started.get()) {
            for (EventLoop l : loops) l.start();
        }
        awaitQuietly();
    }

    private void awaitQuietly() {
        try {
            awaitTermination(shutdownTimeout.plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every loop has ended after {@link #close()}; true if they all did within {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (EventLoop l : loops) {
            if (!l.awaitTermination(Math.max(0, deadline - System.nanoTime()))) return false;
        }
        return true;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * One event loop per two cores, at least one. A server on loopback shares its cores with its clients (the test
     * JVM, redis-benchmark, the application): on two cores, one loop beside the client gave the same throughput
     * as two and a quarter to a half of their p99 latency, because two loops and the client queue for two cores.
     */
    public static int defaultLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Configures a {@link FerriteServer}; validates eagerly. */
    public static final class Builder {
        private final Ferrite engine;
        private String bind;
        private int port;
        private int loops = defaultLoops();
        private Integer maxclients;
        private Integer timeoutSeconds;
        private String requirepass;
        private Boolean protectedMode;
        private long outputBufferLimit;
        private OutputLimit pubsubOutputLimit = OutputLimit.PUBSUB_DEFAULT;
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private Duration busyPoll = Duration.ZERO;

        private Builder(Ferrite engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.bind = engine.config().bind;
            this.port = engine.config().port;
        }

        /** The address to listen on; {@code 127.0.0.1} unless the engine's configuration says otherwise. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "bind");
            return this;
        }

        /** The TCP port; 0 picks a free one ({@link FerriteServer#port()} tells which). Default 6379. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            this.port = port;
            return this;
        }

        /** Number of event loop threads; one per two cores by default ({@link #defaultLoops()}). */
        public Builder loops(int n) {
            if (n < 1) throw new IllegalArgumentException("loops must be at least 1: " + n);
            this.loops = n;
            return this;
        }

        /**
         * How long an event loop keeps polling its sockets after its last event before it sleeps (Ferrite's own
         * {@code busy-poll}; zero, the default, never polls). Requests that arrive while it polls need no wake-up:
         * lower latency and fewer kernel wake-ups for the clients, for the CPU of the polling. Worth it for a server
         * with cores of its own; an in-process test double usually shares them with the test, hence off by default.
         */
        public Builder busyPoll(Duration d) {
            if (d.isNegative() || d.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("busy poll out of range (0 to 1 s): " + d);
            }
            this.busyPoll = d;
            return this;
        }

        /** Redis's {@code maxclients} (10000 by default): further connections are told so and closed. */
        public Builder maxclients(int n) {
            if (n < 1) throw new IllegalArgumentException("maxclients must be at least 1: " + n);
            this.maxclients = n;
            return this;
        }

        /** Redis's {@code timeout}: close connections idle for longer; 0 (the default) never does. */
        public Builder timeout(Duration idle) {
            long s = idle.getSeconds();
            if (s < 0 || s > Integer.MAX_VALUE) throw new IllegalArgumentException("timeout out of range: " + idle);
            this.timeoutSeconds = (int) s;
            return this;
        }

        /** Redis's {@code requirepass}: clients must AUTH first; empty means none. */
        public Builder requirepass(String password) {
            this.requirepass = Objects.requireNonNull(password, "requirepass");
            return this;
        }

        /** Redis's {@code protected-mode}: without a password, only loopback clients are served. On by default. */
        public Builder protectedMode(boolean on) {
            this.protectedMode = on;
            return this;
        }

        /**
         * Hard limit on unsent reply bytes per client ({@code client-output-buffer-limit normal}); a client past it
         * is disconnected. 0, Redis's default for normal clients, means no limit.
         */
        public Builder outputBufferLimit(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("negative output buffer limit: " + bytes);
            this.outputBufferLimit = bytes;
            return this;
        }

        /**
         * Output limits for clients subscribed to channels ({@code client-output-buffer-limit pubsub}): past
         * {@code hardBytes} of unsent messages the client is disconnected at once; above {@code softBytes} for
         * {@code softFor} continuously, then. 0 disables a limit. Redis's default, and Ferrite's: 32 MB, 8 MB, 60 s.
         */
        public Builder pubsubOutputBufferLimit(long hardBytes, long softBytes, Duration softFor) {
            this.pubsubOutputLimit = new OutputLimit(hardBytes, softBytes, softFor.toMillis());
            return this;
        }

        /** How long {@link FerriteServer#close()} lets connections flush their replies; 5 s by default. */
        public Builder shutdownTimeout(Duration d) {
            if (d.isNegative()) throw new IllegalArgumentException("negative shutdown timeout: " + d);
            this.shutdownTimeout = d;
            return this;
        }

        public FerriteServer build() throws IOException {
            return new FerriteServer(this);
        }
    }
}
