package io.ferrite.core;

/**
 * One consumer of a group as {@code XINFO CONSUMERS} describes it.
 *
 * @param name           the consumer's name
 * @param pending        how many entries are pending for it
 * @param idleMillis     milliseconds since it last read or claimed (even nothing)
 * @param inactiveMillis milliseconds since it last got entries; -1 if it never did
 */
public record StreamConsumerInfo<K>(K name, long pending, long idleMillis, long inactiveMillis) {}
