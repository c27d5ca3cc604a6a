/**
 * Streams (Redis's {@code t_stream.c}): entries ordered by their (ms, seq) id, the stream's counters (last generated
 * id, entries added, max deleted id), a model of Redis's listpack nodes so that approximate trimming and XINFO's
 * radix-tree figures answer as Redis does, and consumer groups: per group its last delivered id, its logical read
 * counter (for XINFO's lag), its pending entries list and its consumers, each with its own share of that list.
 */
package io.ferrite.core.type.stream;
