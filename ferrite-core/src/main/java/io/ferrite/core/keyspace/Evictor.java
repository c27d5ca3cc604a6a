package io.ferrite.core.keyspace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Evicts keys until {@code used_memory} is within {@code maxmemory}, as Redis's {@code evict.c} does: for the
 * LRU, LFU and TTL policies it samples {@code maxmemory-samples} keys per database into a pool of the best
 * candidates seen so far (most idle, least frequent, soonest to expire) and evicts the best; the random policies
 * pick a random key.
 *
 * <p>Serialized by its monitor (one thread evicts at a time; the others wait and find memory already freed). Takes
 * one shard lock at a time and must be entered with no shard lock held, so it cannot deadlock with commands.
 */
final class Evictor {
    private static final int POOL_SIZE = 16;
    /** Gives up after this many rounds that freed nothing (everything sampled vanished, or nothing evictable). */
    private static final int MAX_IDLE_ROUNDS = 16;

    private final Keyspace keyspace;
    // The pool, kept sorted by ascending score: the best candidate is the last one.
    private final long[] poolScore = new long[POOL_SIZE];
    private final byte[][] poolKey = new byte[POOL_SIZE][];
    private final int[] poolDb = new int[POOL_SIZE];
    private int poolSize;

    Evictor(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    synchronized boolean evict(long maxmemory) {
        int idleRounds = 0;
        while (keyspace.usedMemory() > maxmemory) {
            EvictionPolicy policy = keyspace.config.maxmemoryPolicy;
            if (policy == EvictionPolicy.NOEVICTION) return false;
            boolean freed = policy.sampled() ? evictFromPool(policy) : evictRandom(policy);
            if (freed) {
                idleRounds = 0;
            } else if (++idleRounds >= MAX_IDLE_ROUNDS) {
                return false;
            }
        }
        return true;
    }

    private boolean evictRandom(EvictionPolicy policy) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Db[] dbs = keyspace.dbs();
        int shards = keyspace.shards();
        int startDb = random.nextInt(dbs.length);
        for (int d = 0; d < dbs.length; d++) {
            Db db = dbs[(startDb + d) % dbs.length];
            int startShard = random.nextInt(shards);
            for (int k = 0; k < shards; k++) {
                int s = (startShard + k) & (shards - 1);
                keyspace.lock(s);
                try {
                    ShardTable t = db.shardAt(s);
                    if (t.size == 0 || (policy.volatileOnly() && t.volatileCount == 0)) continue;
                    int slot = t.randomSlot(random);
                    if (policy.volatileOnly()) slot = nextVolatile(t, slot);
                    if (slot < 0) continue;
                    db.evictAt(s, slot);
                    keyspace.evictedKeys.increment();
                    return true;
                } finally {
                    keyspace.unlock(s);
                }
            }
        }
        return false;
    }

    /** The first slot from {@code slot} on that holds a key with a TTL, or -1. */
    private static int nextVolatile(ShardTable t, int slot) {
        int cap = t.capacity();
        for (int i = 0; i < cap; i++) {
            int j = (slot + i) & (cap - 1);
            if (t.occupied(j) && t.expireAt(j) != 0) return j;
        }
        return -1;
    }

    private boolean evictFromPool(EvictionPolicy policy) {
        Db[] dbs = keyspace.dbs();
        int samples = Math.max(1, keyspace.config.maxmemorySamples);
        long now = keyspace.ticker.currentTimeMillis();
        for (int d = 0; d < dbs.length; d++) {
            if (policy.volatileOnly() ? dbs[d].volatileSize() == 0 : dbs[d].size() == 0) continue;
            sample(dbs[d], d, policy, samples, now);
        }
        // Evict the best candidate that still exists; stale ones (deleted meanwhile) are dropped.
        while (poolSize > 0) {
            int i = --poolSize;
            byte[] key = poolKey[i];
            Db db = dbs[poolDb[i]];
            poolKey[i] = null;
            int s = keyspace.shardOf(key);
            keyspace.lock(s);
            try {
                long expireAt = db.expireAt(key, now);
                if (expireAt < 0 || (policy.volatileOnly() && expireAt == 0)) continue;
                db.evict(key, now);
                keyspace.evictedKeys.increment();
                return true;
            } finally {
                keyspace.unlock(s);
            }
        }
        return false;
    }

    /**
     * Offers {@code samples} keys of {@code db} to the pool, each from its own random shard (the next non-empty one
     * from a random start). Drawing them all from one shard, as a single-table Redis draws from one dict, would
     * mostly repeat the same few keys once the keyspace is spread thin over many shards: with 1000 keys over 256
     * shards, 5 draws from one shard see about 3 distinct keys, and the hit ratio of allkeys-lfu on a Zipfian
     * trace drops by several points.
     */
    private void sample(Db db, int dbIndex, EvictionPolicy policy, int samples, long now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int shards = keyspace.shards();
        for (int n = 0; n < samples; n++) {
            int s = random.nextInt(shards);
            boolean found = false;
            for (int tries = 0; tries < shards && !found; tries++, s = (s + 1) & (shards - 1)) {
                keyspace.lock(s);
                try {
                    ShardTable t = db.shardAt(s);
                    if (t.size == 0 || (policy.volatileOnly() && t.volatileCount == 0)) continue;
                    int slot = t.randomSlot(random);
                    if (policy.volatileOnly()) slot = nextVolatile(t, slot);
                    if (slot < 0) continue;
                    offer(score(policy, t, slot, now), t.key(slot), dbIndex);
                    found = true;
                } finally {
                    keyspace.unlock(s);
                }
            }
            if (!found) return;
        }
    }

    /** Higher is a better victim. */
    private long score(EvictionPolicy policy, ShardTable t, int slot, long now) {
        int stamp = t.access(slot);
        return switch (policy) {
            case ALLKEYS_LFU, VOLATILE_LFU -> 255 - AccessClock.frequency(stamp, keyspace.config.lfuDecayTime, now);
            case VOLATILE_TTL -> Long.MAX_VALUE - t.expireAt(slot);
            default -> AccessClock.idleUnits(stamp, now);
        };
    }

    private void offer(long score, byte[] key, int db) {
        for (int i = 0; i < poolSize; i++) {
            if (poolDb[i] == db && java.util.Arrays.equals(poolKey[i], key)) return;
        }
        int pos = 0;
        while (pos < poolSize && poolScore[pos] < score) pos++;
        if (poolSize == POOL_SIZE) {
            if (pos == 0) return; // worse than every pooled candidate
            // Drop the worst (index 0) to make room below pos.
            System.arraycopy(poolScore, 1, poolScore, 0, pos - 1);
            System.arraycopy(poolKey, 1, poolKey, 0, pos - 1);
            System.arraycopy(poolDb, 1, poolDb, 0, pos - 1);
            pos--;
        } else {
            System.arraycopy(poolScore, pos, poolScore, pos + 1, poolSize - pos);
            System.arraycopy(poolKey, pos, poolKey, pos + 1, poolSize - pos);
            System.arraycopy(poolDb, pos, poolDb, pos + 1, poolSize - pos);
            poolSize++;
        }
        poolScore[pos] = score;
        poolKey[pos] = key;
        poolDb[pos] = db;
    }
}
