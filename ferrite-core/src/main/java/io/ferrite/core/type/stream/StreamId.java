package io.ferrite.core.type.stream;

import io.ferrite.core.command.CommandException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A stream entry id: two unsigned 64-bit numbers, milliseconds and sequence, held in {@code long}s and always
 * compared and printed as unsigned.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {
    public static final StreamId MIN = new StreamId(0, 0);
    public static final StreamId MAX = new StreamId(-1L, -1L);

    static final String INVALID = "ERR Invalid stream ID specified as stream command argument";
    private static final BigInteger UNSIGNED_LIMIT = BigInteger.ONE.shiftLeft(64);

    @Override
    public int compareTo(StreamId o) {
        int c = Long.compareUnsigned(ms, o.ms);
        return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
    }

    /** The next id, or null past {@link #MAX}. */
    public StreamId next() {
        if (seq != -1L) return new StreamId(ms, seq + 1);
        return ms == -1L ? null : new StreamId(ms + 1, 0);
    }

    /** The previous id, or null before {@link #MIN}. */
    public StreamId previous() {
        if (seq != 0) return new StreamId(ms, seq - 1);
        return ms == 0 ? null : new StreamId(ms - 1, -1L);
    }

    /** The id of the 16 big-endian bytes at {@code b[off..off+16)}, the inverse of {@link #key()}. */
    public static StreamId ofKey(byte[] b, int off) {
        long ms = 0;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            ms = (ms << 8) | (b[off + i] & 0xFF);
            seq = (seq << 8) | (b[off + 8 + i] & 0xFF);
        }
        return new StreamId(ms, seq);
    }

    public boolean isZero() {
        return ms == 0 && seq == 0;
    }

    /** The 16 big-endian bytes Redis uses as the radix-tree key of a node (and for ids in RDB payloads). */
    public byte[] key() {
        byte[] k = new byte[16];
        for (int i = 0; i < 8; i++) {
            k[i] = (byte) (ms >>> (56 - 8 * i));
            k[8 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        return k;
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    public byte[] bytes() {
        return toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses an id as Redis's {@code streamGenericParseIDOrReply}: {@code ms[-seq]}, a missing sequence taking
     * {@code missingSeq}; {@code -} and {@code +} only when not {@code strict}. Throws Redis's invalid-id error.
     */
    public static StreamId parse(byte[] arg, long missingSeq, boolean strict) {
        if (arg.length > 127) throw new CommandException(INVALID);
        if (arg.length == 1 && (arg[0] == '-' || arg[0] == '+')) {
            if (strict) throw new CommandException(INVALID);
            return arg[0] == '-' ? MIN : MAX;
        }
        int dash = indexOf(arg, (byte) '-', 0);
        if (dash < 0) return new StreamId(unsigned(arg, 0, arg.length), missingSeq);
        return new StreamId(unsigned(arg, 0, dash), unsigned(arg, dash + 1, arg.length));
    }

    /** The id XADD was given: {@code ms-seq}, or {@code ms-*} ({@code seqGiven} false: XADD picks the sequence). */
    record Requested(long ms, long seq, boolean seqGiven) {}

    /** An XADD id: as {@link #parse} strictly, but {@code ms-*} leaves the sequence to XADD. */
    static Requested parseForAdd(byte[] arg) {
        if (arg.length <= 127) {
            int dash = indexOf(arg, (byte) '-', 0);
            if (dash >= 0 && dash == arg.length - 2 && arg[arg.length - 1] == '*') {
                return new Requested(unsigned(arg, 0, dash), 0, false);
            }
        }
        StreamId id = parse(arg, 0, true);
        return new Requested(id.ms, id.seq, true);
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == c) return i;
        return -1;
    }

    /**
     * Redis's {@code string2ull}: a strict signed 64-bit integer that is not negative, else what C's
     * {@code strtoull} accepts in full (leading blanks, a sign, up to 2^64-1, negatives wrapping around).
     */
    static long unsigned(byte[] b, int from, int to) {
        if (to - from > 0 && to - from <= 18 && (b[from] != '0' || to - from == 1)) {
            long v = 0;
            int i = from;
            while (i < to && b[i] >= '0' && b[i] <= '9') v = v * 10 + (b[i++] - '0');
            if (i == to) return v;
        }
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        if (s.matches("-?(0|[1-9][0-9]{0,18})")) {
            try {
                long v = Long.parseLong(s);
                if (v < 0) throw new CommandException(INVALID);
                return v;
            } catch (NumberFormatException ignored) {
                // beyond a long: strtoull below
            }
        }
        String t = s.stripLeading();
        if (!t.equals(s) && !s.substring(0, s.length() - t.length()).chars().allMatch(StreamId::isCSpace)) {
            throw new CommandException(INVALID);
        }
        boolean negative = false;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        if (t.isEmpty() || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) throw new CommandException(INVALID);
        BigInteger v = new BigInteger(t);
        if (v.compareTo(UNSIGNED_LIMIT) >= 0) throw new CommandException(INVALID);
        if (negative) v = UNSIGNED_LIMIT.subtract(v).mod(UNSIGNED_LIMIT);
        return v.longValue();
    }

    private static boolean isCSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
