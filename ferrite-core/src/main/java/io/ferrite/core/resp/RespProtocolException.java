package io.ferrite.core.resp;

/**
 * Malformed client input. The message is Redis's error text without the {@code ERR } code, e.g.
 * {@code Protocol error: invalid bulk length}; Redis replies with it and then closes the connection.
 */
public final class RespProtocolException extends Exception {
    public RespProtocolException(String message) {
        super(message, null, false, false);
    }
}
