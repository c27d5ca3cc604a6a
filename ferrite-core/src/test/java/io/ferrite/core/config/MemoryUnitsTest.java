package io.ferrite.core.config;

import io.ferrite.core.Ferrite;
import io.ferrite.core.keyspace.EvictionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/** Redis's memory units, as CONFIG SET maxmemory on redis-server 7.0 accepts them. */
class MemoryUnitsTest {
    @ParameterizedTest
    @CsvSource({"0,0", "100,100", "100b,100", "100B,100", "1k,1000", "1K,1000", "1kb,1024", "1Kb,1024",
            "3m,3000000", "100mb,104857600", "2g,2000000000", "1gb,1073741824", "1GB,1073741824",
            "'',0", "mb,0", "18446744073709551616,9223372036854775807", "9000000000gb,9223372036854775807"})
    void parsesRedisUnits(String text, long bytes) {
        assertEquals(bytes, MemoryUnits.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5mb", " 1mb", "1mb ", "1 mb", "1tb", "1kib", "+1", "0x10", "ten"})
    void rejectsWhatRedisRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryUnits.parse(text));
        assertEquals("argument must be a memory value", e.getMessage());
    }

    @Test
    void theBuilderOpensABoundedCacheInOneLine() {
        try (Ferrite f = Ferrite.newBuilder().maxMemory("256mb").evictionPolicy(EvictionPolicy.ALLKEYS_LFU).build()) {
            assertEquals(256L * 1024 * 1024, f.config().maxmemory);
            assertEquals(EvictionPolicy.ALLKEYS_LFU, f.config().maxmemoryPolicy);
        }
    }

    @Test
    void theBuilderRejectsBadAmountsEagerly() {
        for (String bad : new String[] {"", "mb", "256 mb", "-1mb", "lots"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Ferrite.newBuilder().maxMemory(bad), bad);
            assertTrue(e.getMessage().contains("256mb"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Ferrite.newBuilder().maxMemory(-1));
        assertThrows(NullPointerException.class, () -> Ferrite.newBuilder().evictionPolicy(null));
    }
}
