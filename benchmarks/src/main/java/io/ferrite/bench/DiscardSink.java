package io.ferrite.bench;

import io.ferrite.core.ReplySink;

/**
 * Ignores replies but fails loudly on errors, so a benchmark never measures a command that failed. The engine's
 * work cannot be optimised away behind it: every command changes shared state (statistics, access stamps).
 */
final class DiscardSink implements ReplySink {
    @Override public void simple(String status) {}
    @Override public void error(String message) { throw new IllegalStateException(message); }
    @Override public void integer(long value) {}
    @Override public void bulk(byte[] value) {}
    @Override public void bulk(byte[] value, int offset, int length) {}
    @Override public void nil() {}
    @Override public void nilArray() {}
    @Override public void array(int count) {}
    @Override public void map(int count) {}
    @Override public void set(int count) {}
    @Override public void push(int count) {}
    @Override public void doubleValue(double value) {}
    @Override public void bool(boolean value) {}
    @Override public void verbatim(String format, String text) {}
    @Override public int protocol() { return 2; }
    @Override public void switchProtocol(int protocol) {}
}
