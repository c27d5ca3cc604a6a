package io.ferrite.core.keyspace;

/**
 * Told of each value stored under a key as a new key or in place of another value object (SET, RENAME, COPY, RESTORE,
 * a type's first write ...), under that key's shard lock: commands parked on the key may now be served, as Redis
 * signals a key added to the keyspace. Changes made inside a stored value are not reported.
 */
@FunctionalInterface
public interface KeyStored {
    void keyStored(byte[] key, int db, Object value);
}
