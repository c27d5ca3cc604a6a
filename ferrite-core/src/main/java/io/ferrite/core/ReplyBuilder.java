package io.ferrite.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link ReplySink} that builds {@link Reply} objects, so the embedded API gets replies without a RESP round
 * trip. Copies byte arrays: replies never alias values held in the keyspace.
 */
public final class ReplyBuilder implements ReplySink {
    private int protocol;
    private final ArrayDeque<Frame> open = new ArrayDeque<>();
    private final List<Reply> done = new ArrayList<>(1);

    private static final class Frame {
        final Reply.AggregateKind kind;
        final int expected;
        final List<Reply> elements;

        Frame(Reply.AggregateKind kind, int expected) {
            this.kind = kind;
            this.expected = expected;
            this.elements = new ArrayList<>(Math.min(expected, 1024));
        }
    }

    public ReplyBuilder(int protocol) {
        this.protocol = protocol;
    }

    /** The replies completed so far, in order; usually one per command. */
    public List<Reply> replies() {
        return done;
    }

    /** The single completed reply. */
    public Reply reply() {
        if (done.isEmpty()) throw new IllegalStateException("no complete reply");
        return done.get(0);
    }

    public void clear() {
        open.clear();
        done.clear();
    }

    private void add(Reply r) {
        Reply value = r;
        while (true) {
            Frame top = open.peek();
            if (top == null) {
                done.add(value);
                return;
            }
            top.elements.add(value);
            if (top.elements.size() < top.expected) return;
            open.pop();
            value = new Reply.Aggregate(top.kind, top.elements);
        }
    }

    private void aggregate(Reply.AggregateKind kind, int count) {
        if (count == 0) {
            add(new Reply.Aggregate(kind, List.of()));
        } else {
            open.push(new Frame(kind, count));
        }
    }

    @Override public void simple(String status) { add(new Reply.Status(status)); }
    @Override public void error(String message) { add(new Reply.Error(message)); }
    @Override public void integer(long value) { add(new Reply.Int(value)); }
    @Override public void bulk(byte[] value) { add(new Reply.Bulk(value.clone())); }
    @Override public void bulk(byte[] value, int offset, int length) {
        add(new Reply.Bulk(Arrays.copyOfRange(value, offset, offset + length)));
    }
    @Override public void nil() { add(protocol == 3 ? Reply.NULL : new Reply.Bulk(null)); }
    @Override public void nilArray() { add(Reply.NULL); }
    @Override public void array(int count) { aggregate(Reply.AggregateKind.ARRAY, count); }

    @Override public void map(int count) {
        if (protocol == 3) {
            aggregate(Reply.AggregateKind.MAP, count * 2);
        } else {
            aggregate(Reply.AggregateKind.ARRAY, count * 2);
        }
    }

    @Override public void set(int count) {
        aggregate(protocol == 3 ? Reply.AggregateKind.SET : Reply.AggregateKind.ARRAY, count);
    }

    @Override public void push(int count) {
        aggregate(protocol == 3 ? Reply.AggregateKind.PUSH : Reply.AggregateKind.ARRAY, count);
    }

    @Override public void doubleValue(double value) {
        if (protocol == 3) {
            add(new Reply.Double(value));
        } else {
            add(new Reply.Bulk(io.ferrite.core.resp.RespFormat.formatDouble(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
    }

    @Override public void bool(boolean value) {
        add(protocol == 3 ? new Reply.Bool(value) : new Reply.Int(value ? 1 : 0));
    }

    @Override public void verbatim(String format, String text) {
        add(protocol == 3 ? new Reply.Verbatim(format, text)
                : new Reply.Bulk(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override public int protocol() { return protocol; }

    @Override public void switchProtocol(int p) { this.protocol = p; }
}
