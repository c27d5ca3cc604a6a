package io.ferrite.core;

import io.ferrite.core.command.Args;
import io.ferrite.core.blocking.BlockingRegistry;
import io.ferrite.core.command.CommandContext;

import io.ferrite.core.pubsub.Message;
import io.ferrite.core.pubsub.Subscriptions;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One client's state: selected database, protocol, name, authentication, reply mode. The network gives each
 * connection one; the embedded API creates them with {@link Ferrite#newSession()}. Both run commands through the
 * same {@link io.ferrite.core.command.Dispatcher}.
 *
 * <p>A session is used by one thread at a time (like a connection); CLIENT LIST and CLIENT KILL read its
 * descriptive fields from other threads, hence the volatile ones.
 */
public final class Session {

    /** CLIENT REPLY modes. */
    public enum ReplyMode { ON, OFF, SKIP }

    /** What the network knows of a connection, for CLIENT LIST/INFO/KILL; null for embedded sessions. */
    public interface Transport {
        String remoteAddress();
        String localAddress();
        int fd();
        /** Closes the connection from another thread (CLIENT KILL); the transport does it on its own thread. */
        void kill();
        /** Bytes waiting in the query buffer and output queue, for CLIENT LIST's qbuf/omem fields. */
        default long queryBufferBytes() { return 0; }
        default long outputBytes() { return 0; }
        /** Whether the peer is on this host (Redis's {@code islocalClient}: a loopback address). */
        default boolean local() { return true; }
        /** Sends {@code line} as a status reply out of band (MONITOR's feed); from any thread. */
        default void sendStatus(String line) {}
    }

    private final Ferrite engine;
    private final long id;
    private final long createdMillis;
    private final Transport transport;
    private final CommandContext context;

    private volatile int db;
    private volatile int protocol = 2;
    private volatile String name = "";
    private volatile String libName = "";
    private volatile String libVersion = "";
    private volatile boolean authenticated;
    private volatile io.ferrite.core.acl.User user;
    private volatile ReplyMode replyMode = ReplyMode.ON;
    private volatile boolean noEvict;
    private volatile boolean noTouch;
    private volatile ReplicaRequest replicaRequest = ReplicaRequest.NONE;
    // Written on every command by the executing thread, read by CLIENT LIST from others: opaque accesses (plain
    // moves on x86) give atomicity and eventual visibility without the store fence of a volatile write.
    private String lastCommand = "NULL";
    private long lastInteractionMillis;
    private volatile boolean closeRequested;
    private volatile BlockingRegistry.Delivery blockedDelivery;
    private volatile BlockingRegistry.Waiter parked;
    private boolean parkedByLastCommand; // only the executing thread reads it
    private Subscriptions subscriptions; // created on first use; changed only by the executing thread
    private volatile Consumer<Message> messageDelivery;
    private final Queue<Message> inbox;
    private volatile io.ferrite.core.tx.Transaction transaction; // created on first use by the executing thread
    private volatile io.ferrite.core.tracking.ClientTracking tracking; // created on first use by the executing thread

    Session(Ferrite engine, long id, Transport transport) {
        this.engine = engine;
        this.id = id;
        this.transport = transport;
        this.createdMillis = engine.ticker().currentTimeMillis();
        this.lastInteractionMillis = createdMillis;
        this.user = engine.acl().defaultUser();
        this.authenticated = engine.acl().defaultOpen();
        this.context = new CommandContext(engine, this);
        if (transport == null) {
            this.inbox = new ConcurrentLinkedQueue<>();
            this.messageDelivery = inbox::add;
        } else {
            this.inbox = null;
        }
    }

    /** Runs a command and returns its reply as Java objects. Arguments are UTF-8 encoded. */
    public Reply call(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        return callOwned(argv);
    }

    /** Runs a command and returns its reply. The arrays are copied: the caller may reuse them. */
    public Reply call(byte[]... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) argv[i] = args[i].clone();
        return callOwned(argv);
    }

    public Reply call(List<byte[]> args) {
        return call(args.toArray(new byte[0][]));
    }

    /**
     * Runs a command whose argument arrays now belong to the engine. Returns null when the command sent no reply
     * (CLIENT REPLY OFF or SKIP in effect).
     */
    Reply callOwned(byte[][] argv) {
        try {
            return callAsyncOwned(argv).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelBlocked();
            throw new IllegalStateException("interrupted while blocked", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs a command; the future completes with its reply at once, or, for a blocking command that found no data
     * (BLPOP ...), when it is served or times out. The embedded way to wait without holding a thread.
     */
    public CompletableFuture<Reply> callAsync(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        return callAsyncOwned(argv);
    }

    CompletableFuture<Reply> callAsyncOwned(byte[][] argv) {
        if (argv.length == 0) throw new IllegalArgumentException("no command");
        CompletableFuture<Reply> result = new CompletableFuture<>();
        BlockingRegistry.Delivery previous = blockedDelivery;
        if (transport == null) blockedDelivery = result::complete;
        try {
            ReplyBuilder builder = new ReplyBuilder(protocol);
            execute(argv, argv.length, builder);
            if (!parkedByLastCommand) result.complete(builder.replies().isEmpty() ? null : builder.reply());
        } finally {
            if (transport == null) blockedDelivery = previous;
        }
        return result;
    }

    /**
     * Runs one command, writing its reply to {@code out}. The network path: {@code argv[0..argc)} belong to the
     * engine from now on. Not reentrant for the same session.
     */
    public void execute(byte[][] argv, int argc, ReplySink out) {
        parkedByLastCommand = false;
        CommandContext ctx = context;
        Args args = ctx.args;
        if (args == null) {
            ctx.args = new Args(argv, argc);
        } else {
            args.reset(argv, argc);
        }
        ReplyMode mode = replyMode;
        if (mode == ReplyMode.ON) {
            ctx.out = out;
        } else if (mode == ReplyMode.SKIP) {
            // SKIP silences exactly this command; OFF silences until CLIENT REPLY ON switches it back.
            replyMode = ReplyMode.ON;
            ctx.out = new MutedSink(out, () -> false);
        } else {
            ctx.out = new MutedSink(out, () -> replyMode == ReplyMode.ON);
        }
        engine.dispatcher().dispatch(ctx);
    }

    public Ferrite engine() { return engine; }
    public long id() { return id; }
    public long createdMillis() { return createdMillis; }
    public Transport transport() { return transport; }

    public int db() { return db; }
    public void select(int index) { this.db = index; }

    public int protocol() { return protocol; }
    public void protocol(int p) { this.protocol = p; }

    public String name() { return name; }
    public void name(String n) { this.name = n; }
    public String libName() { return libName; }
    public void libName(String n) { this.libName = n; }
    public String libVersion() { return libVersion; }
    public void libVersion(String v) { this.libVersion = v; }

    public boolean authenticated() { return authenticated; }
    public void authenticated(boolean a) { this.authenticated = a; }

    /** The user the session runs as ({@code default} until AUTH names another). */
    public io.ferrite.core.acl.User user() { return user; }

    /** Authenticates the session as {@code u}. */
    public void authenticate(io.ferrite.core.acl.User u) {
        user(u, true);
    }

    /** Runs as {@code u}, authenticated or not (RESET: the default user, authenticated if it needs no password). */
    public void user(io.ferrite.core.acl.User u, boolean authenticated) {
        this.user = u;
        this.authenticated = authenticated;
    }

    public ReplyMode replyMode() { return replyMode; }
    public void replyMode(ReplyMode m) { this.replyMode = m; }

    public boolean noEvict() { return noEvict; }
    public void noEvict(boolean b) { this.noEvict = b; }
    public boolean noTouch() { return noTouch; }
    public void noTouch(boolean b) { this.noTouch = b; }

    public String lastCommand() { return (String) LAST_COMMAND.getOpaque(this); }
    public void lastCommand(String c) { LAST_COMMAND.setOpaque(this, c); }
    public long lastInteractionMillis() { return (long) LAST_INTERACTION.getOpaque(this); }
    public void touch(long nowMillis) { LAST_INTERACTION.setOpaque(this, nowMillis); }

    private static final VarHandle LAST_COMMAND;
    private static final VarHandle LAST_INTERACTION;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LAST_COMMAND = lookup.findVarHandle(Session.class, "lastCommand", String.class);
            LAST_INTERACTION = lookup.findVarHandle(Session.class, "lastInteractionMillis", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** QUIT, CLIENT KILL or SHUTDOWN asked for this session to end once its pending replies are written. */
    public boolean closeRequested() { return closeRequested; }
    public void requestClose() { this.closeRequested = true; }

    /**
     * What REPLCONF asked of a SYNC on this connection: only a snapshot, then close ({@code rdb-only 1}); the
     * function libraries alone ({@code rdb-filter-only functions}); a replica able to read an EOF-marked transfer
     * ({@code capa eof}).
     */
    public record ReplicaRequest(boolean rdbOnly, boolean functionsOnly, boolean capaEof) {
        static final ReplicaRequest NONE = new ReplicaRequest(false, false, false);
    }

    public ReplicaRequest replicaRequest() { return replicaRequest; }

    public void replicaRequest(ReplicaRequest r) { this.replicaRequest = r; }

    /** Unregisters the session (the network calls it when the connection closes). */
    public void close() {
        cancelBlocked();
        io.ferrite.core.tx.TxCommands.forget(this);
        engine.tracking().disable(this);
        engine.pubsub().unsubscribeAll(this);
        engine.monitors().remove(this);
        engine.clients().remove(this);
        engine.forget(this);
    }

    /**
     * How a parked command's reply reaches this client, called from whichever thread serves or times it out. The
     * network sets it once per connection; embedded calls set it per call.
     */
    public BlockingRegistry.Delivery blockedDelivery() { return blockedDelivery; }

    public void blockedDelivery(BlockingRegistry.Delivery d) { this.blockedDelivery = d; }

    /** A command of this session is parked (CLIENT LIST flag b); its reply comes through {@link #blockedDelivery}. */
    public boolean isBlocked() { return parked != null; }

    /**
     * Whether the last command this thread executed parked. Unlike {@link #isBlocked} it stays true when another
     * thread serves the command at once: the caller must still wait for the reply's delivery.
     */
    public boolean lastCommandParked() { return parkedByLastCommand; }

    /**
     * CLIENT UNBLOCK: answers the parked command now, as its timeout would or with Redis's UNBLOCKED error;
     * false if nothing was parked.
     */
    public boolean unblock(boolean withError) {
        BlockingRegistry.Waiter w = parked;
        return w != null && engine.blocking().unblock(w, withError);
    }

    /** Called by the dispatcher when this session's command parks. */
    public void parked(BlockingRegistry.Waiter w) {
        this.parked = w;
        this.parkedByLastCommand = true;
    }

    /** The parked command was answered (served or timed out): the session may run commands again. */
    public void unparked() {
        this.parked = null;
    }

    /** Drops the parked command without a reply (disconnect, CLIENT KILL, CLIENT UNBLOCK). */
    public void cancelBlocked() {
        BlockingRegistry.Waiter w = parked;
        if (w != null) {
            engine.blocking().cancel(w);
            parked = null;
        }
    }

    /** This session's pub/sub subscriptions (created on first use). Only the session's executing thread calls it. */
    public Subscriptions subscriptions() {
        Subscriptions s = subscriptions;
        if (s == null) subscriptions = s = new Subscriptions();
        return s;
    }

    /** The subscriptions, or null if the session never subscribed; from any thread, possibly stale. */
    public Subscriptions subscriptionsIfAny() {
        return subscriptions;
    }

    /** Subscribed to at least one channel, pattern or shard channel: RESP2 then allows only the pub/sub commands. */
    public boolean subscribed() {
        Subscriptions s = subscriptions;
        return s != null && s.any();
    }

    /**
     * How published messages reach this client, called on the publisher's thread (possibly under keyspace locks,
     * for keyspace notifications): it must hand the message over, not act on it. The network enqueues it on the
     * connection's event loop. Embedded sessions start with a hook that queues messages for {@link #pollMessage()}.
     * Client-side caching uses the same path: with CLIENT TRACKING on, invalidations arrive as messages too
     * ({@link Message#isInvalidation()}, {@link Message#keys()}).
     */
    public Consumer<Message> messageDelivery() { return messageDelivery; }

    public void messageDelivery(Consumer<Message> d) { this.messageDelivery = d; }

    /**
     * Embedded sessions: calls {@code listener} for every message from now on instead of queueing it (messages
     * already queued stay for {@link #pollMessage()}). The listener runs on the publishing thread, possibly while it
     * holds keyspace locks: it must be quick and must not run commands; hand work to another thread.
     */
    public void onMessage(Consumer<Message> listener) {
        this.messageDelivery = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Embedded sessions: the oldest queued message, or null. Network sessions never queue. */
    public Message pollMessage() {
        return inbox == null ? null : inbox.poll();
    }

    /** MULTI/WATCH state (created on first use). Only the session's executing thread calls it. */
    public io.ferrite.core.tx.Transaction transaction() {
        io.ferrite.core.tx.Transaction t = transaction;
        if (t == null) transaction = t = new io.ferrite.core.tx.Transaction();
        return t;
    }

    /** The transaction state, or null if the session never used MULTI or WATCH; from any thread. */
    public io.ferrite.core.tx.Transaction transactionIfAny() {
        return transaction;
    }

    /** CLIENT TRACKING state (created on first use). Only the session's executing thread calls it. */
    public io.ferrite.core.tracking.ClientTracking tracking() {
        io.ferrite.core.tracking.ClientTracking t = tracking;
        if (t == null) tracking = t = new io.ferrite.core.tracking.ClientTracking();
        return t;
    }

    /** The tracking state, or null if the session never used CLIENT TRACKING ON; from any thread. */
    public io.ferrite.core.tracking.ClientTracking trackingIfAny() {
        return tracking;
    }
}
