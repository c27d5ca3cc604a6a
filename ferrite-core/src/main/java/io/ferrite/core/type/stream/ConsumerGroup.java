package io.ferrite.core.type.stream;

import io.ferrite.core.keyspace.Sizes;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer group of a stream (Redis's {@code streamCG}): the last id delivered to it, its logical read counter,
 * the pending entries list (delivered, not yet acknowledged) and its consumers. Groups and consumers are ordered by
 * name bytes, as Redis's radix trees order them.
 *
 * <p>Invariant: every {@link Pending} of {@link #pel} with a consumer is also in that consumer's {@link Consumer#pel}
 * under the same id, and no consumer holds an id the group's PEL does not. Not thread-safe: guarded by the shard
 * lock of the stream's key.
 */
final class ConsumerGroup {
    /** Redis's {@code SCG_INVALID_ENTRIES_READ}: the group's read counter is unknown. */
    static final long UNKNOWN_ENTRIES_READ = -1;

    private static final long GROUP_OVERHEAD = 120;
    private static final long CONSUMER_OVERHEAD = 120;
    private static final long PENDING_OVERHEAD = 40 + 24 + 40 + 40;

    final byte[] name;
    StreamId lastId;
    long entriesRead;
    final TreeMap<StreamId, Pending> pel = new TreeMap<>();
    final TreeMap<byte[], Consumer> consumers = new TreeMap<>(Arrays::compareUnsigned);

    ConsumerGroup(byte[] name, StreamId lastId, long entriesRead) {
        this.name = name;
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    /** A consumer of the group: its own share of the group's PEL and when it was last seen and last active. */
    static final class Consumer {
        final byte[] name;
        final TreeMap<StreamId, Pending> pel = new TreeMap<>();
        /** Last interaction of any kind (XREADGROUP, XCLAIM, XAUTOCLAIM), successful or not. */
        long seenTime;
        /** Last successful read or claim (Redis 7.2), -1 if none yet. */
        long activeTime = -1;

        Consumer(byte[] name, long now) {
            this.name = name;
            this.seenTime = now;
        }
    }

    /** An entry delivered to a consumer and not acknowledged yet (Redis's {@code streamNACK}). */
    static final class Pending {
        /** Null only for an entry XCLAIM ... FORCE just created, until it is given to the claiming consumer. */
        Consumer consumer;
        long deliveryTime;
        long deliveryCount;

        Pending(Consumer consumer, long deliveryTime) {
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = 1;
        }
    }

    Consumer consumer(byte[] name) {
        return consumers.get(name);
    }

    /** Adds a consumer named {@code name}, or returns null if there is one. */
    Consumer createConsumer(byte[] name, long now) {
        if (consumers.containsKey(name)) return null;
        Consumer c = new Consumer(name, now);
        consumers.put(name, c);
        return c;
    }

    /** Removes consumer {@code c} and its pending entries from the group's PEL; returns how many it had pending. */
    long deleteConsumer(Consumer c) {
        long pending = c.pel.size();
        for (StreamId id : c.pel.keySet()) pel.remove(id);
        consumers.remove(c.name);
        return pending;
    }

    /**
     * Records the delivery of entry {@code id} to {@code c} at {@code now}: a new pending entry, or one already
     * pending (for another consumer, or this one) handed to {@code c} with its delivery count reset to 1.
     */
    void deliver(StreamId id, Consumer c, long now) {
        Pending p = pel.get(id);
        if (p == null) {
            p = new Pending(c, now);
            pel.put(id, p);
        } else {
            p.consumer.pel.remove(id);
            p.consumer = c;
            p.deliveryTime = now;
            p.deliveryCount = 1;
        }
        c.pel.put(id, p);
    }

    /** XACK of one id: true if it was pending. */
    boolean acknowledge(StreamId id) {
        Pending p = pel.remove(id);
        if (p == null) return false;
        if (p.consumer != null) p.consumer.pel.remove(id);
        return true;
    }

    /** Gives pending entry {@code id} to {@code c} (XCLAIM, XAUTOCLAIM); {@code p} is the group's entry for it. */
    void transfer(StreamId id, Pending p, Consumer c) {
        if (p.consumer == c) return;
        if (p.consumer != null) p.consumer.pel.remove(id);
        c.pel.put(id, p);
        p.consumer = c;
    }

    ConsumerGroup copy() {
        ConsumerGroup g = new ConsumerGroup(name, lastId, entriesRead);
        for (Consumer c : consumers.values()) {
            Consumer d = new Consumer(c.name, c.seenTime);
            d.activeTime = c.activeTime;
            g.consumers.put(d.name, d);
        }
        for (Map.Entry<StreamId, Pending> e : pel.entrySet()) {
            Pending p = e.getValue();
            Consumer owner = p.consumer == null ? null : g.consumers.get(p.consumer.name);
            Pending q = new Pending(owner, p.deliveryTime);
            q.deliveryCount = p.deliveryCount;
            g.pel.put(e.getKey(), q);
            if (owner != null) owner.pel.put(e.getKey(), q);
        }
        return g;
    }

    /** Heap estimate: the group, its consumers and its pending entries (each in two maps). */
    long memoryUsage() {
        long b = GROUP_OVERHEAD + Sizes.array(name.length) + PENDING_OVERHEAD * pel.size();
        for (Consumer c : consumers.values()) b += CONSUMER_OVERHEAD + Sizes.array(c.name.length);
        return b;
    }
}
