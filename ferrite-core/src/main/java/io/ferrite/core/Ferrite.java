package io.ferrite.core;

import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Dispatcher;
import io.ferrite.core.config.Config;
import io.ferrite.core.config.ConfigTable;
import io.ferrite.core.config.MemoryUnits;
import io.ferrite.core.keyspace.EvictionPolicy;
import io.ferrite.core.keyspace.Keyspace;
import io.ferrite.core.server.ClientRegistry;
import io.ferrite.core.server.ServerStats;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A Ferrite engine: the keyspace, the command table and the dispatcher. Safe to use from any number of threads;
 * every command is atomic. Create one with {@link #newBuilder()}; run commands through the typed API
 * {@link #connect()} or, command line by command line, through {@link #newSession()}.
 *
 * <pre>{@code
 * try (Ferrite ferrite = Ferrite.newBuilder().build()) {
 *     FerriteCommands<String, String> redis = ferrite.connect();
 *     redis.set("greeting", "hello");
 *     ferrite.newSession().call("GET", "greeting");   // Reply: "hello"
 * }
 * }</pre>
 */
public final class Ferrite implements AutoCloseable {
    public static final String VERSION = "7.2.0";

    private final Config config;
    private final ConfigTable configTable;
    private final Ticker ticker;
    private final Keyspace keyspace;
    private final CommandTable commandTable;
    private final Dispatcher dispatcher;
    private final io.ferrite.core.acl.Acl acl;
    private final io.ferrite.core.blocking.BlockingRegistry blocking = new io.ferrite.core.blocking.BlockingRegistry();
    private final ServerStats stats = new ServerStats();
    private final ClientRegistry clients = new ClientRegistry();
    private final io.ferrite.core.server.Monitors monitors = new io.ferrite.core.server.Monitors();
    private final io.ferrite.core.server.SlowLog slowLog;
    private final io.ferrite.core.server.LatencyMonitor latencyMonitor;
    private final io.ferrite.core.tx.WatchRegistry watches = new io.ferrite.core.tx.WatchRegistry();
    private final io.ferrite.core.scripting.Scripts scripts = new io.ferrite.core.scripting.Scripts();
    private final io.ferrite.core.pubsub.PubSub pubsub;
    private final io.ferrite.core.tracking.Tracking tracking = new io.ferrite.core.tracking.Tracking(this);
    /** Embedded sessions by id, held weakly: CLIENT TRACKING REDIRECT may name one; dropped ones are purged. */
    private final java.util.Map<Long, SessionRef> embedded = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.lang.ref.ReferenceQueue<Session> droppedSessions = new java.lang.ref.ReferenceQueue<>();
    private final java.util.List<Runnable> shutdownListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong nextClientId = new AtomicLong(1);
    private final long startMillis;
    private final java.nio.file.Path configFile;
    private final io.ferrite.core.rdb.Snapshots snapshots;
    private final ScheduledExecutorService background;
    private volatile boolean closed;

    private Ferrite(Builder b) {
        this.ticker = b.ticker;
        this.configFile = b.configFile;
        int databases = b.databases;
        String dbs = b.settings.remove("databases");
        if (dbs != null) databases = Integer.parseInt(dbs);
        this.config = new Config(databases);
        this.configTable = new ConfigTable(config);
        this.slowLog = new io.ferrite.core.server.SlowLog(config);
        this.latencyMonitor = new io.ferrite.core.server.LatencyMonitor(config);
        boolean[] saveRulesSet = {false};
        configTable.onStoredSet(name -> {
            if (name.equals("save")) saveRulesSet[0] = true;
        });
        b.settings.forEach(configTable::set);
        b.configurers.forEach(c -> c.accept(config));
        this.keyspace = new Keyspace(config, b.shards, ticker);
        this.pubsub = new io.ferrite.core.pubsub.PubSub(config);
        keyspace.keyEvents(pubsub::notifyKeyspaceEvent);
        this.commandTable = Commands.table();
        this.acl = new io.ferrite.core.acl.Acl(commandTable, config);
        acl.requirepass(config.requirepass);
        configTable.onRequirepass(acl::requirepass);
        this.dispatcher = new Dispatcher(this, commandTable);
        keyspace.keyGone((key, db) -> {
            blocking.keyGone(key, db);
            if (tracking.active()) tracking.invalidate(key, null, true);
        });
        keyspace.keyStored((key, db, value) -> {
            if (value instanceof io.ferrite.core.type.stream.StreamValue) blocking.signal(db, key);
        });
        this.startMillis = ticker.currentTimeMillis();
        this.snapshots = new io.ferrite.core.rdb.Snapshots(this, startMillis);
        // Save rules act once set explicitly (builder, redis.conf, CONFIG SET), never from the default.
        if (saveRulesSet[0]) snapshots.armRules();
        configTable.onStoredSet(name -> {
            if (name.equals("save")) snapshots.armRules();
        });
        if (b.activeExpiry) {
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ferrite-active-expire");
                t.setDaemon(true);
                return t;
            });
            long periodMicros = 1_000_000L / Math.max(1, config.hz);
            background.scheduleWithFixedDelay(this::cron, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        } else {
            background = null;
        }
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** Periodic work (Redis's serverCron): active expiry. */
    private void cron() {
        try {
            if (config.activeExpireEnabled) {
                keyspace.activeExpireCycle(256);
                dispatcher.serveGoneKeys();
                tracking.flushBroadcasts();
            }
            keyspace.peakMemory();
            snapshots.cron(ticker.currentTimeMillis());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Ferrite.class).warn("active expiry failed", e);
        }
    }

    /** A new embedded session (not listed by CLIENT LIST). */
    public Session newSession() {
        Session s = new Session(this, nextClientId.getAndIncrement(), null);
        for (java.lang.ref.Reference<? extends Session> r; (r = droppedSessions.poll()) != null; ) {
            embedded.remove(((SessionRef) r).id, r);
        }
        embedded.put(s.id(), new SessionRef(s, droppedSessions));
        return s;
    }

    private static final class SessionRef extends java.lang.ref.WeakReference<Session> {
        final long id;

        SessionRef(Session s, java.lang.ref.ReferenceQueue<Session> queue) {
            super(s, queue);
            this.id = s.id();
        }
    }

    /** The live session with this id, network or embedded; null if none. */
    public Session session(long id) {
        Session s = clients.get(id);
        if (s != null) return s;
        SessionRef r = embedded.get(id);
        return r == null ? null : r.get();
    }

    /** A closed session can no longer be found by id. */
    void forget(Session s) {
        embedded.remove(s.id());
    }

    /**
     * Typed commands with {@link String} keys and values (UTF-8), for use from any number of threads.
     *
     * @see FerriteCommands
     */
    public FerriteCommands<String, String> connect() {
        return connect(StringCodec.UTF8);
    }

    /** Typed commands whose keys and values {@code codec} converts, for use from any number of threads. */
    public <K, V> FerriteCommands<K, V> connect(RedisCodec<K, V> codec) {
        return new EmbeddedCommands<>(this, codec);
    }

    /** A new session for a network connection, registered for CLIENT LIST / KILL until closed. */
    public Session newSession(Session.Transport transport) {
        Session s = new Session(this, nextClientId.getAndIncrement(), transport);
        clients.add(s);
        return s;
    }

    public Config config() { return config; }
    /** Every configuration parameter by Redis's name, for CONFIG GET/SET. */
    public ConfigTable configTable() { return configTable; }
    public Ticker ticker() { return ticker; }
    public Keyspace keyspace() { return keyspace; }
    public CommandTable commandTable() { return commandTable; }
    public Dispatcher dispatcher() { return dispatcher; }
    /** The users (ACL SETUSER ...); {@code default} mirrors {@code requirepass}. */
    public io.ferrite.core.acl.Acl acl() { return acl; }
    public io.ferrite.core.blocking.BlockingRegistry blocking() { return blocking; }
    public ServerStats stats() { return stats; }
    public ClientRegistry clients() { return clients; }
    /** The MONITOR clients. */
    public io.ferrite.core.server.Monitors monitors() { return monitors; }
    public io.ferrite.core.server.SlowLog slowLog() { return slowLog; }

    public io.ferrite.core.server.LatencyMonitor latencyMonitor() { return latencyMonitor; }

    /** Client-side caching: which clients track which keys. */
    public io.ferrite.core.tracking.Tracking tracking() { return tracking; }

    /** Who WATCHes which keys. */
    public io.ferrite.core.tx.WatchRegistry watches() { return watches; }
    /** The Lua script cache and sandbox (EVAL, EVALSHA, SCRIPT). */
    public io.ferrite.core.scripting.Scripts scripts() { return scripts; }
    /** Channel and pattern subscriptions; keyspace notifications are published through it. */
    public io.ferrite.core.pubsub.PubSub pubsub() { return pubsub; }

    /**
     * Registers what the SHUTDOWN command stops: the network server exposing this engine registers itself. The
     * engine's owner, not a command, closes an engine no server exposes.
     */
    public void onShutdown(Runnable listener) {
        shutdownListeners.add(listener);
    }

    public void removeShutdownListener(Runnable listener) {
        shutdownListeners.remove(listener);
    }

    /** True if a server exposing this engine listens for {@link #requestShutdown}. */
    public boolean isShutdownServed() {
        return !shutdownListeners.isEmpty();
    }

    /** SHUTDOWN: runs the listeners; false if there is none, i.e. nothing a command may stop. */
    public boolean requestShutdown() {
        if (shutdownListeners.isEmpty()) return false;
        for (Runnable r : shutdownListeners) r.run();
        return true;
    }
    public long startMillis() { return startMillis; }

    /** The configuration file the engine was started from (INFO config_file, CONFIG REWRITE), or null. */
    public java.nio.file.Path configFile() { return configFile; }
    /** RDB snapshots: SAVE, BGSAVE, the {@code save} rules and the file loaded at start. */
    public io.ferrite.core.rdb.Snapshots snapshots() { return snapshots; }
    public boolean isClosed() { return closed; }

    @Override
    public void close() {
        closed = true;
        blocking.close();
        if (background != null) background.shutdownNow();
    }

    /** Configures and creates a {@link Ferrite}. Validates eagerly. */
    public static final class Builder {
        private int databases = 16;
        private int shards = defaultShards();
        private Ticker ticker = Ticker.SYSTEM;
        private boolean activeExpiry = true;
        private java.nio.file.Path configFile;
        private final java.util.List<Consumer<Config>> configurers = new java.util.ArrayList<>();
        private final java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

        private Builder() {}

        private static int defaultShards() {
            int wanted = Runtime.getRuntime().availableProcessors() * 128;
            return Integer.highestOneBit(Math.max(256, Math.min(wanted, 1024)) * 2 - 1);
        }

        /** Number of databases (Redis's {@code databases}), 16 by default. */
        public Builder databases(int n) {
            if (n < 1) throw new IllegalArgumentException("databases must be at least 1: " + n);
            this.databases = n;
            return this;
        }

        /** Number of lock stripes per database, a power of two; a few per core by default. */
        public Builder shards(int n) {
            if (n < 1 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("shards must be a power of two: " + n);
            this.shards = n;
            return this;
        }

        /** The time source for expiry and statistics; tests inject a manual one. */
        public Builder ticker(Ticker t) {
            this.ticker = java.util.Objects.requireNonNull(t);
            return this;
        }

        /** The configuration file the settings came from: CONFIG REWRITE rewrites it, INFO shows it. */
        public Builder configFile(java.nio.file.Path file) {
            this.configFile = file.toAbsolutePath().normalize();
            return this;
        }

        /** Whether a background thread reclaims expired keys (lazy expiry on access always applies). */
        public Builder activeExpiry(boolean enabled) {
            this.activeExpiry = enabled;
            return this;
        }

        /**
         * Bounds the keyspace's estimated heap ({@code maxmemory}) in Redis's units: {@code "256mb"}, {@code "1gb"},
         * {@code "100k"} (1000 bytes), {@code "100kb"} (1024). {@code "0"} means no bound. Beyond the bound, writes
         * evict keys by the {@linkplain #evictionPolicy policy}, or fail with OOM under {@code noeviction}.
         *
         * @throws IllegalArgumentException if {@code amount} is not such a memory amount
         */
        public Builder maxMemory(String amount) {
            if (amount.isEmpty() || amount.charAt(0) < '0' || amount.charAt(0) > '9') {
                throw new IllegalArgumentException("maxMemory must be a memory amount such as 256mb: '" + amount + "'");
            }
            try {
                return maxMemory(MemoryUnits.parse(amount));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("maxMemory must be a memory amount such as 256mb: '" + amount + "'");
            }
        }

        /** Bounds the keyspace's estimated heap to {@code bytes} ({@code maxmemory}); 0 means no bound. */
        public Builder maxMemory(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("maxMemory must not be negative: " + bytes);
            return configure(c -> c.maxmemory = bytes);
        }

        /** Which keys go when memory is over {@link #maxMemory}: Redis's {@code maxmemory-policy}, noeviction by default. */
        public Builder evictionPolicy(EvictionPolicy policy) {
            java.util.Objects.requireNonNull(policy, "policy");
            return configure(c -> c.maxmemoryPolicy = policy);
        }

        /** Applies a change to the configuration before the engine starts. */
        public Builder configure(Consumer<Config> c) {
            configurers.add(c);
            return this;
        }

        /**
         * Sets a parameter by its Redis name, as a redis.conf line would ({@code "maxmemory", "100mb"}); immutable
         * ones such as {@code databases} included. Validated now: throws
         * {@link io.ferrite.core.config.ConfigException} with Redis's reason.
         */
        public Builder config(String name, String value) {
            ConfigTable scratch = new ConfigTable(new Config(databases));
            scratch.validate(name, value);
            settings.put(scratch.canonicalName(name), value);
            return this;
        }

        public Ferrite build() {
            return new Ferrite(this);
        }
    }
}
