package io.ferrite.core.pubsub;

import java.util.Arrays;

/** A channel name or pattern as a map key: the bytes (never modified) with their hash cached. */
final class Channel {
    final byte[] name;
    private final int hash;

    Channel(byte[] name) {
        this.name = name;
        this.hash = Arrays.hashCode(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Channel c && c.hash == hash && Arrays.equals(c.name, name);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
