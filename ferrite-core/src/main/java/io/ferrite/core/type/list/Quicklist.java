package io.ferrite.core.type.list;

import io.ferrite.core.ReplySink;
import io.ferrite.core.keyspace.Sizes;
import io.ferrite.core.type.packed.Listpack;

/**
 * The large-list encoding, Redis's quicklist: a sequence of {@link Listpack} nodes, a new node started when the
 * next element at an end would not fit the list's {@code list-max-listpack-size} ({@code fill}), as Redis decides.
 * A million short elements are a few hundred arrays, not a million objects: the collector neither copies nor
 * scans them one by one, and an element costs a few bytes.
 *
 * <p>Nodes sit in a ring buffer, with each node's entry count in a parallel {@code int[]}, so that finding an index
 * walks counts rather than nodes. Push and pop at either end touch one node and move no other entry (a listpack
 * keeps room on both sides): O(1) amortized. Index access walks from the nearer end or from the last position
 * found, so walks by consecutive indices cost O(1) per step. Insertion or removal inside moves bytes within one
 * node, splitting a full node in two. A node that stops being an end is trimmed to its bytes.
 *
 * <p>Invariants: the ring's capacity is a power of two; {@code nodeCount} nodes occupy the slots from {@code head};
 * no node is empty; {@code counts[slot]} is the entry count of the node in {@code slot}; {@code size} is their sum
 * and {@code nodeBytes} the sum of the nodes' memory usage.
 *
 * <p>Not thread-safe: owned by its {@link ListValue}, guarded by the key's shard lock.
 */
final class Quicklist {
    private final int fill;
    private Listpack[] nodes;
    private int[] counts;
    private int head;
    private int nodeCount;
    private int size;
    private long nodeBytes;
    /** The node (0-based from the head) and the index of its first entry last found by {@link #locate}; -1: none. */
    private int hintNode = -1;
    private int hintBase;

    /** A quicklist whose first node is {@code first} (not empty), which it takes over. */
    Quicklist(int fill, Listpack first) {
        this.fill = fill;
        nodes = new Listpack[8];
        counts = new int[8];
        first.trim();
        insertNode(0, first);
    }

    private Quicklist(Quicklist other) {
        fill = other.fill;
        nodes = new Listpack[other.nodes.length];
        counts = new int[other.nodes.length];
        for (int i = 0; i < other.nodeCount; i++) {
            nodes[i] = other.node(i).copy();
            counts[i] = other.counts[other.slot(i)];
            nodeBytes += nodes[i].memoryUsage();
        }
        nodeCount = other.nodeCount;
        size = other.size;
    }

    Quicklist copy() {
        return new Quicklist(this);
    }

    int size() {
        return size;
    }

    /** Estimated heap of the quicklist: this object, its two ring arrays and its nodes. */
    long memoryUsage() {
        return Sizes.OBJECT_HEADER + 8 * 4 + 8 + 2 * Sizes.REFERENCE + Sizes.refArray(nodes.length)
                + Sizes.array(4 * counts.length) + nodeBytes;
    }

    /** The one node, when there is only one (else null). */
    Listpack onlyNode() {
        return nodeCount == 1 ? node(0) : null;
    }

    // ---- ends -----------------------------------------------------------------------------------------------------

    void addFirst(byte[] value) {
        if (!accepts(0, value)) {
            if (nodeCount > 0) trim(0);
            insertNode(0, new Listpack());
        }
        Listpack lp = node(0);
        long before = lp.memoryUsage();
        lp.insert(lp.head(), value);
        grew(0, lp, before, 1);
        hintNode = -1;
    }

    void addLast(byte[] value) {
        int last = nodeCount - 1;
        if (!accepts(last, value)) {
            if (nodeCount > 0) trim(last);
            insertNode(++last, new Listpack());
        }
        Listpack lp = node(last);
        long before = lp.memoryUsage();
        lp.insert(lp.end(), value);
        grew(last, lp, before, 1);
    }

    byte[] removeFirst() {
        return remove(0, node(0).head());
    }

    byte[] removeLast() {
        Listpack lp = node(nodeCount - 1);
        return remove(nodeCount - 1, lp.prev(lp.end()));
    }

    // ---- by index -------------------------------------------------------------------------------------------------

    byte[] get(int index) {
        Listpack lp = node(locate(index));
        return lp.get(lp.offsetOf(index - hintBase));
    }

    boolean equalsAt(int index, byte[] value) {
        Listpack lp = node(locate(index));
        return lp.equalsAt(lp.offsetOf(index - hintBase), value);
    }

    void write(ReplySink out, int index) {
        Listpack lp = node(locate(index));
        lp.write(out, lp.offsetOf(index - hintBase));
    }

    /** Replies elements {@code from..to} inclusive as bulk strings, straight from the nodes. */
    void writeRange(ReplySink out, int from, int to) {
        int n = locate(from);
        Listpack lp = node(n);
        int off = lp.offsetOf(from - hintBase);
        for (int i = from; i <= to; i++) {
            if (off == lp.end()) {
                lp = node(++n);
                off = lp.head();
            }
            lp.write(out, off);
            off = lp.next(off);
        }
    }

    void set(int index, byte[] value) {
        int n = locate(index);
        Listpack lp = node(n);
        long before = lp.memoryUsage();
        lp.replace(lp.offsetOf(index - hintBase), value);
        grew(n, lp, before, 0);
    }

    /** Inserts {@code value} so that it ends up at {@code index} ({@code 0 <= index <= size}). */
    void add(int index, byte[] value) {
        if (index == 0) { addFirst(value); return; }
        if (index == size) { addLast(value); return; }
        int n = locate(index);
        int at = index - hintBase;
        if (!accepts(n, value)) {
            if (at == 0 && accepts(n - 1, value)) {
                at = node(--n).size(); // the end of the previous node is the same position
            } else if (at == 0) {
                insertNode(n, new Listpack());
            } else {
                split(n, at);
                if (!accepts(n, value)) {
                    insertNode(++n, new Listpack());
                    at = 0;
                }
            }
        }
        Listpack lp = node(n);
        long before = lp.memoryUsage();
        lp.insert(lp.offsetOf(at), value);
        grew(n, lp, before, 1);
        hintNode = -1;
    }

    /** Removes and returns the element at {@code index}. */
    byte[] remove(int index) {
        int n = locate(index);
        return remove(n, node(n).offsetOf(index - hintBase));
    }

    /**
     * Removes up to {@code limit} elements equal to {@code value} (all if 0), scanning from the tail when
     * {@code fromTail}; returns how many were removed.
     */
    int removeMatching(byte[] value, long limit, boolean fromTail) {
        int removed = 0;
        for (int k = 0; k < nodeCount && (limit == 0 || removed < limit); ) {
            int n = fromTail ? nodeCount - 1 - k : k;
            Listpack lp = node(n);
            long before = lp.memoryUsage();
            int was = lp.size();
            removed += lp.deleteMatching(value, limit == 0 ? 0 : limit - removed, fromTail);
            grew(n, lp, before, lp.size() - was);
            if (lp.size() == 0) removeNode(n); // the next node to visit now has this one's place
            else k++;
        }
        hintNode = -1;
        return removed;
    }

    /** Keeps only the elements at indices {@code from..to} inclusive ({@code 0 <= from <= to < size}). */
    void retain(int from, int to) {
        int last = locate(to);
        Listpack lp = node(last);
        long before = lp.memoryUsage();
        int keep = to - hintBase + 1;
        int dropped = lp.size() - keep;
        lp.delete(lp.offsetOf(keep), dropped);
        grew(last, lp, before, -dropped);
        while (nodeCount > last + 1) removeNode(nodeCount - 1);
        int first = locate(from);
        dropped = from - hintBase;
        for (int i = 0; i < first; i++) removeNode(0);
        lp = node(0);
        before = lp.memoryUsage();
        lp.delete(lp.head(), dropped);
        grew(0, lp, before, -dropped);
        hintNode = -1;
    }

    /**
     * Checks every invariant of the class comment; throws {@link IllegalStateException} on the first violation. O(n): for tests.
     */
    void verify() {
        if (Integer.bitCount(nodes.length) != 1) throw new IllegalStateException("ring capacity");
        long entries = 0;
        long bytes = 0;
        for (int i = 0; i < nodes.length; i++) {
            int n = (i - head) & (nodes.length - 1);
            if (n >= nodeCount) {
                if (nodes[i] != null) throw new IllegalStateException("a free slot holds a node");
                continue;
            }
            Listpack lp = nodes[i];
            if (lp.size() == 0) throw new IllegalStateException("empty node " + n);
            if (counts[i] != lp.size()) throw new IllegalStateException("count of node " + n);
            entries += lp.size();
            bytes += lp.memoryUsage();
        }
        if (entries != size) throw new IllegalStateException("size " + size + " != " + entries);
        if (bytes != nodeBytes) throw new IllegalStateException("bytes " + nodeBytes + " != " + bytes);
    }

    // ---- internals ------------------------------------------------------------------------------------------------

    private int slot(int n) {
        return (head + n) & (nodes.length - 1);
    }

    private Listpack node(int n) {
        return nodes[slot(n)];
    }

    /** Whether node {@code n} (which may be out of range) takes {@code value} within the list's fill. */
    private boolean accepts(int n, byte[] value) {
        if (n < 0 || n >= nodeCount) return false;
        Listpack lp = node(n);
        return ListValue.nodeAllows(lp.redisBytes(), lp.size(), value.length, fill);
    }

    /** Drops node {@code n}'s free space: it no longer takes elements at an end of the list. */
    private void trim(int n) {
        Listpack lp = node(n);
        long before = lp.memoryUsage();
        lp.trim();
        grew(n, lp, before, 0);
    }

    /** Re-accounts node {@code n} after a change that added {@code added} entries (negative: removed). */
    private void grew(int n, Listpack lp, long bytesBefore, int added) {
        counts[slot(n)] += added;
        size += added;
        nodeBytes += lp.memoryUsage() - bytesBefore;
    }

    private byte[] remove(int n, int off) {
        Listpack lp = node(n);
        byte[] v = lp.get(off);
        long before = lp.memoryUsage();
        lp.delete(off, 1);
        grew(n, lp, before, -1);
        if (lp.size() == 0) removeNode(n);
        hintNode = -1;
        return v;
    }

    /** Finds the node holding entry {@code index}; leaves the index of its first entry in {@code hintBase}. */
    private int locate(int index) {
        int n;
        int base;
        int fromEnd = size - 1 - index;
        int fromHint = hintNode < 0 ? Integer.MAX_VALUE : Math.abs(index - hintBase);
        if (index <= fromEnd && index <= fromHint) {
            n = 0;
            base = 0;
        } else if (fromEnd <= fromHint) {
            n = nodeCount - 1;
            base = size - counts[slot(n)];
        } else {
            n = hintNode;
            base = hintBase;
        }
        while (index < base) base -= counts[slot(--n)];
        while (index >= base + counts[slot(n)]) base += counts[slot(n++)];
        hintNode = n;
        hintBase = base;
        return n;
    }

    /** Moves the entries of node {@code n} from its {@code at}-th on into a new node after it. */
    private void split(int n, int at) {
        Listpack lp = node(n);
        if (at == lp.size()) return;
        long before = lp.memoryUsage();
        Listpack rest = new Listpack();
        for (int off = lp.offsetOf(at); off != lp.end(); off = lp.next(off)) rest.insert(rest.end(), lp.get(off));
        int moved = rest.size();
        lp.delete(lp.offsetOf(at), moved);
        grew(n, lp, before, -moved);
        insertNode(n + 1, rest);
    }

    /** Inserts {@code lp} as node {@code n}, moving the shorter side of the ring; counts its bytes and entries. */
    private void insertNode(int n, Listpack lp) {
        if (nodeCount == nodes.length) resize(nodes.length * 2);
        int mask = nodes.length - 1;
        if (n < nodeCount / 2) {
            head = (head - 1) & mask;
            for (int i = 0; i < n; i++) {
                nodes[slot(i)] = nodes[slot(i + 1)];
                counts[slot(i)] = counts[slot(i + 1)];
            }
        } else {
            for (int i = nodeCount; i > n; i--) {
                nodes[slot(i)] = nodes[slot(i - 1)];
                counts[slot(i)] = counts[slot(i - 1)];
            }
        }
        nodes[slot(n)] = lp;
        counts[slot(n)] = lp.size();
        nodeCount++;
        size += lp.size();
        nodeBytes += lp.memoryUsage();
        hintNode = -1;
    }

    /** Removes node {@code n}, discounting its entries and bytes. */
    private void removeNode(int n) {
        size -= counts[slot(n)];
        nodeBytes -= node(n).memoryUsage();
        if (n < nodeCount / 2) {
            for (int i = n; i > 0; i--) {
                nodes[slot(i)] = nodes[slot(i - 1)];
                counts[slot(i)] = counts[slot(i - 1)];
            }
            nodes[head] = null;
            head = (head + 1) & (nodes.length - 1);
        } else {
            for (int i = n; i < nodeCount - 1; i++) {
                nodes[slot(i)] = nodes[slot(i + 1)];
                counts[slot(i)] = counts[slot(i + 1)];
            }
            nodes[slot(nodeCount - 1)] = null;
        }
        nodeCount--;
        hintNode = -1;
        if (nodes.length > 8 && nodeCount < nodes.length / 4) resize(nodes.length / 2);
    }

    private void resize(int capacity) {
        Listpack[] nextNodes = new Listpack[capacity];
        int[] nextCounts = new int[capacity];
        for (int i = 0; i < nodeCount; i++) {
            nextNodes[i] = node(i);
            nextCounts[i] = counts[slot(i)];
        }
        nodes = nextNodes;
        counts = nextCounts;
        head = 0;
    }
}
