package io.ferrite.core.type;

import io.ferrite.core.Ferrite;
import io.ferrite.core.keyspace.Keyspace;
import io.ferrite.core.keyspace.RedisValue;
import org.junit.jupiter.params.provider.Arguments;

import java.nio.charset.StandardCharsets;
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
        Object v = stored(engine, key);
        return v == null ? null : ((RedisValue) v).encoding();
    }

    /**
     * The object stored under {@code key} in db 0 (a {@code byte[]}, a RawString or a RedisValue), or null; read
     * under the key's shard lock, without touching stats or LRU.
     */
    public static Object stored(Ferrite engine, String key) {
        Keyspace ks = engine.keyspace();
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int shard = ks.shardOf(k);
        ks.lock(shard);
        try {
            return ks.db(0).peek(k, 0);
        } finally {
            ks.unlock(shard);
        }
    }
}
