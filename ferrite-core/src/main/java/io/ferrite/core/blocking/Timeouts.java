package io.ferrite.core.blocking;

import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.Numbers;

/** The timeout argument of blocking commands, read as Redis's {@code getTimeoutFromObjectOrReply} reads seconds. */
public final class Timeouts {
    private Timeouts() {}

    /** Seconds (fractions allowed) to whole milliseconds, rounded up; 0 means "wait forever". */
    public static long millis(byte[] arg) {
        double seconds = Numbers.parseDoubleOrNaN(arg);
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new CommandException("ERR timeout is not a float or out of range");
        }
        double ms = seconds * 1000.0;
        if (ms > Long.MAX_VALUE) throw new CommandException("ERR timeout is out of range");
        long rounded = (long) Math.ceil(ms);
        if (rounded < 0) throw new CommandException("ERR timeout is negative");
        return rounded;
    }
}
