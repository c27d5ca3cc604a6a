package io.ferrite.core.type.list;

import io.ferrite.core.keyspace.Sizes;

/**
 * The large-list encoding: a ring buffer of element arrays. Push and pop at both ends are O(1) amortized, index
 * access is O(1), insertion and removal in the middle move the shorter side.
 *
 * <p>Invariants: the capacity is a power of two; elements occupy {@code size} slots from {@code head} (wrapping);
 * free slots are null.
 */
final class ListDeque {
    private byte[][] items;
    private int head;
    private int size;
    /** Heap of the element arrays, kept current so that the value's memory usage is O(1). */
    private long elementBytes;

    ListDeque(int expected) {
        items = new byte[Math.max(8, Integer.highestOneBit(Math.max(expected, 1) - 1 | 1) << 1)][];
    }

    private ListDeque(ListDeque other) {
        items = other.items.clone();
        head = other.head;
        size = other.size;
        elementBytes = other.elementBytes;
    }

    ListDeque copy() {
        return new ListDeque(this);
    }

    int size() {
        return size;
    }

    /** Estimated heap of the deque: its slot array and its elements. */
    long memoryUsage() {
        return Sizes.OBJECT_HEADER + 12 + Sizes.refArray(items.length) + elementBytes;
    }

    private int slot(int index) {
        return (head + index) & (items.length - 1);
    }

    byte[] get(int index) {
        return items[slot(index)];
    }

    void set(int index, byte[] value) {
        int s = slot(index);
        elementBytes += Sizes.array(value.length) - Sizes.array(items[s].length);
        items[s] = value;
    }

    void addFirst(byte[] value) {
        grow();
        head = (head - 1) & (items.length - 1);
        items[head] = value;
        size++;
        elementBytes += Sizes.array(value.length);
    }

    void addLast(byte[] value) {
        grow();
        items[slot(size)] = value;
        size++;
        elementBytes += Sizes.array(value.length);
    }

    byte[] removeFirst() {
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        elementBytes -= Sizes.array(v.length);
        shrink();
        return v;
    }

    byte[] removeLast() {
        int s = slot(size - 1);
        byte[] v = items[s];
        items[s] = null;
        size--;
        elementBytes -= Sizes.array(v.length);
        shrink();
        return v;
    }

    /** Inserts {@code value} so that it ends up at {@code index} ({@code 0 <= index <= size}). */
    void add(int index, byte[] value) {
        if (index == 0) { addFirst(value); return; }
        if (index == size) { addLast(value); return; }
        grow();
        if (index < size / 2) {
            head = (head - 1) & (items.length - 1);
            for (int i = 0; i < index; i++) items[slot(i)] = items[slot(i + 1)];
        } else {
            for (int i = size; i > index; i--) items[slot(i)] = items[slot(i - 1)];
        }
        items[slot(index)] = value;
        size++;
        elementBytes += Sizes.array(value.length);
    }

    /** Removes and returns the element at {@code index}. */
    byte[] remove(int index) {
        if (index == 0) return removeFirst();
        if (index == size - 1) return removeLast();
        byte[] v = items[slot(index)];
        if (index < size / 2) {
            for (int i = index; i > 0; i--) items[slot(i)] = items[slot(i - 1)];
            items[head] = null;
            head = (head + 1) & (items.length - 1);
        } else {
            for (int i = index; i < size - 1; i++) items[slot(i)] = items[slot(i + 1)];
            items[slot(size - 1)] = null;
        }
        size--;
        elementBytes -= Sizes.array(v.length);
        shrink();
        return v;
    }

    /** Keeps only the elements at indices {@code from..to} inclusive ({@code 0 <= from <= to < size}). */
    void retain(int from, int to) {
        int n = to - from + 1;
        byte[][] next = new byte[Math.max(8, Integer.highestOneBit(Math.max(n, 1) - 1 | 1) << 1)][];
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            next[i] = items[slot(from + i)];
            bytes += Sizes.array(next[i].length);
        }
        elementBytes = bytes;
        items = next;
        head = 0;
        size = n;
    }

    private void grow() {
        if (size < items.length) return;
        resize(items.length * 2);
    }

    private void shrink() {
        if (items.length > 64 && size < items.length / 4) resize(items.length / 2);
    }

    private void resize(int capacity) {
        byte[][] next = new byte[capacity][];
        for (int i = 0; i < size; i++) next[i] = items[slot(i)];
        items = next;
        head = 0;
    }
}
