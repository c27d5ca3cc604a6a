package io.ferrite.core.type.zset;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis's {@code zskiplist}: elements ordered by (score, member bytes unsigned), each forward link carrying its
 * span so that ranks are found in O(log n). Ranks here are 1-based as in Redis. Not thread-safe.
 */
final class SkipList {
    static final int MAX_LEVEL = 32;

    /**
     * An element with its links. The first {@value #INLINE} levels live in fields (three nodes in four have one
     * level), the rest in arrays: a descent then touches one object per step instead of a node and its arrays.
     * Spans fit an int because a sorted set holds fewer than 2^31 elements.
     */
    static final class Node {
        static final int INLINE = 4;

        final byte[] member;
        double score;
        Node backward;
        /** Levels of this node, drawn once: a node moved to a new score keeps them (the draw ignores scores). */
        private final int levels;
        private Node f0, f1, f2, f3;
        private int s0, s1, s2, s3;
        private final Node[] fx;
        private final int[] sx;

        Node(int level, double score, byte[] member) {
            this.member = member;
            this.score = score;
            this.levels = level;
            this.fx = level > INLINE ? new Node[level - INLINE] : null;
            this.sx = level > INLINE ? new int[level - INLINE] : null;
        }

        /** The successor at level 0. */
        Node next() {
            return f0;
        }

        Node forward(int i) {
            return switch (i) {
                case 0 -> f0;
                case 1 -> f1;
                case 2 -> f2;
                case 3 -> f3;
                default -> fx[i - INLINE];
            };
        }

        void forward(int i, Node n) {
            switch (i) {
                case 0 -> f0 = n;
                case 1 -> f1 = n;
                case 2 -> f2 = n;
                case 3 -> f3 = n;
                default -> fx[i - INLINE] = n;
            }
        }

        int span(int i) {
            return switch (i) {
                case 0 -> s0;
                case 1 -> s1;
                case 2 -> s2;
                case 3 -> s3;
                default -> sx[i - INLINE];
            };
        }

        void span(int i, int v) {
            switch (i) {
                case 0 -> s0 = v;
                case 1 -> s1 = v;
                case 2 -> s2 = v;
                case 3 -> s3 = v;
                default -> sx[i - INLINE] = v;
            }
        }
    }

    private final Node header = new Node(MAX_LEVEL, 0, null);
    private Node tail;
    private int length;
    private int level = 1;
    /**
     * Scratch for one descent (the predecessor and its rank at each level), reused by every insert and delete so
     * that a write allocates nothing but a new node; safe because the list is used by one thread at a time.
     */
    private final Node[] update = new Node[MAX_LEVEL];
    private final int[] rank = new int[MAX_LEVEL];

    long length() { return length; }
    Node first() { return header.next(); }
    Node last() { return tail; }

    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        int c = Double.compare(s1, s2);
        if (s1 == s2) c = 0; // -0.0 and 0.0 are one score
        return c != 0 ? c : Arrays.compareUnsigned(m1, m2);
    }

    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && (r.nextInt() & 0xFFFF) < 0x4000) lvl++; // p = 1/4
        return lvl;
    }

    /** Inserts a member known to be absent. */
    Node insert(double score, byte[] member) {
        Node x = new Node(randomLevel(), score, member);
        link(x);
        length++;
        return x;
    }

    /** Links the unlinked node {@code x} at the place of its score and member, with its own levels. */
    private void link(Node x) {
        Node[] update = this.update;
        int[] rank = this.rank;
        double score = x.score;
        byte[] member = x.member;
        Node p = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            for (Node f = p.forward(i); f != null && compare(f.score, f.member, score, member) < 0; f = p.forward(i)) {
                rank[i] += p.span(i);
                p = f;
            }
            update[i] = p;
        }
        int lvl = x.levels;
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span(i, length);
            }
            level = lvl;
        }
        for (int i = 0; i < lvl; i++) {
            x.forward(i, update[i].forward(i));
            update[i].forward(i, x);
            x.span(i, update[i].span(i) - (rank[0] - rank[i]));
            update[i].span(i, (rank[0] - rank[i]) + 1);
        }
        for (int i = lvl; i < level; i++) update[i].span(i, update[i].span(i) + 1);
        x.backward = update[0] == header ? null : update[0];
        if (x.next() != null) x.next().backward = x;
        else tail = x;
    }

    /** Removes the element (score, member); returns false if absent. */
    boolean delete(double score, byte[] member) {
        Node[] update = this.update;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            for (Node f = x.forward(i); f != null && compare(f.score, f.member, score, member) < 0; f = x.forward(i)) {
                x = f;
            }
            update[i] = x;
        }
        x = x.next();
        if (x == null || compare(x.score, x.member, score, member) != 0) return false;
        unlink(x, update);
        return true;
    }

    private void unlink(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward(i) == x) {
                update[i].span(i, update[i].span(i) + x.span(i) - 1);
                update[i].forward(i, x.forward(i));
            } else {
                update[i].span(i, update[i].span(i) - 1);
            }
        }
        if (x.next() != null) x.next().backward = x.backward;
        else tail = x.backward;
        while (level > 1 && header.forward(level - 1) == null) level--;
        length--;
    }

    /**
     * Moves {@code node} to {@code newScore}: in place when its neighbours allow it (Redis's zslUpdateScore),
     * otherwise unlinked and linked again, the same node, so that a score update allocates nothing.
     */
    Node updateScore(Node node, double newScore) {
        Node prev = node.backward;
        Node next = node.next();
        if ((prev == null || compare(prev.score, prev.member, newScore, node.member) < 0)
                && (next == null || compare(next.score, next.member, newScore, node.member) > 0)) {
            node.score = newScore;
            return node;
        }
        delete(node.score, node.member);
        node.score = newScore;
        link(node);
        length++;
        return node;
    }

    /** 1-based rank of (score, member), 0 if absent. */
    long rank(double score, byte[] member) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            for (Node f = x.forward(i); f != null && compare(f.score, f.member, score, member) <= 0; f = x.forward(i)) {
                rank += x.span(i);
                x = f;
            }
            if (x.member != null && compare(x.score, x.member, score, member) == 0) return rank;
        }
        return 0;
    }

    /** The node at 1-based {@code rank}, or null. */
    Node byRank(long rank) {
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            for (Node f = x.forward(i); f != null && traversed + x.span(i) <= rank; f = x.forward(i)) {
                traversed += x.span(i);
                x = f;
            }
            if (traversed == rank) return x == header ? null : x;
        }
        return null;
    }

    /** How many leading elements satisfy the monotone predicate {@code before}. */
    long countBefore(ZSetValue.Bound before) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            for (Node f = x.forward(i); f != null && before.test(f.score, f.member); f = x.forward(i)) {
                rank += x.span(i);
                x = f;
            }
        }
        return rank;
    }
}
