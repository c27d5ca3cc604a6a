package io.ferrite.core.keyspace;

import io.ferrite.core.command.Errors;
import io.ferrite.core.config.KeyspaceEvents;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * One numbered database. Every method must be called with the lock of the key's shard index held (the dispatcher
 * takes it from the command's key specs); keyspace-wide methods need all locks. Times are absolute Unix
 * milliseconds; {@code now} is the command's time snapshot, so a key does not expire halfway through a command.
 *
 * <p>Values are {@code byte[]} or {@link RawString} for strings, or a {@link RedisValue}. Lookups apply lazy
 * expiry: an expired key is deleted and reported absent.
 */
public final class Db {
    private final Keyspace keyspace;
    private final ShardTable[] shards;
    /** This database's number, for notifications; SWAPDB changes it under all locks. */
    int index;

    Db(Keyspace keyspace, int shardCount, int index) {
        this.keyspace = keyspace;
        this.index = index;
        this.shards = new ShardTable[shardCount];
        for (int i = 0; i < shardCount; i++) shards[i] = new ShardTable(keyspace.usedBytes);
    }

    private ShardTable shard(int hash) {
        return shards[keyspace.shardOf(hash)];
    }

    /** Deletes the expired key at {@code slot}, counting and notifying it. */
    private void expired(ShardTable t, int slot) {
        keyspace.raise(KeyspaceEvents.EXPIRED, "expired", t.key(slot), index);
        keyspace.gone(t.key(slot), index);
        t.removeAt(slot);
        keyspace.expiredKeys.increment();
    }

    /** Evicts {@code key} (the evictor holds its lock and checked it is live). */
    void evict(byte[] key, long now) {
        if (delete(key, now)) {
            keyspace.raise(KeyspaceEvents.EVICTED, "evicted", key, index);
            keyspace.gone(key, index);
        }
    }

    /** Evicts the key at {@code slot} of shard {@code shard}. */
    void evictAt(int shard, int slot) {
        ShardTable t = shards[shard];
        keyspace.raise(KeyspaceEvents.EVICTED, "evicted", t.key(slot), index);
        keyspace.gone(t.key(slot), index);
        t.removeAt(slot);
    }

    /** The live slot of {@code key} in {@code t}, deleting it first if it expired; -1 if absent. */
    private int liveSlot(ShardTable t, byte[] key, int hash, long now) {
        int slot = t.find(key, hash);
        if (slot >= 0) {
            long when = t.expireAt(slot);
            if (when != 0 && when <= now) {
                expired(t, slot);
                return -1;
            }
        }
        return slot;
    }

    /** A read lookup found nothing: counted, and notified as {@code keymiss} (class {@code m}). */
    private void missed(byte[] key) {
        keyspace.keyspaceMisses.increment();
        keyspace.raise(KeyspaceEvents.KEY_MISS, "keymiss", key, index);
    }

    /**
     * The value of {@code key}, or null. Counts a keyspace hit or miss (a miss is also a {@code keymiss}
     * notification) and, if {@code touch}, updates the access stamp.
     */
    public Object lookupRead(byte[] key, long now, boolean touch) {
        return lookupRead(key, Keyspace.hash(key), now, touch);
    }

    /** {@link #lookupRead(byte[], long, boolean)} for a key whose {@link Keyspace#hash} the caller already has. */
    public Object lookupRead(byte[] key, int hash, long now, boolean touch) {
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) {
            missed(key);
            return null;
        }
        keyspace.keyspaceHits.increment();
        if (touch) t.access(slot, keyspace.touchedStamp(t.access(slot), now));
        return t.value(slot);
    }

    /**
     * {@link #lookupRead(byte[], int, long, boolean)} without copying a short string stored inline: {@code view}
     * is filled and returned instead (valid while the shard's lock is held). Other values are returned as they are.
     */
    public Object lookupReadInPlace(byte[] key, int hash, long now, boolean touch, StringView view) {
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) {
            missed(key);
            return null;
        }
        keyspace.keyspaceHits.increment();
        if (touch) t.access(slot, keyspace.touchedStamp(t.access(slot), now));
        return t.valueInPlace(slot, view);
    }

    /** The value of {@code key} for a command that will modify it, or null; no hit/miss counting. */
    public Object lookupWrite(byte[] key, long now) {
        return lookupWrite(key, Keyspace.hash(key), now);
    }

    /** {@link #lookupWrite(byte[], long)} for a key whose {@link Keyspace#hash} the caller already has. */
    public Object lookupWrite(byte[] key, int hash, long now) {
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) return null;
        t.access(slot, keyspace.touchedStamp(t.access(slot), now));
        return t.value(slot);
    }

    /**
     * {@link #lookupRead(byte[], long, boolean)} without access stamp nor {@code keymiss} notification (OBJECT's
     * lookup); hits and misses are still counted.
     */
    public Object lookupQuiet(byte[] key, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) {
            keyspace.keyspaceMisses.increment();
            return null;
        }
        keyspace.keyspaceHits.increment();
        return t.value(slot);
    }

    /** The value without side effects on statistics or access time (TYPE with no-touch, OBJECT, DEBUG). */
    public Object peek(byte[] key, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        return slot < 0 ? null : t.value(slot);
    }

    public boolean exists(byte[] key, long now) {
        return peek(key, now) != null;
    }

    /** Checks that a looked-up value is of {@code type}; null passes (absent key). */
    public static <T> T typed(Object value, Class<T> type) {
        if (value == null || type.isInstance(value)) return type.cast(value);
        throw Errors.wrongType();
    }

    /** Sets {@code key} to {@code value} and clears its TTL (SET semantics). */
    public void set(byte[] key, Object value, long now) {
        setWithExpire(key, value, 0, now);
    }

    /** Sets {@code key} to {@code value} with an absolute deadline ({@code 0}: none). */
    public void setWithExpire(byte[] key, Object value, long expireAt, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        t.setExpire(put(t, key, hash, value, now), expireAt);
    }

    /** Replaces the value of {@code key}, keeping its TTL; inserts it (without TTL) if absent. */
    public void replace(byte[] key, Object value, long now) {
        int hash = Keyspace.hash(key);
        put(shard(hash), key, hash, value, now);
    }

    /** Stores {@code value} under {@code key} in {@code t}, leaving an existing TTL as it is; returns the slot. */
    private int put(ShardTable t, byte[] key, int hash, Object value, long now) {
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) {
            slot = t.insert(key, hash, value);
            t.access(slot, keyspace.initialStamp(now));
            keyspace.raise(KeyspaceEvents.NEW, "new", key, index);
            keyspace.stored(key, index, value);
        } else {
            boolean replaced = t.value(slot) != value;
            t.setValue(slot, value);
            t.access(slot, keyspace.touchedStamp(t.access(slot), now));
            if (replaced) keyspace.stored(key, index, value);
        }
        return slot;
    }

    /** Brings {@code used_memory} up to date after a command changed the value of {@code key} in place. */
    public void reaccount(byte[] key) {
        reaccount(key, Keyspace.hash(key));
    }

    /** {@link #reaccount(byte[])} for a key whose {@link Keyspace#hash} the caller already has. */
    public void reaccount(byte[] key, int hash) {
        ShardTable t = shard(hash);
        int slot = t.find(key, hash);
        if (slot >= 0) t.reaccount(slot);
    }

    /** The estimated heap of {@code key}'s entry (MEMORY USAGE), or -1 if absent. */
    public long memoryUsage(byte[] key, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) return -1;
        return t.entryBytes(slot) + 16 + (t.expireAt(slot) != 0 ? 8 : 0);
    }

    ShardTable shardAt(int index) {
        return shards[index];
    }

    /** Deletes {@code key}; returns whether a live key was deleted. */
    public boolean delete(byte[] key, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) return false;
        t.removeAt(slot);
        return true;
    }

    /** Removes {@code key} and returns its value (null if absent); the TTL is available before via {@link #expireAt}. */
    public Object remove(byte[] key, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) return null;
        Object v = t.value(slot);
        t.removeAt(slot);
        return v;
    }

    /** The deadline of {@code key}: Unix ms, 0 for no TTL, -1 if the key does not exist. */
    public long expireAt(byte[] key, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) return -1;
        return t.expireAt(slot);
    }

    /** Sets or clears ({@code 0}) the deadline of an existing key; returns false if the key does not exist. */
    public boolean setExpireAt(byte[] key, long when, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot < 0) return false;
        t.setExpire(slot, when);
        return true;
    }

    /** The access stamp of a key for OBJECT IDLETIME/FREQ, or -1 if absent. */
    public int accessStamp(byte[] key, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        return slot < 0 ? -1 : t.access(slot);
    }

    /** Sets the access stamp of an existing key (RESTORE ... IDLETIME/FREQ); see {@link AccessClock}. */
    public void setAccessStamp(byte[] key, int stamp, long now) {
        int hash = Keyspace.hash(key);
        ShardTable t = shard(hash);
        int slot = liveSlot(t, key, hash, now);
        if (slot >= 0) t.access(slot, stamp);
    }

    /** Number of keys, including expired ones not reclaimed yet (as DBSIZE in Redis). Needs all locks for an exact value. */
    public long size() {
        long n = 0;
        for (ShardTable t : shards) n += t.size;
        return n;
    }

    /** The heap of this database's hash tables themselves, without keys and values (MEMORY STATS overhead). */
    public long tableBytes() {
        long n = 0;
        for (ShardTable t : shards) n += t.arraysBytes();
        return n;
    }

    /** Number of keys with a TTL. */
    public long volatileSize() {
        long n = 0;
        for (ShardTable t : shards) n += t.volatileCount;
        return n;
    }

    /** Deletes every key (FLUSHDB); needs all locks. */
    public void clear() {
        for (ShardTable t : shards) t.clear();
    }

    int expireShard(int shard, long now, int budget) {
        ShardTable t = shards[shard];
        int before = t.size;
        t.expireWalk(now, budget, (table, slot) -> {
            keyspace.raise(KeyspaceEvents.EXPIRED, "expired", table.key(slot), index);
            keyspace.gone(table.key(slot), index);
            table.removeAt(slot);
        });
        int deleted = before - t.size;
        if (deleted > 0) keyspace.expiredKeys.add(deleted);
        return deleted;
    }

    /** Calls {@code action} for every live key and value; needs all locks. */
    public void forEach(long now, BiConsumer<byte[], Object> action) {
        for (ShardTable t : shards) {
            for (int i = 0; i < t.capacity(); i++) {
                if (!t.occupied(i)) continue;
                long when = t.expireAt(i);
                if (when != 0 && when <= now) continue;
                action.accept(t.key(i), t.value(i));
            }
        }
    }

    /** A live key, its value and its deadline (0: none). */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(byte[] key, Object value, long expireAt);
    }

    /** Calls {@code action} for every live key of shard {@code shard}; needs that shard's lock. */
    public void forEachInShard(int shard, long now, EntryVisitor action) {
        ShardTable t = shards[shard];
        for (int i = 0; i < t.capacity(); i++) {
            if (!t.occupied(i)) continue;
            long when = t.expireAt(i);
            if (when != 0 && when <= now) continue;
            action.visit(t.key(i), t.value(i), when);
        }
    }

    /**
     * One SCAN step: visits home buckets from {@code cursor} until at least {@code count} live keys were collected
     * or the keyspace was covered; returns the next cursor (0 at the end). The cursor's low bits hold the shard
     * index, the high bits the bucket cursor within that shard. Needs all locks.
     */
    public long scan(long cursor, int count, long now, BiConsumer<byte[], Object> action) {
        int shardCount = shards.length;
        int shardBits = Integer.numberOfTrailingZeros(shardCount);
        int shard = (int) (cursor & (shardCount - 1));
        int bucket = (int) (cursor >>> shardBits);
        int[] found = {0};
        // Bound the work of one call, as Redis does (maxiterations = count * 10).
        long maxBuckets = Math.max(count, 1) * 10L;
        while (found[0] < count && maxBuckets-- > 0) {
            ShardTable t = shards[shard];
            if (t.size == 0) {
                // Nothing to return from an empty shard: skipping it costs no bucket, so that a small keyspace
                // spread over many shards is still covered in one call, as Redis covers a small dict.
                maxBuckets++;
                bucket = 0;
                shard++;
                if (shard == shardCount) return 0;
                continue;
            }
            bucket = t.scan(bucket, slot -> {
                long when = t.expireAt(slot);
                if (when != 0 && when <= now) return;
                found[0]++;
                action.accept(t.key(slot), t.value(slot));
            });
            if (bucket == 0) {
                shard++;
                if (shard == shardCount) return 0;
            }
        }
        return ((long) bucket << shardBits) | shard;
    }

    /**
     * A random live key, or null when the database is empty; deletes the expired keys it meets and keeps drawing,
     * so that a live key is found however many expired ones remain. Shards are drawn in proportion to their size.
     * Needs all locks.
     */
    public byte[] randomKey(long now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long total;
        while ((total = size()) > 0) {
            long pick = random.nextLong(total);
            ShardTable t = null;
            for (ShardTable s : shards) {
                if (pick < s.size) {
                    t = s;
                    break;
                }
                pick -= s.size;
            }
            int slot = t.randomSlot(random);
            long when = t.expireAt(slot);
            if (when == 0 || when > now) return t.key(slot);
            expired(t, slot);
        }
        return null;
    }

    /** All live keys (KEYS); needs all locks. */
    public List<byte[]> keys(long now) {
        List<byte[]> out = new ArrayList<>();
        forEach(now, (k, v) -> out.add(k));
        return out;
    }
}
