package io.ferrite.examples;

import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;
import io.ferrite.core.KeyValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Page-view counters incremented from many threads through one shared {@link FerriteCommands}: every
 * {@code INCR} is atomic, so no update is lost and the totals add up without any locking in the application.
 */
public final class CountersExample {

    public static void main(String[] args) throws Exception {
        int threads = 8;
        int viewsPerThread = 10_000;
        String[] pages = {"views:/", "views:/pricing", "views:/docs"};
        try (Ferrite ferrite = Ferrite.newBuilder().build()) {
            FerriteCommands<String, String> redis = ferrite.connect();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int worker = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < viewsPerThread; i++) redis.incr(pages[(worker + i) % pages.length]);
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdown();
            }
            long total = 0;
            for (KeyValue<String, String> kv : redis.mget(pages)) {
                System.out.println(kv.key() + " = " + kv.value());
                total += Long.parseLong(kv.value());
            }
            System.out.println("total = " + total);
            Check.equal((long) threads * viewsPerThread, total, "total views");
        }
    }
}
