package io.ferrite.core.keyspace;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.*;

/**
 * used_memory against the heap the JVM reports after a full collection. A loose bound on purpose: the heap figure
 * carries some noise (class metadata, the collector's own bookkeeping), but an estimate that forgot an array or
 * counted a value twice would be off by far more than 15%.
 */
class MemoryEstimateTest {
    private static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void theEstimateTracksTheMeasuredHeapWithin15Percent() throws Exception {
        try (Ferrite f = Ferrite.newBuilder().activeExpiry(false).build()) {
            Session s = f.newSession();
            s.call("PING");
            long heapBefore = heapAfterGc();
            long estimateBefore = f.keyspace().usedMemory();
            // Inline strings, strings with their own array, and keys with a TTL.
            for (int i = 0; i < 100_000; i++) s.call("SET", "key:" + i, "value:" + i);
            for (int i = 0; i < 50_000; i++) s.call("SET", "big:" + i, "v".repeat(100) + i);
            for (int i = 0; i < 50_000; i++) s.call("SET", "ttl:" + i, "value:" + i, "EX", "100000");
            long heap = heapAfterGc() - heapBefore;
            long estimate = f.keyspace().usedMemory() - estimateBefore;
            double ratio = estimate / (double) heap;
            assertTrue(ratio > 0.85 && ratio < 1.15, "estimate " + estimate + " vs heap " + heap + ": " + ratio);
            assertEquals(200_000, f.keyspace().db(0).size());
        }
    }
}
