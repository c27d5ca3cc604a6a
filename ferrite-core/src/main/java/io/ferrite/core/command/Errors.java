package io.ferrite.core.command;

/** Redis's error texts shared by more than one command, word for word. */
public final class Errors {
    private Errors() {}

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String OUT_OF_RANGE = "ERR index out of range";
    public static final String DB_INDEX_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    public static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    public static CommandException wrongType() { return new CommandException(WRONGTYPE); }
    public static CommandException syntax() { return new CommandException(SYNTAX); }
    public static CommandException notInteger() { return new CommandException(NOT_INTEGER); }
    public static CommandException notFloat() { return new CommandException(NOT_FLOAT); }

    /** {@code ERR wrong number of arguments for 'get' command}; {@code name} is lower case, {@code a|b} for subcommands. */
    public static String arity(String name) {
        return "ERR wrong number of arguments for '" + name + "' command";
    }

    /** {@code ERR invalid expire time in 'set' command}. */
    public static CommandException invalidExpire(String command) {
        return new CommandException("ERR invalid expire time in '" + command + "' command");
    }
}
