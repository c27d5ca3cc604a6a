package io.ferrite.core.keyspace;

import java.util.Locale;

/** Redis's {@code maxmemory-policy} values. */
public enum EvictionPolicy {
    NOEVICTION(false, false), ALLKEYS_LRU(false, true), ALLKEYS_LFU(false, true), ALLKEYS_RANDOM(false, false),
    VOLATILE_LRU(true, true), VOLATILE_LFU(true, true), VOLATILE_RANDOM(true, false), VOLATILE_TTL(true, true);

    private final boolean volatileOnly;
    private final boolean sampled;
    private final String configName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    EvictionPolicy(boolean volatileOnly, boolean sampled) {
        this.volatileOnly = volatileOnly;
        this.sampled = sampled;
    }

    /** Evicts only keys with a TTL. */
    public boolean volatileOnly() { return volatileOnly; }

    /** Chooses victims by sampling and ranking (LRU, LFU, TTL) rather than at random. */
    boolean sampled() { return sampled; }

    public boolean isLfu() { return this == ALLKEYS_LFU || this == VOLATILE_LFU; }

    /** The name CONFIG GET shows: {@code allkeys-lru}. */
    public String configName() { return configName; }

    /** Parses a CONFIG value case-insensitively; null if unknown. */
    public static EvictionPolicy parse(String s) {
        for (EvictionPolicy p : values()) if (p.configName.equalsIgnoreCase(s)) return p;
        return null;
    }
}
