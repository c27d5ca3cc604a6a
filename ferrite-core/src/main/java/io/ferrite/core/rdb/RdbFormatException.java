package io.ferrite.core.rdb;

/** A DUMP payload that passed its checksum but does not hold a value this server can load. */
public final class RdbFormatException extends RuntimeException {
    public RdbFormatException(String message) {
        super(message, null, false, false);
    }
}
