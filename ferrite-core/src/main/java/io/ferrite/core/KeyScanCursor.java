package io.ferrite.core;

import java.util.List;

/** One step of a {@code SCAN} iteration: the keys it returned and the cursor to continue from. */
public final class KeyScanCursor<K> extends ScanCursor {
    private final List<K> keys;

    KeyScanCursor(String cursor, List<K> keys) {
        super(cursor, "0".equals(cursor));
        this.keys = keys;
    }

    public List<K> getKeys() {
        return keys;
    }
}
