package io.ferrite.core.type.string;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;

/**
 * The options of SET and GETEX, parsed as Redis does: an option that conflicts with one already given (NX with
 * XX, two different expire forms, KEEPTTL or PERSIST with an expire) is a syntax error, as is an option the
 * command does not take; repeating an option is allowed and the last expire value wins.
 */
final class SetOptions {
    static final int NX = 1;
    static final int XX = 1 << 1;
    static final int GET = 1 << 2;
    static final int KEEPTTL = 1 << 3;
    static final int PERSIST = 1 << 4;
    static final int EX = 1 << 5;
    static final int PX = 1 << 6;
    static final int EXAT = 1 << 7;
    static final int PXAT = 1 << 8;
    private static final int EXPIRES = EX | PX | EXAT | PXAT;

    private int flags;
    private byte[] expire;

    private SetOptions() {}

    boolean has(int anyOf) {
        return (flags & anyOf) != 0;
    }

    /** Parses arguments from {@code from} on, for SET ({@code forSet}) or GETEX. */
    static SetOptions parse(Args args, int from, boolean forSet) {
        SetOptions o = new SetOptions();
        for (int i = from; i < args.count(); i++) {
            boolean hasNext = i + 1 < args.count();
            int expireForm = expireForm(args, i);
            if (forSet && args.is(i, "NX") && !o.has(XX)) {
                o.flags |= NX;
            } else if (forSet && args.is(i, "XX") && !o.has(NX)) {
                o.flags |= XX;
            } else if (forSet && args.is(i, "GET")) {
                o.flags |= GET;
            } else if (forSet && args.is(i, "KEEPTTL") && !o.has(EXPIRES)) {
                o.flags |= KEEPTTL;
            } else if (!forSet && args.is(i, "PERSIST") && !o.has(EXPIRES)) {
                o.flags |= PERSIST;
            } else if (expireForm != 0 && hasNext && !o.has(KEEPTTL | PERSIST | (EXPIRES & ~expireForm))) {
                o.flags |= expireForm;
                o.expire = args.bytes(++i);
            } else {
                throw Errors.syntax();
            }
        }
        return o;
    }

    private static int expireForm(Args args, int i) {
        if (args.is(i, "EX")) return EX;
        if (args.is(i, "PX")) return PX;
        if (args.is(i, "EXAT")) return EXAT;
        if (args.is(i, "PXAT")) return PXAT;
        return 0;
    }

    /** The absolute deadline in Unix ms the options ask for, 0 if none; see {@link #deadline(byte[], int, long, String)}. */
    long deadline(long now, String command) {
        return expire == null ? 0 : deadline(expire, flags & EXPIRES, now, command);
    }

    /**
     * The absolute deadline in Unix ms for {@code value} in the {@code form} EX, PX, EXAT or PXAT. Not an integer:
     * {@code ERR value is not an integer or out of range}; not positive, or overflowing once converted to
     * absolute milliseconds: {@code ERR invalid expire time in '<command>' command}.
     */
    static long deadline(byte[] value, int form, long now, String command) {
        long v = Numbers.parseLong(value);
        boolean seconds = form == EX || form == EXAT;
        if (v <= 0 || (seconds && v > Long.MAX_VALUE / 1000)) throw Errors.invalidExpire(command);
        if (seconds) v *= 1000;
        if (form == EX || form == PX) v += now; // wraps negative on overflow, rejected below
        if (v <= 0) throw Errors.invalidExpire(command);
        return v;
    }
}
