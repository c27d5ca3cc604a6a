package io.ferrite.core.blocking;

import io.ferrite.core.Reply;
import io.ferrite.core.ReplyBuilder;
import io.ferrite.core.Session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The sessions parked by blocking commands, by the keys they wait on, in arrival order.
 *
 * <p>Serving follows Redis's rule: after a write command to a key with waiters, each waiter's command runs again
 * (through the dispatcher, with the shard locks it needs), oldest first, until one stays blocked for lack of data
 * or the queue is empty. A served waiter leaves every queue it was in. Serving is driven by the thread that did the
 * write, right after the write, so a pipelined LPUSH + LPOP cannot take the element from under a waiter.
 *
 * <p>Stream readers are served only for a key that was <em>signalled</em> ({@link #signal}): as Redis signals a key
 * ready only on new entries (XADD), a group's destruction and the key being stored anew, a parked XREAD or
 * XREADGROUP ignores other writes to its stream (XSETID, XDEL, XGROUP SETID ...). A signal is consumed by the serving
 * of its key, and on a signalled key every waiter is tried, since stream readers wait for different ids.
 *
 * <p>Thread-safe: queues are guarded by this object's monitor; commands are never run while holding it.
 */
public final class BlockingRegistry implements AutoCloseable {
    private final Map<KeyRef, ArrayDeque<Waiter>> byKey = new HashMap<>();
    // Keys with waiters that were signalled and not served since; guarded by this object's monitor.
    private final Set<KeyRef> signalled = new HashSet<>();
    private volatile int waiting;
    private final ScheduledExecutorService timer;
    private final ThreadLocal<ArrayDeque<KeyRef>> pendingReady = ThreadLocal.withInitial(ArrayDeque::new);
    private final ThreadLocal<Boolean> serving = ThreadLocal.withInitial(() -> false);

    public BlockingRegistry() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferrite-blocking-timeouts");
            t.setDaemon(true);
            return t;
        });
    }

    record KeyRef(int db, byte[] key) {
        @Override public boolean equals(Object o) {
            return o instanceof KeyRef k && k.db == db && Arrays.equals(k.key, key);
        }
        @Override public int hashCode() { return db * 31 + Arrays.hashCode(key); }
    }

    /** A parked command. Completed at most once: served, timed out or cancelled. */
    public static final class Waiter {
        final Session session;
        final byte[][] argv;
        final List<KeyRef> keys = new ArrayList<>();
        final TimeoutReply onTimeout;
        final Delivery delivery;
        ScheduledFuture<?> timeout;
        // Guarded by the registry. While serving, the command is running again: a timeout that fires then must
        // not answer (the run may have taken data for it), so it is recorded and honoured if the run blocks again.
        boolean done;
        boolean serving;
        boolean expiredWhileServing;
        // The key whose write is serving this waiter, while it runs again, and whether that key was signalled.
        byte[] readyKey;
        boolean readySignalled;

        Waiter(Session session, byte[][] argv, TimeoutReply onTimeout, Delivery delivery) {
            this.session = session;
            this.argv = argv;
            this.onTimeout = onTimeout;
            this.delivery = delivery;
        }

        public Session session() { return session; }
        public byte[][] argv() { return argv; }
        /** The key whose write the waiter's command is running again for. */
        public byte[] readyKey() { return readyKey; }
        /** Whether {@link #readyKey} was {@link #signal signalled} since its waiters were last served. */
        public boolean readySignalled() { return readySignalled; }
    }

    /** Receives the reply of a parked command, on whatever thread served it or timed it out. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(Reply reply);
    }

    /** Whether anything is parked: the dispatcher's cheap check after each write. */
    public boolean hasWaiters() {
        return waiting > 0;
    }

    /**
     * Parks {@code session}'s command {@code argv} on {@code keys} of database {@code db}.
     * {@code timeoutMillis == 0} waits forever; on timeout the reply is {@code onTimeout}'s. With no keys, only the
     * timeout, CLIENT UNBLOCK or a disconnect ends the wait (WAIT for replicas that cannot come).
     */
    public Waiter park(Session session, int db, byte[][] keys, byte[][] argv, long timeoutMillis,
                       TimeoutReply onTimeout, Delivery delivery) {
        Waiter w = new Waiter(session, argv, onTimeout, delivery);
        synchronized (this) {
            for (byte[] k : keys) {
                KeyRef ref = new KeyRef(db, k);
                if (w.keys.contains(ref)) continue;
                w.keys.add(ref);
                byKey.computeIfAbsent(ref, x -> new ArrayDeque<>()).addLast(w);
            }
            waiting++;
            session.parked(w);
            if (timeoutMillis > 0) {
                w.timeout = timer.schedule(() -> timeOut(w), timeoutMillis, TimeUnit.MILLISECONDS);
            }
        }
        return w;
    }

    private void timeOut(Waiter w) {
        synchronized (this) {
            if (w.serving) {
                w.expiredWhileServing = true;
                return;
            }
            if (!remove(w)) return;
        }
        deliverTimeout(w);
    }

    private static void deliverTimeout(Waiter w) {
        ReplyBuilder b = new ReplyBuilder(w.session.protocol());
        w.onTimeout.write(b);
        w.session.unparked();
        w.delivery.deliver(b.reply());
    }

    /**
     * CLIENT UNBLOCK: answers {@code w} as a timeout would, or with Redis's UNBLOCKED error. False if it was already
     * answered or is being served at this moment (the served run answers it).
     */
    public boolean unblock(Waiter w, boolean withError) {
        synchronized (this) {
            if (w.serving || !remove(w)) return false;
        }
        if (withError) {
            w.session.unparked();
            w.delivery.deliver(new Reply.Error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
        } else {
            deliverTimeout(w);
        }
        return true;
    }

    /** Cancels the session's parked command, if any, without a reply (disconnect, CLIENT KILL). */
    public synchronized void cancel(Waiter w) {
        // A re-run in progress may already have taken data for this waiter: let it finish and deliver (the
        // client then leaves after being served, as with Redis) rather than drop what it took.
        boolean interrupted = false;
        while (w.serving) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        remove(w);
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Removes {@code w} from every queue; false if it was already completed. */
    private synchronized boolean remove(Waiter w) {
        if (w.done) return false;
        w.done = true;
        waiting--;
        if (w.timeout != null) w.timeout.cancel(false);
        for (KeyRef ref : w.keys) {
            ArrayDeque<Waiter> q = byKey.get(ref);
            if (q == null) continue;
            q.remove(w);
            if (q.isEmpty()) {
                byKey.remove(ref);
                signalled.remove(ref);
            }
        }
        return true;
    }

    /**
     * Runs the waiters of {@code keys} in database {@code db} that the caller just wrote. {@code rerun} executes a
     * waiter's command and returns its reply, or null if it blocked again. Called with no shard lock held.
     * Reentrant: a served command that writes (BLMOVE's push) queues its keys for the outer loop.
     */
    public void serve(int db, byte[][] keys, Function<Waiter, Reply> rerun) {
        ArrayDeque<KeyRef> ready = pendingReady.get();
        synchronized (this) {
            for (byte[] k : keys) {
                KeyRef ref = new KeyRef(db, k);
                if (byKey.containsKey(ref)) ready.addLast(ref);
            }
        }
        if (serving.get()) return;
        serving.set(true);
        try {
            KeyRef ref;
            while ((ref = ready.pollFirst()) != null) serveKey(ref, rerun);
        } finally {
            serving.set(false);
        }
    }

    /**
     * Redis's {@code signalKeyAsReady} for streams: {@code key} of database {@code db} got new entries, lost a group
     * or was stored anew, so its parked stream readers are to be served by the next {@link #serve} of the key.
     * Called under the key's shard lock; one volatile read while nothing is parked.
     */
    public void signal(int db, byte[] key) {
        if (waiting == 0) return;
        KeyRef ref = new KeyRef(db, key);
        synchronized (this) {
            if (byKey.containsKey(ref)) signalled.add(ref);
        }
    }

    /**
     * Key {@code key} of database {@code db} was deleted by the keyspace itself (expiry, eviction), under its shard
     * lock: its waiters are queued to run again on this thread, by the next {@link #servePending} or {@link #serve}.
     */
    public void keyGone(byte[] key, int db) {
        if (waiting == 0) return;
        KeyRef ref = new KeyRef(db, key);
        synchronized (this) {
            if (byKey.containsKey(ref)) pendingReady.get().addLast(ref);
        }
    }

    /** Whether {@link #keyGone} queued keys on this thread that no serving has taken yet. */
    public boolean hasPending() {
        return waiting > 0 && !pendingReady.get().isEmpty();
    }

    /** Runs the waiters of the keys {@link #keyGone} queued on this thread. Called with no shard lock held. */
    public void servePending(Function<Waiter, Reply> rerun) {
        serve(0, new byte[0][], rerun);
    }

    /**
     * Runs every waiter again, as {@link #serve} would after a write to each of their keys: for keyspace-wide writes
     * (FLUSHALL, FLUSHDB, SWAPDB). Called with no shard lock held.
     */
    public void serveAll(Function<Waiter, Reply> rerun) {
        Map<Integer, List<byte[]>> keysByDb = new HashMap<>();
        synchronized (this) {
            // As Redis scans a swapped or flushed database for ready keys, every key counts as signalled.
            signalled.addAll(byKey.keySet());
            for (KeyRef ref : byKey.keySet()) keysByDb.computeIfAbsent(ref.db(), d -> new ArrayList<>()).add(ref.key());
        }
        for (Map.Entry<Integer, List<byte[]>> e : keysByDb.entrySet()) {
            serve(e.getKey(), e.getValue().toArray(new byte[0][]), rerun);
        }
    }

    private void serveKey(KeyRef ref, Function<Waiter, Reply> rerun) {
        List<Waiter> tried = new ArrayList<>();
        boolean isSignalled;
        synchronized (this) {
            isSignalled = signalled.remove(ref);
        }
        while (true) {
            Waiter next = null;
            synchronized (this) {
                ArrayDeque<Waiter> q = byKey.get(ref);
                if (q != null) {
                    for (Waiter w : q) {
                        if (!tried.contains(w) && !w.serving) {
                            next = w;
                            break;
                        }
                    }
                }
                if (next == null) return;
                next.serving = true;
                next.readyKey = ref.key();
                next.readySignalled = isSignalled;
            }
            tried.add(next);
            Reply reply = rerun.apply(next);
            boolean expired;
            synchronized (this) {
                next.serving = false;
                expired = next.expiredWhileServing;
                if (reply != null || expired) remove(next);
                notifyAll(); // a cancel may be waiting for this re-run
            }
            if (reply != null) {
                next.session.unparked();
                next.delivery.deliver(reply);
            } else {
                if (expired) deliverTimeout(next);
                // Unsignalled, the key has nothing more to give: later waiters would block too. Signalled, a later
                // stream reader may wait for an older id than this one.
                if (!isSignalled) return;
            }
        }
    }

    /** Number of parked commands (INFO blocked_clients). */
    public int size() {
        return waiting;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
