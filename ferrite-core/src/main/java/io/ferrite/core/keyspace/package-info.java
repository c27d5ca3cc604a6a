/**
 * The keyspace: databases split into shards, each an open-addressing table with its expiry deadlines and access
 * stamps, guarded by one lock per shard index shared by all databases. Lazy expiry on lookup, active expiry by an
 * incremental walk, SCAN with Redis's reverse-binary cursor guarantee.
 */
package io.ferrite.core.keyspace;
