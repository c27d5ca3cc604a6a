package io.ferrite.core.command;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A command's latency distribution, kept as Redis keeps it: an HDR histogram of nanoseconds with two significant
 * digits, so a value in {@code [2^k, 2^(k+1))} (k ≥ 8) falls in one of 128 sub-buckets of {@code 2^(k-7)} ns and a
 * value under 256 has its own. Redis records whole microseconds times 1000, at least 1 ns (a call under a
 * microsecond) and at most 1 s. From it come INFO latencystats' percentiles (each sub-bucket's highest value, as {@code hdr_value_at_percentile}) and LATENCY HISTOGRAM's
 * power-of-two buckets from 1024 ns, each bounded by the highest value stored with it: {@code L + L/128 - 1} ns for
 * a bucket starting at {@code L}.
 *
 * <p>Thread-safe; recording is one striped counter increment. A sub-bucket's counter is made on its first use, so
 * a command costs only the slots its latencies reach.
 */
public final class LatencyHistogram {
    private static final long MIN_NANOS = 1;
    private static final long MAX_NANOS = 1_000_000_000;
    /** Where LATENCY HISTOGRAM's first bucket starts (it holds everything below too). */
    private static final long FIRST_BUCKET_NANOS = 1024;
    private static final int HALF_SUB_BUCKETS_MAGNITUDE = 7;
    private static final int HALF_SUB_BUCKETS = 1 << HALF_SUB_BUCKETS_MAGNITUDE;
    private static final int FIRST_INDEX = index(MIN_NANOS);
    private static final int SLOTS = index(MAX_NANOS) - FIRST_INDEX + 1;
    /** LATENCY HISTOGRAM's buckets from 1024 ns to the one holding 1 s. */
    static final int BUCKETS = bucket(MAX_NANOS) + 1;

    private final AtomicReferenceArray<LongAdder> counts = new AtomicReferenceArray<>(SLOTS);

    LatencyHistogram() {}

    /** Records one call that took {@code micros} microseconds. */
    public void record(long micros) {
        long nanos = Math.max(MIN_NANOS, Math.min(MAX_NANOS, micros * 1000));
        int slot = index(nanos) - FIRST_INDEX;
        LongAdder n = counts.get(slot);
        if (n == null) {
            counts.compareAndSet(slot, null, new LongAdder());
            n = counts.get(slot);
        }
        n.increment();
    }

    /** The HDR counts index of {@code nanos}: its power-of-two bucket, then its sub-bucket there. */
    private static int index(long nanos) {
        int bucket = 63 - Long.numberOfLeadingZeros(nanos | (2 * HALF_SUB_BUCKETS - 1)) - HALF_SUB_BUCKETS_MAGNITUDE;
        int sub = (int) (nanos >>> bucket);
        return ((bucket + 1) << HALF_SUB_BUCKETS_MAGNITUDE) + sub - HALF_SUB_BUCKETS;
    }

    /** The power-of-two bucket of an index; the first 256 values share bucket 0, one value per index. */
    private static int bucketOf(int index) {
        return Math.max(0, (index >> HALF_SUB_BUCKETS_MAGNITUDE) - 1);
    }

    private static long lowestValue(int index) {
        if (index < HALF_SUB_BUCKETS) return index;
        long sub = (index & (HALF_SUB_BUCKETS - 1)) + HALF_SUB_BUCKETS;
        return sub << bucketOf(index);
    }

    private static long highestValue(int index) {
        return lowestValue(index) + (1L << bucketOf(index)) - 1;
    }

    /** The first LATENCY HISTOGRAM bucket {@code k} whose bound {@code L + L/128}, {@code L = 1024 << k}, is above {@code nanos}. */
    static int bucket(long nanos) {
        int k = Math.max(0, 63 - Long.numberOfLeadingZeros(nanos) - 10);
        long start = FIRST_BUCKET_NANOS << k;
        return nanos < start + start / 128 ? k : k + 1;
    }

    /** The upper bound of LATENCY HISTOGRAM bucket {@code k} in microseconds, as Redis labels it. */
    public static long boundMicros(int k) {
        long start = FIRST_BUCKET_NANOS << k;
        return (start + start / 128 - 1) / 1000;
    }

    /** The counts now. */
    public Snapshot snapshot() {
        long[] slots = new long[SLOTS];
        long total = 0;
        for (int i = 0; i < SLOTS; i++) {
            LongAdder n = counts.get(i);
            if (n != null) total += slots[i] = n.sum();
        }
        return new Snapshot(slots, total);
    }

    /** Counts read at one moment (each counter once, so not an atomic view of concurrent recording); immutable. */
    public static final class Snapshot {
        private final long[] slots;
        private final long total;

        private Snapshot(long[] slots, long total) {
            this.slots = slots;
            this.total = total;
        }

        public long total() {
            return total;
        }

        /** The calls in each LATENCY HISTOGRAM bucket (not cumulative). */
        public long[] buckets() {
            long[] out = new long[BUCKETS];
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != 0) out[bucket(lowestValue(FIRST_INDEX + i))] += slots[i];
            }
            return out;
        }

        /**
         * {@code hdr_value_at_percentile}: the highest value of the sub-bucket where the running count reaches
         * {@code percentile} of the calls (rounded half up, at least one call); its lowest value for percentile 0.
         */
        public long valueAtPercentile(double percentile) {
            long wanted = Math.max(1, (long) (Math.min(percentile, 100.0) / 100 * total + 0.5));
            long running = 0;
            for (int i = 0; i < slots.length; i++) {
                running += slots[i];
                if (running >= wanted) {
                    return percentile == 0 ? lowestValue(FIRST_INDEX + i) : highestValue(FIRST_INDEX + i);
                }
            }
            return 0;
        }
    }
}
