/**
 * The sorted set type (Redis's {@code t_zset.c}): {@link io.ferrite.core.type.zset.ZSetValue} in its
 * {@code listpack} (sorted parallel arrays) or {@code skiplist} (a counted B+tree plus a member-to-score table)
 * encoding, and {@link io.ferrite.core.type.zset.ZSetCommands}. Every range (by rank, score or lex) is resolved
 * to a rank interval in O(log n), then walked.
 */
package io.ferrite.core.type.zset;
