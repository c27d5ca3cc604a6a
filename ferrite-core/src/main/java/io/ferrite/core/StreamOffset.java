package io.ferrite.core;

import java.util.Objects;

/**
 * A stream to read and the id to read after, for {@link FerriteCommands#xread}.
 *
 * @param name   the stream's key
 * @param offset an entry id: entries with greater ids are returned; {@code $} for the stream's last id
 */
public record StreamOffset<K>(K name, String offset) {
    public StreamOffset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(offset, "offset");
    }

    /** Entries after {@code offset}. */
    public static <K> StreamOffset<K> from(K name, String offset) {
        return new StreamOffset<>(name, offset);
    }

    /** Entries added after this call ({@code $}): only meaningful for a blocking read. */
    public static <K> StreamOffset<K> latest(K name) {
        return new StreamOffset<>(name, "$");
    }
}
