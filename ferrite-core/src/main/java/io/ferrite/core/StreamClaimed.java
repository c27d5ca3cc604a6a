package io.ferrite.core;

import java.util.List;

/**
 * What {@link FerriteCommands#xautoclaim} claimed.
 *
 * @param nextId     the id to continue the scan of the pending entries from; {@code 0-0} once it went through them
 * @param messages   the claimed entries, now pending for the claiming consumer (null bodies with {@code JUSTID})
 * @param deletedIds pending ids whose entries were deleted from the stream, removed from the pending entries
 */
public record StreamClaimed<K, V>(String nextId, List<StreamMessage<K, V>> messages, List<String> deletedIds) {}
