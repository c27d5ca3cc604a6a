package io.ferrite.core.keyspace;

/**
 * A string value read in place: {@code length} bytes of {@code array} from {@code offset}. Filled by
 * {@link Db#lookupReadInPlace} for a short string stored inline after its key, so that a reply can copy it straight
 * from the table instead of through a fresh array. The array is never mutated once stored, but the slot may be
 * reused: read the view before the command's locks are released.
 *
 * <p>Not thread-safe: each command context owns one.
 */
public final class StringView {
    public byte[] array;
    public int offset;
    public int length;
}
