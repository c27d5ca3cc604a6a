package io.ferrite.core;

/** Options of {@code XAUTOCLAIM}: how many pending entries to claim at most ({@code COUNT}), and {@code JUSTID}. */
public class XAutoClaimArgs {
    private static final byte[] COUNT = Argv.word("COUNT");
    private static final byte[] JUSTID = Argv.word("JUSTID");

    private Long count;
    private boolean justId;

    /** {@code COUNT}: claim at most {@code count} entries (Redis's default: 100). */
    public XAutoClaimArgs count(long count) { this.count = count; return this; }
    /** {@code JUSTID}: answer the claimed ids only (their messages have a null body); the delivery count stays. */
    public XAutoClaimArgs justid() { justId = true; return this; }

    boolean justId() { return justId; }

    void appendOptionsTo(Argv argv) {
        if (count != null) argv.add(COUNT).add(Argv.number(count));
        if (justId) argv.add(JUSTID);
    }
}
