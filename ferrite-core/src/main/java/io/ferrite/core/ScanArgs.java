package io.ferrite.core;

import java.nio.charset.StandardCharsets;

/** Options of {@code SCAN}: {@code MATCH pattern}, {@code COUNT n} and {@code TYPE type}. */
public final class ScanArgs {
    private static final byte[] MATCH = Argv.word("MATCH");
    private static final byte[] COUNT = Argv.word("COUNT");
    private static final byte[] TYPE = Argv.word("TYPE");

    private byte[] match;
    private long limit = -1;
    private String type;

    public static final class Builder {
        private Builder() {}

        public static ScanArgs matches(String pattern) { return new ScanArgs().match(pattern); }
        public static ScanArgs limit(long count) { return new ScanArgs().limit(count); }
        public static ScanArgs type(String type) { return new ScanArgs().type(type); }
    }

    /** Only keys matching the glob-style {@code pattern} (UTF-8). */
    public ScanArgs match(String pattern) { return match(pattern.getBytes(StandardCharsets.UTF_8)); }
    /** Only keys matching the glob-style {@code pattern}. */
    public ScanArgs match(byte[] pattern) { match = pattern.clone(); return this; }
    /** How much work one call does (Redis's {@code COUNT} hint, not a result size). */
    public ScanArgs limit(long count) { limit = count; return this; }
    /** Only keys holding this type ({@code string}, {@code hash} ...). */
    public ScanArgs type(String type) { this.type = type; return this; }

    void appendTo(Argv argv) {
        if (match != null) argv.add(MATCH).add(match.clone());
        if (limit >= 0) argv.add(COUNT).add(limit);
        if (type != null) argv.add(TYPE).add(type.getBytes(StandardCharsets.UTF_8));
    }
}
