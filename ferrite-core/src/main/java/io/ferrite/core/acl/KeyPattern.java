package io.ferrite.core.acl;

import java.nio.charset.StandardCharsets;

/** A key pattern ({@code ~p}, {@code %R~p}, {@code %W~p}) and the accesses it grants. */
record KeyPattern(byte[] pattern, boolean read, boolean write) {

    /** Redis's rule text: {@code ~p} for read-write, {@code %R~p} or {@code %W~p} otherwise. */
    String rule() {
        String p = new String(pattern, StandardCharsets.UTF_8);
        if (read && write) return "~" + p;
        return (read ? "%R~" : "%W~") + p;
    }
}
