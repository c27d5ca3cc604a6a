package io.ferrite.core.server;

import io.ferrite.core.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** The connected clients (network sessions), by id; CLIENT LIST/KILL and INFO clients read it from any thread. */
public final class ClientRegistry {
    private final ConcurrentSkipListMap<Long, Session> byId = new ConcurrentSkipListMap<>();
    private volatile long pausedUntilMillis;
    private volatile boolean pauseWritesOnly;

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
    public synchronized void unpause() {
        pausedUntilMillis = 0;
        pauseWritesOnly = false;
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
