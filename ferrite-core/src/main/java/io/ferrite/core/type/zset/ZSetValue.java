package io.ferrite.core.type.zset;

import io.ferrite.core.config.Config;
import io.ferrite.core.keyspace.RedisValue;
import io.ferrite.core.keyspace.Sizes;
import io.ferrite.core.type.dict.Dict;

import java.util.Arrays;

/**
 * A sorted set: members ordered by (score, member bytes unsigned). Two encodings, converting one way while the
 * value lives (a stored result may start compact again, as in Redis):
 * <ul>
 *   <li>{@code listpack}: parallel sorted arrays {@code members}/{@code scores}; O(n) insert, O(log n) search by
 *   score;</li>
 *   <li>{@code skiplist} (Redis's name for it): a {@link ScoreTree} for order and ranks, and a {@link Dict} from
 *   member to score for lookups.</li>
 * </ul>
 * Every range is resolved to ranks with {@link #countBefore}, then walked with {@link #walk}. Ranks are 0-based.
 * Not thread-safe: used under its key's shard lock. Members are stored without copying.
 */
public final class ZSetValue extends RedisValue {

    /** A monotone predicate over the order: true for a prefix of the elements, false for the rest. */
    @FunctionalInterface
    public interface Bound {
        boolean test(double score, byte[] member);
    }

    @FunctionalInterface
    public interface Visitor {
        void visit(byte[] member, double score);
    }

    // listpack
    private byte[][] members;
    private double[] scores;
    private int count;
    // skiplist
    private ScoreTree tree;
    private Dict<Void> dict;
    /** Sum of the estimated heap of every member as a byte array, kept current for O(1) {@link #memoryUsage}. */
    private long memberBytes;

    private ZSetValue() {}

    /** An empty sorted set encoded as Redis's {@code zsetTypeCreate} would for these hints. */
    public static ZSetValue create(long sizeHint, long maxMemberLength, Config cfg) {
        ZSetValue z = new ZSetValue();
        if (sizeHint <= cfg.zsetMaxListpackEntries && maxMemberLength <= cfg.zsetMaxListpackValue) {
            int cap = (int) Math.max(4, Math.min(sizeHint, 128));
            z.members = new byte[cap][];
            z.scores = new double[cap];
        } else {
            z.tree = new ScoreTree();
            z.dict = new Dict<>((int) Math.min(sizeHint, 1 << 20));
        }
        return z;
    }

    @Override public String type() { return "zset"; }
    @Override public String encoding() { return tree == null ? "listpack" : "skiplist"; }

    public int size() {
        return tree == null ? count : tree.size();
    }

    /** Converts to the skiplist encoding ahead of adding about {@code sizeHint} members when that crosses the threshold. */
    public void reserve(long sizeHint, Config cfg) {
        if (tree == null && sizeHint > cfg.zsetMaxListpackEntries) toTree();
    }

    /** The score of {@code m}, or NaN when it is not a member (a score is never NaN). */
    public double score(byte[] m) {
        if (tree == null) {
            int i = indexOf(m);
            return i < 0 ? Double.NaN : scores[i];
        }
        int slot = dict.slot(m);
        return slot < 0 ? Double.NaN : dict.numberAt(slot);
    }

    /** Adds {@code m}, which must not be a member, converting first when a threshold would be crossed. */
    public void add(byte[] m, double score, Config cfg) {
        if (tree == null && (count + 1 > cfg.zsetMaxListpackEntries || m.length > cfg.zsetMaxListpackValue)) {
            toTree();
        }
        memberBytes += Sizes.array(m.length);
        if (tree == null) {
            int at = (int) countBefore((s, x) -> ScoreTree.compare(s, x, score, m) < 0);
            insertAt(at, m, score);
        } else {
            dict.putNumber(m, score);
            tree.insert(score, m);
        }
    }

    private void insertAt(int at, byte[] m, double score) {
        if (count == members.length) {
            int cap = Math.max(4, count * 2);
            members = Arrays.copyOf(members, cap);
            scores = Arrays.copyOf(scores, cap);
        }
        System.arraycopy(members, at, members, at + 1, count - at);
        System.arraycopy(scores, at, scores, at + 1, count - at);
        members[at] = m;
        scores[at] = score + 0.0; // a listpack keeps integral scores as integers: -0 becomes 0, as in Redis
        count++;
    }

    /** Changes the score of the member {@code m}. */
    public void setScore(byte[] m, double score) {
        // The stored member array moves, not the caller's equal one: the order keeps referring to the array the
        // table holds (one copy per member), and no freshly parsed array gets linked from old-generation nodes.
        if (tree == null) {
            int i = indexOf(m);
            byte[] stored = members[i];
            removeAt(i);
            insertAt((int) countBefore((s, x) -> ScoreTree.compare(s, x, score, stored) < 0), stored, score);
        } else {
            int slot = dict.slot(m);
            byte[] stored = dict.keyAt(slot);
            tree.delete(dict.numberAt(slot), stored);
            tree.insert(score, stored);
            dict.numberAt(slot, score);
        }
    }

    public boolean remove(byte[] m) {
        if (tree == null) {
            int i = indexOf(m);
            if (i < 0) return false;
            removeAt(i);
        } else {
            int slot = dict.slot(m);
            if (slot < 0) return false;
            tree.delete(dict.numberAt(slot), m);
            dict.deleteAt(slot);
        }
        memberBytes -= Sizes.array(m.length);
        return true;
    }

    /** The 0-based rank of {@code m} in ascending order, or -1. */
    public long rank(byte[] m) {
        if (tree == null) return indexOf(m);
        int slot = dict.slot(m);
        return slot < 0 ? -1 : tree.rank(dict.numberAt(slot), m);
    }

    /** How many leading elements satisfy {@code before}: the rank where the remaining elements start. */
    public long countBefore(Bound before) {
        if (tree != null) return tree.countBefore(before);
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before.test(scores[mid], members[mid])) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * Visits up to {@code limit} elements starting at rank {@code from}, ascending, or descending when
     * {@code reverse}. {@code from} must be a valid rank.
     */
    public void walk(long from, boolean reverse, long limit, Visitor v) {
        if (tree == null) {
            int i = (int) from;
            for (long k = 0; k < limit && i >= 0 && i < count; k++, i += reverse ? -1 : 1) v.visit(members[i], scores[i]);
            return;
        }
        tree.walk(from, reverse, limit, v);
    }

    /**
     * How many consecutive elements from rank {@code from} (walking down when {@code reverse}) satisfy
     * {@code holds}; 0 when {@code from} is out of range.
     */
    public long run(long from, boolean reverse, Bound holds) {
        if (from < 0 || from >= size()) return 0;
        long n = 0;
        if (tree == null) {
            for (int i = (int) from; i >= 0 && i < count && holds.test(scores[i], members[i]); i += reverse ? -1 : 1) n++;
            return n;
        }
        return tree.run(from, reverse, holds);
    }

    /** Whether the element at rank {@code rank} satisfies {@code b}. */
    public boolean test(long rank, Bound b) {
        boolean[] r = {false};
        walk(rank, false, 1, (m, s) -> r[0] = b.test(s, m));
        return r[0];
    }

    /** All elements in ascending order. */
    public void forEach(Visitor v) {
        if (size() > 0) walk(0, false, Long.MAX_VALUE, v);
    }

    /** Removes ranks {@code [from, to)}; returns how many were removed. */
    public long removeRange(long from, long to) {
        if (to <= from) return 0;
        if (tree == null) {
            int f = (int) from;
            int t = (int) to;
            for (int i = f; i < t; i++) memberBytes -= Sizes.array(members[i].length);
            System.arraycopy(members, t, members, f, count - t);
            System.arraycopy(scores, t, scores, f, count - t);
            Arrays.fill(members, count - (t - f), count, null);
            count -= t - f;
            return t - f;
        }
        int n = (int) (Math.min(to, size()) - from);
        byte[][] gone = new byte[n][];
        double[] goneScores = new double[n];
        int[] i = {0};
        tree.walk(from, false, n, (m, s) -> {
            gone[i[0]] = m;
            goneScores[i[0]++] = s;
        });
        for (int k = 0; k < n; k++) {
            tree.delete(goneScores[k], gone[k]);
            dict.delete(gone[k]);
            memberBytes -= Sizes.array(gone[k].length);
        }
        return n;
    }

    /** True for the listpack encoding. */
    boolean isCompact() {
        return tree == null;
    }

    /** One ZSCAN step: a listpack is reported whole (cursor 0 back), a skiplist's table bucket by bucket. */
    public long scan(long cursor, int countHint, Visitor v) {
        if (tree == null) {
            forEach(v);
            return 0;
        }
        int[] seen = {0};
        long maxBuckets = countHint * 10L;
        do {
            cursor = dict.scanSlots(cursor, slot -> {
                seen[0]++;
                v.visit(dict.keyAt(slot), dict.numberAt(slot));
            });
        } while (cursor != 0 && seen[0] < countHint && --maxBuckets > 0);
        return cursor;
    }

    /** Re-encodes a freshly built result compactly when it fits, as Redis does for stored results. */
    public void compactIfSmall(Config cfg) {
        if (tree == null || tree.size() > cfg.zsetMaxListpackEntries) return;
        int n = tree.size();
        byte[][] ms = new byte[Math.max(4, n)][];
        double[] ss = new double[Math.max(4, n)];
        int[] i = {0};
        boolean[] fits = {true};
        forEach((m, s) -> {
            if (m.length > cfg.zsetMaxListpackValue) fits[0] = false;
            ms[i[0]] = m;
            ss[i[0]++] = s;
        });
        if (!fits[0]) return;
        members = ms;
        scores = ss;
        count = n;
        tree = null;
        dict = null;
    }

    @Override
    public ZSetValue copy() {
        ZSetValue z = new ZSetValue();
        z.memberBytes = memberBytes;
        if (tree == null) {
            z.members = members.clone();
            z.scores = scores.clone();
            z.count = count;
        } else {
            z.tree = new ScoreTree();
            z.dict = dict.copy();
            forEach((m, s) -> z.tree.insert(s, m));
        }
        return z;
    }


    @Override
    public long memoryUsage() {
        long self = Sizes.align(Sizes.OBJECT_HEADER + 4 * Sizes.REFERENCE + 4 + 8);
        if (tree == null) return self + Sizes.refArray(members.length) + Sizes.align(16 + 8L * scores.length) + memberBytes;
        return self + dict.heapBytes() + tree.heapBytes() + memberBytes;
    }

    private int indexOf(byte[] m) {
        for (int i = 0; i < count; i++) if (Arrays.equals(members[i], m)) return i;
        return -1;
    }

    private void removeAt(int i) {
        System.arraycopy(members, i + 1, members, i, count - i - 1);
        System.arraycopy(scores, i + 1, scores, i, count - i - 1);
        members[--count] = null;
    }

    private void toTree() {
        ScoreTree t = new ScoreTree();
        Dict<Void> d = new Dict<>(count);
        for (int i = 0; i < count; i++) {
            d.putNumber(members[i], scores[i]);
            t.insert(scores[i], members[i]);
        }
        tree = t;
        dict = d;
        members = null;
        scores = null;
        count = 0;
    }
}
