package io.ferrite.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The operations of one {@code BITFIELD} call, run in the order added: {@code GET}, {@code SET}, {@code INCRBY},
 * and {@code OVERFLOW} policies that apply to the SET and INCRBY added after them. Mutable and not thread-safe:
 * build one per call, e.g.
 * {@code BitFieldArgs.Builder.set(BitFieldArgs.unsigned(8), 0, 200).incrBy(BitFieldArgs.signed(5), 8, 1)}.
 */
public final class BitFieldArgs {
    private static final byte[] GET = Argv.word("GET");
    private static final byte[] SET = Argv.word("SET");
    private static final byte[] INCRBY = Argv.word("INCRBY");
    private static final byte[] OVERFLOW = Argv.word("OVERFLOW");

    /** What SET and INCRBY do with a result outside the field's range: wrap around, saturate, or fail (null). */
    public enum OverflowType { WRAP, SAT, FAIL }

    /** A field type: signed of 1 to 64 bits ({@code i8}) or unsigned of 1 to 63 bits ({@code u8}). */
    public static final class BitFieldType {
        private final boolean signed;
        private final int bits;

        private BitFieldType(boolean signed, int bits) {
            int max = signed ? 64 : 63;
            if (bits < 1 || bits > max) {
                throw new IllegalArgumentException((signed ? "signed" : "unsigned") + " fields have 1 to " + max
                        + " bits, not " + bits);
            }
            this.signed = signed;
            this.bits = bits;
        }

        public boolean isSigned() { return signed; }
        public int bits() { return bits; }
        @Override public String toString() { return (signed ? "i" : "u") + bits; }
    }

    /** A field position: a bit offset, or an index counted in fields of the operation's width ({@code #n}). */
    public static final class Offset {
        private final long value;
        private final boolean typeWidthBased;

        private Offset(long value, boolean typeWidthBased) {
            if (value < 0) throw new IllegalArgumentException("negative offset " + value);
            this.value = value;
            this.typeWidthBased = typeWidthBased;
        }

        @Override public String toString() { return (typeWidthBased ? "#" : "") + value; }
    }

    public static BitFieldType signed(int bits) { return new BitFieldType(true, bits); }
    public static BitFieldType unsigned(int bits) { return new BitFieldType(false, bits); }
    public static Offset offset(long bits) { return new Offset(bits, false); }
    public static Offset typeWidthBasedOffset(long index) { return new Offset(index, true); }

    public static final class Builder {
        private Builder() {}

        public static BitFieldArgs get(BitFieldType type, long offset) { return new BitFieldArgs().get(type, offset); }
        public static BitFieldArgs get(BitFieldType type, Offset offset) { return new BitFieldArgs().get(type, offset); }
        public static BitFieldArgs set(BitFieldType type, long offset, long value) {
            return new BitFieldArgs().set(type, offset, value);
        }
        public static BitFieldArgs set(BitFieldType type, Offset offset, long value) {
            return new BitFieldArgs().set(type, offset, value);
        }
        public static BitFieldArgs incrBy(BitFieldType type, long offset, long amount) {
            return new BitFieldArgs().incrBy(type, offset, amount);
        }
        public static BitFieldArgs incrBy(BitFieldType type, Offset offset, long amount) {
            return new BitFieldArgs().incrBy(type, offset, amount);
        }
        public static BitFieldArgs overflow(OverflowType policy) { return new BitFieldArgs().overflow(policy); }
    }

    private final List<byte[]> words = new ArrayList<>();

    /** No operation yet: BITFIELD with none replies an empty list. */
    public BitFieldArgs() {}

    /** Reads the field: its value is one element of the reply. */
    public BitFieldArgs get(BitFieldType type, long offset) { return get(type, offset(offset)); }
    public BitFieldArgs get(BitFieldType type, Offset offset) { return op(GET, type, offset); }

    /** Writes the field: its previous value is one element of the reply (null if FAIL refused the write). */
    public BitFieldArgs set(BitFieldType type, long offset, long value) { return set(type, offset(offset), value); }
    public BitFieldArgs set(BitFieldType type, Offset offset, long value) {
        op(SET, type, offset).words.add(Argv.number(value));
        return this;
    }

    /** Adds to the field: its new value is one element of the reply (null if FAIL refused the write). */
    public BitFieldArgs incrBy(BitFieldType type, long offset, long amount) { return incrBy(type, offset(offset), amount); }
    public BitFieldArgs incrBy(BitFieldType type, Offset offset, long amount) {
        op(INCRBY, type, offset).words.add(Argv.number(amount));
        return this;
    }

    /** The overflow policy of the SET and INCRBY operations added after this one (WRAP until then). */
    public BitFieldArgs overflow(OverflowType policy) {
        words.add(OVERFLOW);
        words.add(Argv.word(Objects.requireNonNull(policy, "policy").name()));
        return this;
    }

    private BitFieldArgs op(byte[] name, BitFieldType type, Offset offset) {
        words.add(name);
        words.add(Argv.word(Objects.requireNonNull(type, "type").toString()));
        words.add(Argv.word(Objects.requireNonNull(offset, "offset").toString()));
        return this;
    }

    void appendTo(Argv argv) {
        for (byte[] w : words) argv.add(w);
    }
}
