package io.ferrite.core.tx;

import io.ferrite.core.keyspace.Db;
import io.ferrite.core.keyspace.Keyspace;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which transactions watch which (database, key). A command marks a key here only where it did change it (Redis's
 * {@code signalModifiedKey}, see {@code CommandContext.modified}); keyspace-wide writes compare a snapshot. While
 * nobody watches, a mark costs one volatile read.
 *
 * <p>Thread-safety: the map is concurrent. A key's watchers are added by WATCH and marked by writers while each holds
 * the key's shard lock, so a write either precedes the WATCH (and WATCH sees its result) or marks the watcher.
 */
public final class WatchRegistry {
    /** A watched key; {@code key} is never mutated. */
    public record WatchedKey(int db, byte[] key) {
        @Override public boolean equals(Object o) {
            return o instanceof WatchedKey w && w.db == db && Arrays.equals(w.key, key);
        }

        @Override public int hashCode() { return 31 * db + Arrays.hashCode(key); }
    }

    private final Map<WatchedKey, Set<Transaction>> watchers = new ConcurrentHashMap<>();
    private final AtomicInteger watchedKeys = new AtomicInteger();

    /** Whether any key is watched at all. */
    public boolean active() {
        return watchedKeys.get() > 0;
    }

    void watch(Transaction tx, int db, byte[] key, boolean exists) {
        WatchedKey w = new WatchedKey(db, key);
        if (tx.watched.contains(w)) return;
        tx.watched.add(w);
        tx.existedWhenWatched.add(exists);
        watchers.compute(w, (k, set) -> {
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                watchedKeys.incrementAndGet();
            }
            set.add(tx);
            return set;
        });
    }

    /** Forgets every key {@code tx} watches and clears its "changed" flag. */
    public void unwatch(Transaction tx) {
        for (WatchedKey w : tx.watched) {
            watchers.computeIfPresent(w, (k, set) -> {
                set.remove(tx);
                if (!set.isEmpty()) return set;
                watchedKeys.decrementAndGet();
                return null;
            });
        }
        tx.watched.clear();
        tx.existedWhenWatched.clear();
        tx.touched = false;
    }

    /** {@code key} of database {@code db} was written: its watchers' EXEC will fail. Call under the key's lock. */
    public void touch(int db, byte[] key) {
        Set<Transaction> set = watchers.get(new WatchedKey(db, key));
        if (set != null) for (Transaction tx : set) tx.touched = true;
    }

    /**
     * Where every watched key stands before a keyspace-wide write (FLUSHDB, FLUSHALL, SWAPDB): its database and
     * whether it exists there; compare afterwards with {@link #touchChanged}. Call with every shard locked.
     */
    public Map<WatchedKey, Object> snapshot(Keyspace keyspace, long now) {
        Map<WatchedKey, Object> before = new IdentityHashMap<>();
        for (WatchedKey w : watchers.keySet()) {
            Db db = keyspace.db(w.db());
            before.put(w, new Standing(db, db.exists(w.key(), now)));
        }
        return before;
    }

    private record Standing(Db db, boolean exists) {}

    /**
     * Marks the watchers of every key the keyspace-wide write changed, as Redis's {@code touchAllWatchedKeysInDb}
     * decides: a flushed key that existed, or a key of a swapped database that exists on either side. Values are
     * not compared: the write replaced or removed whole databases, it did not change keys in place.
     */
    public void touchChanged(Keyspace keyspace, Map<WatchedKey, Object> before, long now) {
        for (Map.Entry<WatchedKey, Object> e : before.entrySet()) {
            WatchedKey w = e.getKey();
            Standing was = (Standing) e.getValue();
            Db db = keyspace.db(w.db());
            boolean exists = db.exists(w.key(), now);
            boolean swapped = db != was.db();
            if ((swapped && (was.exists() || exists)) || (was.exists() && !exists)) touch(w.db(), w.key());
        }
    }
}
