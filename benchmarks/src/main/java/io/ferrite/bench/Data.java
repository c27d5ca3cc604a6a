package io.ferrite.bench;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** The data every in-process suite shares: seeded random 16-byte binary keys and 3-byte values. */
final class Data {
    static final int KEY_LENGTH = 16;
    static final byte[] VALUE = {'v', 'a', 'l'};

    private Data() {}

    /** {@code n} distinct random keys drawn from {@code seed}; distinct seeds give disjoint sets in practice. */
    static byte[][] keys(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) {
            byte[] k = new byte[KEY_LENGTH];
            for (int j = 0; j < KEY_LENGTH; j += 8) {
                long r = random.nextLong();
                for (int b = 0; b < 8; b++) k[j + b] = (byte) (r >>> (8 * b));
            }
            keys[i] = k;
        }
        return keys;
    }

    /** The same keys as {@link ByteBuffer}s, the usual way a binary key goes into a {@code java.util} map. */
    static ByteBuffer[] buffers(byte[][] keys) {
        ByteBuffer[] out = new ByteBuffer[keys.length];
        for (int i = 0; i < keys.length; i++) out[i] = ByteBuffer.wrap(keys[i]);
        return out;
    }
}
