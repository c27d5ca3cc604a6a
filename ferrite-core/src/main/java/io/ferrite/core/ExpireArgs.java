package io.ferrite.core;

/**
 * The condition of {@code EXPIRE}, {@code PEXPIRE}, {@code EXPIREAT} and {@code PEXPIREAT}: {@code NX}, {@code XX},
 * {@code GT} or {@code LT}. Each method adds its flag; Redis rejects the combinations it does not allow.
 */
public final class ExpireArgs {
    private static final byte[] NX = Argv.word("NX");
    private static final byte[] XX = Argv.word("XX");
    private static final byte[] GT = Argv.word("GT");
    private static final byte[] LT = Argv.word("LT");

    private boolean nx;
    private boolean xx;
    private boolean gt;
    private boolean lt;

    public static final class Builder {
        private Builder() {}

        public static ExpireArgs nx() { return new ExpireArgs().nx(); }
        public static ExpireArgs xx() { return new ExpireArgs().xx(); }
        public static ExpireArgs gt() { return new ExpireArgs().gt(); }
        public static ExpireArgs lt() { return new ExpireArgs().lt(); }
    }

    /** Only when the key has no expiry. */
    public ExpireArgs nx() { nx = true; return this; }
    /** Only when the key has an expiry. */
    public ExpireArgs xx() { xx = true; return this; }
    /** Only when the new expiry is later than the current one. */
    public ExpireArgs gt() { gt = true; return this; }
    /** Only when the new expiry is earlier than the current one. */
    public ExpireArgs lt() { lt = true; return this; }

    void appendTo(Argv argv) {
        if (nx) argv.add(NX);
        if (xx) argv.add(XX);
        if (gt) argv.add(GT);
        if (lt) argv.add(LT);
    }
}
