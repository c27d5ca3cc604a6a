package io.ferrite.core.keyspace;

/**
 * The access stamp kept per key, in seconds like Redis's LRU clock, for OBJECT IDLETIME and LRU eviction.
 * Wraps every 136 years of uptime; idle times are computed modulo 2^32.
 */
public final class AccessClock {
    private AccessClock() {}

    public static int stamp(long nowMillis) {
        return (int) (nowMillis / 1000);
    }

    public static long idleSeconds(int stamp, long nowMillis) {
        return Integer.toUnsignedLong(stamp(nowMillis) - stamp);
    }
}
