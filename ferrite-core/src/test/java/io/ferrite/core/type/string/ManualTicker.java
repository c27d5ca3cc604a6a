package io.ferrite.core.type.string;

import io.ferrite.core.Ticker;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. */
final class ManualTicker implements Ticker {
    private final AtomicLong millis;

    ManualTicker(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    void advance(long ms) {
        millis.addAndGet(ms);
    }

    @Override public long currentTimeMillis() { return millis.get(); }
    @Override public long nanoTime() { return millis.get() * 1_000_000; }
}
