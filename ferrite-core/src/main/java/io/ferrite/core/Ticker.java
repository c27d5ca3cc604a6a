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

    /**
     * Wall-clock milliseconds at {@code systemNanos}, a {@link System#nanoTime()} read just now: the dispatcher reads
     * that clock anyway to time the command, and {@link #SYSTEM} derives the wall time from it instead of reading a
     * second clock (a clock read is about 25 ns, a tenth of a cached GET). Others read their own wall clock.
     */
    default long currentTimeMillis(long systemNanos) {
        return currentTimeMillis();
    }

    Ticker SYSTEM = new SystemTicker();
}
