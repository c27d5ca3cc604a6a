package io.ferrite.core;

/**
 * A key with its value, or with none: what {@link FerriteCommands#mget} and {@link FerriteCommands#hmget}
 * return for each requested key (or field), in request order.
 *
 * @param key   the requested key (or hash field)
 * @param value its value; null when the key does not exist
 */
public record KeyValue<K, V>(K key, V value) {

    public boolean hasValue() {
        return value != null;
    }
}
