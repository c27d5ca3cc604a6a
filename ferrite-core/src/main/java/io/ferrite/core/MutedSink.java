package io.ferrite.core;

/**
 * Forwards a reply only while {@code open} says so: how CLIENT REPLY OFF and SKIP suppress replies. Decided per
 * element at write time, so CLIENT REPLY ON, which switches the mode back before replying, is answered.
 */
final class MutedSink implements ReplySink {
    private final ReplySink out;
    private final java.util.function.BooleanSupplier open;

    MutedSink(ReplySink out, java.util.function.BooleanSupplier open) {
        this.out = out;
        this.open = open;
    }

    @Override public void simple(String status) { if (open.getAsBoolean()) out.simple(status); }
    @Override public void error(String message) { if (open.getAsBoolean()) out.error(message); }
    @Override public void integer(long value) { if (open.getAsBoolean()) out.integer(value); }
    @Override public void bulk(byte[] value) { if (open.getAsBoolean()) out.bulk(value); }
    @Override public void bigNumber(String digits) { if (open.getAsBoolean()) out.bigNumber(digits); }
    @Override public void attributes(Reply.Aggregate map) { if (open.getAsBoolean()) out.attributes(map); }
    @Override public void replicaTransfer(byte[] rdb) { if (open.getAsBoolean()) out.replicaTransfer(rdb); }
    @Override public void bulk(byte[] value, int offset, int length) { if (open.getAsBoolean()) out.bulk(value, offset, length); }
    @Override public void nil() { if (open.getAsBoolean()) out.nil(); }
    @Override public void nilArray() { if (open.getAsBoolean()) out.nilArray(); }
    @Override public void array(int count) { if (open.getAsBoolean()) out.array(count); }
    @Override public void map(int count) { if (open.getAsBoolean()) out.map(count); }
    @Override public void set(int count) { if (open.getAsBoolean()) out.set(count); }
    @Override public void push(int count) { if (open.getAsBoolean()) out.push(count); }
    @Override public void doubleValue(double value) { if (open.getAsBoolean()) out.doubleValue(value); }
    @Override public void bool(boolean value) { if (open.getAsBoolean()) out.bool(value); }
    @Override public void verbatim(String format, String text) { if (open.getAsBoolean()) out.verbatim(format, text); }
    @Override public int protocol() { return out.protocol(); }
    @Override public void switchProtocol(int protocol) { out.switchProtocol(protocol); }
}
