package io.ferrite.core.type.string;

import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.Numbers;

/**
 * A BITFIELD integer type: signed {@code i1}..{@code i64} or unsigned {@code u1}..{@code u63} (an unsigned 64-bit
 * value could not be replied as a RESP integer). Fields are read and written at any bit offset, most significant bit
 * first, as Redis lays them out.
 */
record BitfieldType(boolean signed, int bits) {
    static final String INVALID =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    /** How SET and INCRBY treat a result outside the type's range. */
    enum Overflow { WRAP, SAT, FAIL }

    /** Parses {@code i<bits>} or {@code u<bits>} (lower case only, as Redis), else {@link #INVALID}. */
    static BitfieldType parse(byte[] arg) {
        if (arg.length < 2 || (arg[0] != 'i' && arg[0] != 'u') || !Numbers.isLong(arg, 1, arg.length - 1)) {
            throw new CommandException(INVALID);
        }
        boolean signed = arg[0] == 'i';
        long bits = Numbers.parseLongUnchecked(arg, 1, arg.length - 1);
        if (bits < 1 || bits > (signed ? 64 : 63)) throw new CommandException(INVALID);
        return new BitfieldType(signed, (int) bits);
    }

    /** The field at bit {@code offset} of the first {@code length} bytes of {@code buf}; bits past them read 0. */
    long get(byte[] buf, int length, long offset) {
        long v = 0;
        for (int i = 0; i < bits; i++) {
            long at = offset + i;
            long index = at >>> 3;
            int bit = index < length ? (buf[(int) index] >> (7 - (int) (at & 7))) & 1 : 0;
            v = (v << 1) | bit;
        }
        return signed ? signExtend(v) : v;
    }

    /** Writes the low {@code bits} bits of {@code value} at bit {@code offset}; the bytes must exist. */
    void set(byte[] buf, long offset, long value) {
        for (int i = 0; i < bits; i++) {
            long at = offset + i;
            int index = (int) (at >>> 3);
            int mask = 1 << (7 - (int) (at & 7));
            if (((value >>> (bits - 1 - i)) & 1) != 0) buf[index] |= (byte) mask;
            else buf[index] &= (byte) ~mask;
        }
    }

    /**
     * The value to store for {@code value + incr} (SET passes its argument and 0, INCRBY the field and the
     * increment), or null when {@link Overflow#FAIL} refuses it. An unsigned SET argument is taken as an unsigned
     * 64-bit number, so a negative one overflows upwards.
     *
     * <p>Redis decides "overflows upwards" by comparing {@code incr} with {@code max - value} computed in wrapping
     * 64-bit arithmetic. For a signed SET whose argument lies within {@code max} of {@code Long.MIN_VALUE} that
     * difference wraps negative and the value is taken as too large: SAT stores the maximum. The same arithmetic is
     * used here so that replies match byte for byte.
     */
    Long apply(long value, long incr, Overflow overflow) {
        int direction = signed ? signedOverflow(value, incr) : unsignedOverflow(value, incr);
        if (direction == 0) return value + incr;
        return switch (overflow) {
            case WRAP -> signed ? signExtend(value + incr) : (value + incr) & unsignedMax();
            case SAT -> direction > 0 ? (signed ? signedMax() : unsignedMax()) : (signed ? -signedMax() - 1 : 0L);
            case FAIL -> null;
        };
    }

    /** 1 if {@code value + incr} is above the range, -1 if below, 0 if within. */
    private int signedOverflow(long value, long incr) {
        long max = signedMax();
        long min = -max - 1;
        long roomUp = max - value;
        long roomDown = min - value;
        boolean narrow = bits < 64;
        if (value > max || (narrow && incr > roomUp) || (value >= 0 && incr > 0 && incr > roomUp)) return 1;
        if (value < min || (narrow && incr < roomDown) || (value < 0 && incr < 0 && incr < roomDown)) return -1;
        return 0;
    }

    private int unsignedOverflow(long value, long incr) {
        long max = unsignedMax();
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > max - value)) return 1;
        if (incr < 0 && incr < -value) return -1;
        return 0;
    }

    private long signedMax() {
        return bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    }

    private long unsignedMax() {
        return (1L << bits) - 1;
    }

    private long signExtend(long v) {
        return bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }
}
