package io.ferrite.net;

/**
 * One class of Redis's {@code client-output-buffer-limit}: a client whose unsent output exceeds {@code hardBytes}
 * is disconnected at once; one that stays above {@code softBytes} for {@code softMillis} is disconnected then.
 * 0 disables a limit.
 */
record OutputLimit(long hardBytes, long softBytes, long softMillis) {
    /** Redis's default for pub/sub clients: {@code pubsub 32mb 8mb 60}. */
    static final OutputLimit PUBSUB_DEFAULT = new OutputLimit(32L << 20, 8L << 20, 60_000);

    OutputLimit {
        if (hardBytes < 0 || softBytes < 0 || softMillis < 0) {
            throw new IllegalArgumentException("negative output buffer limit");
        }
    }
}
