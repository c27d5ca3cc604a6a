package io.ferrite.core.type.zset;

import java.util.Arrays;

/**
 * The order of a large sorted set: a B+tree of (score, member) elements whose inner nodes count the elements
 * under each child, so that insert, delete, rank, the element at a rank and the start of any range cost
 * O(log n). Redis keeps a skiplist here; a descent through it visits about two nodes per level, each a cache
 * miss once the set outgrows the cache, where this tree visits three or four nodes for a million elements and
 * binary-searches each within contiguous arrays. Ranks are 0-based.
 *
 * <p>Invariants: elements are in ascending (score, member bytes unsigned) order across the linked leaves; in an
 * inner node, separator {@code i >= 1} is above every element under child {@code i - 1} and at most every
 * element under child {@code i} (a separator is any such key, not necessarily a present element: deletions
 * never need to update one), and entry 0 carries none; every node but the root holds at least
 * {@link #MIN_FILL} entries, except the first and last leaves, which an insert past either end starts with one
 * element; a root inner node has at least two children; {@code counts[i]} is
 * the number of elements under child {@code i}. A separator may keep a removed member's array alive, at most one
 * per entry.
 *
 * <p>Not thread-safe: used under its key's shard lock. The descent scratch ({@link #path}, {@link #slots},
 * {@link #found}) is per tree for that reason.
 */
final class ScoreTree {
    static final int CAPACITY = 64;
    /** Below this a node other than the root borrows from or merges with a sibling. */
    static final int MIN_FILL = CAPACITY / 4;
    /** Siblings whose entries fit in this many merge; otherwise they share them evenly. */
    private static final int MERGE_FILL = CAPACITY * 3 / 4;
    /** Non-root nodes hold at least {@link #MIN_FILL} entries, so 2^31 elements need fewer levels. */
    private static final int MAX_HEIGHT = 16;

    static final class Leaf {
        final double[] scores = new double[CAPACITY];
        final byte[][] members = new byte[CAPACITY][];
        int n;
        Leaf prev, next;
    }

    static final class Inner {
        final Object[] children = new Object[CAPACITY]; // all Inner or all Leaf
        final int[] counts = new int[CAPACITY];
        final double[] lowScores = new double[CAPACITY];
        final byte[][] lowMembers = new byte[CAPACITY][];
        int n;
    }

    /** Estimated heap of one leaf and one inner node with their arrays. */
    static final long LEAF_BYTES = 32 + (16 + 8 * CAPACITY) + (16 + 4 * CAPACITY);
    static final long INNER_BYTES = 32 + 3 * (16 + 4 * CAPACITY) + (16 + 8 * CAPACITY);

    private Object root;
    /** Inner levels above the leaves. */
    private int height;
    private int size;
    private Leaf first;
    private Leaf last;
    private int leafCount = 1;
    private int innerCount;

    private final Inner[] path = new Inner[MAX_HEIGHT];
    private final int[] slots = new int[MAX_HEIGHT];
    /** Index within the leaf returned by the last {@link #leafAt}. */
    private int found;

    ScoreTree() {
        Leaf leaf = new Leaf();
        root = leaf;
        first = leaf;
        last = leaf;
    }

    int size() {
        return size;
    }

    long heapBytes() {
        return 48 + leafCount * LEAF_BYTES + innerCount * INNER_BYTES;
    }

    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        if (s1 < s2) return -1;
        if (s1 > s2) return 1;
        return Arrays.compareUnsigned(m1, m2); // -0.0 and 0.0 are one score; a score is never NaN
    }

    /** The child of {@code x} whose range holds (s, m): the last separator at most (s, m). */
    private static int childFor(Inner x, double s, byte[] m) {
        int lo = 1;
        int hi = x.n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(x.lowScores[mid], x.lowMembers[mid], s, m) > 0) hi = mid;
            else lo = mid + 1;
        }
        return lo - 1;
    }

    /** The first index of {@code leaf} whose element is at least (s, m). */
    private static int lowerBound(Leaf leaf, double s, byte[] m) {
        int lo = 0;
        int hi = leaf.n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(leaf.scores[mid], leaf.members[mid], s, m) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Descends to the leaf whose range holds (s, m), recording the path. */
    private Leaf descend(double s, byte[] m) {
        Object x = root;
        for (int d = 0; d < height; d++) {
            Inner in = (Inner) x;
            int i = childFor(in, s, m);
            path[d] = in;
            slots[d] = i;
            x = in.children[i];
        }
        return (Leaf) x;
    }

    /** Inserts (s, m); the member must be absent. */
    void insert(double s, byte[] m) {
        Leaf leaf = descend(s, m);
        for (int d = 0; d < height; d++) path[d].counts[slots[d]]++;
        size++;
        int j = lowerBound(leaf, s, m);
        if (leaf.n < CAPACITY) {
            insertAt(leaf, j, s, m);
            return;
        }
        // Past either end of the set the new element gets a leaf of its own and this one stays full, so that
        // ascending and descending loads leave full leaves behind.
        int keep = j == CAPACITY && leaf.next == null ? CAPACITY : j == 0 && leaf.prev == null ? 0 : CAPACITY / 2;
        Leaf right = new Leaf();
        leafCount++;
        moveElements(leaf, keep, right, 0, CAPACITY - keep);
        leaf.n = keep;
        right.n = CAPACITY - keep;
        right.next = leaf.next;
        right.prev = leaf;
        if (leaf.next != null) leaf.next.prev = right;
        else last = right;
        leaf.next = right;
        if (j < keep || keep == 0) insertAt(leaf, j, s, m);
        else insertAt(right, j - keep, s, m);
        addSibling(height - 1, leaf, leaf.n, right, right.n, right.scores[0], right.members[0]);
    }

    private static void insertAt(Leaf leaf, int at, double s, byte[] m) {
        int tail = leaf.n - at;
        System.arraycopy(leaf.scores, at, leaf.scores, at + 1, tail);
        System.arraycopy(leaf.members, at, leaf.members, at + 1, tail);
        leaf.scores[at] = s;
        leaf.members[at] = m;
        leaf.n++;
    }

    private static void moveElements(Leaf from, int at, Leaf to, int toAt, int count) {
        System.arraycopy(from.scores, at, to.scores, toAt, count);
        System.arraycopy(from.members, at, to.members, toAt, count);
        Arrays.fill(from.members, at, at + count, null);
    }

    /**
     * Places {@code right}, split off {@code left} (the child at {@code slots[d]} of {@code path[d]}), after it
     * with separator (s, m), splitting the parent in turn when it is full; {@code d < 0} grows a new root.
     */
    private void addSibling(int d, Object left, int leftCount, Object right, int rightCount, double s, byte[] m) {
        if (d < 0) {
            Inner top = new Inner();
            innerCount++;
            top.children[0] = left;
            top.counts[0] = leftCount;
            top.children[1] = right;
            top.counts[1] = rightCount;
            top.lowScores[1] = s;
            top.lowMembers[1] = m;
            top.n = 2;
            root = top;
            height++;
            return;
        }
        Inner p = path[d];
        int i = slots[d];
        p.counts[i] = leftCount;
        if (p.n < CAPACITY) {
            insertEntry(p, i + 1, right, rightCount, s, m);
            return;
        }
        int keep = CAPACITY / 2;
        Inner q = new Inner();
        innerCount++;
        moveEntries(p, keep, q, 0, CAPACITY - keep);
        p.n = keep;
        q.n = CAPACITY - keep;
        if (i + 1 < keep) insertEntry(p, i + 1, right, rightCount, s, m);
        else insertEntry(q, i + 1 - keep, right, rightCount, s, m);
        addSibling(d - 1, p, sum(p.counts, 0, p.n), q, sum(q.counts, 0, q.n), q.lowScores[0], q.lowMembers[0]);
    }

    private static void insertEntry(Inner p, int at, Object child, int count, double s, byte[] m) {
        int tail = p.n - at;
        System.arraycopy(p.children, at, p.children, at + 1, tail);
        System.arraycopy(p.counts, at, p.counts, at + 1, tail);
        System.arraycopy(p.lowScores, at, p.lowScores, at + 1, tail);
        System.arraycopy(p.lowMembers, at, p.lowMembers, at + 1, tail);
        p.children[at] = child;
        p.counts[at] = count;
        p.lowScores[at] = s;
        p.lowMembers[at] = m;
        p.n++;
    }

    private static void moveEntries(Inner from, int at, Inner to, int toAt, int count) {
        System.arraycopy(from.children, at, to.children, toAt, count);
        System.arraycopy(from.counts, at, to.counts, toAt, count);
        System.arraycopy(from.lowScores, at, to.lowScores, toAt, count);
        System.arraycopy(from.lowMembers, at, to.lowMembers, toAt, count);
        Arrays.fill(from.children, at, at + count, null);
        Arrays.fill(from.lowMembers, at, at + count, null);
    }

    private static void removeEntry(Inner p, int at) {
        int tail = p.n - at - 1;
        System.arraycopy(p.children, at + 1, p.children, at, tail);
        System.arraycopy(p.counts, at + 1, p.counts, at, tail);
        System.arraycopy(p.lowScores, at + 1, p.lowScores, at, tail);
        System.arraycopy(p.lowMembers, at + 1, p.lowMembers, at, tail);
        p.n--;
        p.children[p.n] = null;
        p.lowMembers[p.n] = null;
    }

    private static int sum(int[] counts, int from, int to) {
        int total = 0;
        for (int i = from; i < to; i++) total += counts[i];
        return total;
    }

    /** Removes (s, m); returns false if it is not an element. */
    boolean delete(double s, byte[] m) {
        Leaf leaf = descend(s, m);
        int j = lowerBound(leaf, s, m);
        if (j == leaf.n || compare(leaf.scores[j], leaf.members[j], s, m) != 0) return false;
        for (int d = 0; d < height; d++) path[d].counts[slots[d]]--;
        size--;
        int tail = leaf.n - j - 1;
        System.arraycopy(leaf.scores, j + 1, leaf.scores, j, tail);
        System.arraycopy(leaf.members, j + 1, leaf.members, j, tail);
        leaf.members[--leaf.n] = null;
        if (leaf.n < MIN_FILL && height > 0) rebalance(height - 1);
        return true;
    }

    /** Restores the fill of the child at {@code slots[d]} of {@code path[d]}, merging or sharing with a sibling. */
    private void rebalance(int d) {
        Inner p = path[d];
        int li = slots[d] > 0 ? slots[d] - 1 : 0;
        int ri = li + 1;
        boolean leaves = d == height - 1;
        int total = leaves
                ? ((Leaf) p.children[li]).n + ((Leaf) p.children[ri]).n
                : ((Inner) p.children[li]).n + ((Inner) p.children[ri]).n;
        if (total > MERGE_FILL) {
            if (leaves) share(p, li, (Leaf) p.children[li], (Leaf) p.children[ri], total / 2);
            else share(p, li, (Inner) p.children[li], (Inner) p.children[ri], total / 2);
            return;
        }
        if (leaves) merge((Leaf) p.children[li], (Leaf) p.children[ri]);
        else merge(p, ri, (Inner) p.children[li], (Inner) p.children[ri]);
        p.counts[li] += p.counts[ri];
        removeEntry(p, ri);
        if (d == 0) {
            if (p.n == 1) {
                root = p.children[0];
                height--;
                innerCount--;
            }
        } else if (p.n < MIN_FILL) {
            rebalance(d - 1);
        }
    }

    private void merge(Leaf l, Leaf r) {
        moveElements(r, 0, l, l.n, r.n);
        l.n += r.n;
        l.next = r.next;
        if (r.next != null) r.next.prev = l;
        else last = l;
        leafCount--;
    }

    private void merge(Inner p, int ri, Inner l, Inner r) {
        r.lowScores[0] = p.lowScores[ri];
        r.lowMembers[0] = p.lowMembers[ri];
        moveEntries(r, 0, l, l.n, r.n);
        l.n += r.n;
        innerCount--;
    }

    /** Moves elements between adjacent leaves so that the left one holds {@code leftN}. */
    private static void share(Inner p, int li, Leaf l, Leaf r, int leftN) {
        if (l.n > leftN) {
            int k = l.n - leftN;
            System.arraycopy(r.scores, 0, r.scores, k, r.n);
            System.arraycopy(r.members, 0, r.members, k, r.n);
            moveElements(l, leftN, r, 0, k);
        } else {
            int k = leftN - l.n;
            moveElements(r, 0, l, l.n, k);
            System.arraycopy(r.scores, k, r.scores, 0, r.n - k);
            System.arraycopy(r.members, k, r.members, 0, r.n - k);
            Arrays.fill(r.members, r.n - k, r.n, null);
        }
        int total = l.n + r.n;
        l.n = leftN;
        r.n = total - leftN;
        p.counts[li] = l.n;
        p.counts[li + 1] = r.n;
        p.lowScores[li + 1] = r.scores[0];
        p.lowMembers[li + 1] = r.members[0];
    }

    /** Moves children between adjacent inner nodes so that the left one holds {@code leftN}, with their separators. */
    private static void share(Inner p, int li, Inner l, Inner r, int leftN) {
        int ri = li + 1;
        r.lowScores[0] = p.lowScores[ri];
        r.lowMembers[0] = p.lowMembers[ri];
        int moved;
        if (l.n > leftN) {
            int k = l.n - leftN;
            moved = sum(l.counts, leftN, l.n);
            System.arraycopy(r.children, 0, r.children, k, r.n);
            System.arraycopy(r.counts, 0, r.counts, k, r.n);
            System.arraycopy(r.lowScores, 0, r.lowScores, k, r.n);
            System.arraycopy(r.lowMembers, 0, r.lowMembers, k, r.n);
            moveEntries(l, leftN, r, 0, k);
            r.n += k;
            l.n = leftN;
            p.counts[li] -= moved;
            p.counts[ri] += moved;
        } else {
            int k = leftN - l.n;
            moved = sum(r.counts, 0, k);
            moveEntries(r, 0, l, l.n, k);
            int rest = r.n - k;
            System.arraycopy(r.children, k, r.children, 0, rest);
            System.arraycopy(r.counts, k, r.counts, 0, rest);
            System.arraycopy(r.lowScores, k, r.lowScores, 0, rest);
            System.arraycopy(r.lowMembers, k, r.lowMembers, 0, rest);
            Arrays.fill(r.children, rest, r.n, null);
            Arrays.fill(r.lowMembers, rest, r.n, null);
            r.n = rest;
            l.n = leftN;
            p.counts[li] += moved;
            p.counts[ri] -= moved;
        }
        p.lowScores[ri] = r.lowScores[0];
        p.lowMembers[ri] = r.lowMembers[0];
    }

    /** The 0-based rank of (s, m), or -1 when it is not an element. */
    long rank(double s, byte[] m) {
        long rank = 0;
        Object x = root;
        for (int d = 0; d < height; d++) {
            Inner in = (Inner) x;
            int i = childFor(in, s, m);
            rank += sum(in.counts, 0, i);
            x = in.children[i];
        }
        Leaf leaf = (Leaf) x;
        int j = lowerBound(leaf, s, m);
        return j < leaf.n && compare(leaf.scores[j], leaf.members[j], s, m) == 0 ? rank + j : -1;
    }

    /**
     * How many leading elements satisfy {@code before}, a predicate true for a prefix of all possible keys (so it
     * may be asked about separators that are not elements).
     */
    long countBefore(ZSetValue.Bound before) {
        long rank = 0;
        Object x = root;
        for (int d = 0; d < height; d++) {
            Inner in = (Inner) x;
            int lo = 1;
            int hi = in.n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (before.test(in.lowScores[mid], in.lowMembers[mid])) lo = mid + 1;
                else hi = mid;
            }
            rank += sum(in.counts, 0, lo - 1);
            x = in.children[lo - 1];
        }
        Leaf leaf = (Leaf) x;
        int lo = 0;
        int hi = leaf.n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before.test(leaf.scores[mid], leaf.members[mid])) lo = mid + 1;
            else hi = mid;
        }
        return rank + lo;
    }

    /** The leaf holding 0-based {@code rank} ({@code 0 <= rank < size}); its index there is left in {@link #found}. */
    private Leaf leafAt(long rank) {
        Object x = root;
        for (int d = 0; d < height; d++) {
            Inner in = (Inner) x;
            int i = 0;
            while (rank >= in.counts[i]) rank -= in.counts[i++];
            x = in.children[i];
        }
        found = (int) rank;
        return (Leaf) x;
    }

    /** Visits up to {@code limit} elements from 0-based rank {@code from}, descending when {@code reverse}. */
    void walk(long from, boolean reverse, long limit, ZSetValue.Visitor v) {
        if (from < 0 || from >= size || limit <= 0) return;
        Leaf leaf = leafAt(from);
        int j = found;
        for (long k = 0; k < limit; k++) {
            v.visit(leaf.members[j], leaf.scores[j]);
            if (reverse ? --j < 0 : ++j == leaf.n) {
                leaf = reverse ? leaf.prev : leaf.next;
                if (leaf == null) return;
                j = reverse ? leaf.n - 1 : 0;
            }
        }
    }

    /** How many consecutive elements from rank {@code from} (descending when {@code reverse}) satisfy {@code holds}. */
    long run(long from, boolean reverse, ZSetValue.Bound holds) {
        if (from < 0 || from >= size) return 0;
        Leaf leaf = leafAt(from);
        int j = found;
        long n = 0;
        while (holds.test(leaf.scores[j], leaf.members[j])) {
            n++;
            if (reverse ? --j < 0 : ++j == leaf.n) {
                leaf = reverse ? leaf.prev : leaf.next;
                if (leaf == null) break;
                j = reverse ? leaf.n - 1 : 0;
            }
        }
        return n;
    }

    /**
     * Checks every invariant of the class comment and returns the number of elements; throws
     * {@link IllegalStateException} on the first violation. O(n): for tests.
     */
    int verify() {
        int counted = verify(root, 0, Double.NaN, null, Double.NaN, null);
        int linked = 0;
        Leaf previous = null;
        for (Leaf l = first; l != null; previous = l, l = l.next) {
            if (l.prev != previous) throw new IllegalStateException("broken leaf links");
            for (int j = 1; j < l.n; j++) {
                if (compare(l.scores[j - 1], l.members[j - 1], l.scores[j], l.members[j]) >= 0) {
                    throw new IllegalStateException("leaf out of order");
                }
            }
            linked += l.n;
        }
        if (previous != last || linked != size || counted != size) {
            throw new IllegalStateException("size " + size + ", " + counted + " in the tree, " + linked + " linked");
        }
        return counted;
    }

    /** Elements under {@code x}, each checked to lie in [low, high) (a null member: unbounded). */
    private int verify(Object x, int depth, double lowS, byte[] lowM, double highS, byte[] highM) {
        boolean isRoot = depth == 0;
        if (depth == height) {
            Leaf l = (Leaf) x;
            if (!isRoot && l != first && l != last && l.n < MIN_FILL) throw new IllegalStateException("leaf with " + l.n);
            for (int j = 0; j < l.n; j++) {
                if (lowM != null && compare(l.scores[j], l.members[j], lowS, lowM) < 0
                        || highM != null && compare(l.scores[j], l.members[j], highS, highM) >= 0) {
                    throw new IllegalStateException("element outside its separators");
                }
            }
            return l.n;
        }
        Inner in = (Inner) x;
        if (isRoot ? in.n < 2 : in.n < MIN_FILL) throw new IllegalStateException("inner node with " + in.n);
        int total = 0;
        for (int i = 0; i < in.n; i++) {
            boolean hasLow = i > 0;
            boolean hasHigh = i + 1 < in.n;
            int under = verify(in.children[i], depth + 1,
                    hasLow ? in.lowScores[i] : lowS, hasLow ? in.lowMembers[i] : lowM,
                    hasHigh ? in.lowScores[i + 1] : highS, hasHigh ? in.lowMembers[i + 1] : highM);
            if (under != in.counts[i]) throw new IllegalStateException("count " + in.counts[i] + " but " + under);
            total += under;
        }
        return total;
    }
}
