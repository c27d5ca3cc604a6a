package io.ferrite.core;

/**
 * Options of {@code SET}: one expiry ({@code EX}, {@code PX}, {@code EXAT}, {@code PXAT} or {@code KEEPTTL}) and
 * one condition ({@code NX} or {@code XX}). Setting an option of a kind replaces the previous one of that kind.
 * Mutable and not thread-safe: build one per call, e.g. {@code SetArgs.Builder.ex(10).nx()}.
 */
public final class SetArgs {
    private static final byte[] EX = Argv.word("EX");
    private static final byte[] PX = Argv.word("PX");
    private static final byte[] EXAT = Argv.word("EXAT");
    private static final byte[] PXAT = Argv.word("PXAT");
    private static final byte[] KEEPTTL = Argv.word("KEEPTTL");
    private static final byte[] NX = Argv.word("NX");
    private static final byte[] XX = Argv.word("XX");

    private byte[] expiry;
    private long expiryValue;
    private byte[] condition;

    /** Static factories, so that {@code SetArgs.Builder.ex(10)} reads like the command. */
    public static final class Builder {
        private Builder() {}

        public static SetArgs ex(long seconds) { return new SetArgs().ex(seconds); }
        public static SetArgs ex(java.time.Duration timeout) { return new SetArgs().ex(timeout); }
        public static SetArgs px(long millis) { return new SetArgs().px(millis); }
        public static SetArgs px(java.time.Duration timeout) { return new SetArgs().px(timeout); }
        public static SetArgs exAt(long unixSeconds) { return new SetArgs().exAt(unixSeconds); }
        public static SetArgs pxAt(long unixMillis) { return new SetArgs().pxAt(unixMillis); }
        public static SetArgs keepttl() { return new SetArgs().keepttl(); }
        public static SetArgs nx() { return new SetArgs().nx(); }
        public static SetArgs xx() { return new SetArgs().xx(); }
    }

    /** Expire after {@code seconds}. */
    public SetArgs ex(long seconds) { return expiry(EX, seconds); }
    public SetArgs ex(java.time.Duration timeout) { return expiry(EX, timeout.toSeconds()); }
    /** Expire after {@code millis}. */
    public SetArgs px(long millis) { return expiry(PX, millis); }
    public SetArgs px(java.time.Duration timeout) { return expiry(PX, timeout.toMillis()); }
    /** Expire at a Unix time in seconds. */
    public SetArgs exAt(long unixSeconds) { return expiry(EXAT, unixSeconds); }
    /** Expire at a Unix time in milliseconds. */
    public SetArgs pxAt(long unixMillis) { return expiry(PXAT, unixMillis); }
    /** Keep the key's current time to live. */
    public SetArgs keepttl() { return expiry(KEEPTTL, 0); }
    /** Only set the key if it does not exist. */
    public SetArgs nx() { condition = NX; return this; }
    /** Only set the key if it already exists. */
    public SetArgs xx() { condition = XX; return this; }

    private SetArgs expiry(byte[] kind, long value) {
        expiry = kind;
        expiryValue = value;
        return this;
    }

    void appendTo(Argv argv) {
        if (expiry != null) {
            argv.add(expiry);
            if (expiry != KEEPTTL) argv.add(expiryValue);
        }
        if (condition != null) argv.add(condition);
    }
}
