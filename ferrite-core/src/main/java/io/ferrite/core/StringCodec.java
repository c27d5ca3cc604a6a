package io.ferrite.core;

import java.nio.charset.StandardCharsets;

/** Keys and values as {@link String}s, encoded as UTF-8 (what {@link Ferrite#connect()} uses). */
public final class StringCodec implements RedisCodec<String, String> {

    public static final StringCodec UTF8 = new StringCodec();

    private StringCodec() {}

    @Override
    public byte[] encodeKey(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] encodeValue(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decodeKey(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public String decodeValue(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
