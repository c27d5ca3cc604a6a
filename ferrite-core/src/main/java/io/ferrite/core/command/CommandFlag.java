package io.ferrite.core.command;

import java.util.Locale;

/**
 * Redis's command flags, as COMMAND INFO names them (the lower-case enum name). {@link #PROTECTED} (DEBUG, MODULE
 * LOAD ...: refused unless {@code enable-debug-command} / {@code enable-module-command} allow them) is Redis's
 * internal flag and, as in Redis, not reported.
 */
public enum CommandFlag {
    WRITE, READONLY, DENYOOM, MODULE, ADMIN, PUBSUB, NOSCRIPT, BLOCKING, LOADING, STALE, SKIP_MONITOR,
    SKIP_SLOWLOG, ASKING, FAST, NO_AUTH, MAY_REPLICATE, SENTINEL, ONLY_SENTINEL, NO_MANDATORY_KEYS, PROTECTED,
    NO_ASYNC_LOADING, NO_MULTI, MOVABLEKEYS, ALLOW_BUSY;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** Whether COMMAND INFO lists the flag. */
    public boolean reported() {
        return this != PROTECTED;
    }
}
