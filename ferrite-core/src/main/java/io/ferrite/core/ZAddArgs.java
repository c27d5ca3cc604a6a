package io.ferrite.core;

/** Options of {@code ZADD}: {@code NX}, {@code XX}, {@code GT}, {@code LT} and {@code CH}; Redis rejects invalid mixes. */
public final class ZAddArgs {
    private static final byte[] NX = Argv.word("NX");
    private static final byte[] XX = Argv.word("XX");
    private static final byte[] GT = Argv.word("GT");
    private static final byte[] LT = Argv.word("LT");
    private static final byte[] CH = Argv.word("CH");

    private boolean nx;
    private boolean xx;
    private boolean gt;
    private boolean lt;
    private boolean ch;

    public static final class Builder {
        private Builder() {}

        public static ZAddArgs nx() { return new ZAddArgs().nx(); }
        public static ZAddArgs xx() { return new ZAddArgs().xx(); }
        public static ZAddArgs gt() { return new ZAddArgs().gt(); }
        public static ZAddArgs lt() { return new ZAddArgs().lt(); }
        public static ZAddArgs ch() { return new ZAddArgs().ch(); }
    }

    /** Only add new members. */
    public ZAddArgs nx() { nx = true; return this; }
    /** Only update existing members. */
    public ZAddArgs xx() { xx = true; return this; }
    /** Only update when the new score is greater. */
    public ZAddArgs gt() { gt = true; return this; }
    /** Only update when the new score is less. */
    public ZAddArgs lt() { lt = true; return this; }
    /** Count changed members, not only added ones. */
    public ZAddArgs ch() { ch = true; return this; }

    void appendTo(Argv argv) {
        if (nx) argv.add(NX);
        if (xx) argv.add(XX);
        if (gt) argv.add(GT);
        if (lt) argv.add(LT);
        if (ch) argv.add(CH);
    }
}
