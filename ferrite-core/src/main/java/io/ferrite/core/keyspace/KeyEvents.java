package io.ferrite.core.keyspace;

/**
 * Where the keyspace reports the deletions it makes on its own (expiry, eviction) and the keys added to it, for
 * keyspace notifications.
 * Called with the key's shard locked: an implementation must only hand the event over.
 */
@FunctionalInterface
public interface KeyEvents {
    /** {@code type} is the event's {@link io.ferrite.core.config.KeyspaceEvents} class, {@code event} its name. */
    void keyEvent(int type, String event, byte[] key, int db);
}
