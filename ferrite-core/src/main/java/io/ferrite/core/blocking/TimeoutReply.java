package io.ferrite.core.blocking;

import io.ferrite.core.ReplySink;

/**
 * What a parked command answers when its timeout passes, when CLIENT UNBLOCK releases it without ERROR, or at once
 * where it cannot wait (inside MULTI): Redis's {@code replyToBlockedClientTimedOut} for its kind of block.
 */
@FunctionalInterface
public interface TimeoutReply {
    /** The list, sorted-set and stream commands of RESP2's {@code *-1} (RESP3 null). */
    TimeoutReply NIL_ARRAY = ReplySink::nilArray;
    /** BLMOVE and BRPOPLPUSH: RESP2's {@code $-1} (RESP3 null). */
    TimeoutReply NIL = ReplySink::nil;

    void write(ReplySink out);
}
