package io.ferrite.core;

/**
 * Where command handlers put their replies. Handlers describe a reply's shape; the sink decides how it is
 * represented: {@code io.ferrite.core.resp.RespWriter} writes RESP2 or RESP3 bytes, {@link ReplyBuilder} builds
 * {@link Reply} objects for the embedded API. No handler knows which one it writes to.
 *
 * <p>Aggregates are announced with their element count, then their elements follow. A map of {@code n}
 * entries is followed by {@code 2n} elements (key, value, key, value ...).
 *
 * <p>Not thread-safe: a sink belongs to one command execution at a time.
 */
public interface ReplySink {

    /** A status reply such as {@code OK}; never contains CR or LF. */
    void simple(String status);

    /** An error reply; {@code message} starts with its code, e.g. {@code "ERR syntax error"}. */
    void error(String message);

    void integer(long value);

    void bulk(byte[] value);

    void bulk(byte[] value, int offset, int length);

    /**
     * A snapshot sent to a replica after SYNC: on the wire a bulk string's header and bytes without the closing
     * CRLF (Redis's disk-based transfer); elsewhere a bulk string.
     */
    default void replicaTransfer(byte[] rdb) {
        bulk(rdb);
    }

    /** A number too big for an integer reply: RESP3's big number, a bulk string in RESP2 and in {@link Reply}s. */
    default void bigNumber(String digits) {
        bulk(digits);
    }

    /**
     * RESP3 attributes describing the reply that follows ({@code map}'s entries). Attributes are metadata a client
     * may ignore: a sink that carries none (a RESP2 connection, {@link Reply} objects, the typed API) drops them.
     */
    default void attributes(Reply.Aggregate map) {
    }

    /** A bulk string from text, encoded as UTF-8. */
    default void bulk(String value) {
        bulk(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The null bulk string: {@code $-1} in RESP2, {@code _} in RESP3. */
    void nil();

    /** The null array: {@code *-1} in RESP2, {@code _} in RESP3. */
    void nilArray();

    void array(int count);

    /** A map of {@code count} entries; RESP2 flattens it to an array of {@code 2 * count}. */
    void map(int count);

    /** A set of {@code count} members; RESP2 sends an array. */
    void set(int count);

    /** An out-of-band push of {@code count} elements; RESP2 sends an array. */
    void push(int count);

    /** A double; RESP2 sends it as a bulk string formatted as Redis does ({@code %.17g}, {@code inf}). */
    void doubleValue(double value);

    /**
     * A double whose decimal text the command formats itself (GEOPOS's coordinates): RESP2 sends {@code text} as a
     * bulk string, RESP3 a double frame carrying {@code text}; the value is the one the text denotes.
     */
    default void doubleText(String text) {
        if (protocol() >= 3) doubleValue(Double.parseDouble(text));
        else bulk(text);
    }

    /** A boolean; RESP2 sends {@code :1} or {@code :0}. */
    void bool(boolean value);

    /** Verbatim text (INFO, CLIENT INFO ...); RESP2 sends a bulk string, RESP3 a {@code =} frame with the format. */
    void verbatim(String format, String text);

    /** The protocol this sink speaks: 2 or 3. */
    int protocol();

    /** Speaks {@code protocol} (2 or 3) from the next reply on: HELLO's own reply goes out in the new protocol. */
    void switchProtocol(int protocol);
}
