package io.ferrite.core;

import java.util.Objects;

/** Options of {@code XADD}: the entry id (default {@code *}), {@code NOMKSTREAM} and trimming ({@link XTrimArgs}). */
public final class XAddArgs extends XTrimArgs {
    private static final byte[] NOMKSTREAM = Argv.word("NOMKSTREAM");
    private static final byte[] AUTO = Argv.word("*");

    private String id;
    private boolean noMkStream;

    /** The entry id: {@code ms-seq}, or {@code ms-*} for the next sequence of that millisecond. */
    public XAddArgs id(String id) { this.id = Objects.requireNonNull(id, "id"); return this; }
    /** Do not create the stream if it does not exist (XADD then returns null). */
    public XAddArgs nomkstream() { noMkStream = true; return this; }

    @Override public XAddArgs maxlen(long count) { super.maxlen(count); return this; }
    @Override public XAddArgs minId(String id) { super.minId(id); return this; }
    @Override public XAddArgs approximateTrimming() { super.approximateTrimming(); return this; }
    @Override public XAddArgs exactTrimming() { super.exactTrimming(); return this; }
    @Override public XAddArgs limit(long count) { super.limit(count); return this; }

    void appendTo(Argv argv) {
        if (noMkStream) argv.add(NOMKSTREAM);
        appendTrimTo(argv);
        argv.add(id == null ? AUTO : Argv.word(id));
    }
}
