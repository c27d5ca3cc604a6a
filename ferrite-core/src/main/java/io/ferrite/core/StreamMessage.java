package io.ferrite.core;

import java.util.Map;

/**
 * One stream entry as {@link FerriteCommands#xrange} and {@link FerriteCommands#xread} return it.
 *
 * @param stream the stream's key
 * @param id     the entry id, {@code ms-seq}
 * @param body   its fields and values in the order they were added; null for an entry XREADGROUP replays from a
 *               consumer's history that was deleted since
 */
public record StreamMessage<K, V>(K stream, String id, Map<K, V> body) {}
