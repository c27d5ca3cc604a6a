package io.ferrite.core;

/**
 * Options of {@code GETEX}: one of {@code EX}, {@code PX}, {@code EXAT}, {@code PXAT} or {@code PERSIST}; the last
 * one set wins. Mutable and not thread-safe: build one per call, e.g. {@code GetExArgs.Builder.ex(10)}.
 */
public final class GetExArgs {
    private static final byte[] EX = Argv.word("EX");
    private static final byte[] PX = Argv.word("PX");
    private static final byte[] EXAT = Argv.word("EXAT");
    private static final byte[] PXAT = Argv.word("PXAT");
    private static final byte[] PERSIST = Argv.word("PERSIST");

    private byte[] option;
    private long value;

    public static final class Builder {
        private Builder() {}

        public static GetExArgs ex(long seconds) { return new GetExArgs().ex(seconds); }
        public static GetExArgs px(long millis) { return new GetExArgs().px(millis); }
        public static GetExArgs exAt(long unixSeconds) { return new GetExArgs().exAt(unixSeconds); }
        public static GetExArgs pxAt(long unixMillis) { return new GetExArgs().pxAt(unixMillis); }
        public static GetExArgs persist() { return new GetExArgs().persist(); }
    }

    public GetExArgs ex(long seconds) { return option(EX, seconds); }
    public GetExArgs px(long millis) { return option(PX, millis); }
    public GetExArgs exAt(long unixSeconds) { return option(EXAT, unixSeconds); }
    public GetExArgs pxAt(long unixMillis) { return option(PXAT, unixMillis); }
    /** Remove the key's time to live. */
    public GetExArgs persist() { return option(PERSIST, 0); }

    private GetExArgs option(byte[] o, long v) {
        option = o;
        value = v;
        return this;
    }

    void appendTo(Argv argv) {
        if (option == null) return;
        argv.add(option);
        if (option != PERSIST) argv.add(value);
    }
}
