package io.ferrite.core.command;

import io.ferrite.core.Ferrite;
import io.ferrite.core.blocking.TimeoutReply;
import io.ferrite.core.ReplySink;
import io.ferrite.core.Session;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.keyspace.Db;
import io.ferrite.core.keyspace.Keyspace;
import io.ferrite.core.keyspace.StringView;
import io.ferrite.core.tracking.Tracking;
import io.ferrite.core.tx.WatchRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a handler sees of one command execution: the engine, the calling session, the arguments, the reply
 * sink and the command's time snapshot. Reused by a session for each of its commands; confined to the thread
 * executing the command.
 */
public final class CommandContext {
    public final Ferrite engine;
    public final Session session;
    public Args args;
    public ReplySink out;
    public CommandSpec spec;
    /** Unix ms when the command started; all expiry decisions of the command use it. */
    public long now;
    /** Set for a command a script calls: its {@link #now} is the script's, as Redis freezes time for a script. */
    boolean timeFrozen;
    /** A command called by a script flagged allow-oom: DENYOOM does not refuse it over maxmemory. */
    boolean allowOom;
    // Scratch for the dispatcher: the argument indices of the command's keys, and the shards it holds locked.
    int[] keyIndices = new int[8];
    int keyCount;
    int[] lockedShards = new int[8];
    // Blocking: set by block(); "serving" when the blocking registry re-runs a parked command.
    byte[][] blockKeys;
    byte[][] blockArgv;
    long blockTimeoutMillis;
    TimeoutReply blockTimeoutReply;
    boolean serving;
    byte[] servedKey;
    boolean servedKeySignalled;
    // The first key of the command and its Keyspace.hash, computed once by the dispatcher to pick the shard lock
    // and reused by the lookups of that same array (keys are never mutated); cleared after each command.
    byte[] hashedKey;
    int keyHash;
    // The last command name array this context looked up and its spec: the embedded API passes constant arrays and
    // the network decoder reuses the previous command's name array when the bytes repeat, so a hit is one compare.
    byte[] lookedUpName;
    CommandSpec lookedUpSpec;
    // Called by a Lua script (redis.call / redis.pcall).
    boolean scripted;
    // Inside EXEC: the EXEC command's context, which collects the writes whose waiters are served after it.
    CommandContext transaction;
    /** Keys written by EXEC's queued commands whose waiters are served once EXEC is over. */
    List<DeferredServe> deferredServes;

    /** A keyspace-wide write: every waiter of every database is to run again. */
    static final int ALL_DATABASES = -1;

    /** Keys of {@code db} whose waiters run again once EXEC is over; {@link #ALL_DATABASES} and null keys: all. */
    record DeferredServe(int db, byte[][] keys) {}
    private final StringView view = new StringView();

    public CommandContext(Ferrite engine, Session session) {
        this.engine = engine;
        this.session = session;
    }

    /**
     * Parks this command (BLPOP & co.) because none of {@code keys} has data: no reply now; the command runs again
     * after a write to one of the keys, or answers {@code onTimeout}'s reply after {@code timeoutMillis} (0: never).
     * The handler returns right after calling this, having written nothing.
     * Where a session cannot wait (inside MULTI, or for a command re-run that still finds nothing) the timeout
     * reply or nothing is sent as appropriate.
     */
    public void block(byte[][] keys, long timeoutMillis, TimeoutReply onTimeout) {
        block(keys, timeoutMillis, onTimeout, null);
    }

    /**
     * {@link #block(byte[][], long, TimeoutReply)} re-running {@code argv} instead of this command's arguments when served
     * (XREAD's {@code $} stands for the last id when the command first ran, so it re-runs with that id).
     */
    public void block(byte[][] keys, long timeoutMillis, TimeoutReply onTimeout, byte[][] argv) {
        blockArgv = argv;
        blockKeys = keys;
        blockTimeoutMillis = timeoutMillis;
        blockTimeoutReply = onTimeout;
    }

    void deferServe(int db, byte[][] keys) {
        if (deferredServes == null) deferredServes = new ArrayList<>();
        deferredServes.add(new DeferredServe(db, keys));
    }

    /** Whether EXEC runs this command (Redis's {@code server.in_exec}). */
    public boolean inExec() {
        return transaction != null && !scripted;
    }

    /** Whether a Lua script runs this command (Redis's {@code CLIENT_SCRIPT}). */
    public boolean fromScript() {
        return scripted;
    }

    /**
     * While a parked command runs again because a write touched one of its keys: that key (XREAD then answers
     * for it alone, as Redis serves a blocked stream reader); null otherwise.
     */
    public byte[] servedKey() {
        return serving ? servedKey : null;
    }

    /**
     * While a parked command runs again: whether {@link #servedKey} was signalled ready for stream readers (new
     * entries, a group destroyed, the key stored anew) since its waiters were last served. A parked XREAD or
     * XREADGROUP answers only then, as Redis serves them only for keys signalled ready.
     */
    public boolean servedKeySignalled() {
        return serving && servedKeySignalled;
    }

    /**
     * Redis's {@code signalKeyAsReady} for a stream: {@code key} got new entries or lost a group, so the XREAD and
     * XREADGROUP parked on it are to be served after this command. Call under the key's shard lock.
     */
    public void signalReady(byte[] key) {
        engine.blocking().signal(session.db(), key);
    }

    /** Whether the last execution parked instead of replying. */
    public boolean blocked() {
        return blockKeys != null;
    }

    /**
     * Keyspace notification for {@code key} in the session's database ({@code notify-keyspace-events}); costs one
     * volatile read when notifications are off. {@code type} is a {@link io.ferrite.core.config.KeyspaceEvents} class.
     */
    public void keyEvent(int type, String event, byte[] key) {
        engine.pubsub().notifyKeyspaceEvent(type, event, key, session.db());
    }

    /** {@link #keyEvent(int, String, byte[])} for a key of database {@code db} (MOVE, COPY ... DB). */
    public void keyEvent(int type, String event, byte[] key, int db) {
        engine.pubsub().notifyKeyspaceEvent(type, event, key, db);
    }

    /**
     * Redis's {@code signalModifiedKey}: the command changed {@code key}, so the EXEC of every transaction watching
     * it will fail. Handlers call it only when they did change the key (a no-op write leaves watchers alone); call
     * under the key's shard lock. One volatile read while nothing is watched.
     */
    public void modified(byte[] key) {
        modified(key, session.db());
    }

    /** {@link #modified(byte[])} for a key of database {@code db}. */
    public void modified(byte[] key, int db) {
        engine.snapshots().changed();
        WatchRegistry watches = engine.watches();
        if (watches.active()) watches.touch(db, key);
        Tracking tracking = engine.tracking();
        if (tracking.active()) tracking.invalidate(key, session, true);
    }

    /** A change Redis both signals to watchers and notifies: {@link #modified} then {@link #keyEvent}. */
    public void changed(int type, String event, byte[] key) {
        modified(key);
        keyEvent(type, event, key);
    }

    /**
     * Deletes {@code key}, a collection the command just emptied, and notifies {@code del}, as Redis does after the
     * type-specific event (the caller signals the modification).
     */
    public void deleteEmptied(byte[] key) {
        db().delete(key, now);
        keyEvent(KeyspaceEvents.GENERIC, "del", key);
    }

    /** The session's selected database; valid while the command's locks are held. */
    public Db db() {
        return engine.keyspace().db(session.db());
    }

    /** Reads {@code key} as a read-only command does (statistics, access time unless CLIENT NO-TOUCH). */
    public Object read(byte[] key) {
        return db().lookupRead(key, hash(key), now, !session.noTouch());
    }

    /**
     * As {@link #read(byte[])}, but a short string stored inline comes back as this context's {@link StringView}
     * rather than a copy; reply from it before returning (GET's path).
     */
    public Object readInPlace(byte[] key) {
        return db().lookupReadInPlace(key, hash(key), now, !session.noTouch(), view);
    }

    /** {@link Keyspace#hash} of {@code key}, from the dispatcher's when it is the command's first key. */
    int hash(byte[] key) {
        return key == hashedKey ? keyHash : Keyspace.hash(key);
    }

    /** Reads {@code key} expecting {@code type}; null if absent, WRONGTYPE if of another type. */
    public <T> T read(byte[] key, Class<T> type) {
        return Db.typed(read(key), type);
    }

    /** Looks {@code key} up for modification. */
    public Object write(byte[] key) {
        return db().lookupWrite(key, hash(key), now);
    }

    public <T> T write(byte[] key, Class<T> type) {
        return Db.typed(write(key), type);
    }

    public Args args() {
        return args;
    }

    public ReplySink out() {
        return out;
    }

    /** The {@code i}-th argument's bytes. */
    public byte[] arg(int i) {
        return args.bytes(i);
    }

    public int argc() {
        return args.count();
    }
}
