package io.ferrite.core.type.stream;

import io.ferrite.core.command.Numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A stream in Redis's RDB layout (RDB_TYPE_STREAM_LISTPACKS, _2 and _3), over byte-level primitives the caller
 * supplies: the listpack nodes keyed by their master ids, then length, last id, first id, max deleted id and
 * entries added (from _2), then each consumer group with its last id, read counter (from _2), pending entries
 * (id, delivery time, delivery count) and consumers (name, seen time, active time from _3, their pending ids).
 *
 * <p>A node's listpack is Redis's: a master entry (live count, deleted count, the master fields, a 0 terminator),
 * then every entry appended to the node, deleted ones flagged: flags, id deltas from the master id, the values
 * alone when the entry has the master fields, else field count, fields and values, and the entry's element count.
 */
public final class StreamRdb {
    private StreamRdb() {}

    private static final int DELETED = 1, SAME_FIELDS = 2;

    /** Writes the primitives of one payload. */
    public interface Sink {
        void length(long n);
        void string(byte[] s);
        void listpack(List<byte[]> elements);
        void millis(long ms);
        void id(StreamId id);
    }

    /** Reads the primitives of one payload; {@link #corrupt} is thrown for anything not a valid stream. */
    public interface Source {
        long length();
        byte[] string();
        List<byte[]> listpack();
        long millis();
        StreamId id();
        RuntimeException corrupt(String why);
    }

    /** Writes {@code s} in the RDB_TYPE_STREAM_LISTPACKS_2 layout (Redis 7.0's: no consumer active times). */
    public static void write(StreamValue s, Sink out) {
        out.length(s.nodes().size());
        for (StreamValue.Node n : s.nodes()) {
            out.string(n.master.key());
            out.listpack(nodeElements(s, n));
        }
        out.length(s.length());
        writeId(out, s.lastId);
        writeId(out, s.firstId());
        writeId(out, s.maxDeletedId);
        out.length(s.entriesAdded);
        out.length(s.groupCount());
        for (ConsumerGroup g : s.groups()) {
            out.string(g.name);
            writeId(out, g.lastId);
            out.length(g.entriesRead);
            out.length(g.pel.size());
            for (Map.Entry<StreamId, ConsumerGroup.Pending> e : g.pel.entrySet()) {
                out.id(e.getKey());
                out.millis(e.getValue().deliveryTime);
                out.length(e.getValue().deliveryCount);
            }
            out.length(g.consumers.size());
            for (ConsumerGroup.Consumer c : g.consumers.values()) {
                out.string(c.name);
                out.millis(c.seenTime);
                out.length(c.pel.size());
                for (StreamId id : c.pel.keySet()) out.id(id);
            }
        }
    }

    private static void writeId(Sink out, StreamId id) {
        out.length(id.ms());
        out.length(id.seq());
    }

    private static List<byte[]> nodeElements(StreamValue s, StreamValue.Node n) {
        int masterPairs = n.masterFields.length / 2;
        List<byte[]> el = new ArrayList<>(4 + masterPairs + n.slots.size() * (4 + masterPairs));
        el.add(Numbers.toBytes(n.live));
        el.add(Numbers.toBytes(n.appended - n.live));
        el.add(Numbers.toBytes(masterPairs));
        for (int i = 0; i < n.masterFields.length; i += 2) el.add(n.masterFields[i]);
        el.add(Numbers.toBytes(0));
        for (StreamValue.Slot slot : n.slots) {
            byte[][] f = slot.fields();
            boolean same = sameFields(f, n.masterFields);
            el.add(Numbers.toBytes((s.live(slot) ? 0 : DELETED) | (same ? SAME_FIELDS : 0)));
            el.add(Numbers.toBytes(slot.id().ms() - n.master.ms()));
            el.add(Numbers.toBytes(slot.id().seq() - n.master.seq()));
            int pairs = f.length / 2;
            if (same) {
                for (int i = 1; i < f.length; i += 2) el.add(f[i]);
                el.add(Numbers.toBytes(pairs + 3));
            } else {
                el.add(Numbers.toBytes(pairs));
                el.addAll(Arrays.asList(f));
                el.add(Numbers.toBytes(2L * pairs + 4));
            }
        }
        return el;
    }

    private static boolean sameFields(byte[][] fields, byte[][] master) {
        if (fields.length != master.length) return false;
        for (int i = 0; i < fields.length; i += 2) if (!Arrays.equals(fields[i], master[i])) return false;
        return true;
    }

    /**
     * Reads a stream written as RDB_TYPE_STREAM_LISTPACKS{@code version == 1 ? "" : "_" + version}, rejecting
     * what Redis's loader rejects and whatever would break this server's invariants (duplicate ids, groups,
     * consumers or pending entries, a consumer's pending id its group does not have, a node without live entries,
     * a last id below an entry's).
     */
    public static StreamValue read(Source in, int version) {
        StreamValue s = new StreamValue();
        long nodes = in.length();
        for (long i = 0; i < nodes; i++) {
            byte[] key = in.string();
            if (key.length != 16) throw in.corrupt("stream node key is not 16 bytes");
            readNode(s, in, StreamId.ofKey(key, 0), in.listpack());
        }
        long length = in.length();
        if (length != s.length()) throw in.corrupt("stream length mismatch");
        s.lastId = readId(in);
        if (s.length() > 0 && s.lastId.compareTo(s.lastLiveId()) < 0) throw in.corrupt("last id below an entry");
        if (version >= 2) {
            readId(in); // the first id: derived from the entries
            s.maxDeletedId = readId(in);
            s.entriesAdded = in.length();
        } else {
            s.entriesAdded = length;
        }
        long groups = in.length();
        for (long i = 0; i < groups; i++) {
            byte[] name = in.string();
            StreamId last = readId(in);
            long entriesRead = version >= 2 ? in.length() : s.entriesReadAt(last);
            ConsumerGroup g = s.createGroup(name, last, entriesRead);
            if (g == null) throw in.corrupt("duplicate consumer group");
            long pending = in.length();
            for (long j = 0; j < pending; j++) {
                StreamId id = in.id();
                ConsumerGroup.Pending p = new ConsumerGroup.Pending(null, in.millis());
                p.deliveryCount = in.length();
                if (g.pel.putIfAbsent(id, p) != null) throw in.corrupt("duplicate pending entry");
            }
            long consumers = in.length();
            for (long j = 0; j < consumers; j++) {
                byte[] consumerName = in.string();
                long seen = in.millis();
                ConsumerGroup.Consumer c = g.createConsumer(consumerName, seen);
                if (c == null) throw in.corrupt("duplicate consumer");
                c.activeTime = version >= 3 ? in.millis() : seen;
                long owned = in.length();
                for (long k = 0; k < owned; k++) {
                    StreamId id = in.id();
                    ConsumerGroup.Pending p = g.pel.get(id);
                    if (p == null || p.consumer != null) throw in.corrupt("consumer pending entry not in the group's");
                    p.consumer = c;
                    c.pel.put(id, p);
                }
            }
        }
        return s;
    }

    private static StreamId readId(Source in) {
        return new StreamId(in.length(), in.length());
    }

    private static void readNode(StreamValue s, Source in, StreamId master, List<byte[]> lp) {
        int pos = 0;
        long count = number(in, lp, pos++);
        long deleted = number(in, lp, pos++);
        int masterPairs = (int) Math.min(number(in, lp, pos++), lp.size());
        if (pos + masterPairs + 1 > lp.size()) throw in.corrupt("stream master entry truncated");
        byte[][] masterFields = new byte[2 * masterPairs][];
        for (int i = 0; i < masterPairs; i++) {
            masterFields[2 * i] = lp.get(pos++);
            masterFields[2 * i + 1] = new byte[0];
        }
        if (number(in, lp, pos++) != 0) throw in.corrupt("stream master entry not terminated");
        List<StreamValue.Slot> slots = new ArrayList<>();
        List<Boolean> live = new ArrayList<>();
        while (pos < lp.size()) {
            long flags = number(in, lp, pos++);
            StreamId id = new StreamId(master.ms() + number(in, lp, pos++), master.seq() + number(in, lp, pos++));
            byte[][] fields;
            if ((flags & SAME_FIELDS) != 0) {
                if (pos + masterPairs > lp.size()) throw in.corrupt("stream entry truncated");
                fields = new byte[2 * masterPairs][];
                for (int i = 0; i < masterPairs; i++) {
                    fields[2 * i] = masterFields[2 * i];
                    fields[2 * i + 1] = lp.get(pos++);
                }
            } else {
                long pairs = number(in, lp, pos++);
                if (pairs < 0 || pos + 2 * pairs > lp.size()) throw in.corrupt("stream entry truncated");
                fields = lp.subList(pos, pos + (int) (2 * pairs)).toArray(new byte[0][]);
                pos += (int) (2 * pairs);
            }
            number(in, lp, pos++); // the entry's element count, for walking backwards
            slots.add(new StreamValue.Slot(id, fields));
            live.add((flags & DELETED) == 0);
        }
        if (slots.isEmpty()) throw in.corrupt("empty stream node");
        // The node's master fields are those of its first entry, deleted or not.
        byte[][] first = slots.get(0).fields();
        if (!sameFields(first, masterFields)) throw in.corrupt("first stream entry does not have the master fields");
        StreamValue.Node node = new StreamValue.Node(master, first);
        boolean[] flags = new boolean[slots.size()];
        long liveCount = 0;
        for (int i = 0; i < slots.size(); i++) {
            StreamValue.Slot slot = slots.get(i);
            node.add(slot.id(), slot.fields());
            flags[i] = live.get(i);
            if (flags[i]) liveCount++;
        }
        if (liveCount == 0 || liveCount != count || slots.size() - liveCount != deleted) {
            throw in.corrupt("stream node counters do not match its entries");
        }
        if (!s.restoreNode(node, flags)) throw in.corrupt("duplicate stream node or entry");
    }

    private static long number(Source in, List<byte[]> lp, int pos) {
        if (pos >= lp.size()) throw in.corrupt("stream listpack truncated");
        byte[] b = lp.get(pos);
        if (!Numbers.isLong(b)) throw in.corrupt("stream listpack integer expected");
        return Numbers.parseLongUnchecked(b, 0, b.length);
    }
}
