package io.ferrite.core;

import java.util.Objects;

/**
 * Trimming of {@code XTRIM} and {@code XADD}: {@code MAXLEN} or {@code MINID}, exact ({@code =}, the default) or
 * approximate ({@code ~}, which only removes whole storage nodes), with an optional {@code LIMIT}.
 */
public class XTrimArgs {
    private static final byte[] MAXLEN = Argv.word("MAXLEN");
    private static final byte[] MINID = Argv.word("MINID");
    private static final byte[] APPROX = Argv.word("~");
    private static final byte[] EXACT = Argv.word("=");
    private static final byte[] LIMIT = Argv.word("LIMIT");

    private Long maxLen;
    private String minId;
    private Boolean approximate;
    private Long limit;

    /** Keep at most {@code count} entries. */
    public XTrimArgs maxlen(long count) { maxLen = count; return this; }
    /** Remove the entries whose ids are below {@code id}. */
    public XTrimArgs minId(String id) { minId = Objects.requireNonNull(id, "id"); return this; }
    /** {@code ~}: trim whole nodes only, so possibly fewer entries than asked (cheaper). */
    public XTrimArgs approximateTrimming() { approximate = true; return this; }
    /** {@code =}: trim exactly. */
    public XTrimArgs exactTrimming() { approximate = false; return this; }
    /** At most {@code count} entries removed, with approximate trimming. */
    public XTrimArgs limit(long count) { limit = count; return this; }

    void appendTrimTo(Argv argv) {
        if (maxLen != null) appendStrategy(argv, MAXLEN, Argv.number(maxLen));
        if (minId != null) appendStrategy(argv, MINID, Argv.word(minId));
        if (limit != null) argv.add(LIMIT).add(Argv.number(limit));
    }

    private void appendStrategy(Argv argv, byte[] name, byte[] threshold) {
        argv.add(name);
        if (approximate != null) argv.add(approximate ? APPROX : EXACT);
        argv.add(threshold);
    }
}
