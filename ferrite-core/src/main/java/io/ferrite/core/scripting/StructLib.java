package io.ferrite.core.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code struct} library Redis embeds (Roberto Ierusalimschy's struct 0.2 with Redis's offset check):
 * {@code pack}, {@code unpack} and {@code size} over format strings, with the layout of the x86-64 Linux build Redis
 * ships: little endian by default, {@code int} 4 bytes, {@code long} and {@code size_t} 8, alignment at most 8.
 *
 * <p>Integers go through C's 64-bit conversions, reproduced as x86-64 performs them: a number outside the 64-bit
 * range packs as the 64-bit minimum, integers wider than 8 bytes get zero high bytes.
 */
final class StructLib {
    private StructLib() {}

    private static final boolean LITTLE = true;
    private static final int MAX_ALIGN = 8;
    private static final int MAX_INT_SIZE = 32;

    static LuaTable table() {
        LuaTable t = new LuaTable();
        t.rawset("pack", LuaSandbox.function("pack", StructLib::pack));
        t.rawset("unpack", LuaSandbox.function("unpack", StructLib::unpack));
        t.rawset("size", LuaSandbox.function("size", StructLib::size));
        return t;
    }

    /** A format string being read, with its current byte order and maximum alignment. */
    private static final class Format {
        final LuaString text;
        final String function;
        int at;
        boolean little = LITTLE;
        int align = 1;

        Format(LuaString text, String function) {
            this.text = text;
            this.function = function;
        }

        /** Whether options remain: like the C string it is, the format ends at its first NUL byte. */
        boolean more() {
            return at < text.m_length && text.m_bytes[text.m_offset + at] != 0;
        }

        int next() {
            return text.m_bytes[text.m_offset + at++] & 0xFF;
        }

        private boolean digitNext() {
            if (!more()) return false;
            int c = text.m_bytes[text.m_offset + at] & 0xFF;
            return c >= '0' && c <= '9';
        }

        /** The count after an option, or {@code absent} if none. */
        int number(int absent) {
            if (!digitNext()) return absent;
            int n = 0;
            do {
                int d = next() - '0';
                if (n > Integer.MAX_VALUE / 10 || n * 10 > Integer.MAX_VALUE - d) {
                    throw new LuaError("integral size overflow");
                }
                n = n * 10 + d;
            } while (digitNext());
            return n;
        }

        /** The size of option {@code opt}, reading its count; 0 for options that take no room. */
        int size(int opt) {
            switch (opt) {
                case 'b', 'B', 'x':
                    return 1;
                case 'h', 'H':
                    return 2;
                case 'l', 'L', 'T', 'd':
                    return 8;
                case 'f':
                    return 4;
                case 'c':
                    return number(1);
                case 'i', 'I': {
                    int size = number(4);
                    if (size > MAX_INT_SIZE) {
                        throw new LuaError("integral size " + size + " is larger than limit of " + MAX_INT_SIZE);
                    }
                    return size;
                }
                default:
                    return 0;
            }
        }

        /** Padding before an option of {@code size} bytes at offset {@code length}. */
        int padding(long length, int opt, int size) {
            if (size == 0 || opt == 'c') return 0;
            if (size > align) size = align;
            return (int) ((size - (length & (size - 1))) & (size - 1));
        }

        /** Options that change the byte order or the alignment; any other is an error. */
        void control(int opt) {
            switch (opt) {
                case ' ' -> { }
                case '>' -> little = false;
                case '<' -> little = true;
                case '!' -> {
                    int a = number(MAX_ALIGN);
                    if (a <= 0 || (a & (a - 1)) != 0) throw new LuaError("alignment " + a + " is not a power of 2");
                    align = a;
                }
                default -> throw LibArgs.argError(1, function, "invalid format option '" + (char) opt + "'");
            }
        }
    }

    private static boolean isInteger(int opt) {
        return "bBhHlLTiI".indexOf(opt) >= 0;
    }

    private static Varargs pack(Varargs given) {
        // The C function pushes a nil after its arguments: the first one missing is reported as nil.
        LuaValue[] withNil = new LuaValue[given.narg() + 1];
        for (int i = 0; i < given.narg(); i++) withNil[i] = given.arg(i + 1);
        withNil[given.narg()] = LuaValue.NIL;
        Varargs a = LuaValue.varargsOf(withNil);
        Format f = new Format(LibArgs.string(a, 1, "pack"), "pack");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int arg = 2;
        long total = 0;
        while (f.more()) {
            int opt = f.next();
            int size = f.size(opt);
            int padding = f.padding(total, opt, size);
            total += padding;
            for (int i = 0; i < padding; i++) out.write(0);
            if (isInteger(opt)) {
                putInteger(out, toUnsigned(LibArgs.number(a, arg++, "pack")), f.little, size);
            } else if (opt == 'x') {
                out.write(0);
            } else if (opt == 'f') {
                putInteger(out, CmsgpackLib.floatBits((float) LibArgs.number(a, arg++, "pack")) & 0xFFFF_FFFFL,
                        f.little, 4);
            } else if (opt == 'd') {
                putInteger(out, CmsgpackLib.doubleBits(LibArgs.number(a, arg++, "pack")), f.little, 8);
            } else if (opt == 'c' || opt == 's') {
                LuaString s = LibArgs.string(a, arg++, "pack");
                if (size == 0) size = s.m_length;
                if (s.m_length < size) throw LibArgs.argError(arg, "pack", "string too short");
                out.write(s.m_bytes, s.m_offset, size);
                if (opt == 's') {
                    out.write(0);
                    size++;
                }
            } else {
                f.control(opt);
            }
            total += size;
        }
        return LuaValue.valueOf(out.toByteArray());
    }

    /** C's conversion of a double to an unsigned 64-bit integer, through a signed one for negative values. */
    private static long toUnsigned(double n) {
        if (n < 0 || n < 0x1p63) return LuaReplies.truncate(n);
        return LuaReplies.truncate(n - 0x1p63) ^ Long.MIN_VALUE;
    }

    private static void putInteger(ByteArrayOutputStream out, long value, boolean little, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[little ? i : size - 1 - i] = (byte) value;
            value = i < 7 ? value >>> 8 : 0;
        }
        out.write(b, 0, size);
    }

    private static Varargs unpack(Varargs a) {
        Format f = new Format(LibArgs.string(a, 1, "unpack"), "unpack");
        LuaString data = LibArgs.string(a, 2, "unpack");
        long start = LibArgs.optInteger(a, 3, "unpack", 1);
        if (start == 0) throw LibArgs.argError(3, "unpack", "offset must be 1 or greater");
        // An unsigned position, as in C: a negative offset is past any data.
        long pos = start - 1;
        int length = data.m_length;
        List<LuaValue> results = new ArrayList<>();
        while (f.more()) {
            int opt = f.next();
            long size = f.size(opt);
            pos += f.padding(pos, opt, (int) size);
            if (tooShort(pos, size, length)) throw LibArgs.argError(2, "unpack", "data string too short");
            int at = data.m_offset + (int) pos;
            if (isInteger(opt)) {
                long v = getInteger(data.m_bytes, at, f.little, (int) size);
                boolean signed = Character.isLowerCase(opt);
                if (signed) {
                    long mask = -1L << (size * 8 - 1);
                    if ((v & mask) != 0) v |= mask;
                }
                results.add(LuaValue.valueOf(signed ? (double) v : unsignedToDouble(v)));
            } else if (opt == 'f') {
                results.add(LuaValue.valueOf(Float.intBitsToFloat((int) getInteger(data.m_bytes, at, f.little, 4))));
            } else if (opt == 'd') {
                results.add(LuaValue.valueOf(Double.longBitsToDouble(getInteger(data.m_bytes, at, f.little, 8))));
            } else if (opt == 'c') {
                if (size == 0) {
                    LuaValue previous = results.isEmpty() ? LuaValue.NIL : results.get(results.size() - 1);
                    if (results.isEmpty() || !previous.isnumber()) {
                        throw new LuaError("format 'c0' needs a previous size");
                    }
                    size = LuaReplies.truncate(previous.todouble());
                    results.remove(results.size() - 1);
                    if (tooShort(pos, size, length)) {
                        throw LibArgs.argError(2, "unpack", "data string too short");
                    }
                }
                results.add(data.substring((int) pos, (int) (pos + size)));
            } else if (opt == 's') {
                int end = (int) pos;
                while (end < length && data.m_bytes[data.m_offset + end] != 0) end++;
                if (end == length) throw new LuaError("unfinished string in data");
                results.add(data.substring((int) pos, end));
                size = end - pos + 1;
            } else if (opt != 'x') {
                f.control(opt);
            }
            pos += size;
        }
        results.add(LuaValue.valueOf(pos + 1));
        return LuaValue.varargsOf(results.toArray(new LuaValue[0]));
    }

    private static boolean tooShort(long pos, long size, int length) {
        return Long.compareUnsigned(size, length) > 0 || Long.compareUnsigned(pos, length - size) > 0;
    }

    /** The low 8 bytes of a {@code size}-byte integer, as C's 64-bit accumulation keeps them. */
    private static long getInteger(byte[] b, int at, boolean little, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = v << 8 | (b[at + (little ? size - 1 - i : i)] & 0xFF);
        }
        return v;
    }

    private static boolean isAlnum(int c) {
        return c >= '0' && c <= '9' || (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    private static Varargs size(Varargs a) {
        Format f = new Format(LibArgs.string(a, 1, "size"), "size");
        long pos = 0;
        while (f.more()) {
            int opt = f.next();
            int size = f.size(opt);
            pos += f.padding(pos, opt, size);
            if (opt == 's') throw LibArgs.argError(1, "size", "option 's' has no fixed size");
            if (opt == 'c' && size == 0) throw LibArgs.argError(1, "size", "option 'c0' has no fixed size");
            if (!isAlnum(opt)) f.control(opt);
            pos += size;
        }
        return LuaValue.valueOf(pos);
    }
}
