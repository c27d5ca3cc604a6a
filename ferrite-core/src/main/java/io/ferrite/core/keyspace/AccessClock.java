package io.ferrite.core.keyspace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The access stamp kept per key, as Redis keeps its 24-bit {@code lru} field: under an LRU (or no) policy, the
 * time of last access in units of {@value #LRU_UNIT_MILLIS} ms; under an LFU policy, the last decrement time in
 * minutes (16 bits) and a logarithmic access counter (8 bits). Like Redis, a stamp is interpreted by the current
 * policy, so changing the policy makes old stamps meaningless until keys are touched again.
 *
 * <p>Redis's LRU clock ticks once a second and wraps after 194 days. Ferrite has 32 bits, and spends them on
 * resolution rather than range: 4 ms units wrap after 198 days, and keep the order of accesses that fall within
 * one second. At a second's resolution every key touched in the current second looks equally recent, so a cache
 * serving many thousands of requests a second evicts nearly at random among them. On the Zipfian hit-ratio
 * benchmark ({@code io.ferrite.bench.HitRatio}) the finer clock took sampled allkeys-lru from 2.5-5.5 points
 * below an exact LRU to within 1.
 */
public final class AccessClock {
    private AccessClock() {}

    static final int LFU_INIT_VAL = 5;
    static final int LRU_UNIT_MILLIS = 4;

    /** The LRU stamp for {@code nowMillis}. */
    public static int lruStamp(long nowMillis) {
        return (int) (nowMillis / LRU_UNIT_MILLIS);
    }

    /** Seconds since the access that left {@code stamp} (OBJECT IDLETIME), modulo the clock's 198-day wrap. */
    public static long idleSeconds(int stamp, long nowMillis) {
        return Integer.toUnsignedLong(lruStamp(nowMillis) - stamp) * LRU_UNIT_MILLIS / 1000;
    }

    /** The LRU victim score: idle time in clock units, finer than {@link #idleSeconds}. */
    static long idleUnits(int stamp, long nowMillis) {
        return Integer.toUnsignedLong(lruStamp(nowMillis) - stamp);
    }

    private static int minutes(long nowMillis) {
        return (int) ((nowMillis / 60_000) & 0xFFFF);
    }

    /** The LRU stamp of a key last accessed {@code idleSeconds} before {@code nowMillis} (RESTORE ... IDLETIME). */
    public static int lruStampIdle(long idleSeconds, long nowMillis) {
        long millis = idleSeconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : idleSeconds * 1000;
        return lruStamp(nowMillis) - (int) Math.min(millis / LRU_UNIT_MILLIS, Integer.MAX_VALUE);
    }

    /** The LFU stamp of a key with access counter {@code frequency}, decremented now (RESTORE ... FREQ). */
    public static int lfuStamp(int frequency, long nowMillis) {
        return (minutes(nowMillis) << 8) | (frequency & 0xFF);
    }

    /** A new key's stamp. */
    static int initial(boolean lfu, long nowMillis) {
        return lfu ? (minutes(nowMillis) << 8) | LFU_INIT_VAL : lruStamp(nowMillis);
    }

    /** The stamp after an access. */
    static int touched(int stamp, boolean lfu, int logFactor, int decayTime, long nowMillis) {
        if (!lfu) return lruStamp(nowMillis);
        int counter = frequency(stamp, decayTime, nowMillis);
        if (counter < 255) {
            double base = Math.max(0, counter - LFU_INIT_VAL);
            double p = 1.0 / (base * logFactor + 1);
            if (ThreadLocalRandom.current().nextDouble() < p) counter++;
        }
        return (minutes(nowMillis) << 8) | counter;
    }

    /** The LFU counter of a stamp after the decay due since its last decrement (OBJECT FREQ). */
    public static int frequency(int stamp, int decayTime, long nowMillis) {
        int last = (stamp >>> 8) & 0xFFFF;
        int counter = stamp & 0xFF;
        int now = minutes(nowMillis);
        int elapsed = now >= last ? now - last : 65535 - last + now;
        int periods = decayTime > 0 ? elapsed / decayTime : 0;
        return periods >= counter ? 0 : counter - periods;
    }
}
