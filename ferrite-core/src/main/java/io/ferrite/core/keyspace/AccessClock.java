package io.ferrite.core.keyspace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The access stamp kept per key, as Redis keeps its 24-bit {@code lru} field: under an LRU (or no) policy, the
 * time of last access in seconds; under an LFU policy, the last decrement time in minutes (16 bits) and a
 * logarithmic access counter (8 bits). Like Redis, a stamp is interpreted by the current policy, so changing the
 * policy makes old stamps meaningless until keys are touched again.
 */
public final class AccessClock {
    private AccessClock() {}

    static final int LFU_INIT_VAL = 5;

    /** The LRU stamp for {@code nowMillis}; wraps every 136 years. */
    public static int lruStamp(long nowMillis) {
        return (int) (nowMillis / 1000);
    }

    public static long idleSeconds(int stamp, long nowMillis) {
        return Integer.toUnsignedLong(lruStamp(nowMillis) - stamp);
    }

    private static int minutes(long nowMillis) {
        return (int) ((nowMillis / 60_000) & 0xFFFF);
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
