package io.ferrite.core.command;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.ReplyBuilder;
import io.ferrite.core.ReplySink;
import io.ferrite.core.Session;
import io.ferrite.core.acl.AclCheck;
import io.ferrite.core.acl.Permissions;
import io.ferrite.core.blocking.BlockingRegistry;
import io.ferrite.core.keyspace.Keyspace;
import io.ferrite.core.pubsub.PubSub;
import io.ferrite.core.tracking.ClientTracking;
import io.ferrite.core.tracking.Tracking;
import io.ferrite.core.tx.TxCommands;
import io.ferrite.core.tx.WatchRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one path every command takes, from the network or the embedded API (Redis's {@code processCommand}):
 * lookup, arity, subcommand, authentication, ACL permissions, subscribed-mode rules, eviction and OOM refusal,
 * shard locking from the key specs, execution, memory re-accounting, parking of blocking commands, statistics,
 * MONITOR, and serving the waiters of the keys a write touched.
 *
 * <p>Thread-safe: holds no per-command state; each {@link CommandContext} is confined to its thread.
 */
public final class Dispatcher {
    private final Ferrite engine;
    private final CommandTable table;
    private final Keyspace keyspace;
    private final BlockingRegistry blocking;
    private final io.ferrite.core.server.Monitors monitors;
    private final Tracking tracking;
    private final io.ferrite.core.config.Config config;
    private final io.ferrite.core.server.SlowLog slowLog;

    public Dispatcher(Ferrite engine, CommandTable table) {
        this.engine = engine;
        this.table = table;
        this.keyspace = engine.keyspace();
        this.blocking = engine.blocking();
        this.monitors = engine.monitors();
        this.tracking = engine.tracking();
        this.config = engine.config();
        this.slowLog = engine.slowLog();
    }

    public CommandTable table() {
        return table;
    }

    /** Resolves the spec a command line invokes (the subcommand's for containers); null if unknown. */
    public CommandSpec resolve(Args args) {
        CommandSpec spec = table.lookup(args.bytes(0));
        if (spec != null && spec.isContainer() && args.count() > 1) {
            return spec.subcommands().lookup(args.bytes(1));
        }
        return spec;
    }

    public void dispatch(CommandContext ctx) {
        Args args = ctx.args;
        ReplySink out = ctx.out;
        Session session = ctx.session;
        byte[] name = args.bytes(0);
        CommandSpec spec;
        if (name == ctx.lookedUpName) {
            spec = ctx.lookedUpSpec;
        } else {
            spec = table.lookup(name);
            ctx.lookedUpName = name;
            ctx.lookedUpSpec = spec;
        }
        if (spec == null) {
            error(session, out, unknownCommand(args));
            return;
        }
        if (!spec.arityMatches(args.count())) {
            spec.rejectedCalls.increment();
            error(session, out, Errors.arity(spec.fullName()));
            return;
        }
        if (spec.isContainer() && args.count() > 1) {
            CommandSpec sub = spec.subcommands().lookup(args.bytes(1));
            if (sub == null) {
                spec.rejectedCalls.increment();
                error(session, out, "ERR unknown subcommand '" + truncate(args.string(1)) + "'. Try "
                        + spec.upperName() + " HELP.");
                return;
            }
            if (!sub.arityMatches(args.count())) {
                sub.rejectedCalls.increment();
                error(session, out, Errors.arity(sub.fullName()));
                return;
            }
            spec = sub;
        }
        if (spec.has(CommandFlag.PROTECTED) && !protectedAllowed(session, spec)) {
            spec.rejectedCalls.increment();
            boolean debug = spec.name().equals("debug");
            error(session, out, "ERR " + (debug ? "DEBUG" : "MODULE") + " command not allowed. If the "
                    + (debug ? "enable-debug-command" : "enable-module-command") + " option is set to \"local\", you "
                    + "can run it from a local connection, otherwise you need to set this option in the configuration "
                    + "file, and then restart the server.");
            return;
        }
        if (!session.authenticated() && !spec.has(CommandFlag.NO_AUTH)) {
            spec.rejectedCalls.increment();
            error(session, out, Errors.NOAUTH);
            return;
        }
        // The default user's usual permissions: one flag. Script calls are checked by the script (its own errors).
        Permissions permissions = session.user().permissions();
        if (!permissions.unrestricted() && !ctx.scripted) {
            AclCheck.Denial denial = AclCheck.check(permissions, spec, args);
            if (denial != null) {
                spec.rejectedCalls.increment();
                ctx.spec = spec;
                logDenial(ctx, denial, ctx.transaction != null || inMulti(session) ? "multi" : "toplevel");
                // At EXEC the rules may have changed since the command was queued: Redis says so.
                error(session, out, ctx.transaction != null ? denial.execError() : denial.error());
                return;
            }
        }
        if (session.protocol() == 2 && session.subscribed() && !PubSub.allowedWhileSubscribed(spec)) {
            spec.rejectedCalls.increment();
            error(session, out, PubSub.notAllowedError(spec));
            return;
        }
        if (!keyspace.ensureMemory() && spec.has(CommandFlag.DENYOOM) && !ctx.allowOom) {
            spec.rejectedCalls.increment();
            error(session, out, Errors.OOM);
            return;
        }
        ctx.spec = spec;
        long start = System.nanoTime();
        if (!ctx.timeFrozen) ctx.now = engine.ticker().currentTimeMillis(start);
        session.lastCommand(spec.fullName());
        session.touch(ctx.now);
        if (TxCommands.queues(session, spec)) {
            try {
                TxCommands.queue(ctx, spec);
            } catch (CommandException e) {
                spec.rejectedCalls.increment();
                error(session, out, e.getMessage());
            }
            return;
        }
        execute(ctx, spec, start);
        ClientTracking clientTracking = session.trackingIfAny();
        if (clientTracking != null && clientTracking.cachingGiven() && ctx.transaction == null
                && !isClientCommand(spec) && !inMulti(session)) {
            clientTracking.commandDone();
        }
        // Redis's trackingLimitUsedSlots; not inside EXEC or a script, which hold every lock the limit may take.
        if (ctx.transaction == null && tracking.active()) {
            tracking.flushBroadcasts();
            tracking.limit();
        }
        if (ctx.deferredServes != null) {
            List<CommandContext.DeferredServe> serves = ctx.deferredServes;
            ctx.deferredServes = null;
            for (CommandContext.DeferredServe d : serves) {
                if (d.keys() == null) blocking.serveAll(this::rerun);
                else blocking.serve(d.db(), d.keys(), this::rerun);
            }
        }
    }

    /**
     * Runs one command of a transaction for EXEC ({@code exec}), which holds every shard lock, into EXEC's reply.
     * Waiters on the keys it writes are served once EXEC is over, so nothing runs between the queued commands.
     */
    public void dispatchQueued(CommandContext exec, byte[][] argv) {
        CommandContext ctx = new CommandContext(engine, exec.session);
        ctx.args = new Args(argv, argv.length);
        ctx.out = exec.out;
        ctx.transaction = exec;
        dispatch(ctx);
    }

    /**
     * Runs a command called by a Lua script, replying into {@code out}. The script's command ({@code script}) holds
     * every shard lock, which the command's own locking re-enters; waiters on the keys it writes are served once the
     * script (or the EXEC running it) is over, so that nothing runs between the script's commands. The command sees
     * the script's time: a key that expires while the script runs stays alive for all of it.
     */
    public void dispatchFromScript(CommandContext script, byte[][] argv, ReplySink out) {
        dispatchFromScript(script, argv, out, false);
    }

    /**
     * As {@link #dispatchFromScript(CommandContext, byte[][], ReplySink)}; {@code allowOom}: the script is flagged
     * allow-oom, so a DENYOOM command is not refused over maxmemory.
     */
    public void dispatchFromScript(CommandContext script, byte[][] argv, ReplySink out, boolean allowOom) {
        CommandContext ctx = new CommandContext(engine, script.session);
        ctx.allowOom = allowOom;
        ctx.now = script.now;
        ctx.timeFrozen = true;
        ctx.args = new Args(argv, argv.length);
        ctx.out = out;
        ctx.transaction = script.transaction != null ? script.transaction : script;
        ctx.scripted = true;
        dispatch(ctx);
    }

    private void execute(CommandContext ctx, CommandSpec spec, long start) {
        ctx.blockKeys = null;
        int held = lock(ctx, spec);
        boolean failed = false;
        WatchRegistry watches = engine.watches();
        // A keyspace-wide write (FLUSHDB, SWAPDB ...) changes the watched keys whose value it replaces.
        Map<WatchRegistry.WatchedKey, Object> watchedBefore = held == ALL && ctx.keyCount == 0
                && spec.has(CommandFlag.WRITE) && watches.active() ? watches.snapshot(keyspace, ctx.now) : null;
        try {
            spec.handler().execute(ctx);
            if (spec.has(CommandFlag.WRITE)) {
                reaccount(ctx);
                // Under the command's locks: an EXEC cannot slip between this write and its watchers learning of it.
                // Keyed writes signal their watchers themselves, only for the keys they did change.
                if (watchedBefore != null) watches.touchChanged(keyspace, watchedBefore, ctx.now);
            }
            // Parked under the command's locks, so that no write can slip between "no data" and "waiting".
            if (ctx.blocked() && !ctx.serving) park(ctx);
        } catch (CommandException e) {
            failed = true;
            spec.failedCalls.increment();
            engine.stats().countError(e.getMessage());
            ctx.out.error(e.getMessage());
        } finally {
            // Under the command's locks, so that no write slips between the read and its remembering; a read that
            // failed (WRONGTYPE) is remembered too, as Redis does.
            if (ctx.session.trackingIfAny() != null && spec.has(CommandFlag.READONLY) && ctx.keyCount > 0
                    && !spec.has(CommandFlag.PUBSUB)) {
                tracking.remember(ctx.session, spec.name(), writtenKeys(ctx), ctx.keyCount);
            }
            unlock(ctx.lockedShards, held);
            ctx.hashedKey = null;
        }
        spec.calls.increment();
        long micros = (System.nanoTime() - start) / 1000;
        spec.micros.add(micros);
        if (config.latencyTracking) spec.latency().record(micros);
        // Under the threshold (the usual case) this is one compare. As in Redis, a parked command is logged when it
        // is served; EXEC's and a script's commands are logged one by one (EXEC itself is not).
        long slowerThan = config.slowlogLogSlowerThan;
        if (micros >= slowerThan && slowerThan >= 0 && !ctx.blocked()
                && !spec.has(CommandFlag.SKIP_SLOWLOG)) {
            slowLog.add(ctx, micros);
        }
        // Redis's latency monitor: a command of at least latency-monitor-threshold ms is a spike (0: off).
        long spikeMillis = config.latencyMonitorThreshold;
        if (spikeMillis > 0 && micros / 1000 >= spikeMillis && !ctx.blocked()) {
            engine.latencyMonitor().add(spec.has(CommandFlag.FAST) ? "fast-command" : "command", micros / 1000,
                    engine.ticker().currentTimeMillis() / 1000);
        }
        // A served waiter's command was shown when it first ran, as Redis shows a command once.
        if (monitors.active() && !ctx.serving) monitors.feed(ctx);
        // Only a write that went through can have given waiters data; a parked command changed nothing.
        if (!failed && !ctx.blocked() && spec.has(CommandFlag.WRITE) && blocking.hasWaiters()) {
            if (ctx.keyCount > 0) {
                if (ctx.transaction != null) ctx.transaction.deferServe(ctx.session.db(), writtenKeys(ctx));
                else blocking.serve(ctx.session.db(), writtenKeys(ctx), this::rerun);
            } else if (held == ALL) {
                // A keyspace-wide write (FLUSHALL, FLUSHDB, SWAPDB) may have given or taken any waiter's key, as Redis
                // finds scanning for ready keys: a waiter on a stream that went answers (XREADGROUP), others wait on.
                if (ctx.transaction != null) ctx.transaction.deferServe(CommandContext.ALL_DATABASES, null);
                else blocking.serveAll(this::rerun);
            }
        }
        // Keys the command's lookups found expired: their waiters run now, or after EXEC / the script.
        if (ctx.transaction == null && blocking.hasPending()) blocking.servePending(this::rerun);
    }

    /** Runs the waiters of keys the keyspace deleted by itself on this thread (the active expiry cycle's). */
    public void serveGoneKeys() {
        if (blocking.hasPending()) blocking.servePending(this::rerun);
    }

    private void park(CommandContext ctx) {
        Session s = ctx.session;
        BlockingRegistry.Delivery delivery = s.blockedDelivery();
        if (delivery == null) {
            // Nowhere to wait (e.g. a transaction): answer as a timeout would.
            ctx.blockTimeoutReply.write(ctx.out);
            return;
        }
        byte[][] argv = ctx.blockArgv;
        if (argv == null) {
            argv = new byte[ctx.args.count()][];
            for (int i = 0; i < argv.length; i++) argv[i] = ctx.args.bytes(i);
        }
        blocking.park(s, s.db(), ctx.blockKeys, argv, ctx.blockTimeoutMillis, ctx.blockTimeoutReply, delivery);
    }

    /** The keys a write touched: parked commands waiting on them run again, oldest first. */
    private static byte[][] writtenKeys(CommandContext ctx) {
        byte[][] keys = new byte[ctx.keyCount][];
        for (int i = 0; i < keys.length; i++) keys[i] = ctx.args.bytes(ctx.keyIndices[i]);
        return keys;
    }

    private Reply rerun(BlockingRegistry.Waiter waiter) {
        Session s = waiter.session();
        CommandContext ctx = new CommandContext(engine, s);
        ctx.serving = true;
        ctx.servedKey = waiter.readyKey();
        ctx.servedKeySignalled = waiter.readySignalled();
        ctx.args = new Args(waiter.argv(), waiter.argv().length);
        ReplyBuilder out = new ReplyBuilder(s.protocol());
        ctx.out = out;
        dispatch(ctx);
        if (ctx.blocked() || out.replies().isEmpty()) return null;
        Reply reply = out.reply();
        // The key now holds another type: as in Redis, the client keeps waiting for its own type.
        if (reply instanceof Reply.Error e && e.message().startsWith("WRONGTYPE")) return null;
        return reply;
    }

    /** Records an ACL refusal in ACL LOG, in {@code context} ({@code toplevel}, {@code multi}, {@code lua}). */
    public void logDenial(CommandContext ctx, AclCheck.Denial denial, String context) {
        engine.acl().log().add(denial.reason(), context, denial.object(), ctx.session.user().name(),
                engine.ticker().currentTimeMillis(), io.ferrite.core.server.ConnectionCommands.clientInfo(ctx));
    }

    /** CLIENT CACHING lasts past CLIENT's own subcommands, as Redis keeps it after any CLIENT call. */
    private static boolean isClientCommand(CommandSpec spec) {
        return spec.parent() != null && spec.parent().name().equals("client");
    }

    /** Between MULTI and EXEC, CLIENT CACHING waits for the transaction's commands. */
    private static boolean inMulti(Session session) {
        io.ferrite.core.tx.Transaction tx = session.transactionIfAny();
        return tx != null && tx.open();
    }

    /** Values change in place (HSET, LPUSH ...): bring used_memory up to date for the command's keys. */
    private static void reaccount(CommandContext ctx) {
        int[] idx = ctx.keyIndices;
        for (int i = 0; i < ctx.keyCount; i++) {
            byte[] key = ctx.args.bytes(idx[i]);
            ctx.db().reaccount(key, ctx.hash(key));
        }
    }

    /** Marks "every shard is locked" in the count returned by {@link #lock}. */
    private static final int ALL = -1;

    /**
     * Locks the command's shards in ascending order, recording them in {@code ctx.lockedShards}; returns how many,
     * or {@link #ALL}. Key finders that reject their arguments lock everything: the handler then reports the error.
     */
    private int lock(CommandContext ctx, CommandSpec spec) {
        ctx.keyCount = 0;
        Args args = ctx.args;
        boolean hasKeys = spec.firstKey() > 0 || spec.keyFinder() != null;
        int n = 0;
        if (hasKeys) {
            if (ctx.keyIndices.length < args.count()) {
                ctx.keyIndices = new int[args.count()];
                ctx.lockedShards = new int[args.count()];
            }
            n = spec.keyIndices(args, ctx.keyIndices);
            ctx.keyCount = Math.max(n, 0);
        }
        if (spec.isLocksAll() || n < 0) {
            keyspace.lockAll();
            return ALL;
        }
        if (n == 0) return 0;
        int[] shards = ctx.lockedShards;
        byte[] first = args.bytes(ctx.keyIndices[0]);
        int hash = Keyspace.hash(first);
        ctx.hashedKey = first;
        ctx.keyHash = hash;
        shards[0] = keyspace.shardOf(hash);
        for (int i = 1; i < n; i++) shards[i] = keyspace.shardOf(args.bytes(ctx.keyIndices[i]));
        if (n > 1) {
            Arrays.sort(shards, 0, n);
            int distinct = 1;
            for (int i = 1; i < n; i++) if (shards[i] != shards[distinct - 1]) shards[distinct++] = shards[i];
            n = distinct;
        }
        for (int i = 0; i < n; i++) keyspace.lock(shards[i]);
        return n;
    }

    private void unlock(int[] shards, int held) {
        if (held == ALL) {
            keyspace.unlockAll();
            return;
        }
        for (int i = held - 1; i >= 0; i--) keyspace.unlock(shards[i]);
    }

    /** Redis's {@code allowProtectedAction}: DEBUG and MODULE LOAD & co. as their enable-*-command option says. */
    private boolean protectedAllowed(Session session, CommandSpec spec) {
        String allowed = spec.name().equals("debug") ? config.enableDebugCommand : config.enableModuleCommand;
        if (allowed.equals("yes")) return true;
        Session.Transport t = session.transport();
        return allowed.equals("local") && (t == null || t.local());
    }

    /** A refused command; inside MULTI it also dooms the transaction, as Redis's rejectCommand does. */
    private void error(Session session, ReplySink out, String message) {
        io.ferrite.core.tx.Transaction tx = session.transactionIfAny();
        if (tx != null) tx.reject();
        engine.stats().countError(message);
        out.error(message);
    }

    /** {@code ERR unknown command 'foo', with args beginning with: 'a' 'b' } as Redis words it. */
    static String unknownCommand(Args args) {
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < args.count() && rest.length() < 128; i++) {
            String a = new String(args.bytes(i), StandardCharsets.UTF_8);
            int room = 128 - rest.length();
            rest.append('\'').append(a.length() > room ? a.substring(0, room) : a).append("' ");
        }
        String msg = "ERR unknown command '" + truncate(args.string(0)) + "', with args beginning with: " + rest;
        return msg.replace('\r', ' ').replace('\n', ' ');
    }

    private static String truncate(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
