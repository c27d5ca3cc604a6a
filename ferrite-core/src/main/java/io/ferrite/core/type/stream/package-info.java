/**
 * Streams (Redis's {@code t_stream.c}) without consumer groups: entries ordered by their (ms, seq) id, the stream's
 * counters (last generated id, entries added, max deleted id), and a model of Redis's listpack nodes so that
 * approximate trimming and XINFO's radix-tree figures answer as Redis does.
 */
package io.ferrite.core.type.stream;
