package io.ferrite.core;

/**
 * A command failed: Redis replied with an error. The message is Redis's error text word for word, starting with
 * its code, e.g. {@code WRONGTYPE Operation against a key holding the wrong kind of value}.
 */
public class FerriteException extends RuntimeException {

    public FerriteException(String message) {
        super(message);
    }

    /** The error code: the message's first word ({@code ERR}, {@code WRONGTYPE}, {@code NOAUTH} ...). */
    public String code() {
        String m = getMessage();
        int space = m.indexOf(' ');
        return space < 0 ? m : m.substring(0, space);
    }
}
