package io.ferrite.core;

import java.util.ArrayList;

/**
 * The {@link ReplySink} behind {@link FerriteCommands}: captures one reply without building a {@link Reply} tree.
 * A scalar reply lands in a field (an integer stays unboxed); an aggregate's leaves land, flattened in order, in
 * {@link #elements} (nesting carries no information for the commands the typed API offers: HGETALL's map and
 * ZRANGE WITHSCORES's pairs both flatten to alternating items). Bulk strings are decoded on arrival by the
 * {@link Decoder} of the call, while the command's locks are held, so no engine array escapes.
 *
 * <p>Speaks RESP3, so scores arrive as doubles rather than text. Confined to one thread; reused call after call.
 */
final class Capture implements ReplySink {

    /** Decodes the bulk string that is leaf number {@code leaf} of the reply (0 for a scalar reply). */
    @FunctionalInterface
    interface Decoder {
        Object decode(int leaf, byte[] bytes, int offset, int length);
    }

    static final int NONE = 0;
    static final int STATUS = 1;
    static final int INTEGER = 2;
    static final int BULK = 3;
    static final int NULL = 4;
    static final int DOUBLE = 5;
    static final int AGGREGATE = 6;

    private static final int RETAINED_CAPACITY = 1024;

    private Decoder decoder;
    /** The kind of the top-level reply. */
    int kind;
    /** A STATUS's text or a BULK's decoded value. */
    Object scalar;
    /** An INTEGER's value (booleans are 1 or 0). */
    long integer;
    double dbl;
    String error;
    /** An AGGREGATE's leaves in order: decoded bulks, Long, Double, Boolean, String (status) or null. */
    final ArrayList<Object> elements = new ArrayList<>();

    void reset(Decoder d) {
        decoder = d;
        kind = NONE;
        scalar = null;
        error = null;
    }

    /** Drops references to the last reply's values; keeps a modest buffer for the next one. */
    void release() {
        scalar = null;
        int size = elements.size();
        elements.clear();
        if (size > RETAINED_CAPACITY) elements.trimToSize();
    }

    private void leaf(int k, Object value) {
        if (kind == AGGREGATE) {
            elements.add(value);
        } else {
            kind = k;
            scalar = value;
        }
    }

    private void aggregate(int count) {
        if (kind != AGGREGATE) {
            kind = AGGREGATE;
            elements.ensureCapacity(count);
        }
    }

    @Override public void simple(String status) { leaf(STATUS, status); }

    @Override public void error(String message) {
        if (error == null) error = message;
    }

    @Override public void integer(long value) {
        if (kind == AGGREGATE) {
            elements.add(value);
        } else {
            kind = INTEGER;
            integer = value;
        }
    }

    @Override public void bulk(byte[] value) {
        bulk(value, 0, value.length);
    }

    @Override public void bulk(byte[] value, int offset, int length) {
        int index = kind == AGGREGATE ? elements.size() : 0;
        leaf(BULK, decoder.decode(index, value, offset, length));
    }

    @Override public void nil() { leaf(NULL, null); }

    @Override public void nilArray() { leaf(NULL, null); }

    @Override public void array(int count) { aggregate(count); }

    @Override public void map(int count) { aggregate(count * 2); }

    @Override public void set(int count) { aggregate(count); }

    @Override public void push(int count) { aggregate(count); }

    @Override public void doubleValue(double value) {
        if (kind == AGGREGATE) {
            elements.add(value);
        } else {
            kind = DOUBLE;
            dbl = value;
        }
    }

    @Override public void bool(boolean value) {
        if (kind == AGGREGATE) {
            elements.add(value);
        } else {
            kind = INTEGER;
            integer = value ? 1 : 0;
        }
    }

    @Override public void verbatim(String format, String text) { leaf(STATUS, text); }

    @Override public int protocol() { return 3; }

    /** The typed API always reads RESP3 shapes, whatever protocol a command asks for. */
    @Override public void switchProtocol(int protocol) {}
}
