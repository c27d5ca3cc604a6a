package io.ferrite.bench;

import io.ferrite.core.ReplySink;
import org.openjdk.jmh.infra.Blackhole;

/** A sink that consumes replies without building objects, to measure the engine itself. */
final class BlackholeSink implements ReplySink {
    private final Blackhole bh;

    BlackholeSink(Blackhole bh) {
        this.bh = bh;
    }

    @Override public void simple(String status) { bh.consume(status); }
    @Override public void error(String message) { throw new IllegalStateException(message); }
    @Override public void integer(long value) { bh.consume(value); }
    @Override public void bulk(byte[] value) { bh.consume(value); }
    @Override public void bulk(byte[] value, int offset, int length) { bh.consume(value); }
    @Override public void nil() { bh.consume(0); }
    @Override public void nilArray() { bh.consume(0); }
    @Override public void array(int count) { bh.consume(count); }
    @Override public void map(int count) { bh.consume(count); }
    @Override public void set(int count) { bh.consume(count); }
    @Override public void push(int count) { bh.consume(count); }
    @Override public void doubleValue(double value) { bh.consume(value); }
    @Override public void bool(boolean value) { bh.consume(value); }
    @Override public void verbatim(String format, String text) { bh.consume(text); }
    @Override public int protocol() { return 2; }
    @Override public void switchProtocol(int protocol) { }
}
