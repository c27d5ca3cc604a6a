package io.ferrite.core;

/**
 * One consumer group as {@code XINFO GROUPS} describes it.
 *
 * @param name            the group's name
 * @param consumers       how many consumers it has
 * @param pending         how many entries are delivered and not acknowledged
 * @param lastDeliveredId the id of the last entry delivered to the group
 * @param entriesRead     the logical read counter of the group; null when unknown
 * @param lag             how many entries are still to be delivered to the group; null when unknown
 */
public record StreamGroupInfo<K>(K name, long consumers, long pending, String lastDeliveredId, Long entriesRead, Long lag) {}
