package io.ferrite.bench;

import io.ferrite.core.Ferrite;
import io.ferrite.core.ReplySink;
import io.ferrite.core.Session;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Heap per key after a full GC, for the data sets Redis's {@code used_memory} is compared on:
 * {@code java -cp benchmarks.jar io.ferrite.bench.MemoryFootprint [scenario ...]}. Scenarios: {@code strings}
 * (1M {@code key:N -> value:N}), {@code strings-ttl} (the same with EX), {@code hash}, {@code set}, {@code zset}
 * (1M fields or members in one key). Prints measured heap per element beside the engine's own estimate, so the
 * estimate's error is visible too. Run with a fixed heap ({@code -Xms4g -Xmx4g}) and nothing else in the JVM.
 */
public final class MemoryFootprint {
    private static final int N = Integer.getInteger("n", 1_000_000);

    public static void main(String[] args) throws Exception {
        List<String> scenarios = args.length > 0 ? List.of(args) : List.of("strings", "strings-ttl", "hash", "set", "zset", "list");
        System.out.printf("%-12s %10s %14s %16s %10s%n", "scenario", "elements", "heap B/elem", "estimate B/elem", "est/heap");
        for (String scenario : scenarios) run(scenario);
    }

    private static void run(String scenario) throws Exception {
        Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build();
        Session session = ferrite.newSession();
        ReplySink sink = new DiscardSink();
        long before = heapAfterGc();
        long estimateBefore = ferrite.keyspace().usedMemory();
        for (int i = 0; i < N; i++) {
            byte[][] argv = command(scenario, i);
            if (argv == null) {
                System.out.printf("%-12s skipped: unknown scenario%n", scenario);
                return;
            }
            session.execute(argv, argv.length, sink);
        }
        long after = heapAfterGc();
        long estimate = ferrite.keyspace().usedMemory() - estimateBefore;
        double heapPer = (after - before) / (double) N;
        double estPer = estimate / (double) N;
        System.out.printf("%-12s %10d %14.1f %16.1f %10.2f%n", scenario, N, heapPer, estPer, estPer / heapPer);
        // Keep the engine reachable until measured.
        if (ferrite.keyspace().db(0).size() < 0) System.out.println();
        ferrite.close();
    }

    private static byte[][] command(String scenario, int i) {
        return switch (scenario) {
            case "strings" -> argv("SET", "key:" + i, "value:" + i);
            case "strings-ttl" -> argv("SET", "key:" + i, "value:" + i, "EX", "100000");
            case "hash" -> argv("HSET", "hash", "field:" + i, "value:" + i);
            case "set" -> argv("SADD", "set", "member:" + i);
            case "zset" -> argv("ZADD", "zset", Integer.toString(i), "member:" + i);
            case "list" -> argv("RPUSH", "list", "element:" + i);
            default -> null;
        };
    }

    private static byte[][] argv(String... words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) out[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        return out;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
