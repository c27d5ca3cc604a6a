/**
 * Redis's generic key commands: existence, deletion, expiry, renaming, moving and copying between databases,
 * iteration (KEYS, SCAN, RANDOMKEY) and OBJECT introspection. Handlers work on any value type through
 * {@link io.ferrite.core.keyspace.Db} and {@link io.ferrite.core.keyspace.RedisValue}; they never lock (the
 * dispatcher holds the shards of their keys, or every shard for keyspace-wide commands).
 */
package io.ferrite.core.keys;
