package io.ferrite.core.keys;

import io.ferrite.core.command.Numbers;

/**
 * The encoding Redis would report for a string value stored as {@code byte[]}: what {@code tryObjectEncoding} picks
 * when the value is stored. Values grown in place ({@code RawString}) are {@code raw} and are not classified here.
 */
final class StringEncoding {
    private StringEncoding() {}

    /** Redis's {@code OBJ_ENCODING_EMBSTR_SIZE_LIMIT}. */
    private static final int EMBSTR_LIMIT = 44;
    /** Redis keeps the integers below {@code OBJ_SHARED_INTEGERS} as shared objects. */
    private static final long SHARED_INTEGERS = 10_000;
    /** The reference count Redis reports for shared objects ({@code OBJ_SHARED_REFCOUNT}). */
    static final long SHARED_REFCOUNT = Integer.MAX_VALUE;

    static boolean isInt(byte[] value) {
        return value.length <= 20 && Numbers.isLong(value);
    }

    static String of(byte[] value) {
        if (isInt(value)) return "int";
        return value.length <= EMBSTR_LIMIT ? "embstr" : "raw";
    }

    /**
     * Whether Redis would store {@code value} as one of its shared integer objects; it does not when an LRU or LFU
     * maxmemory policy is active, because shared objects cannot carry per-key access data.
     */
    static boolean isShared(byte[] value, boolean perKeyAccessData) {
        if (perKeyAccessData || !isInt(value)) return false;
        long v = Numbers.parseLongUnchecked(value, 0, value.length);
        return v >= 0 && v < SHARED_INTEGERS;
    }
}
