package io.ferrite.core.type.stream;

import io.ferrite.core.keyspace.RedisValue;
import io.ferrite.core.keyspace.Sizes;
import io.ferrite.core.type.packed.Listpack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A stream: its entries by id, and the counters Redis keeps beside them. Unlike other collections a stream may be
 * empty and stays in the keyspace then.
 *
 * <p>Beside the entries it models Redis's storage of them, a radix tree of listpack nodes, without their bytes:
 * each {@link Node} records the id it is keyed by, the entries appended to it in order, how many are still live
 * and the size its listpack would have. That decides where Redis starts a new node, which entries approximate
 * trimming ({@code ~}) removes, when a node is freed, and XINFO's {@code radix-tree-keys} / {@code radix-tree-nodes}.
 *
 * <p>Not thread-safe: guarded by the shard lock of its key.
 */
public final class StreamValue extends RedisValue {
    /** Heap of one entry besides its field and value arrays: tree entry, id, node slot, the array of references. */
    private static final long ENTRY_OVERHEAD = 40 + 24 + 16 + Sizes.REFERENCE;
    private static final long NODE_OVERHEAD = 40 + 24 + 56;
    /** Redis's cap on a stream listpack, whatever {@code stream-node-max-bytes} says. */
    private static final long LISTPACK_MAX = 1L << 30;

    private final TreeMap<StreamId, byte[][]> entries = new TreeMap<>();
    private final TreeMap<StreamId, Node> nodes = new TreeMap<>();
    StreamId lastId = StreamId.MIN;
    StreamId maxDeletedId = StreamId.MIN;
    long entriesAdded;
    private long bytes;
    /** Consumer groups by name; null until the first group is created. */
    private TreeMap<byte[], ConsumerGroup> groups;

    record Slot(StreamId id, byte[][] fields) {}

    private boolean isLive(Slot slot) {
        return entries.get(slot.id) == slot.fields;
    }

    /**
     * One listpack node of Redis's stream: keyed by its first entry's id (its master id), whose field names are the
     * node's master fields. {@link #lpBytes()} is the size Redis's listpack would have, which decides (with
     * {@code stream-node-max-bytes}) when Redis starts a new node.
     */
    static final class Node {
        final StreamId master;
        final byte[][] masterFields; // field, value, ... of the first entry; only the fields count
        // Every entry appended, live or deleted, in append order: ascending and at or above the master id, unless
        // XSETID moved the last id back below deleted entries of the tail node; the next entries still go to that
        // node, as in Redis, below them (possibly below its master id, possibly reusing a deleted entry's id). A
        // slot is live while the entries map holds its very fields array under its id.
        final ArrayList<Slot> slots = new ArrayList<>();
        StreamId last;
        long appended; // live and deleted entries: Redis's count + deleted of the master entry
        long live;
        long fixedBytes; // the listpack's bytes but for its live and deleted counters, which change in place

        Node(StreamId master, byte[][] firstEntry) {
            this.master = master;
            this.masterFields = firstEntry;
            this.last = master;
            long b = 7 + Listpack.redisIntegerBytes(firstEntry.length / 2) + Listpack.redisIntegerBytes(0);
            for (int i = 0; i < firstEntry.length; i += 2) b += stringBytes(firstEntry[i]);
            this.fixedBytes = b;
        }

        long lpBytes() {
            return fixedBytes + Listpack.redisIntegerBytes(live) + Listpack.redisIntegerBytes(appended - live);
        }

        /** Adds the listpack bytes of entry {@code id} with {@code fields}: delta-encoded id, fields elided when the same. */
        void add(StreamId id, byte[][] fields) {
            boolean sameFields = fields.length == masterFields.length;
            for (int i = 0; sameFields && i < fields.length; i += 2) sameFields = Arrays.equals(fields[i], masterFields[i]);
            int pairs = fields.length / 2;
            long b = Listpack.redisIntegerBytes(sameFields ? 2 : 0)
                    + Listpack.redisIntegerBytes(id.ms() - master.ms()) + Listpack.redisIntegerBytes(id.seq() - master.seq());
            for (int i = sameFields ? 1 : 0; i < fields.length; i += sameFields ? 2 : 1) b += stringBytes(fields[i]);
            long pieces = pairs + 3;
            if (!sameFields) {
                b += Listpack.redisIntegerBytes(pairs);
                pieces += pairs + 1;
            }
            fixedBytes += b + Listpack.redisIntegerBytes(pieces);
            slots.add(new Slot(id, fields));
            appended++;
            live++;
            last = id;
        }

        private static long stringBytes(byte[] s) {
            return Listpack.redisEntryBytes(s, 0, s.length);
        }

        Node copy() {
            Node n = new Node(master, masterFields);
            n.last = last;
            n.appended = appended;
            n.live = live;
            n.fixedBytes = fixedBytes;
            n.slots.addAll(slots);
            return n;
        }
    }

    @Override
    public String type() {
        return "stream";
    }

    @Override
    public String encoding() {
        return "stream";
    }

    @Override
    public StreamValue copy() {
        StreamValue c = new StreamValue();
        c.entries.putAll(entries);
        for (Node n : nodes.values()) c.nodes.put(n.master, n.copy());
        c.lastId = lastId;
        c.maxDeletedId = maxDeletedId;
        c.entriesAdded = entriesAdded;
        c.bytes = bytes;
        if (groups != null) {
            c.groups = new TreeMap<>(Arrays::compareUnsigned);
            for (ConsumerGroup g : groups.values()) c.groups.put(g.name, g.copy());
        }
        return c;
    }

    @Override
    public long memoryUsage() {
        long b = 96 + bytes;
        if (groups != null) for (ConsumerGroup g : groups.values()) b += g.memoryUsage();
        return b;
    }

    // ---- consumer groups ----

    ConsumerGroup group(byte[] name) {
        return groups == null ? null : groups.get(name);
    }

    /** The groups in name order. */
    Collection<ConsumerGroup> groups() {
        return groups == null ? List.of() : groups.values();
    }

    long groupCount() {
        return groups == null ? 0 : groups.size();
    }

    /** Adds a group, or returns null if one has that name. */
    ConsumerGroup createGroup(byte[] name, StreamId lastId, long entriesRead) {
        if (groups == null) groups = new TreeMap<>(Arrays::compareUnsigned);
        if (groups.containsKey(name)) return null;
        ConsumerGroup g = new ConsumerGroup(name, lastId, entriesRead);
        groups.put(name, g);
        return g;
    }

    boolean destroyGroup(byte[] name) {
        return groups != null && groups.remove(name) != null;
    }

    /** The fields of entry {@code id}, or null if there is none. */
    byte[][] entry(StreamId id) {
        return entries.get(id);
    }

    /**
     * Redis's {@code streamRangeHasTombstones} from {@code start} to the end: whether an entry may have been deleted
     * there, judged by the max deleted id alone.
     */
    boolean hasTombstonesFrom(StreamId start) {
        if (entries.isEmpty() || maxDeletedId.isZero()) return false;
        if (firstId().compareTo(maxDeletedId) > 0) return false;
        return start.compareTo(maxDeletedId) <= 0;
    }

    /**
     * Redis's {@code streamEstimateDistanceFromFirstEverEntry}: the logical read counter of {@code id} (how many
     * entries were ever added up to it), or {@link ConsumerGroup#UNKNOWN_ENTRIES_READ} when deletions make it unknown.
     */
    long entriesReadAt(StreamId id) {
        if (entriesAdded == 0) return 0;
        if (entries.isEmpty() && id.compareTo(lastId) <= 0) return entriesAdded;
        int toLast = id.compareTo(lastId);
        if (toLast == 0) return entriesAdded;
        if (toLast > 0) return ConsumerGroup.UNKNOWN_ENTRIES_READ;
        int toFirst = id.compareTo(firstId());
        if (maxDeletedId.isZero() || maxDeletedId.compareTo(firstId()) < 0) {
            if (toFirst < 0) return entriesAdded - entries.size();
            if (toFirst == 0) return entriesAdded - entries.size() + 1;
        }
        return ConsumerGroup.UNKNOWN_ENTRIES_READ;
    }

    /** {@link #lag} when deletions make it unknown. */
    static final long UNKNOWN_LAG = Long.MIN_VALUE;

    /** XINFO's lag of group {@code g}: entries added but not read by it yet, or {@link #UNKNOWN_LAG}. */
    long lag(ConsumerGroup g) {
        if (entriesAdded == 0) return 0;
        if (g.entriesRead != ConsumerGroup.UNKNOWN_ENTRIES_READ && !hasTombstonesFrom(g.lastId)) {
            return entriesAdded - g.entriesRead;
        }
        long read = entriesReadAt(g.lastId);
        return read == ConsumerGroup.UNKNOWN_ENTRIES_READ ? UNKNOWN_LAG : entriesAdded - read;
    }

    /** Moves group {@code g} past entry {@code id} it was just given, keeping its read counter as Redis does. */
    void advance(ConsumerGroup g, StreamId id) {
        if (id.compareTo(g.lastId) <= 0) return;
        if (g.entriesRead != ConsumerGroup.UNKNOWN_ENTRIES_READ && !hasTombstonesFrom(id)) {
            g.entriesRead++;
        } else if (entriesAdded != 0) {
            g.entriesRead = entriesReadAt(id);
        }
        g.lastId = id;
    }

    public long length() {
        return entries.size();
    }

    /** The id of the first live entry, 0-0 when empty (XINFO's recorded-first-entry-id). */
    StreamId firstId() {
        return entries.isEmpty() ? StreamId.MIN : entries.firstKey();
    }

    /** The id of the last live entry, 0-0 when empty. */
    StreamId lastLiveId() {
        return entries.isEmpty() ? StreamId.MIN : entries.lastKey();
    }

    Map.Entry<StreamId, byte[][]> first() {
        return entries.firstEntry();
    }

    Map.Entry<StreamId, byte[][]> last() {
        return entries.lastEntry();
    }

    /** Entries with ids in [from, to] (inclusive), ascending or descending. */
    NavigableMap<StreamId, byte[][]> range(StreamId from, StreamId to, boolean reverse) {
        if (from.compareTo(to) > 0) return new TreeMap<>();
        NavigableMap<StreamId, byte[][]> m = entries.subMap(from, true, to, true);
        return reverse ? m.descendingMap() : m;
    }

    /**
     * Appends {@code fields} (field, value, ...) under {@code id}, greater than {@link #lastId}. As in Redis, a new
     * node starts when the tail node holds {@code nodeMaxEntries} entries, live or deleted (0: no limit), or when its
     * listpack bytes plus the new fields' and values' lengths reach {@code nodeMaxBytes}.
     */
    void append(StreamId id, byte[][] fields, long nodeMaxEntries, long nodeMaxBytes) {
        Map.Entry<StreamId, Node> tail = nodes.lastEntry();
        Node node = tail == null ? null : tail.getValue();
        if (node != null) {
            long maxBytes = nodeMaxBytes <= 0 || nodeMaxBytes > LISTPACK_MAX ? LISTPACK_MAX : nodeMaxBytes;
            long payload = 0;
            for (byte[] f : fields) payload += f.length;
            if (node.lpBytes() + payload >= maxBytes || (nodeMaxEntries > 0 && node.appended >= nodeMaxEntries)) {
                node = null;
            }
        }
        if (node == null) {
            node = new Node(id, fields);
            nodes.put(id, node);
            bytes += NODE_OVERHEAD;
        }
        node.add(id, fields);
        entries.put(id, fields);
        bytes += entryBytes(fields);
        lastId = id;
        entriesAdded++;
    }

    private static long entryBytes(byte[][] fields) {
        long b = ENTRY_OVERHEAD + Sizes.refArray(fields.length);
        for (byte[] f : fields) b += Sizes.array(f.length);
        return b;
    }

    /** XDEL of one id: true if it was there. A node left without live entries is freed, as in Redis. */
    boolean delete(StreamId id) {
        byte[][] fields = entries.remove(id);
        if (fields == null) return false;
        bytes -= entryBytes(fields);
        Node node = nodeOf(id, fields);
        if (--node.live == 0) {
            nodes.remove(node.master);
            bytes -= NODE_OVERHEAD;
        }
        if (id.compareTo(maxDeletedId) > 0) maxDeletedId = id;
        return true;
    }

    /**
     * Redis's {@code streamTrim}: removes the oldest entries until at most {@code maxLen} remain ({@code minId}
     * null) or none is below {@code minId}. Whole nodes go first; with {@code approx} trimming stops at the first
     * node that cannot go as a whole; {@code limit} (0: none) caps the entries removed by whole nodes.
     * Returns the number of entries removed.
     */
    long trim(long maxLen, StreamId minId, boolean approx, long limit) {
        long removed = 0;
        Iterator<Node> it = nodes.values().iterator();
        while (it.hasNext()) {
            if (minId == null && entries.size() <= maxLen) break;
            Node node = it.next();
            if (limit > 0 && removed + node.live > limit) break;
            boolean whole = minId == null ? entries.size() - node.live >= maxLen : node.last.compareTo(minId) < 0;
            if (whole) {
                for (Slot slot : node.slots) {
                    if (!isLive(slot)) continue;
                    entries.remove(slot.id);
                    bytes -= entryBytes(slot.fields);
                    removed++;
                }
                it.remove();
                bytes -= NODE_OVERHEAD;
                continue;
            }
            if (approx) break;
            // Entries inside the node are marked deleted; the node stays, even if none is left live.
            // As Redis, the stop condition is checked on deleted entries too.
            for (Slot slot : node.slots) {
                if (minId == null ? entries.size() <= maxLen : slot.id.compareTo(minId) >= 0) break;
                if (!isLive(slot)) continue;
                entries.remove(slot.id);
                bytes -= entryBytes(slot.fields);
                node.live--;
                removed++;
            }
            break;
        }
        return removed;
    }

    /**
     * The node holding the entry {@code id} with {@code fields}: normally the one keyed at or below it, found by
     * binary search; see {@link Node#slots} for the exception, found by a scan.
     */
    private Node nodeOf(StreamId id, byte[][] fields) {
        Map.Entry<StreamId, Node> floor = nodes.floorEntry(id);
        if (floor != null) {
            List<Slot> slots = floor.getValue().slots;
            int lo = 0;
            int hi = slots.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = slots.get(mid).id.compareTo(id);
                if (c == 0) {
                    if (slots.get(mid).fields == fields) return floor.getValue();
                    break;
                }
                if (c < 0) lo = mid + 1;
                else hi = mid - 1;
            }
        }
        for (Node n : nodes.values()) {
            for (Slot slot : n.slots) if (slot.fields == fields) return n;
        }
        throw new IllegalStateException("stream entry " + id + " in no node");
    }

    /** The listpack nodes in id order (serialization walks them as Redis walks its radix tree). */
    Collection<Node> nodes() {
        return nodes.values();
    }

    /** Whether {@code slot} still holds a live entry (a deleted one stays in its node, as in Redis's listpack). */
    boolean live(Slot slot) {
        return isLive(slot);
    }

    /**
     * Adds {@code node}, read from a payload with its slots appended already, {@code live[i]} telling whether slot
     * {@code i} holds a live entry; returns false (adding nothing) if its master id or a live id is already here.
     */
    boolean restoreNode(Node node, boolean[] live) {
        if (nodes.containsKey(node.master)) return false;
        for (int i = 0; i < live.length; i++) if (live[i] && entries.containsKey(node.slots.get(i).id())) return false;
        nodes.put(node.master, node);
        bytes += NODE_OVERHEAD;
        for (int i = 0; i < live.length; i++) {
            Slot slot = node.slots.get(i);
            if (live[i]) {
                entries.put(slot.id(), slot.fields());
                bytes += entryBytes(slot.fields());
            } else {
                node.live--;
            }
        }
        return true;
    }

    /** XINFO's radix-tree-keys: the number of listpack nodes. */
    long radixTreeKeys() {
        return nodes.size();
    }

    /**
     * XINFO's radix-tree-nodes: the nodes of a radix tree holding the nodes' 16-byte big-endian keys, compressed as
     * Redis's rax compresses them (a chain of single-child nodes is one node; a fork is one node per child).
     */
    long radixTreeNodes() {
        List<byte[]> keys = new ArrayList<>(nodes.size());
        for (StreamId id : nodes.keySet()) keys.add(id.key());
        return raxNodes(keys, 0, keys.size(), 0);
    }

    /** Nodes of the subtree holding sorted {@code keys[from, to)}, which share their first {@code depth} bytes. */
    private static long raxNodes(List<byte[]> keys, int from, int to, int depth) {
        if (to - from == 0) return 1;
        if (depth == 16) return 1;
        int common = 0;
        byte[] a = keys.get(from);
        byte[] z = keys.get(to - 1);
        while (depth + common < 16 && a[depth + common] == z[depth + common]) common++;
        if (common > 0) return 1 + raxNodes(keys, from, to, depth + common);
        long n = 1;
        int start = from;
        for (int i = from + 1; i <= to; i++) {
            if (i == to || keys.get(i)[depth] != keys.get(start)[depth]) {
                n += raxNodes(keys, start, i, depth + 1);
                start = i;
            }
        }
        return n;
    }
}
