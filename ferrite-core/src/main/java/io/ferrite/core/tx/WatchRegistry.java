package io.ferrite.core.tx;

import io.ferrite.core.keyspace.Keyspace;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which transactions watch which (database, key). Writers consult it after every successful write; while nobody
 * watches, that costs one volatile read.
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
     * The current value of every watched key, before a keyspace-wide write (FLUSHDB, FLUSHALL, SWAPDB); compare it
     * afterwards with {@link #touchChanged}. Call with every shard locked.
     */
    public Map<WatchedKey, Object> snapshot(Keyspace keyspace, long now) {
        Map<WatchedKey, Object> values = new IdentityHashMap<>();
        for (WatchedKey w : watchers.keySet()) values.put(w, keyspace.db(w.db()).peek(w.key(), now));
        return values;
    }

    /** Marks the watchers of every key whose value is no longer the one {@code before} recorded. */
    public void touchChanged(Keyspace keyspace, Map<WatchedKey, Object> before, long now) {
        for (Map.Entry<WatchedKey, Object> e : before.entrySet()) {
            WatchedKey w = e.getKey();
            if (keyspace.db(w.db()).peek(w.key(), now) != e.getValue()) touch(w.db(), w.key());
        }
    }
}
