package io.ferrite.core;

/**
 * Options of {@code XCLAIM}: the minimum idle time an entry must have to be claimed, and how the claimed entries'
 * delivery is recorded ({@code IDLE}, {@code TIME}, {@code RETRYCOUNT}), {@code FORCE} to claim ids no consumer has
 * pending, {@code JUSTID} to answer ids only (without counting a new delivery).
 */
public class XClaimArgs {
    private static final byte[] IDLE = Argv.word("IDLE");
    private static final byte[] TIME = Argv.word("TIME");
    private static final byte[] RETRYCOUNT = Argv.word("RETRYCOUNT");
    private static final byte[] FORCE = Argv.word("FORCE");
    private static final byte[] JUSTID = Argv.word("JUSTID");

    private long minIdleMillis;
    private Long idleMillis;
    private Long timeMillis;
    private Long retryCount;
    private boolean force;
    private boolean justId;

    /** Claim only entries delivered at least {@code millis} ago (0, the default: any). */
    public XClaimArgs minIdleTime(long millis) { minIdleMillis = millis; return this; }
    /** {@code IDLE}: record the claimed entries as delivered {@code millis} ago. */
    public XClaimArgs idle(long millis) { idleMillis = millis; return this; }
    /** {@code TIME}: record the claimed entries as delivered at Unix time {@code unixMillis}. */
    public XClaimArgs time(long unixMillis) { timeMillis = unixMillis; return this; }
    /** {@code RETRYCOUNT}: set the claimed entries' delivery count to {@code count}. */
    public XClaimArgs retryCount(long count) { retryCount = count; return this; }
    /** {@code FORCE}: claim ids of the stream that no consumer has pending too. */
    public XClaimArgs force() { force = true; return this; }
    /** {@code JUSTID}: answer the claimed ids only (their messages have a null body); the delivery count stays. */
    public XClaimArgs justid() { justId = true; return this; }

    long minIdleMillis() { return minIdleMillis; }
    boolean justId() { return justId; }

    void appendOptionsTo(Argv argv) {
        if (idleMillis != null) argv.add(IDLE).add(Argv.number(idleMillis));
        if (timeMillis != null) argv.add(TIME).add(Argv.number(timeMillis));
        if (retryCount != null) argv.add(RETRYCOUNT).add(Argv.number(retryCount));
        if (force) argv.add(FORCE);
        if (justId) argv.add(JUSTID);
    }
}
