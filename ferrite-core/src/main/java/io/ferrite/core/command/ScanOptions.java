package io.ferrite.core.command;

import io.ferrite.core.ReplySink;

/** MATCH and COUNT of the SSCAN and ZSCAN commands, and the reply of any *SCAN on a missing key. */
public final class ScanOptions {
    public byte[] pattern;
    public int count = 10;

    /** Parses MATCH and COUNT pairs from argument {@code from} on; anything else is a syntax error. */
    public static ScanOptions parse(Args args, int from) {
        ScanOptions o = new ScanOptions();
        for (int i = from; i < args.count(); i += 2) {
            boolean hasValue = i + 1 < args.count();
            if (args.is(i, "COUNT") && hasValue) {
                long n = args.longValue(i + 1);
                if (n < 1) throw Errors.syntax();
                o.count = (int) Math.min(n, Integer.MAX_VALUE);
            } else if (args.is(i, "MATCH") && hasValue) {
                byte[] p = args.bytes(i + 1);
                o.pattern = p.length == 1 && p[0] == '*' ? null : p;
            } else {
                throw Errors.syntax();
            }
        }
        return o;
    }

    public boolean matches(byte[] member) {
        return pattern == null || Glob.matches(pattern, member, false);
    }

    /** {@code [0, []]}: what SSCAN, ZSCAN and HSCAN answer for a key that does not exist. */
    public static void emptyReply(ReplySink out) {
        out.array(2);
        out.bulk("0");
        out.array(0);
    }
}
