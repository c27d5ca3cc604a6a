package io.ferrite.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;
import io.ferrite.core.keyspace.EvictionPolicy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hit ratio of a bounded Ferrite (allkeys-lru, allkeys-lfu) beside Caffeine's W-TinyLFU and an exact LRU, on the
 * same seeded Zipfian trace at the same entry budget:
 * {@code java -cp benchmarks.jar io.ferrite.bench.HitRatio [requests] [keys] [skew] [budget ...]}.
 * Each request is a get-or-put: GET, and SET on a miss, through the typed API.
 *
 * <p>Ferrite is bounded in bytes: its maxmemory is calibrated so that it holds {@code budget} keys of the trace's
 * shape, and the number of keys it actually held at the end is printed beside the budget, so the comparison's
 * fairness is visible.
 */
public final class HitRatio {
    /** maxmemory-samples for Ferrite ({@code -Dsamples=10}); Redis's default is 5. */
    private static final int SAMPLES = Integer.getInteger("samples", 5);

    public static void main(String[] args) {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        double skew = args.length > 2 ? Double.parseDouble(args[2]) : 0.99;
        int[] budgets = args.length > 3 ? parseAll(args, 3) : new int[] {1_000, 5_000, 10_000, 25_000};
        int[] trace = zipfTrace(requests, keys, skew, 42);
        System.out.printf("Zipf(%.2f) over %d keys, %d requests, get-or-put; Ferrite maxmemory-samples %d%n",
                skew, keys, requests, SAMPLES);
        System.out.printf("%8s %10s %12s %12s %12s %12s %14s%n",
                "budget", "exact-lru", "ferrite-lru", "ferrite-lfu", "caffeine", "lfu/caffeine", "ferrite keys");
        for (int budget : budgets) {
            double lru = exactLru(trace, budget);
            double caffeine = caffeine(trace, budget);
            long[] lruKeys = new long[1];
            long[] lfuKeys = new long[1];
            double ferriteLru = ferrite(trace, budget, EvictionPolicy.ALLKEYS_LRU, lruKeys);
            double ferriteLfu = ferrite(trace, budget, EvictionPolicy.ALLKEYS_LFU, lfuKeys);
            System.out.printf("%8d %10.4f %12.4f %12.4f %12.4f %12.3f %7d/%-6d%n", budget, lru, ferriteLru, ferriteLfu,
                    caffeine, ferriteLfu / caffeine, lruKeys[0], lfuKeys[0]);
        }
    }

    private static int[] parseAll(String[] args, int from) {
        int[] out = new int[args.length - from];
        for (int i = from; i < args.length; i++) out[i - from] = Integer.parseInt(args[i]);
        return out;
    }

    static String key(int id) {
        return String.format("key:%06d", id);
    }

    static String value(int id) {
        return String.format("value:%010d", id);
    }

    /** Key ids drawn from a Zipf distribution by inverting its cumulative distribution (binary search). */
    static int[] zipfTrace(int requests, int keys, double skew, long seed) {
        double[] cdf = new double[keys];
        double sum = 0;
        for (int i = 0; i < keys; i++) {
            sum += 1 / Math.pow(i + 1, skew);
            cdf[i] = sum;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] trace = new int[requests];
        for (int r = 0; r < requests; r++) {
            double u = random.nextDouble() * sum;
            int lo = 0;
            int hi = keys - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u) lo = mid + 1;
                else hi = mid;
            }
            // Spread popular ids over the id space, so popularity does not follow key order or length.
            trace[r] = (int) ((lo * 2_654_435_761L) % keys);
        }
        return trace;
    }

    static double exactLru(int[] trace, int budget) {
        Map<Integer, Boolean> lru = new LinkedHashMap<>(budget * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                return size() > budget;
            }
        };
        long hits = 0;
        for (int id : trace) {
            if (lru.get(id) != null) hits++;
            else lru.put(id, Boolean.TRUE);
        }
        return hits / (double) trace.length;
    }

    static double caffeine(int[] trace, int budget) {
        Cache<String, String> cache = Caffeine.newBuilder().maximumSize(budget).executor(Runnable::run).build();
        long hits = 0;
        for (int id : trace) {
            String k = key(id);
            if (cache.getIfPresent(k) != null) hits++;
            else cache.put(k, value(id));
        }
        return hits / (double) trace.length;
    }

    static double ferrite(int[] trace, int budget, EvictionPolicy policy, long[] keysHeld) {
        long maxmemory = calibrate(trace, budget, policy);
        try (Ferrite ferrite = bounded(maxmemory, policy)) {
            double ratio = run(ferrite.connect(), trace, trace.length);
            keysHeld[0] = ferrite.keyspace().db(0).size();
            return ratio;
        }
    }

    private static Ferrite bounded(long maxmemory, EvictionPolicy policy) {
        return Ferrite.newBuilder().activeExpiry(false).maxMemory(maxmemory).evictionPolicy(policy)
                .configure(c -> c.maxmemorySamples = SAMPLES).build();
    }

    private static double run(FerriteCommands<String, String> c, int[] trace, int requests) {
        long hits = 0;
        for (int r = 0; r < requests; r++) {
            String k = key(trace[r]);
            if (c.get(k) != null) hits++;
            else c.set(k, value(trace[r]));
        }
        return hits / (double) requests;
    }

    /**
     * The maxmemory at which Ferrite holds {@code budget} keys of the trace once full. used_memory includes the
     * shards' tables, whose size depends on how keys spread and come and go, so the bound is found by replaying
     * the head of the trace and correcting by the marginal bytes of one entry until the key count matches.
     */
    private static long calibrate(int[] trace, int budget, EvictionPolicy policy) {
        long maxmemory;
        long perEntry;
        try (Ferrite empty = Ferrite.newBuilder().activeExpiry(false).build()) {
            long base = empty.keyspace().usedMemory();
            FerriteCommands<String, String> c = empty.connect();
            for (int i = 0; i < budget; i++) c.set(key(900_000 + i % 100_000), value(i));
            maxmemory = empty.keyspace().usedMemory();
            perEntry = (maxmemory - base) / budget;
        }
        int head = trace.length;
        for (int round = 0; round < 6; round++) {
            try (Ferrite ferrite = bounded(maxmemory, policy)) {
                run(ferrite.connect(), trace, head);
                long held = ferrite.keyspace().db(0).size();
                if (Math.abs(held - budget) <= budget / 200) break;
                maxmemory += (budget - held) * perEntry;
            }
        }
        return maxmemory;
    }
}
