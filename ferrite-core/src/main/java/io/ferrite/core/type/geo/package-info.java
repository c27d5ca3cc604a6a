/**
 * Geo commands (Redis's {@code geo.c}): a geo set is an ordinary sorted set whose scores are 52-bit interleaved
 * geohashes of WGS84 coordinates, so ZRANGE, ZREM, TYPE and the rest work on it unchanged. {@link
 * io.ferrite.core.type.geo.GeoHash} holds the arithmetic (encoding, neighbour cells, distances) and must stay
 * bit-for-bit with Redis's, since scores, hashes and coordinates are visible in replies.
 */
package io.ferrite.core.type.geo;
