package io.ferrite.core.command;

import java.nio.charset.StandardCharsets;

/**
 * A command's arguments, {@code argv[0]} being the command name. The arrays belong to the engine once passed in
 * (callers from outside hand over copies), so handlers may store them as keys and values without copying.
 */
public final class Args {
    private byte[][] argv;
    private int argc;

    public Args(byte[][] argv, int argc) {
        reset(argv, argc);
    }

    public Args(byte[]... argv) {
        this(argv, argv.length);
    }

    /** Reuses this object for the next command (the network path keeps one per connection). */
    public void reset(byte[][] argv, int argc) {
        this.argv = argv;
        this.argc = argc;
    }

    public static Args of(String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
        return new Args(argv, argv.length);
    }

    public int count() {
        return argc;
    }

    public byte[] bytes(int i) {
        if (i >= argc) throw new IndexOutOfBoundsException(i);
        return argv[i];
    }

    /** The argument as UTF-8 text (for names and options; never for keys or values inside the engine). */
    public String string(int i) {
        return new String(bytes(i), StandardCharsets.UTF_8);
    }

    /** True when argument {@code i} equals the ASCII word {@code upper} ignoring case; {@code upper} is upper case. */
    public boolean is(int i, String upper) {
        return i < argc && equalsIgnoreCase(argv[i], upper);
    }

    public static boolean equalsIgnoreCase(byte[] b, String upper) {
        if (b.length != upper.length()) return false;
        for (int j = 0; j < b.length; j++) {
            int c = b[j];
            if (c >= 'a' && c <= 'z') c -= 32;
            if (c != upper.charAt(j)) return false;
        }
        return true;
    }

    /** Argument {@code i} as a long with Redis's rules, else {@code ERR value is not an integer or out of range}. */
    public long longValue(int i) {
        return Numbers.parseLong(bytes(i));
    }

    /** Like {@link #longValue} with a custom error text. */
    public long longValue(int i, String error) {
        byte[] b = bytes(i);
        if (!Numbers.isLong(b)) throw new CommandException(error);
        return Numbers.parseLong(b);
    }

    /** Redis's {@code getPositiveLongFromObjectOrReply}: argument {@code i} as an integer of at least 0. */
    public long nonNegativeLong(int i) {
        long v = longValue(i, Errors.NOT_POSITIVE);
        if (v < 0) throw new CommandException(Errors.NOT_POSITIVE);
        return v;
    }

    /** Argument {@code i} as an int, else {@code ERR value is not an integer or out of range}. */
    public int intValue(int i) {
        long v = longValue(i);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw Errors.notInteger();
        return (int) v;
    }

    /** Argument {@code i} as a double with Redis's rules (strtod, no NaN), else {@code ERR value is not a valid float}. */
    public double doubleValue(int i) {
        return Numbers.parseDouble(bytes(i));
    }

    /** The command name in lower case, as error messages quote it. */
    public String commandName() {
        return string(0).toLowerCase(java.util.Locale.ROOT);
    }
}
