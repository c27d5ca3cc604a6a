package io.ferrite.core.keyspace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The LFU counter that OBJECT FREQ reports and LFU eviction ranks by, and the LRU idle time. */
class AccessClockTest {
    // On a minute boundary: LFU decay periods are whole minutes of the clock, as in Redis.
    private static final long T0 = 28_333_333L * 60_000;
    private static final long MINUTE = 60_000;

    @Test
    void aNewKeyStartsAtFiveSoThatItIsNotEvictedAtOnce() {
        assertEquals(5, AccessClock.frequency(AccessClock.initial(true, T0), 1, T0));
    }

    @Test
    void withLogFactorZeroEveryAccessCountsUpTo255() {
        int stamp = AccessClock.initial(true, T0);
        for (int i = 0; i < 10; i++) stamp = AccessClock.touched(stamp, true, 0, 1, T0);
        assertEquals(15, AccessClock.frequency(stamp, 1, T0));
        for (int i = 0; i < 1000; i++) stamp = AccessClock.touched(stamp, true, 0, 1, T0);
        assertEquals(255, AccessClock.frequency(stamp, 1, T0));
    }

    @Test
    void theCounterGrowsLogarithmicallyWithTheDefaultFactor() {
        int stamp = AccessClock.initial(true, T0);
        stamp = AccessClock.touched(stamp, true, 10, 1, T0);
        assertEquals(6, AccessClock.frequency(stamp, 1, T0), "the first access above the initial value always counts");
        for (int i = 1; i < 1000; i++) stamp = AccessClock.touched(stamp, true, 10, 1, T0);
        int counter = AccessClock.frequency(stamp, 1, T0);
        // Redis documents about 18 for 1000 hits at factor 10; the increments are random.
        assertTrue(counter >= 12 && counter <= 25, "counter after 1000 hits: " + counter);
    }

    @Test
    void theCounterDecaysByOnePerDecayPeriodWithoutGoingNegative() {
        int stamp = AccessClock.initial(true, T0);
        for (int i = 0; i < 5; i++) stamp = AccessClock.touched(stamp, true, 0, 1, T0);
        assertEquals(10, AccessClock.frequency(stamp, 1, T0));
        assertEquals(7, AccessClock.frequency(stamp, 1, T0 + 3 * MINUTE));
        assertEquals(9, AccessClock.frequency(stamp, 2, T0 + 3 * MINUTE));
        assertEquals(10, AccessClock.frequency(stamp, 0, T0 + 300 * MINUTE), "lfu-decay-time 0 never decays");
        assertEquals(0, AccessClock.frequency(stamp, 1, T0 + 60 * MINUTE));
        // An access applies the decay due, then counts, and restarts the decay period.
        int later = AccessClock.touched(stamp, true, 0, 1, T0 + 3 * MINUTE);
        assertEquals(8, AccessClock.frequency(later, 1, T0 + 3 * MINUTE));
        assertEquals(8, AccessClock.frequency(later, 1, T0 + 3 * MINUTE + 59_000));
    }

    @Test
    void lruStampsGiveIdleSeconds() {
        int stamp = AccessClock.initial(false, T0);
        assertEquals(0, AccessClock.idleSeconds(stamp, T0 + 999));
        assertEquals(42, AccessClock.idleSeconds(stamp, T0 + 42_000));
        assertEquals(0, AccessClock.idleSeconds(AccessClock.touched(stamp, false, 10, 1, T0 + 42_000), T0 + 42_000));
    }
}
