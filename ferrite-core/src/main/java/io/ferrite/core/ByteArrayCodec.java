package io.ferrite.core;

import java.util.Arrays;

/**
 * Keys and values as raw {@code byte[]}, binary safe. Arrays are copied both ways, so callers may reuse the
 * arrays they pass and may modify the arrays they get.
 */
public final class ByteArrayCodec implements RedisCodec<byte[], byte[]> {

    public static final ByteArrayCodec INSTANCE = new ByteArrayCodec();

    private ByteArrayCodec() {}

    @Override
    public byte[] encodeKey(byte[] key) {
        return key.clone();
    }

    @Override
    public byte[] encodeValue(byte[] value) {
        return value.clone();
    }

    @Override
    public byte[] decodeKey(byte[] bytes, int offset, int length) {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public byte[] decodeValue(byte[] bytes, int offset, int length) {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }
}
