package io.ferrite.core.pubsub;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One session's subscriptions, in subscription order. Changed only by the session's own thread; CLIENT LIST reads
 * the sizes from other threads, which may be momentarily stale.
 */
public final class Subscriptions {
    final Set<Channel> channels = new LinkedHashSet<>();
    final Set<Channel> patterns = new LinkedHashSet<>();
    final Set<Channel> shardChannels = new LinkedHashSet<>();

    public int channels() { return channels.size(); }
    public int patterns() { return patterns.size(); }
    public int shardChannels() { return shardChannels.size(); }

    /** Whether the session is in subscribed mode (Redis's CLIENT_PUBSUB flag). */
    public boolean any() {
        return !channels.isEmpty() || !patterns.isEmpty() || !shardChannels.isEmpty();
    }

    /** The count SUBSCRIBE and PSUBSCRIBE confirmations report: channels plus patterns. */
    int count() {
        return channels.size() + patterns.size();
    }
}
