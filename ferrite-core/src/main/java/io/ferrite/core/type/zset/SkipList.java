package io.ferrite.core.type.zset;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis's {@code zskiplist}: elements ordered by (score, member bytes unsigned), each forward link carrying its
 * span so that ranks are found in O(log n). Ranks here are 1-based as in Redis. Not thread-safe.
 */
final class SkipList {
    static final int MAX_LEVEL = 32;

    static final class Node {
        final byte[] member;
        double score;
        Node backward;
        final Node[] forward;
        final long[] span;

        Node(int level, double score, byte[] member) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new long[level];
        }
    }

    private final Node header = new Node(MAX_LEVEL, 0, null);
    private Node tail;
    private long length;
    private int level = 1;

    long length() { return length; }
    Node first() { return header.forward[0]; }
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
        Node[] update = new Node[MAX_LEVEL];
        long[] rank = new long[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                update[i].span[i] = length;
            }
            level = lvl;
        }
        x = new Node(lvl, score, member);
        for (int i = 0; i < lvl; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = (rank[0] - rank[i]) + 1;
        }
        for (int i = lvl; i < level; i++) update[i].span[i]++;
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) x.forward[0].backward = x;
        else tail = x;
        length++;
        return x;
    }

    /** Removes the element (score, member); returns false if absent. */
    boolean delete(double score, byte[] member) {
        Node[] update = new Node[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        x = x.forward[0];
        if (x == null || compare(x.score, x.member, score, member) != 0) return false;
        unlink(x, update);
        return true;
    }

    private void unlink(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i] -= 1;
            }
        }
        if (x.forward[0] != null) x.forward[0].backward = x.backward;
        else tail = x.backward;
        while (level > 1 && header.forward[level - 1] == null) level--;
        length--;
    }

    /** Moves {@code node} to {@code newScore}, in place when its neighbours allow it (Redis's zslUpdateScore). */
    Node updateScore(Node node, double newScore) {
        Node prev = node.backward;
        Node next = node.forward[0];
        if ((prev == null || compare(prev.score, prev.member, newScore, node.member) < 0)
                && (next == null || compare(next.score, next.member, newScore, node.member) > 0)) {
            node.score = newScore;
            return node;
        }
        delete(node.score, node.member);
        return insert(newScore, node.member);
    }

    /** 1-based rank of (score, member), 0 if absent. */
    long rank(double score, byte[] member) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) <= 0) {
                rank += x.span[i];
                x = x.forward[i];
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
            while (x.forward[i] != null && traversed + x.span[i] <= rank) {
                traversed += x.span[i];
                x = x.forward[i];
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
            while (x.forward[i] != null && before.test(x.forward[i].score, x.forward[i].member)) {
                rank += x.span[i];
                x = x.forward[i];
            }
        }
        return rank;
    }
}
