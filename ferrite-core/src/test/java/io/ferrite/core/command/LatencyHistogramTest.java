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
        // 0 and 1 us are recorded as Redis's minimum, 1024 ns; 2 us (2000 ns) is under the second bound (2063 ns);
        // 3 us is past it; 8 us (8000 ns) is under 8255 ns; an hour is recorded as Redis's maximum, 1 s.
        for (long us : new long[] {0, 1, 2, 3, 8, 9, 3_600_000_000L}) h.record(us);
        long[] expected = new long[LatencyHistogram.BUCKETS];
        expected[0] = 2;
        expected[1] = 1;
        expected[2] = 1;
        expected[3] = 1;
        expected[4] = 1;
        expected[LatencyHistogram.BUCKETS - 1] = 1;
        assertArrayEquals(expected, h.counts());
        // The last bucket is the one holding 1 s.
        assertEquals(1082130, LatencyHistogram.boundMicros(LatencyHistogram.BUCKETS - 1));
    }
}
