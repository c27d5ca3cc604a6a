package io.ferrite.core.config;

/**
 * The {@code notify-keyspace-events} classes as bit flags, with Redis's letters: {@code K} keyspace channel,
 * {@code E} keyevent channel, {@code g $ l s h z x e t d} event classes ({@code A} is all of them), {@code m} key
 * misses, {@code n} new keys.
 */
public final class KeyspaceEvents {
    private KeyspaceEvents() {}

    public static final int KEYSPACE = 1;
    public static final int KEYEVENT = 1 << 1;
    public static final int GENERIC = 1 << 2;
    public static final int STRING = 1 << 3;
    public static final int LIST = 1 << 4;
    public static final int SET = 1 << 5;
    public static final int HASH = 1 << 6;
    public static final int ZSET = 1 << 7;
    public static final int EXPIRED = 1 << 8;
    public static final int EVICTED = 1 << 9;
    public static final int STREAM = 1 << 10;
    public static final int KEY_MISS = 1 << 11;
    public static final int MODULE = 1 << 12;
    public static final int NEW = 1 << 13;
    /** {@code A}: every class but key misses and new keys, as in Redis. */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    /** Parses the letters; throws {@link IllegalArgumentException} with Redis's reason on an unknown one. */
    public static int parse(String classes) {
        int flags = 0;
        for (int i = 0; i < classes.length(); i++) {
            flags |= switch (classes.charAt(i)) {
                case 'A' -> ALL;
                case 'g' -> GENERIC;
                case '$' -> STRING;
                case 'l' -> LIST;
                case 's' -> SET;
                case 'h' -> HASH;
                case 'z' -> ZSET;
                case 'x' -> EXPIRED;
                case 'e' -> EVICTED;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                case 't' -> STREAM;
                case 'm' -> KEY_MISS;
                case 'd' -> MODULE;
                case 'n' -> NEW;
                default -> throw new IllegalArgumentException(
                        "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
            };
        }
        return flags;
    }

    /** The canonical letters, as CONFIG GET shows them. */
    public static String format(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & ALL) == ALL) {
            sb.append('A');
        } else {
            String letters = "g$lshzxetdn";
            int[] bits = {GENERIC, STRING, LIST, SET, HASH, ZSET, EXPIRED, EVICTED, STREAM, MODULE, NEW};
            for (int i = 0; i < bits.length; i++) if ((flags & bits[i]) != 0) sb.append(letters.charAt(i));
        }
        if ((flags & KEYSPACE) != 0) sb.append('K');
        if ((flags & KEYEVENT) != 0) sb.append('E');
        if ((flags & KEY_MISS) != 0) sb.append('m');
        return sb.toString();
    }
}
