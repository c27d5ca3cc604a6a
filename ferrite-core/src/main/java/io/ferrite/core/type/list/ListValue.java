package io.ferrite.core.type.list;

import io.ferrite.core.ReplySink;
import io.ferrite.core.keyspace.RedisValue;
import io.ferrite.core.keyspace.Sizes;
import io.ferrite.core.type.packed.Listpack;

/**
 * A list value. Small lists are a {@link Listpack} (OBJECT ENCODING {@code listpack}); a list converts once, one
 * way, to a {@link Quicklist} of listpack nodes ({@code quicklist}) when an addition would exceed
 * {@code list-max-listpack-size}: a positive size limits the element count, a negative one the listpack's bytes
 * (-1: 4 KB ... -5: 64 KB), as in Redis 7.2. The same limit bounds each quicklist node.
 *
 * <p>Indices are 0-based and already resolved by the caller (no negative indices here). A list in the keyspace is
 * never empty: commands delete the key when they remove its last element.
 *
 * <p>Not thread-safe: guarded by the lock of its key's shard.
 */
public final class ListValue extends RedisValue {
    private static final int[] SIZE_LIMITS = {4096, 8192, 16384, 32768, 65536};
    /** Redis keeps a count-limited listpack under 8 KB as well. */
    private static final int SIZE_SAFETY_LIMIT = 8192;

    private Listpack packed;
    private Quicklist deque;

    ListValue() {
        packed = new Listpack();
    }

    private ListValue(ListValue other) {
        packed = other.packed == null ? null : other.packed.copy();
        deque = other.deque == null ? null : other.deque.copy();
    }

    /**
     * A list of {@code elements} in order, encoded as pushing them one by one at the tail would leave it under
     * {@code list-max-listpack-size} {@code fill} (how RESTORE rebuilds a list); {@code elements} is not empty.
     */
    public static ListValue of(java.util.List<byte[]> elements, int fill) {
        ListValue list = new ListValue();
        for (byte[] e : elements) {
            list.prepareToAdd(e, fill);
            list.push(false, e);
        }
        return list;
    }

    @Override
    public String type() {
        return "list";
    }

    @Override
    public String encoding() {
        return packed != null ? "listpack" : "quicklist";
    }

    @Override
    public RedisValue copy() {
        return new ListValue(this);
    }

    @Override
    public long memoryUsage() {
        return Sizes.OBJECT_HEADER + 2 * Sizes.REFERENCE + 4
                + (packed != null ? packed.memoryUsage() : deque.memoryUsage());
    }

    public int size() {
        return packed != null ? packed.size() : deque.size();
    }

    /**
     * Converts to the large encoding if adding {@code values[from..to]} would exceed the listpack limit
     * {@code fill} ({@code list-max-listpack-size}). Called before every addition, as Redis does.
     */
    void prepareToAdd(byte[][] values, int from, int to, int fill) {
        if (packed == null) return;
        long bytes = packed.redisBytes();
        for (int i = from; i <= to; i++) bytes += values[i].length;
        long count = (long) packed.size() + (to - from + 1);
        if (exceedsLimit(fill, bytes, count)) {
            deque = new Quicklist(fill, packed);
            packed = null;
        }
    }

    void prepareToAdd(byte[] value, int fill) {
        prepareToAdd(new byte[][] {value}, 0, 0, fill);
    }

    private static boolean exceedsLimit(int fill, long bytes, long count) {
        if (fill < 0) return bytes > SIZE_LIMITS[Math.min(-fill, SIZE_LIMITS.length) - 1];
        return bytes > SIZE_SAFETY_LIMIT || count > Math.max(fill, 1);
    }

    /**
     * Whether a quicklist node of {@code nodeBytes} (Redis's listpack bytes) and {@code count} entries takes one
     * more element of {@code length} bytes under {@code fill}, by Redis's {@code _quicklistNodeAllowInsert}
     * estimate (8 bytes of overhead per element, 8 KB at most for a count limit).
     */
    public static boolean nodeAllows(long nodeBytes, int count, int length, int fill) {
        long estimate = nodeBytes + length + 8;
        if (fill < 0) return estimate <= SIZE_LIMITS[Math.min(-fill, SIZE_LIMITS.length) - 1];
        return estimate <= SIZE_SAFETY_LIMIT && count < fill;
    }

    /**
     * After elements were removed or replaced: a quicklist down to one node holding at most half of what
     * {@code fill} allows becomes that node, a listpack again (Redis 7.2's {@code listTypeTryConvertQuicklist}
     * when shrinking; the half keeps a list at the limit from converting back and forth).
     */
    void shrunk(int fill) {
        if (deque == null) return;
        Listpack only = deque.onlyNode();
        if (only == null) return;
        boolean small = fill < 0 ? only.redisBytes() <= SIZE_LIMITS[Math.min(-fill, SIZE_LIMITS.length) - 1] / 2
                : only.size() <= Math.max(fill, 1) / 2;
        if (!small) return;
        packed = only;
        deque = null;
    }

    void push(boolean head, byte[] value) {
        if (packed != null) packed.insert(head ? packed.head() : packed.end(), value);
        else if (head) deque.addFirst(value);
        else deque.addLast(value);
    }

    byte[] pop(boolean head) {
        if (packed == null) return head ? deque.removeFirst() : deque.removeLast();
        int off = head ? packed.head() : packed.prev(packed.end());
        byte[] v = packed.get(off);
        packed.delete(off, 1);
        return v;
    }

    /** The element at {@code index}, {@code 0 <= index < size()}. */
    public byte[] get(int index) {
        return packed != null ? packed.get(packed.offsetOf(index)) : deque.get(index);
    }

    void set(int index, byte[] value) {
        if (packed != null) packed.replace(packed.offsetOf(index), value);
        else deque.set(index, value);
    }

    /** Inserts {@code value} at {@code index}, shifting what was there towards the tail. */
    void insert(int index, byte[] value) {
        if (packed != null) packed.insert(packed.offsetOf(index), value);
        else deque.add(index, value);
    }

    boolean equalsAt(int index, byte[] value) {
        if (packed != null) return packed.equalsAt(packed.offsetOf(index), value);
        return deque.equalsAt(index, value);
    }

    void write(ReplySink out, int index) {
        if (packed != null) packed.write(out, packed.offsetOf(index));
        else deque.write(out, index);
    }

    /** Replies elements {@code from..to} inclusive as bulk strings (the caller wrote the array header). */
    void writeRange(ReplySink out, int from, int to) {
        if (packed != null) {
            int off = packed.offsetOf(from);
            for (int i = from; i <= to; i++, off = packed.next(off)) packed.write(out, off);
        } else {
            deque.writeRange(out, from, to);
        }
    }

    /**
     * Removes up to {@code limit} elements equal to {@code value} (all if 0), scanning from the tail when
     * {@code fromTail}; returns how many were removed.
     */
    int removeMatching(byte[] value, long limit, boolean fromTail) {
        return packed != null ? packed.deleteMatching(value, limit, fromTail)
                : deque.removeMatching(value, limit, fromTail);
    }

    /** Keeps elements {@code from..to} inclusive ({@code 0 <= from <= to < size}). */
    void retain(int from, int to) {
        if (packed != null) {
            int tail = packed.offsetOf(to + 1);
            packed.delete(tail, packed.size() - to - 1);
            packed.delete(packed.head(), from);
        } else {
            deque.retain(from, to);
        }
    }
}
