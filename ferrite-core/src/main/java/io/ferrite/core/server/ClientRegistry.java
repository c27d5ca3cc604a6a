package io.ferrite.core.server;

import io.ferrite.core.Session;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The connected clients (network sessions), by id; CLIENT LIST/KILL and INFO clients read it from any thread. */
public final class ClientRegistry {
    private final ConcurrentSkipListMap<Long, Session> byId = new ConcurrentSkipListMap<>();
    private volatile long pausedUntilMillis;
    private volatile boolean pauseWritesOnly;
    private final List<Runnable> unpauseListeners = new CopyOnWriteArrayList<>();

    /**
     * CLIENT PAUSE: records until when (Unix ms) clients are paused, and whether only writes are; the network
     * layer holds back the affected commands. A later pause only extends the deadline or widens the mode.
     */
    public synchronized void pause(long untilMillis, boolean writesOnly) {
        boolean active = pausedUntilMillis != 0;
        if (!active || untilMillis > pausedUntilMillis) pausedUntilMillis = untilMillis;
        pauseWritesOnly = active ? pauseWritesOnly && writesOnly : writesOnly;
    }

    /** CLIENT UNPAUSE. */
    public void unpause() {
        synchronized (this) {
            pausedUntilMillis = 0;
            pauseWritesOnly = false;
        }
        for (Runnable r : unpauseListeners) r.run();
    }

    /** Runs {@code r} after each CLIENT UNPAUSE (a pause that times out is noticed by the holders' own clocks). */
    public void onUnpause(Runnable r) {
        unpauseListeners.add(r);
    }

    public void removeUnpauseListener(Runnable r) {
        unpauseListeners.remove(r);
    }

    /**
     * Whether CLIENT PAUSE holds back a command of {@code spec} at {@code nowMillis}: every command in ALL mode; in
     * WRITE mode those that write or may replicate (EVAL, PUBLISH ...), as Redis's processCommand decides.
     */
    public boolean pauses(CommandSpec spec, long nowMillis) {
        long until = pausedUntilMillis;
        if (until == 0 || nowMillis >= until || spec == null) return false;
        return !pauseWritesOnly || spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE);
    }

    /** The end of the current pause (Unix ms), 0 if none was requested; compare with the clock to know if it is over. */
    public long pausedUntilMillis() {
        return pausedUntilMillis;
    }

    /** Whether the pause holds back only write commands (CLIENT PAUSE ... WRITE). */
    public boolean pauseWritesOnly() {
        return pauseWritesOnly;
    }

    public void add(Session s) {
        byId.put(s.id(), s);
    }

    public void remove(Session s) {
        byId.remove(s.id());
    }

    public Session get(long id) {
        return byId.get(id);
    }

    public int size() {
        return byId.size();
    }

    /** A snapshot in id order. */
    public List<Session> list() {
        return new ArrayList<>(byId.values());
    }
}
