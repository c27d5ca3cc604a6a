package io.ferrite.core;

/** Options of {@code COPY}: {@code DB destination-db} and {@code REPLACE}. */
public final class CopyArgs {
    private static final byte[] DB = Argv.word("DB");
    private static final byte[] REPLACE = Argv.word("REPLACE");

    private long destinationDb = -1;
    private boolean replace;

    public static final class Builder {
        private Builder() {}

        public static CopyArgs destinationDb(long db) { return new CopyArgs().destinationDb(db); }
        public static CopyArgs replace(boolean replace) { return new CopyArgs().replace(replace); }
    }

    /** Copy into database {@code db} instead of the connection's. */
    public CopyArgs destinationDb(long db) { destinationDb = db; return this; }
    /** Overwrite the destination if it exists. */
    public CopyArgs replace(boolean replace) { this.replace = replace; return this; }

    void appendTo(Argv argv) {
        if (destinationDb >= 0) argv.add(DB).add(destinationDb);
        if (replace) argv.add(REPLACE);
    }
}
