package io.ferrite.core.server;

import io.ferrite.core.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** The connected clients (network sessions), by id; CLIENT LIST/KILL and INFO clients read it from any thread. */
public final class ClientRegistry {
    private final ConcurrentSkipListMap<Long, Session> byId = new ConcurrentSkipListMap<>();

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
