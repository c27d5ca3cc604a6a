package io.ferrite.core.acl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * ACL LOG: the latest denials, newest first. A denial like a recent one (same reason, context, object and user,
 * within a minute) counts on that entry instead of adding one, as Redis groups them. Thread-safe.
 */
public final class AclLog {
    private static final long GROUPING_MILLIS = 60_000;

    /**
     * One entry; {@code count}, {@code updatedMillis} and {@code clientInfo} change, under the log's lock, as like
     * denials arrive. Ids count entries from the engine's start.
     */
    public static final class Entry {
        final String reason;
        final String context;
        final String object;
        final String username;
        final long id;
        final long createdMillis;
        long count = 1;
        long updatedMillis;
        String clientInfo;

        Entry(long id, String reason, String context, String object, String username, long now, String clientInfo) {
            this.id = id;
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.createdMillis = now;
            this.updatedMillis = now;
            this.clientInfo = clientInfo;
        }

        Entry copy() {
            Entry e = new Entry(id, reason, context, object, username, createdMillis, clientInfo);
            e.count = count;
            e.updatedMillis = updatedMillis;
            return e;
        }

        boolean like(Entry e, long now) {
            return reason.equals(e.reason) && context.equals(e.context) && object.equals(e.object)
                    && username.equals(e.username) && now - updatedMillis < GROUPING_MILLIS;
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextId;
    private final java.util.function.LongSupplier maxEntries;

    /** {@code maxEntries}: {@code acllog-max-len}, read on every addition. */
    AclLog(java.util.function.LongSupplier maxEntries) {
        this.maxEntries = maxEntries;
    }

    public synchronized void add(String reason, String context, String object, String username, long now,
                                 String clientInfo) {
        long max = maxEntries.getAsLong();
        Entry fresh = new Entry(nextId, reason, context, object, username, now, clientInfo);
        for (var it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.like(fresh, now)) {
                it.remove();
                e.count++;
                e.updatedMillis = now;
                e.clientInfo = clientInfo;
                entries.addFirst(e);
                trim(max);
                return;
            }
        }
        entries.addFirst(fresh);
        nextId++;
        trim(max);
    }

    private void trim(long max) {
        while (entries.size() > max) entries.removeLast();
    }

    synchronized List<Entry> latest(long count) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (out.size() >= count) break;
            out.add(e.copy());
        }
        return out;
    }

    synchronized void reset() {
        entries.clear();
    }
}
