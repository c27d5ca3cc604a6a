package io.ferrite.core.command;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyHistogramTest {

    @Test
    void bucketBoundsAreRedisLabels() {
        List<Long> bounds = new ArrayList<>();
        for (int k = 0; k < 12; k++) bounds.add(LatencyHistogram.boundMicros(k));
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 33L, 66L, 132L, 264L, 528L, 1056L, 2113L), bounds);
    }

    @Test
    void durationsLandInTheFirstBucketHoldingThem() {
        LatencyHistogram h = new LatencyHistogram();
        // 0 us is recorded as Redis's minimum, 1 ns, and 1 us is under the first bound (1031 ns); 2 us (2000 ns) is under
        // the second bound (2063 ns);
        // 3 us is past it; 8 us (8000 ns) is under 8255 ns; an hour is recorded as Redis's maximum, 1 s.
        for (long us : new long[] {0, 1, 2, 3, 8, 9, 3_600_000_000L}) h.record(us);
        long[] expected = new long[LatencyHistogram.BUCKETS];
        expected[0] = 2;
        expected[1] = 1;
        expected[2] = 1;
        expected[3] = 1;
        expected[4] = 1;
        expected[LatencyHistogram.BUCKETS - 1] = 1;
        assertArrayEquals(expected, h.snapshot().buckets());
        // The last bucket is the one holding 1 s.
        assertEquals(1082130, LatencyHistogram.boundMicros(LatencyHistogram.BUCKETS - 1));
    }

    @Test
    void percentilesAreTheHighestValueOfRedisSubBuckets() {
        // Figures read from redis-server 7.0's INFO latencystats for the same recorded microseconds.
        LatencyHistogram h = new LatencyHistogram();
        h.record(4);
        h.record(49);
        LatencyHistogram.Snapshot s = h.snapshot();
        assertEquals(2, s.total());
        assertEquals(4015, s.valueAtPercentile(50));
        assertEquals(49151, s.valueAtPercentile(99));
        assertEquals(49151, s.valueAtPercentile(99.9));
        assertEquals(4000, s.valueAtPercentile(0), "percentile 0 is the lowest value of its sub-bucket");
        assertEquals(4015, s.valueAtPercentile(10));

        assertEquals(1, median(0), "a call under a microsecond is recorded as 1 ns");
        assertEquals(1003, median(1));
        assertEquals(14015, median(14));
        assertEquals(26111, median(26));
        assertEquals(106495, median(106));
        assertEquals(1_002_438_655, median(3_600_000_000L), "recorded as at most 1 s");
    }

    private static long median(long micros) {
        LatencyHistogram h = new LatencyHistogram();
        h.record(micros);
        return h.snapshot().valueAtPercentile(50);
    }
}
