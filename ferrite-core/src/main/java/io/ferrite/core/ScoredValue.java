package io.ferrite.core;

/** A sorted set member with its score. */
public record ScoredValue<V>(double score, V value) {}
