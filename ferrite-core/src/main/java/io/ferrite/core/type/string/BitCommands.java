package io.ferrite.core.type.string;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.keyspace.RawString;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ferrite.core.command.AclCategory.BITMAP;
import static io.ferrite.core.command.CommandFlag.DENYOOM;
import static io.ferrite.core.command.CommandFlag.FAST;
import static io.ferrite.core.command.CommandFlag.READONLY;
import static io.ferrite.core.command.CommandFlag.WRITE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * Bitmap commands on string values (Redis's {@code bitops.c}). Reads work on the stored bytes in place; writes
 * (SETBIT, BITFIELD) turn the value into a {@link RawString} once and then flip bits in its buffer, growing it
 * with zero bytes, so that a bitmap built bit by bit is not copied per command. BITOP stores a fresh raw string.
 * As in Redis, a write that leaves every bit as it was neither notifies nor touches watchers, though it still
 * makes the value raw. Every handler runs with its keys' shards locked.
 */
public final class BitCommands {
    private BitCommands() {}

    private static final byte[] EMPTY = new byte[0];
    private static final String BAD_OFFSET = "ERR bit offset is not an integer or out of range";
    private static final String BAD_BIT = "ERR bit is not an integer or out of range";

    public static void register(CommandTable t) {
        t.add(spec("bitcount", -2).flags(READONLY).acl(BITMAP).keys(1, 1, 1).group("bitmap").since("2.6.0")
                .summary("Counts the number of set bits (population counting) in a string.")
                .complexity("O(N)").handler(BitCommands::bitcount));
        t.add(spec("bitfield", -2).flags(WRITE, DENYOOM).acl(BITMAP).keys(1, 1, 1).group("bitmap").since("3.2.0")
                .summary("Performs arbitrary bitfield integer operations on strings.")
                .complexity("O(1) for each subcommand specified").handler(c -> bitfield(c, false)));
        t.add(spec("bitfield_ro", -2).flags(READONLY, FAST).acl(BITMAP).keys(1, 1, 1).group("bitmap").since("6.0.0")
                .summary("Performs arbitrary read-only bitfield integer operations on strings.")
                .complexity("O(1) for each subcommand specified").handler(c -> bitfield(c, true)));
        t.add(spec("bitop", -4).flags(WRITE, DENYOOM).acl(BITMAP).keys(2, -1, 1).group("bitmap").since("2.6.0")
                .summary("Performs bitwise operations on multiple strings, and stores the result.")
                .complexity("O(N)").handler(BitCommands::bitop));
        t.add(spec("bitpos", -3).flags(READONLY).acl(BITMAP).keys(1, 1, 1).group("bitmap").since("2.8.7")
                .summary("Finds the first set (1) or clear (0) bit in a string.")
                .complexity("O(N)").handler(BitCommands::bitpos));
        t.add(spec("getbit", 3).flags(READONLY, FAST).acl(BITMAP).keys(1, 1, 1).group("bitmap").since("2.2.0")
                .summary("Returns a bit value by offset.")
                .complexity("O(1)").handler(BitCommands::getbit));
        t.add(spec("setbit", 4).flags(WRITE, DENYOOM).acl(BITMAP).keys(1, 1, 1).group("bitmap").since("2.2.0")
                .summary("Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.")
                .complexity("O(1)").handler(BitCommands::setbit));
    }

    // ---- single bits ------------------------------------------------------------------------------------------

    /** Format: {@code SETBIT key offset 0|1} → the bit's previous value; creates or zero-pads the string. */
    static void setbit(CommandContext c) {
        long offset = offset(c, c.arg(2), 0);
        long on = c.args.longValue(3, BAD_BIT);
        if ((on & ~1L) != 0) throw new CommandException(BAD_BIT);
        byte[] key = c.arg(1);
        int index = (int) (offset >>> 3);
        Grown g = grow(c, key, index + 1);
        byte[] buf = g.value.buffer();
        int mask = 1 << (7 - (int) (offset & 7));
        int old = (buf[index] & mask) != 0 ? 1 : 0;
        if (g.grew || old != on) {
            if (on == 1) buf[index] |= (byte) mask;
            else buf[index] &= (byte) ~mask;
            c.changed(KeyspaceEvents.STRING, "setbit", key);
        }
        c.out.integer(old);
    }

    /** Format: {@code GETBIT key offset} → 0 or 1; bits past the end (or of a missing key) are 0. */
    static void getbit(CommandContext c) {
        long offset = offset(c, c.arg(2), 0);
        Object v = Strings.require(c.read(c.arg(1)));
        long index = offset >>> 3;
        if (v == null || index >= Strings.length(v)) {
            c.out.integer(0);
            return;
        }
        c.out.integer((Strings.array(v)[(int) index] >> (7 - (int) (offset & 7))) & 1);
    }

    // ---- scans ------------------------------------------------------------------------------------------------

    /**
     * Format: {@code BITCOUNT key [start end [BYTE | BIT]]} → the number of set bits in the range (inclusive,
     * negative from the end, in bytes unless BIT). As Redis 7.0 does, a missing key answers 0 before the range is
     * parsed.
     */
    static void bitcount(CommandContext c) {
        Object v = Strings.require(c.read(c.arg(1)));
        if (v == null) {
            c.out.integer(0);
            return;
        }
        byte[] b = Strings.array(v);
        int length = Strings.length(v);
        int argc = c.argc();
        if (argc == 2) {
            c.out.integer(Bits.count(b, 0, length));
            return;
        }
        if (argc != 4 && argc != 5) throw Errors.syntax();
        long start = c.args.longValue(2);
        long end = c.args.longValue(3);
        // Redis 7.0 answers an empty negative range before it looks at the unit word.
        if (start < 0 && end < 0 && start > end) {
            c.out.integer(0);
            return;
        }
        boolean inBits = argc == 5 && inBits(c.args, 4);
        long total = inBits ? (long) length << 3 : length;
        if (start < 0) start = Math.max(total + start, 0);
        if (end < 0) end = Math.max(total + end, 0);
        if (end >= total) end = total - 1;
        if (start > end) c.out.integer(0);
        else if (inBits) c.out.integer(Bits.countBits(b, start, end));
        else c.out.integer(Bits.count(b, (int) start, (int) end + 1));
    }

    /**
     * Format: {@code BITPOS key 0|1 [start [end [BYTE | BIT]]]} → the position of the first bit equal to the one
     * asked for, or -1. A missing key is all zeros (0 for a clear bit, -1 for a set one). Without an end, the string
     * counts as followed by zeros: looking for a clear bit in all ones finds the bit after the range.
     */
    static void bitpos(CommandContext c) {
        long bit = c.args.longValue(2);
        if (bit != 0 && bit != 1) throw new CommandException("ERR The bit argument must be 1 or 0.");
        Object v = Strings.require(c.read(c.arg(1)));
        if (v == null) {
            c.out.integer(bit == 1 ? -1 : 0);
            return;
        }
        byte[] b = Strings.array(v);
        int length = Strings.length(v);
        int argc = c.argc();
        if (argc > 6) throw Errors.syntax();
        long start = argc >= 4 ? c.args.longValue(3) : 0;
        boolean inBits = argc == 6 && inBits(c.args, 5);
        boolean endGiven = argc >= 5;
        long total = inBits ? (long) length << 3 : length;
        long end = endGiven ? c.args.longValue(4) : total - 1;
        if (start < 0) start = Math.max(total + start, 0);
        if (end < 0) end = Math.max(total + end, 0);
        if (end >= total) end = total - 1;
        if (start > end) {
            c.out.integer(-1);
            return;
        }
        long from = inBits ? start : start << 3;
        long to = inBits ? end : (end << 3) + 7;
        long found = Bits.first(b, from, to, bit == 1);
        if (found >= 0) c.out.integer(found);
        else c.out.integer(bit == 1 || endGiven ? -1 : to + 1);
    }

    private static boolean inBits(Args args, int i) {
        if (args.is(i, "BIT")) return true;
        if (args.is(i, "BYTE")) return false;
        throw Errors.syntax();
    }

    // ---- BITOP ------------------------------------------------------------------------------------------------

    /**
     * Format: {@code BITOP AND|OR|XOR|NOT destkey key [key ...]} → the length of the result, that of the longest
     * source; shorter sources and missing keys count as zero bytes. The result replaces destkey whatever its type
     * (clearing its TTL); an empty result deletes it.
     */
    static void bitop(CommandContext c) {
        Args args = c.args;
        char op;
        if (args.is(1, "AND")) op = '&';
        else if (args.is(1, "OR")) op = '|';
        else if (args.is(1, "XOR")) op = '^';
        else if (args.is(1, "NOT")) op = '~';
        else throw Errors.syntax();
        if (op == '~' && c.argc() != 4) throw new CommandException("ERR BITOP NOT must be called with a single source key.");
        int n = c.argc() - 3;
        byte[][] sources = new byte[n][];
        int[] lengths = new int[n];
        int longest = 0;
        for (int i = 0; i < n; i++) {
            Object v = Strings.require(c.read(c.arg(3 + i)));
            sources[i] = v == null ? EMPTY : Strings.array(v);
            lengths[i] = v == null ? 0 : Strings.length(v);
            longest = Math.max(longest, lengths[i]);
        }
        byte[] dest = c.arg(2);
        if (longest == 0) {
            if (c.db().delete(dest, c.now)) c.changed(KeyspaceEvents.GENERIC, "del", dest);
            c.out.integer(0);
            return;
        }
        byte[] result = new byte[longest];
        if (op == '~') {
            for (int j = 0; j < longest; j++) result[j] = (byte) ~sources[0][j];
        } else {
            System.arraycopy(sources[0], 0, result, 0, lengths[0]);
            for (int i = 1; i < n; i++) combine(op, result, sources[i], lengths[i]);
        }
        // Redis stores the result without trying the int or embstr encodings: OBJECT ENCODING says raw.
        c.db().set(dest, RawString.owning(result), c.now);
        c.changed(KeyspaceEvents.STRING, "set", dest);
        c.out.integer(longest);
    }

    /** {@code result = result op source}, the source read as zero past its {@code length} bytes. */
    private static void combine(char op, byte[] result, byte[] source, int length) {
        switch (op) {
            case '&' -> {
                for (int j = 0; j < length; j++) result[j] &= source[j];
                Arrays.fill(result, length, result.length, (byte) 0);
            }
            case '|' -> { for (int j = 0; j < length; j++) result[j] |= source[j]; }
            default -> { for (int j = 0; j < length; j++) result[j] ^= source[j]; }
        }
    }

    // ---- BITFIELD ---------------------------------------------------------------------------------------------

    private enum Kind { GET, SET, INCRBY }

    private record Op(Kind kind, BitfieldType type, long offset, long value, BitfieldType.Overflow overflow) {}

    /**
     * Format: {@code BITFIELD key [GET type offset | [OVERFLOW WRAP|SAT|FAIL] SET type offset value |
     * [OVERFLOW WRAP|SAT|FAIL] INCRBY type offset increment] ...} → one reply per GET/SET/INCRBY: the field, its
     * previous value (SET), its new value (INCRBY), or nil where OVERFLOW FAIL refused the write. An offset
     * {@code #n} means n times the type's width. The string grows to the furthest field written before any
     * operation runs (even if FAIL then writes nothing). BITFIELD_RO accepts GET only.
     */
    static void bitfield(CommandContext c, boolean readOnly) {
        Args args = c.args;
        List<Op> ops = new ArrayList<>();
        BitfieldType.Overflow overflow = BitfieldType.Overflow.WRAP;
        boolean writes = false;
        long furthest = 0;
        for (int j = 2; j < args.count(); j++) {
            int remaining = args.count() - j - 1;
            Kind kind;
            if (args.is(j, "GET") && remaining >= 2) {
                kind = Kind.GET;
            } else if (args.is(j, "SET") && remaining >= 3) {
                kind = Kind.SET;
            } else if (args.is(j, "INCRBY") && remaining >= 3) {
                kind = Kind.INCRBY;
            } else if (args.is(j, "OVERFLOW") && remaining >= 1) {
                j++;
                if (args.is(j, "WRAP")) overflow = BitfieldType.Overflow.WRAP;
                else if (args.is(j, "SAT")) overflow = BitfieldType.Overflow.SAT;
                else if (args.is(j, "FAIL")) overflow = BitfieldType.Overflow.FAIL;
                else throw new CommandException("ERR Invalid OVERFLOW type specified");
                continue;
            } else {
                throw Errors.syntax();
            }
            BitfieldType type = BitfieldType.parse(args.bytes(j + 1));
            long offset = offset(c, args.bytes(j + 2), type.bits());
            long value = 0;
            if (kind != Kind.GET) {
                writes = true;
                furthest = Math.max(furthest, offset + type.bits() - 1);
                value = args.longValue(j + 3);
            }
            ops.add(new Op(kind, type, offset, value, overflow));
            j += kind == Kind.GET ? 2 : 3;
        }
        byte[] key = c.arg(1);
        byte[] buf;
        int length;
        boolean grew = false;
        if (writes) {
            if (readOnly) throw new CommandException("ERR BITFIELD_RO only supports the GET subcommand");
            Grown g = grow(c, key, (int) (furthest >>> 3) + 1);
            grew = g.grew;
            buf = g.value.buffer();
            length = g.value.length();
        } else {
            Object v = Strings.require(c.read(key));
            buf = v == null ? EMPTY : Strings.array(v);
            length = v == null ? 0 : Strings.length(v);
        }
        int changes = 0;
        c.out.array(ops.size());
        for (Op op : ops) {
            long old = op.type.get(buf, length, op.offset);
            if (op.kind == Kind.GET) {
                c.out.integer(old);
                continue;
            }
            Long next = op.kind == Kind.SET ? op.type.apply(op.value, 0, op.overflow)
                    : op.type.apply(old, op.value, op.overflow);
            if (next == null) {
                c.out.nil();
                continue;
            }
            c.out.integer(op.kind == Kind.SET ? old : next);
            op.type.set(buf, op.offset, next);
            if (grew || old != next) changes++;
        }
        if (changes > 0) c.changed(KeyspaceEvents.STRING, "setbit", key);
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    /**
     * A bit offset argument: a non-negative integer whose byte lies below proto-max-bulk-len (and within what a
     * Java array holds); with a field {@code width}, {@code #n} stands for {@code n * width}, multiplied in
     * wrapping 64-bit arithmetic as Redis does.
     */
    private static long offset(CommandContext c, byte[] arg, int width) {
        int from = width > 0 && arg.length > 0 && arg[0] == '#' ? 1 : 0;
        if (!Numbers.isLong(arg, from, arg.length - from)) throw new CommandException(BAD_OFFSET);
        long offset = Numbers.parseLongUnchecked(arg, from, arg.length - from);
        if (from == 1) offset *= width;
        long maxBytes = Math.min(c.engine.config().protoMaxBulkLen, RawString.MAX_LENGTH - 8);
        if (offset < 0 || (offset >>> 3) >= maxBytes) throw new CommandException(BAD_OFFSET);
        return offset;
    }

    private record Grown(RawString value, boolean grew) {}

    /**
     * The string at {@code key} as a RawString of at least {@code length} bytes, zero-padded, created if absent
     * (Redis's {@code lookupStringForBitCommand}); {@code grew} when it was created or lengthened.
     */
    private static Grown grow(CommandContext c, byte[] key, int length) {
        Object v = Strings.require(c.write(key));
        if (v == null) {
            RawString r = new RawString(EMPTY, length);
            r.growZero(length);
            c.db().set(key, r, c.now);
            return new Grown(r, true);
        }
        RawString r = StringCommands.unshare(c, key, v, Math.max(length, Strings.length(v)));
        return new Grown(r, r.growZero(length));
    }
}
