package io.ferrite.core.pubsub;

import io.ferrite.core.Session;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.Glob;
import io.ferrite.core.config.Config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The server's subscriptions: for each channel, pattern and shard channel, the sessions subscribed to it.
 *
 * <p>Thread-safe. A session changes its own subscriptions on its own thread; PUBLISH reads the maps from any thread
 * (weakly consistent: a message published while a subscription is being added may or may not reach it, as with
 * two Redis clients racing). Sets never stay empty: the last unsubscriber removes the channel.
 */
public final class PubSub {
    private static final Set<String> ALLOWED_WHILE_SUBSCRIBED = Set.of("subscribe", "psubscribe", "ssubscribe",
            "unsubscribe", "punsubscribe", "sunsubscribe", "ping", "quit", "reset");

    private final Config config;
    private final Map<Channel, Set<Session>> channels = new ConcurrentHashMap<>();
    private final Map<Channel, Set<Session>> patterns = new ConcurrentHashMap<>();
    private final Map<Channel, Set<Session>> shardChannels = new ConcurrentHashMap<>();

    public PubSub(Config config) {
        this.config = config;
    }

    /** Whether RESP2's subscribed mode lets {@code spec} run (Redis's list: the (un)subscribe family, PING, QUIT, RESET). */
    public static boolean allowedWhileSubscribed(CommandSpec spec) {
        return spec.parent() == null && ALLOWED_WHILE_SUBSCRIBED.contains(spec.name());
    }

    /** The error RESP2's subscribed mode answers other commands with. */
    public static String notAllowedError(CommandSpec spec) {
        return "ERR Can't execute '" + spec.fullName()
                + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
    }

    /** Delivers {@code payload} to the subscribers of {@code channel} and of the patterns matching it; the receiver count. */
    public int publish(byte[] channel, byte[] payload) {
        int receivers = 0;
        Set<Session> direct = channels.get(new Channel(channel));
        if (direct != null) {
            Message m = new Message(Message.Kind.MESSAGE, null, channel, payload);
            for (Session s : direct) receivers += deliver(s, m);
        }
        if (!patterns.isEmpty()) {
            for (Map.Entry<Channel, Set<Session>> e : patterns.entrySet()) {
                byte[] pattern = e.getKey().name;
                if (!Glob.matches(pattern, channel, false)) continue;
                Message m = new Message(Message.Kind.PMESSAGE, pattern, channel, payload);
                for (Session s : e.getValue()) receivers += deliver(s, m);
            }
        }
        return receivers;
    }

    /** SPUBLISH: shard-channel subscribers only (patterns do not apply). */
    public int publishShard(byte[] channel, byte[] payload) {
        Set<Session> direct = shardChannels.get(new Channel(channel));
        if (direct == null) return 0;
        Message m = new Message(Message.Kind.SMESSAGE, null, channel, payload);
        int receivers = 0;
        for (Session s : direct) receivers += deliver(s, m);
        return receivers;
    }

    private static int deliver(Session s, Message m) {
        Consumer<Message> d = s.messageDelivery();
        if (d == null) return 0;
        d.accept(m);
        return 1;
    }

    /**
     * Keyspace notification, as Redis's {@code notifyKeyspaceEvent}: publishes {@code event} on
     * {@code __keyspace@<db>__:<key>} and {@code key} on {@code __keyevent@<db>__:<event>}, as the configured flags
     * ask. {@code type} is the event's class ({@link io.ferrite.core.config.KeyspaceEvents}).
     */
    public void notifyKeyspaceEvent(int type, String event, byte[] key, int db) {
        int flags = config.notifyKeyspaceEvents;
        if ((flags & type) == 0) return;
        byte[] eventBytes = event.getBytes(StandardCharsets.US_ASCII);
        if ((flags & io.ferrite.core.config.KeyspaceEvents.KEYSPACE) != 0) {
            publish(concat("__keyspace@" + db + "__:", key), eventBytes);
        }
        if ((flags & io.ferrite.core.config.KeyspaceEvents.KEYEVENT) != 0) {
            publish(concat("__keyevent@" + db + "__:", eventBytes), key);
        }
    }

    private static byte[] concat(String prefix, byte[] rest) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[p.length + rest.length];
        System.arraycopy(p, 0, b, 0, p.length);
        System.arraycopy(rest, 0, b, p.length, rest.length);
        return b;
    }

    // --- subscription bookkeeping, called on the subscribing session's thread ---

    boolean subscribe(Session s, byte[] channel) {
        return add(channels, s.subscriptions().channels, s, channel);
    }

    boolean unsubscribe(Session s, byte[] channel) {
        return remove(channels, s.subscriptions().channels, s, channel);
    }

    boolean psubscribe(Session s, byte[] pattern) {
        return add(patterns, s.subscriptions().patterns, s, pattern);
    }

    boolean punsubscribe(Session s, byte[] pattern) {
        return remove(patterns, s.subscriptions().patterns, s, pattern);
    }

    boolean ssubscribe(Session s, byte[] channel) {
        return add(shardChannels, s.subscriptions().shardChannels, s, channel);
    }

    boolean sunsubscribe(Session s, byte[] channel) {
        return remove(shardChannels, s.subscriptions().shardChannels, s, channel);
    }

    private static boolean add(Map<Channel, Set<Session>> map, Set<Channel> own, Session s, byte[] name) {
        Channel c = new Channel(name);
        if (!own.add(c)) return false;
        map.compute(c, (k, set) -> {
            Set<Session> v = set == null ? ConcurrentHashMap.newKeySet() : set;
            v.add(s);
            return v;
        });
        return true;
    }

    private static boolean remove(Map<Channel, Set<Session>> map, Set<Channel> own, Session s, byte[] name) {
        Channel c = new Channel(name);
        if (!own.remove(c)) return false;
        map.computeIfPresent(c, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
        return true;
    }

    /**
     * The sessions among {@code sessions} holding a subscription that {@code allowed} refuses (called with the
     * channel or pattern, and true for a pattern). Any thread: it reads the shared channel maps only.
     */
    public Set<Session> subscribedOutside(Set<Session> sessions,
                                          java.util.function.BiPredicate<byte[], Boolean> allowed) {
        Set<Session> out = new java.util.HashSet<>();
        collectOutside(channels, false, sessions, allowed, out);
        collectOutside(shardChannels, false, sessions, allowed, out);
        collectOutside(patterns, true, sessions, allowed, out);
        return out;
    }

    private static void collectOutside(Map<Channel, Set<Session>> map, boolean pattern, Set<Session> sessions,
                                       java.util.function.BiPredicate<byte[], Boolean> allowed, Set<Session> out) {
        for (Map.Entry<Channel, Set<Session>> e : map.entrySet()) {
            if (allowed.test(e.getKey().name, pattern)) continue;
            for (Session s : e.getValue()) if (sessions.contains(s)) out.add(s);
        }
    }

    /** Drops every subscription of {@code s} without replies (RESET, disconnect). Session's thread. */
    public void unsubscribeAll(Session s) {
        Subscriptions subs = s.subscriptionsIfAny();
        if (subs == null) return;
        for (Channel c : List.copyOf(subs.channels)) remove(channels, subs.channels, s, c.name);
        for (Channel c : List.copyOf(subs.patterns)) remove(patterns, subs.patterns, s, c.name);
        for (Channel c : List.copyOf(subs.shardChannels)) remove(shardChannels, subs.shardChannels, s, c.name);
    }

    // --- introspection ---

    /** Channels with at least one subscriber (INFO's pubsub_channels). */
    public int channelCount() {
        return channels.size();
    }

    /** Shard channels with at least one subscriber (INFO's pubsubshard_channels). */
    public int shardChannelCount() {
        return shardChannels.size();
    }

    /** Distinct subscribed patterns (PUBSUB NUMPAT, INFO's pubsub_patterns). */
    public int patternCount() {
        return patterns.size();
    }

    List<byte[]> activeChannels(byte[] pattern, boolean shard) {
        List<byte[]> out = new ArrayList<>();
        for (Channel c : (shard ? shardChannels : channels).keySet()) {
            if (pattern == null || Glob.matches(pattern, c.name, false)) out.add(c.name);
        }
        return out;
    }

    int subscriberCount(byte[] channel, boolean shard) {
        Set<Session> set = (shard ? shardChannels : channels).get(new Channel(channel));
        return set == null ? 0 : set.size();
    }
}
