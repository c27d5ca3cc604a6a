package io.ferrite.core.tracking;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import io.ferrite.core.pubsub.Message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The tracking table of client-side caching (Redis's {@code tracking.c}): for each key a tracking client read, the
 * ids of the clients to tell when it changes; for each BCAST prefix, the clients following it. As in Redis, keys are
 * tracked by name whatever the database, a key is forgotten once invalidated, and ids of clients that went are
 * skipped rather than purged.
 *
 * <p>Thread-safety: reads are remembered and keys invalidated under the key's shard lock, so a write cannot slip
 * between a read and its remembering; the maps are concurrent for the table limit and keyspace-wide flushes. While
 * no client tracks, {@link #active()} is one volatile read, all a write pays.
 */
public final class Tracking {
    /** The channel invalidations are published on for RESP2 clients a tracking client redirects to. */
    public static final byte[] CHANNEL = "__redis__:invalidate".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final Set<String> SCRIPT_RUNNERS = Set.of("eval_ro", "evalsha_ro", "fcall_ro");

    private final Ferrite engine;
    private final Map<Long, Session> trackers = new ConcurrentHashMap<>();
    private volatile int trackerCount;
    private final Map<Key, Set<Long>> table = new ConcurrentHashMap<>();
    private final AtomicLong items = new AtomicLong();
    private final Map<Key, Set<Long>> prefixes = new ConcurrentHashMap<>();
    /**
     * BCAST invalidations of the command running on this thread: per prefix, the modified keys (in byte order,
     * each once) and which client modified each last (null: the keyspace itself), for NOLOOP. They go out when the command is over
     * ({@link #flushBroadcasts}), one message per prefix and client, as Redis gathers them until its event loop
     * sleeps.
     */
    private final ThreadLocal<TreeMap<byte[], TreeMap<byte[], Session>>> broadcasts =
            ThreadLocal.withInitial(() -> new TreeMap<>(Arrays::compareUnsigned));
    /**
     * Held by the thread bringing the table under its limit; others skip the work meanwhile. Distinct from this
     * object's monitor (CLIENT TRACKING), which a transaction may take while it holds every shard lock.
     */
    private final ReentrantLock limiting = new ReentrantLock();
    /** Rounds the table limit ended still over it: each makes the next round try harder, as Redis does. */
    private int limitRounds; // guarded by limiting

    private record Key(byte[] bytes) {
        @Override public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.bytes, bytes);
        }

        @Override public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    public Tracking(Ferrite engine) {
        this.engine = engine;
    }

    /** Whether any client has tracking on. */
    public boolean active() {
        return trackerCount > 0;
    }

    /** INFO's {@code tracking_clients}. */
    public int clients() {
        return trackerCount;
    }

    /** INFO's {@code tracking_total_keys}: keys some client is to hear about. */
    public int keys() {
        return table.size();
    }

    /** INFO's {@code tracking_total_items}: (key, client) pairs. */
    public long items() {
        return items.get();
    }

    /** INFO's {@code tracking_total_prefixes}. */
    public int prefixes() {
        return prefixes.size();
    }

    // --- modes, on the tracking session's thread ---

    synchronized void enable(Session s, ClientTracking t, long redirect, boolean bcast, boolean optin,
                             boolean optout, boolean noloop, List<byte[]> newPrefixes) {
        if (!t.on) {
            trackers.put(s.id(), s);
            trackerCount = trackers.size();
        }
        t.on = true;
        t.brokenRedirect = false;
        t.redirect = redirect;
        t.bcast = bcast;
        t.optin = optin;
        t.optout = optout;
        t.noloop = noloop;
        if (bcast) {
            if (newPrefixes.isEmpty()) follow(s, t, new byte[0]);
            for (byte[] p : newPrefixes) follow(s, t, p);
        }
    }

    private void follow(Session s, ClientTracking t, byte[] prefix) {
        if (!t.prefixes.add(prefix)) return;
        prefixes.computeIfAbsent(new Key(prefix), k -> ConcurrentHashMap.newKeySet()).add(s.id());
    }

    /** CLIENT TRACKING OFF, RESET, disconnect. The keys the client read stay in the table until they change. */
    public synchronized void disable(Session s) {
        ClientTracking t = s.trackingIfAny();
        if (t == null || !t.on) return;
        for (byte[] p : t.prefixes) {
            prefixes.computeIfPresent(new Key(p), (k, ids) -> {
                ids.remove(s.id());
                return ids.isEmpty() ? null : ids;
            });
        }
        t.prefixes.clear();
        t.on = t.bcast = t.optin = t.optout = t.noloop = t.caching = t.brokenRedirect = false;
        trackers.remove(s.id());
        trackerCount = trackers.size();
    }

    // --- the table ---

    /**
     * Redis's {@code trackingRememberKeys}: after a read-only command of {@code s} ran, under its locks, its keys
     * are to be invalidated to {@code s} when they change. {@code command} is the spec's name.
     */
    public void remember(Session s, String command, byte[][] keys, int count) {
        ClientTracking t = s.trackingIfAny();
        if (t == null || !t.remembersReads() || SCRIPT_RUNNERS.contains(command)) return;
        Long id = s.id();
        for (int i = 0; i < count; i++) {
            table.compute(new Key(keys[i]), (k, ids) -> {
                if (ids == null) ids = ConcurrentHashMap.newKeySet();
                if (ids.add(id)) items.incrementAndGet();
                return ids;
            });
        }
    }

    /**
     * Redis's {@code trackingInvalidateKey}: {@code key} changed (by {@code modifier}'s command, or by the keyspace
     * itself when null: expiry, eviction). Call under the key's shard lock. The readers that tracked it hear of it
     * once and it is forgotten; BCAST clients following a prefix of it hear of it too, unless {@code bcast} is false
     * (the table limit's own evictions).
     */
    public void invalidate(byte[] key, Session modifier, boolean bcast) {
        if (bcast && !prefixes.isEmpty()) {
            for (Key prefix : prefixes.keySet()) {
                if (!startsWith(key, prefix.bytes)) continue;
                broadcasts.get().computeIfAbsent(prefix.bytes, p -> new TreeMap<>(Arrays::compareUnsigned))
                        .put(key, modifier);
            }
        }
        Set<Long> ids = table.remove(new Key(key));
        if (ids == null) return;
        items.addAndGet(-ids.size());
        for (Long id : ids) {
            Session s = trackers.get(id);
            if (s == null) continue;
            ClientTracking t = s.trackingIfAny();
            if (t == null || !t.on || t.bcast || (t.noloop && s == modifier)) continue;
            send(s, t, List.of(key));
        }
    }

    /**
     * Sends the BCAST invalidations gathered on this thread: after each command (a transaction or script counts as
     * one) and after an active expiry cycle. Called with no lock held.
     */
    public void flushBroadcasts() {
        TreeMap<byte[], TreeMap<byte[], Session>> pending = broadcasts.get();
        if (pending.isEmpty()) return;
        List<Map.Entry<byte[], TreeMap<byte[], Session>>> batch = new ArrayList<>(pending.entrySet());
        pending.clear();
        for (Map.Entry<byte[], TreeMap<byte[], Session>> e : batch) {
            Set<Long> ids = prefixes.get(new Key(e.getKey()));
            if (ids == null) continue;
            List<byte[]> all = List.copyOf(e.getValue().keySet());
            for (Long id : ids) {
                Session s = trackers.get(id);
                ClientTracking t = s == null ? null : s.trackingIfAny();
                if (t == null || !t.on) continue;
                List<byte[]> keys = all;
                if (t.noloop) {
                    keys = new ArrayList<>();
                    for (Map.Entry<byte[], Session> k : e.getValue().entrySet()) if (k.getValue() != s) keys.add(k.getKey());
                    if (keys.isEmpty()) continue;
                }
                send(s, t, keys);
            }
        }
    }

    /**
     * Redis's {@code trackingInvalidateKeysOnFlush}: FLUSHALL or FLUSHDB ran (under every lock); every tracking
     * client hears the null invalidation and the table empties.
     */
    public void flushed() {
        for (Session s : trackers.values()) {
            ClientTracking t = s.trackingIfAny();
            if (t != null && t.on) send(s, t, null);
        }
        table.clear();
        items.set(0);
    }

    /**
     * Redis's {@code trackingLimitUsedSlots}, before each command while clients track: over
     * {@code tracking-table-max-keys}, keys are invalidated (in the table's hash order, which the key hashes make
     * arbitrary) until the table fits, with an effort that grows while it does not.
     */
    public void limit() {
        long max = engine.config().trackingTableMaxKeys;
        if (max == 0 || table.size() <= max || !limiting.tryLock()) return;
        try {
            int effort = 100 * (limitRounds + 1);
            Iterator<Key> keys = table.keySet().iterator();
            while (effort-- > 0 && keys.hasNext()) {
                byte[] key = keys.next().bytes;
                int shard = engine.keyspace().shardOf(key);
                engine.keyspace().lock(shard);
                try {
                    invalidate(key, null, false);
                } finally {
                    engine.keyspace().unlock(shard);
                }
                if (table.size() <= max) {
                    limitRounds = 0;
                    return;
                }
            }
            limitRounds++;
        } finally {
            limiting.unlock();
        }
    }

    /**
     * Redis's {@code sendTrackingMessage}: {@code keys} (null: everything, after a flush) to the tracking client, or
     * to the client it redirects to. A RESP3 receiver gets an {@code invalidate} push; a RESP2 one only as the
     * subscribed target of a redirect, as a message on {@link #CHANNEL}. A redirect to a client that went flags the
     * tracker and, in RESP3, tells it so.
     */
    private void send(Session tracker, ClientTracking t, List<byte[]> keys) {
        long redirect = t.redirect;
        Session receiver = tracker;
        if (redirect != 0) {
            receiver = engine.session(redirect);
            if (receiver == null) {
                t.brokenRedirect = true;
                if (tracker.protocol() >= 3) deliver(tracker, Message.trackingRedirBroken(redirect));
                return;
            }
        }
        if (receiver.protocol() >= 3) deliver(receiver, Message.invalidate(keys));
        else if (redirect != 0 && receiver.subscribed()) deliver(receiver, Message.invalidateOnChannel(CHANNEL, keys));
    }

    private static void deliver(Session receiver, Message m) {
        Consumer<Message> d = receiver.messageDelivery();
        if (d != null) d.accept(m);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether one of {@code a}, {@code b} is a prefix of the other (Redis's {@code stringCheckPrefix}). */
    static boolean overlap(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        return Arrays.equals(a, 0, n, b, 0, n);
    }
}
