package io.ferrite.core.type.string;

import io.ferrite.core.command.Numbers;
import io.ferrite.core.keyspace.RawString;

/**
 * The encoding Redis would report through OBJECT ENCODING for a string value, derived from the value itself:
 * Redis decides it when the value is stored ({@code tryObjectEncoding}) and Ferrite stores values so that the
 * decision can be replayed.
 */
public final class StringEncoding {
    /** Redis embeds strings up to this many bytes in their object header (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
    static final int EMBSTR_LIMIT = 44;

    private StringEncoding() {}

    /**
     * {@code int} for a stored {@code byte[]} that is a canonical decimal long (no sign but '-', no leading zero,
     * at most 20 characters, in range); else {@code embstr} up to 44 bytes, {@code raw} beyond. A
     * {@link RawString} is {@code raw} (APPEND and SETRANGE made it so), or, while
     * {@linkplain RawString#isUnencoded() unencoded}, {@code embstr}/{@code raw} by length. Null for a value that
     * is not a string.
     */
    public static String of(Object value) {
        if (value instanceof byte[] b) {
            if (Numbers.isLong(b)) return "int";
            return b.length <= EMBSTR_LIMIT ? "embstr" : "raw";
        }
        if (value instanceof RawString r) return r.encoding();
        return null;
    }
}
