package io.ferrite.core;

/**
 * The engine's only source of time, injectable so that TTL tests never sleep. Expiry deadlines are absolute
 * Unix milliseconds as in Redis ({@code EXPIREAT}, {@code PEXPIRETIME}).
 */
public interface Ticker {

    /** Wall-clock time in Unix milliseconds. */
    long currentTimeMillis();

    /** A monotonic clock in nanoseconds, for durations (latency, idle time). */
    long nanoTime();

    Ticker SYSTEM = new Ticker() {
        @Override public long currentTimeMillis() { return System.currentTimeMillis(); }
        @Override public long nanoTime() { return System.nanoTime(); }
    };
}
