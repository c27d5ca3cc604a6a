package io.ferrite.examples;

import io.ferrite.core.Ticker;

import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that moves only when told to: expiry can be shown (and tested) without sleeping. */
final class ManualClock implements Ticker {
    private final AtomicLong millis;

    ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    void advance(java.time.Duration d) {
        millis.addAndGet(d.toMillis());
    }

    @Override public long currentTimeMillis() { return millis.get(); }

    @Override public long nanoTime() { return millis.get() * 1_000_000L; }
}
