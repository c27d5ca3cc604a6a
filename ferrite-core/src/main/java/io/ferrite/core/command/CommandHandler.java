package io.ferrite.core.command;

/**
 * Executes one command. Runs with the shards of the command's keys locked (see {@link Dispatcher}); validates all
 * arguments before changing anything and throws {@link CommandException} for Redis error replies before writing
 * any part of its own reply.
 */
@FunctionalInterface
public interface CommandHandler {
    void execute(CommandContext ctx);
}
