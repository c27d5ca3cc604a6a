package io.ferrite.core.command;

/**
 * A command failed with a Redis error reply. The message is the whole reply text, starting with its code
 * ({@code ERR}, {@code WRONGTYPE}, ...). Thrown before a handler writes any part of its reply, so that nothing is
 * half-written and nothing is changed ("validate, then mutate, then reply"). Carries no stack trace: it is a
 * reply, not a bug.
 */
public final class CommandException extends RuntimeException {

    public CommandException(String message) {
        super(message, null, false, false);
    }
}
