package io.ferrite.core;

import java.util.Map;

/**
 * XPENDING's summary of a consumer group's pending entries.
 *
 * @param count     how many entries are delivered and not acknowledged
 * @param lowestId  the lowest pending id, null when none is pending
 * @param highestId the highest pending id, null when none is pending
 * @param consumers pending entries per consumer holding some, in consumer name order
 */
public record StreamPendingSummary<K>(long count, String lowestId, String highestId, Map<K, Long> consumers) {}
