package io.ferrite.core.keyspace;

import io.ferrite.core.Ticker;
import io.ferrite.core.config.Config;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All databases and the locks that guard them. Each {@link Db} is split into the same number of shards, and shard
 * {@code i} of every database is guarded by the same lock {@code i}: a key's lock does not depend on its database,
 * so MOVE and COPY ... DB lock one index, and SWAPDB just swaps two references under all locks.
 *
 * <p>Lock order: ascending shard index, always; locks are reentrant so that a command running under all locks may
 * call back into the dispatcher.
 */
public final class Keyspace {
    private final Db[] dbs;
    private final ReentrantLock[] locks;
    private final int shardBits;
    final Ticker ticker;
    final Config config;
    /** Estimated heap of all databases' tables, keys and values: {@code used_memory}. */
    final LongAdder usedBytes = new LongAdder();
    private final Evictor evictor;
    private volatile KeyEvents keyEvents;
    private volatile KeyGone keyGone;
    private volatile KeyStored keyStored;

    public final LongAdder keyspaceHits = new LongAdder();
    public final LongAdder keyspaceMisses = new LongAdder();
    public final LongAdder expiredKeys = new LongAdder();
    public final LongAdder evictedKeys = new LongAdder();

    public Keyspace(Config config, int shards, Ticker ticker) {
        int databases = config.databases;
        this.config = config;
        if (Integer.bitCount(shards) != 1) throw new IllegalArgumentException("shards must be a power of two: " + shards);
        this.shardBits = Integer.numberOfTrailingZeros(shards);
        this.ticker = ticker;
        this.locks = new ReentrantLock[shards];
        for (int i = 0; i < shards; i++) locks[i] = new ReentrantLock();
        this.dbs = new Db[databases];
        for (int i = 0; i < databases; i++) dbs[i] = new Db(this, shards, i);
        this.evictor = new Evictor(this);
    }

    private final java.util.concurrent.atomic.AtomicLong peakBytes = new java.util.concurrent.atomic.AtomicLong();

    /** The estimated heap held by the keyspace, in bytes ({@code used_memory}). */
    public long usedMemory() {
        return usedBytes.sum();
    }

    /** The highest {@link #usedMemory()} observed ({@code used_memory_peak}); sampled by the cron and on read. */
    public long peakMemory() {
        return peakBytes.accumulateAndGet(usedMemory(), Math::max);
    }

    /**
     * Evicts keys by the configured policy until {@code used_memory} is within {@code maxmemory}. Returns false
     * when memory is still over the limit (noeviction, or nothing evictable): DENYOOM commands are then refused.
     * The caller must hold no shard lock.
     */
    public boolean ensureMemory() {
        long max = config.maxmemory;
        if (max <= 0 || usedMemory() <= max) return true;
        return evictor.evict(max);
    }

    /** The access stamp of a key being created or read, by the current policy. */
    int touchedStamp(int stamp, long now) {
        EvictionPolicy p = config.maxmemoryPolicy;
        return AccessClock.touched(stamp, p.isLfu(), config.lfuLogFactor, config.lfuDecayTime, now);
    }

    int initialStamp(long now) {
        return AccessClock.initial(config.maxmemoryPolicy.isLfu(), now);
    }

    public int databases() { return dbs.length; }
    public int shards() { return locks.length; }

    /** Database {@code index}; read it under a lock (SWAPDB replaces entries under all locks). */
    public Db db(int index) { return dbs[index]; }

    Db[] dbs() { return dbs; }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A well-mixed hash of a key; the high bits choose the shard, the low bits the slot. Eight bytes per step (one
     * load and one multiply), then a 64-bit finaliser: a byte-at-a-time loop was a fifth of a cached GET.
     */
    public static int hash(byte[] key) {
        int n = key.length;
        long h = 0x9E3779B97F4A7C15L ^ n;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            h = Long.rotateLeft(h ^ (long) LONGS.get(key, i) * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL;
        }
        if (i < n) {
            long tail = 0;
            for (int shift = 0; i < n; i++, shift += 8) tail |= (key[i] & 0xFFL) << shift;
            h ^= tail * 0x87C37B91114253D5L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }

    public int shardOf(int hash) {
        return shardBits == 0 ? 0 : hash >>> (32 - shardBits);
    }

    public int shardOf(byte[] key) {
        return shardOf(hash(key));
    }

    /**
     * Spins briefly before parking: a command holds its shard for microseconds, less than a park and unpark cost,
     * so two loops writing one hot key (one sorted set taking every ZADD) mostly hand it over without sleeping.
     */
    public void lock(int shard) {
        ReentrantLock l = locks[shard];
        if (l.tryLock()) return;
        for (int i = 0; i < LOCK_SPINS; i++) {
            Thread.onSpinWait();
            if (!l.isLocked() && l.tryLock()) return;
        }
        l.lock();
    }

    private static final int LOCK_SPINS = 1 << 10;

    public void unlock(int shard) { locks[shard].unlock(); }

    public void lockAll() {
        for (ReentrantLock l : locks) l.lock();
    }

    public void unlockAll() {
        for (int i = locks.length - 1; i >= 0; i--) locks[i].unlock();
    }

    /** Swaps databases {@code a} and {@code b}; the caller holds all locks. */
    public void swap(int a, int b) {
        Db t = dbs[a];
        dbs[a] = dbs[b];
        dbs[b] = t;
        dbs[a].index = a;
        dbs[b].index = b;
    }

    /** Receives every key the keyspace deletes itself (expiry, eviction), whatever {@code notify-keyspace-events} says. */
    public void keyGone(KeyGone sink) {
        this.keyGone = sink;
    }

    /** Receives every value stored anew under a key, whatever {@code notify-keyspace-events} says. */
    public void keyStored(KeyStored sink) {
        this.keyStored = sink;
    }

    /** A value stored under a key as a new key or in place of another value; caller holds the key's shard lock. */
    void stored(byte[] key, int db, Object value) {
        KeyStored sink = keyStored;
        if (sink != null) sink.keyStored(key, db, value);
    }

    /** A deletion the keyspace made itself; caller holds the key's shard lock. */
    void gone(byte[] key, int db) {
        KeyGone sink = keyGone;
        if (sink != null) sink.keyGone(key, db);
    }

    /** Receives expiry and eviction deletions and key additions when {@code notify-keyspace-events} asks for them. */
    public void keyEvents(KeyEvents sink) {
        this.keyEvents = sink;
    }

    /**
     * An event the keyspace raises itself: a deletion it made ({@code expired}, {@code evicted}) or a key added
     * ({@code new}). One volatile read when notifications are off; {@code key} is read before a slot is cleared.
     * Caller holds the key's shard lock.
     */
    void raise(int type, String event, byte[] key, int db) {
        if ((config.notifyKeyspaceEvents & type) == 0) return;
        KeyEvents sink = keyEvents;
        if (sink != null) sink.keyEvent(type, event, key, db);
    }

    /**
     * One active-expiry pass: for each shard index, locks it and walks up to {@code budgetPerShard} slots of every
     * database's shard, deleting keys whose deadline passed. Returns how many keys were deleted. Call from any
     * thread; takes one lock at a time, so it never stalls the keyspace for long.
     */
    public long activeExpireCycle(int budgetPerShard) {
        long now = ticker.currentTimeMillis();
        long deleted = 0;
        for (int s = 0; s < locks.length; s++) {
            locks[s].lock();
            try {
                for (Db db : dbs) deleted += db.expireShard(s, now, budgetPerShard);
            } finally {
                locks[s].unlock();
            }
        }
        return deleted;
    }
}
