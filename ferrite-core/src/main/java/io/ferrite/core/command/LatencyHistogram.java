package io.ferrite.core.command;

import java.util.concurrent.atomic.LongAdder;

/**
 * A command's latency distribution for LATENCY HISTOGRAM, in the buckets Redis reports: powers of two from 1024 ns,
 * each bucket's bound being the highest value Redis's histogram (two significant digits) stores with it, so
 * {@code L + L/128 - 1} ns for a bucket starting at {@code L}. Redis records at least 1024 ns and at most 1 s.
 *
 * <p>Thread-safe; recording is one striped counter increment.
 */
public final class LatencyHistogram {
    private static final long MIN_NANOS = 1024;
    private static final long MAX_NANOS = 1_000_000_000;
    /** Buckets from 1024 ns to the one holding 1 s. */
    static final int BUCKETS = bucket(MAX_NANOS) + 1;

    private final LongAdder[] counts = new LongAdder[BUCKETS];

    LatencyHistogram() {
        for (int i = 0; i < BUCKETS; i++) counts[i] = new LongAdder();
    }

    /** Records one call that took {@code micros} microseconds. */
    public void record(long micros) {
        long nanos = Math.max(MIN_NANOS, Math.min(MAX_NANOS, micros * 1000));
        counts[bucket(nanos)].increment();
    }

    /** The first bucket {@code k} whose bound {@code L + L/128}, with {@code L = 1024 << k}, is above {@code nanos}. */
    static int bucket(long nanos) {
        int k = Math.max(0, 63 - Long.numberOfLeadingZeros(nanos) - 10);
        long start = MIN_NANOS << k;
        return nanos < start + start / 128 ? k : k + 1;
    }

    /** The upper bound of bucket {@code k} in microseconds, as Redis labels it. */
    public static long boundMicros(int k) {
        long start = MIN_NANOS << k;
        return (start + start / 128 - 1) / 1000;
    }

    /** The calls in each bucket (not cumulative); a snapshot, each count read once. */
    public long[] counts() {
        long[] out = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) out[i] = counts[i].sum();
        return out;
    }
}
