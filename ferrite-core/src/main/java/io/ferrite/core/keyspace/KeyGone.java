package io.ferrite.core.keyspace;

/**
 * Told of each key the keyspace deletes by itself (expired, evicted), under that key's shard lock: commands parked
 * on such a key may have to answer (a blocked XREADGROUP whose stream went), as Redis signals deleted keys.
 */
@FunctionalInterface
public interface KeyGone {
    void keyGone(byte[] key, int db);
}
