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
     * One entry; {@code count}, {@code createdMillis} and {@code clientInfo} change, under the log's lock, as like
     * denials arrive.
     */
    public static final class Entry {
        final String reason;
        final String context;
        final String object;
        final String username;
        long count = 1;
        long createdMillis;
        String clientInfo;

        Entry(String reason, String context, String object, String username, long now, String clientInfo) {
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.createdMillis = now;
            this.clientInfo = clientInfo;
        }

        Entry copy() {
            Entry e = new Entry(reason, context, object, username, createdMillis, clientInfo);
            e.count = count;
            return e;
        }

        boolean like(Entry e, long now) {
            return reason.equals(e.reason) && context.equals(e.context) && object.equals(e.object)
                    && username.equals(e.username) && now - createdMillis < GROUPING_MILLIS;
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final java.util.function.LongSupplier maxEntries;

    /** {@code maxEntries}: {@code acllog-max-len}, read on every addition. */
    AclLog(java.util.function.LongSupplier maxEntries) {
        this.maxEntries = maxEntries;
    }

    public synchronized void add(String reason, String context, String object, String username, long now,
                                 String clientInfo) {
        long max = maxEntries.getAsLong();
        Entry fresh = new Entry(reason, context, object, username, now, clientInfo);
        for (var it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.like(fresh, now)) {
                it.remove();
                e.count++;
                e.createdMillis = now;
                e.clientInfo = clientInfo;
                entries.addFirst(e);
                trim(max);
                return;
            }
        }
        entries.addFirst(fresh);
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
