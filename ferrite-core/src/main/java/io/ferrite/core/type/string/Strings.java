package io.ferrite.core.type.string;

import io.ferrite.core.ReplySink;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.keyspace.RawString;

/**
 * Reading string values as stored in the keyspace: an immutable {@code byte[]} or a {@link RawString}. Other
 * families (SORT, DUMP, bit operations ...) read strings through these too.
 */
public final class Strings {
    private Strings() {}

    public static boolean isString(Object value) {
        return value instanceof byte[] || value instanceof RawString;
    }

    /** {@code value} if it is a string or null, else WRONGTYPE. */
    public static Object require(Object value) {
        if (value == null || isString(value)) return value;
        throw Errors.wrongType();
    }

    /** The bytes of a string value; the stored array itself for {@code byte[]}, which callers must not modify. */
    public static byte[] bytes(Object value) {
        if (value instanceof byte[] b) return b;
        return ((RawString) value).toBytes();
    }

    /**
     * The array whose first {@link #length} bytes are a string value, without copying: the stored array itself or a
     * {@link RawString}'s buffer. Read-only, and only while the key's shard lock is held.
     */
    public static byte[] array(Object value) {
        if (value instanceof byte[] b) return b;
        return ((RawString) value).buffer();
    }

    public static int length(Object value) {
        if (value instanceof byte[] b) return b.length;
        return ((RawString) value).length();
    }

    /** Replies a string value as a bulk string, without copying it first. */
    public static void reply(ReplySink out, Object value) {
        if (value instanceof byte[] b) out.bulk(b);
        else out.bulk(((RawString) value).buffer(), 0, ((RawString) value).length());
    }

    /** The string's value as a long if it is a canonical decimal long, else {@code ERR value is not an integer...}. */
    public static long longValue(Object value) {
        if (value instanceof byte[] b) return Numbers.parseLong(b);
        RawString r = (RawString) value;
        if (!Numbers.isLong(r.buffer(), 0, r.length())) throw Errors.notInteger();
        return Numbers.parseLongUnchecked(r.buffer(), 0, r.length());
    }
}
