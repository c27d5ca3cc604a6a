package io.ferrite.core.type;

import io.ferrite.core.Ferrite;
import io.ferrite.core.keyspace.RedisValue;
import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/** What the collection type tests share: their parameter source and a look at a value's encoding. */
public final class EncodingProbe {
    private EncodingProbe() {}

    /** {@code (boolean tiny, int protocol)}: tiny encoding thresholds on and off, each in RESP2 and RESP3. */
    public static Stream<Arguments> tinyAndProtocols() {
        return Stream.of(Arguments.of(true, 2), Arguments.of(true, 3), Arguments.of(false, 2), Arguments.of(false, 3));
    }

    /** The OBJECT ENCODING of {@code key} in db 0, or null if absent; reads without touching stats or LRU. */
    public static String encoding(Ferrite engine, String key) {
        Object v = engine.keyspace().db(0).peek(key.getBytes(), 0);
        return v == null ? null : ((RedisValue) v).encoding();
    }
}
