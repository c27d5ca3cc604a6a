/**
 * Redis's RDB serialization: single values as DUMP produces and RESTORE consumes them (a type byte, the value's
 * encoding, the 2-byte little-endian RDB version and a CRC-64 of everything before), and whole snapshot files.
 *
 * <p>{@link io.ferrite.core.rdb.Rdb} reads every value encoding a Redis 7.x server writes (strings raw, integer or
 * LZF-compressed; quicklists of listpacks or ziplists, plain lists; intsets, listpack and generic sets; listpack,
 * ziplist and generic hashes; listpack, ziplist and generic sorted sets; streams with their consumer groups) and
 * writes forms every Redis 7 accepts.
 * Values are rebuilt through the types' own constructors, so their encodings follow this server's thresholds as
 * Redis's loader applies its own. {@code DumpCommands} holds DUMP and RESTORE;
 * {@link io.ferrite.core.rdb.FunctionPayload} is the FUNCTION DUMP / RESTORE payload of function libraries.
 *
 * <p>{@link io.ferrite.core.rdb.RdbFile} writes and reads whole files in Redis 7.0's layout (RDB version 10) through
 * the same value codec; {@link io.ferrite.core.rdb.Snapshots} is an engine's snapshot state ({@code dir},
 * {@code dbfilename}, {@code save} rules, INFO persistence counters) and {@code SaveCommands} holds SAVE, BGSAVE and
 * LASTSAVE. SAVE holds every shard lock and so writes one point in time; BGSAVE, having no fork, serializes one
 * shard index at a time under that shard's lock in a background thread: each key is saved as it was at one moment,
 * but keys of different shards may be saved at different moments.
 *
 * <p>The codecs are stateless; values are read and built under the lock of their key's shard.
 */
package io.ferrite.core.rdb;
