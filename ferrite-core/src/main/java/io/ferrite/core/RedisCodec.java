package io.ferrite.core;

/**
 * Converts keys and values between Java objects and the byte strings the engine stores, for
 * {@link FerriteCommands}. Ready-made: {@link StringCodec#UTF8} and {@link ByteArrayCodec#INSTANCE}.
 *
 * <p>Contract, which the engine relies on without copying:
 * <ul>
 *   <li>{@code encode*} returns an array the engine may keep as the stored key or value: the codec must never
 *       modify it afterwards or hand it to anyone else (return a fresh array or a copy).</li>
 *   <li>{@code decode*} receives a slice of an array the engine owns, which may change once the call returns:
 *       copy what you keep, never keep the array.</li>
 *   <li>Decoding runs while the key's shard is locked: it must be quick and must not call back into Ferrite.</li>
 *   <li>Codecs are shared by every thread using the connection, so they must be thread-safe (stateless).</li>
 * </ul>
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface RedisCodec<K, V> {

    byte[] encodeKey(K key);

    byte[] encodeValue(V value);

    K decodeKey(byte[] bytes, int offset, int length);

    V decodeValue(byte[] bytes, int offset, int length);
}
