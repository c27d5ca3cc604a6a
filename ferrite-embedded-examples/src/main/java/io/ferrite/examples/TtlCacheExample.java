package io.ferrite.examples;

import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;
import io.ferrite.core.SetArgs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A read-through cache with a time to live: look the key up, on a miss load the value from the slow source and
 * store it with {@code SET key value EX seconds}. An injected clock shows the entry expiring without waiting.
 */
public final class TtlCacheExample {

    /** Cache-aside over a loader; thread-safe because {@link FerriteCommands} is. */
    static final class ReadThroughCache {
        private final FerriteCommands<String, String> redis;
        private final Function<String, String> loader;
        private final Duration ttl;

        ReadThroughCache(FerriteCommands<String, String> redis, Function<String, String> loader, Duration ttl) {
            this.redis = redis;
            this.loader = loader;
            this.ttl = ttl;
        }

        String get(String key) {
            String cached = redis.get(key);
            if (cached != null) return cached;
            String loaded = loader.apply(key);
            redis.set(key, loaded, SetArgs.Builder.ex(ttl));
            return loaded;
        }
    }

    public static void main(String[] args) {
        ManualClock clock = new ManualClock(System.currentTimeMillis());
        try (Ferrite ferrite = Ferrite.newBuilder().ticker(clock).activeExpiry(false).build()) {
            FerriteCommands<String, String> redis = ferrite.connect();
            AtomicInteger loads = new AtomicInteger();
            ReadThroughCache cache = new ReadThroughCache(redis, key -> {
                loads.incrementAndGet();
                return "profile of " + key.substring("user:".length());
            }, Duration.ofMinutes(5));

            System.out.println(cache.get("user:42"));                        // loads
            System.out.println(cache.get("user:42"));                        // hit
            Check.equal(1, loads.get(), "loads before expiry");
            System.out.println("ttl = " + redis.ttl("user:42") + "s");
            Check.equal(300L, redis.ttl("user:42"), "ttl");

            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            Check.equal(null, redis.get("user:42"), "value after expiry");
            System.out.println(cache.get("user:42"));                        // reloads
            Check.equal(2, loads.get(), "loads after expiry");
        }
    }
}
