/**
 * Redis's RDB serialization of single values, as DUMP produces and RESTORE consumes them: a type byte, the value's
 * encoding, the 2-byte little-endian RDB version and a CRC-64 of everything before.
 *
 * <p>{@link io.ferrite.core.rdb.Rdb} reads every value encoding a Redis 7.x server writes (strings raw, integer or
 * LZF-compressed; quicklists of listpacks or ziplists, plain lists; intsets, listpack and generic sets; listpack,
 * ziplist and generic hashes; listpack, ziplist and generic sorted sets; streams with their consumer groups) and
 * writes forms every Redis 7 accepts.
 * Values are rebuilt through the types' own constructors, so their encodings follow this server's thresholds as
 * Redis's loader applies its own. {@code DumpCommands} holds DUMP and RESTORE;
 * {@link io.ferrite.core.rdb.FunctionPayload} is the FUNCTION DUMP / RESTORE payload of function libraries.
 *
 * <p>Everything here is stateless; values are read and built under the lock of their key's shard.
 */
package io.ferrite.core.rdb;
