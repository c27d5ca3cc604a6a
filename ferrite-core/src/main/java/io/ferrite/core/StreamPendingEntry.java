package io.ferrite.core;

/**
 * One pending entry of a consumer group, as the extended {@code XPENDING} lists it.
 *
 * @param id            the entry id
 * @param consumer      the consumer it is pending for
 * @param idleMillis    milliseconds since it was last delivered
 * @param deliveryCount how many times it was delivered
 */
public record StreamPendingEntry<K>(String id, K consumer, long idleMillis, long deliveryCount) {}
