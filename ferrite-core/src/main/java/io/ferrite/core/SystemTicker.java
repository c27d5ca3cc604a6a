package io.ferrite.core;

/**
 * {@link Ticker#SYSTEM}: the JVM's clocks, with wall time derivable from a {@link System#nanoTime()} reading.
 *
 * <p>The derivation anchors a wall-clock reading to a nanoTime reading and re-anchors every
 * {@value #ANCHOR_MILLIS} ms, so clock slewing (at most 0.5 ms per second under NTP) cannot accumulate. A derived
 * time is never ahead of {@link System#currentTimeMillis()} and lags it by less than one millisecond plus the drift
 * since the anchor; after a re-anchor it only moves forward (unless the wall clock is stepped back, which moves
 * {@code currentTimeMillis} back too). Thread-safe: the anchor is one immutable record behind a volatile field.
 */
final class SystemTicker implements Ticker {
    private static final long ANCHOR_MILLIS = 100;
    private static final long ANCHOR_NANOS = ANCHOR_MILLIS * 1_000_000;

    private record Anchor(long nanos, long millis) {}

    private volatile Anchor anchor = anchorNow();

    private static Anchor anchorNow() {
        long millis = System.currentTimeMillis();
        return new Anchor(System.nanoTime(), millis);
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long currentTimeMillis(long systemNanos) {
        Anchor a = anchor;
        long elapsed = systemNanos - a.nanos;
        if (elapsed < 0 || elapsed >= ANCHOR_NANOS) {
            a = anchorNow();
            anchor = a;
            elapsed = Math.max(0, systemNanos - a.nanos);
        }
        return a.millis + elapsed / 1_000_000;
    }
}
