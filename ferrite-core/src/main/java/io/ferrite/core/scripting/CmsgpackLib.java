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
 * The {@code cmsgpack} library Redis embeds (lua-cmsgpack 0.4.0): MessagePack with its encoding choices. A number
 * that is a 64-bit integer packs in the smallest integer type; any other as a float when the float round trip keeps
 * it, else as a double. Strings are always MessagePack str (fixstr, str 8/16/32). A table whose keys are exactly 1..n
 * packs as an array, any other as a map; tables nested deeper than 16 pack as nil, as do values of other types.
 * Decoding knows nil, booleans, integers, float, double, str, array and map; anything else is a format error.
 */
final class CmsgpackLib {
    private CmsgpackLib() {}

    private static final int MAX_NESTING = 16;
    /** The NaN x86-64 arithmetic produces (sign bit set), which Redis packs for {@code 0/0}. */
    private static final long DEFAULT_NAN = 0xFFF8_0000_0000_0000L;
    private static final int DEFAULT_FLOAT_NAN = 0xFFC0_0000;

    static LuaTable table() {
        LuaTable t = new LuaTable();
        t.rawset("pack", LuaSandbox.function("pack", CmsgpackLib::pack));
        t.rawset("unpack", LuaSandbox.function("unpack", a -> unpack(a, "unpack", 0, 0)));
        t.rawset("unpack_one", LuaSandbox.function("unpack_one", a -> {
            long offset = LibArgs.optInteger(a, 2, "unpack_one", 0);
            return unpack(a, "unpack_one", 1, (int) offset);
        }));
        t.rawset("unpack_limit", LuaSandbox.function("unpack_limit", a -> {
            long limit = LibArgs.integer(a, 2, "unpack_limit");
            long offset = LibArgs.optInteger(a, 3, "unpack_limit", 0);
            return unpack(a, "unpack_limit", (int) limit, (int) offset);
        }));
        t.rawset("_NAME", LuaValue.valueOf("cmsgpack"));
        t.rawset("_VERSION", LuaValue.valueOf("lua-cmsgpack 0.4.0"));
        t.rawset("_COPYRIGHT", LuaValue.valueOf("Copyright (C) 2012, Salvatore Sanfilippo"));
        t.rawset("_DESCRIPTION", LuaValue.valueOf("MessagePack C implementation for Lua"));
        return t;
    }

    /** A double's bits, any NaN as x86-64's default one (LuaJ does not keep NaN payloads and signs). */
    static long doubleBits(double d) {
        return Double.isNaN(d) ? DEFAULT_NAN : Double.doubleToRawLongBits(d);
    }

    /** A float's bits, any NaN as x86-64's default one. */
    static int floatBits(float f) {
        return Float.isNaN(f) ? DEFAULT_FLOAT_NAN : Float.floatToRawIntBits(f);
    }

    // ---- packing

    private static Varargs pack(Varargs a) {
        if (a.narg() == 0) throw LibArgs.argError(0, "pack", "MessagePack pack needs input.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= a.narg(); i++) encode(a.arg(i), 0, out);
        return LuaValue.valueOf(out.toByteArray());
    }

    private static void encode(LuaValue v, int level, ByteArrayOutputStream out) {
        switch (v.type()) {
            case LuaValue.TSTRING -> {
                LuaString s = v.checkstring();
                int n = s.m_length;
                if (n < 32) out.write(0xA0 | n);
                else if (n <= 0xFF) header(out, 0xD9, n, 1);
                else if (n <= 0xFFFF) header(out, 0xDA, n, 2);
                else header(out, 0xDB, n, 4);
                out.write(s.m_bytes, s.m_offset, n);
            }
            case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? 0xC3 : 0xC2);
            case LuaValue.TNUMBER -> encodeNumber(v.todouble(), out);
            case LuaValue.TTABLE -> {
                if (level == MAX_NESTING) out.write(0xC0);
                else encodeTable((LuaTable) v, level, out);
            }
            default -> out.write(0xC0);
        }
    }

    private static void encodeNumber(double d, ByteArrayOutputStream out) {
        long n = LuaReplies.truncate(d);
        if (!Double.isInfinite(d) && n == d) {
            encodeInteger(n, out);
        } else if ((double) (float) d == d) {
            header(out, 0xCA, floatBits((float) d) & 0xFFFF_FFFFL, 4);
        } else {
            header(out, 0xCB, doubleBits(d), 8);
        }
    }

    private static void encodeInteger(long n, ByteArrayOutputStream out) {
        if (n >= 0) {
            if (n <= 127) out.write((int) n);
            else if (n <= 0xFF) header(out, 0xCC, n, 1);
            else if (n <= 0xFFFF) header(out, 0xCD, n, 2);
            else if (n <= 0xFFFF_FFFFL) header(out, 0xCE, n, 4);
            else header(out, 0xCF, n, 8);
        } else {
            if (n >= -32) out.write((int) n & 0xFF);
            else if (n >= -128) header(out, 0xD0, n, 1);
            else if (n >= -32768) header(out, 0xD1, n, 2);
            else if (n >= Integer.MIN_VALUE) header(out, 0xD2, n, 4);
            else header(out, 0xD3, n, 8);
        }
    }

    private static void encodeTable(LuaTable t, int level, ByteArrayOutputStream out) {
        List<LuaValue> entries = new ArrayList<>();
        long max = 0;
        boolean array = true;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) break;
            entries.add(k);
            entries.add(next.arg(2));
            if (array && k.type() == LuaValue.TNUMBER && k.todouble() >= 1 && k.todouble() == (long) k.todouble()) {
                max = Math.max(max, (long) k.todouble());
            } else {
                array = false;
            }
        }
        int count = entries.size() / 2;
        if (array && max == count) {
            container(out, 0x90, 0xDC, 0xDD, count);
            for (int i = 1; i <= count; i++) encode(t.rawget(i), level + 1, out);
        } else {
            container(out, 0x80, 0xDE, 0xDF, count);
            for (LuaValue e : entries) encode(e, level + 1, out);
        }
    }

    private static void container(ByteArrayOutputStream out, int fix, int code16, int code32, int n) {
        if (n <= 15) out.write(fix | n);
        else if (n <= 0xFFFF) header(out, code16, n, 2);
        else header(out, code32, n, 4);
    }

    /** A type byte followed by {@code size} big-endian bytes of {@code value}. */
    private static void header(ByteArrayOutputStream out, int code, long value, int size) {
        out.write(code);
        for (int i = size - 1; i >= 0; i--) out.write((int) (value >>> (8 * i)));
    }

    // ---- unpacking

    /** Thrown out of decoding when the input ends before a value does. */
    private static final class Truncated extends RuntimeException {
        Truncated() {
            super(null, null, false, false);
        }
    }

    /** Thrown out of decoding at a type byte this library does not know. */
    private static final class BadFormat extends RuntimeException {
        BadFormat() {
            super(null, null, false, false);
        }
    }

    /**
     * Decodes up to {@code limit} values from {@code offset} (both 0: every value, and no offset among the results);
     * otherwise the results start with the offset after the last value decoded, or -1 at the end of the input.
     */
    private static Varargs unpack(Varargs a, String function, int limit, int offset) {
        LuaString s = LibArgs.string(a, 1, function);
        int length = s.m_length;
        boolean all = limit == 0 && offset == 0;
        if (offset < 0 || limit < 0) {
            throw new LuaError("Invalid request to unpack with offset of " + offset + " and limit of " + length + ".");
        }
        if (offset > length) {
            throw new LuaError("Start offset " + offset + " greater than input length " + length + ".");
        }
        if (all) limit = Integer.MAX_VALUE;
        Cursor c = new Cursor(s.m_bytes, s.m_offset + offset, s.m_offset + length);
        List<LuaValue> values = new ArrayList<>();
        try {
            while (c.left() > 0 && values.size() < limit) values.add(c.decode());
        } catch (Truncated e) {
            throw new LuaError("Missing bytes in input.");
        } catch (BadFormat e) {
            throw new LuaError("Bad data format in input.");
        }
        if (!all) values.add(0, LuaValue.valueOf(c.left() == 0 ? -1 : length - c.left()));
        return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
    }

    private static final class Cursor {
        private final byte[] b;
        private int at;
        private final int end;

        Cursor(byte[] b, int at, int end) {
            this.b = b;
            this.at = at;
            this.end = end;
        }

        int left() {
            return end - at;
        }

        private void need(long n) {
            if (left() < n) throw new Truncated();
        }

        /** The {@code size} big-endian bytes after the type byte, consuming both. */
        private long big(int size) {
            need(1 + size);
            long v = 0;
            for (int i = 1; i <= size; i++) v = v << 8 | (b[at + i] & 0xFF);
            at += 1 + size;
            return v;
        }

        /** A string of {@code n} bytes at the cursor (its header consumed). */
        private LuaValue bytes(long n) {
            need(n);
            LuaValue v = LuaString.valueOf(java.util.Arrays.copyOfRange(b, at, at + (int) n));
            at += (int) n;
            return v;
        }

        LuaValue decode() {
            need(1);
            int code = b[at] & 0xFF;
            switch (code) {
                case 0xCC: return LuaValue.valueOf(big(1));
                case 0xD0: return LuaValue.valueOf((byte) big(1));
                case 0xCD: return LuaValue.valueOf(big(2));
                case 0xD1: return LuaValue.valueOf((short) big(2));
                case 0xCE: return LuaValue.valueOf(big(4));
                case 0xD2: return LuaValue.valueOf((int) big(4));
                // Both 64-bit types read as signed, as the library pushes them as Lua integers.
                case 0xCF, 0xD3: return LuaValue.valueOf((double) big(8));
                case 0xC0: at++; return LuaValue.NIL;
                case 0xC3: at++; return LuaValue.TRUE;
                case 0xC2: at++; return LuaValue.FALSE;
                case 0xCA: return LuaValue.valueOf(Float.intBitsToFloat((int) big(4)));
                case 0xCB: return LuaValue.valueOf(Double.longBitsToDouble(big(8)));
                case 0xD9: return bytes(big(1));
                case 0xDA: return bytes(big(2));
                case 0xDB: return bytes(big(4));
                case 0xDC: return array(big(2));
                case 0xDD: return array(big(4));
                case 0xDE: return map(big(2));
                case 0xDF: return map(big(4));
                default:
                    if (code <= 0x7F || code >= 0xE0) {
                        at++;
                        return LuaValue.valueOf((byte) code);
                    }
                    if ((code & 0xE0) == 0xA0) {
                        at++;
                        return bytes(code & 0x1F);
                    }
                    if ((code & 0xF0) == 0x90) {
                        at++;
                        return array(code & 0x0F);
                    }
                    if ((code & 0xF0) == 0x80) {
                        at++;
                        return map(code & 0x0F);
                    }
                    throw new BadFormat();
            }
        }

        private LuaTable array(long n) {
            LuaTable t = new LuaTable();
            for (int i = 1; i <= n; i++) t.rawset(i, decode());
            return t;
        }

        private LuaTable map(long n) {
            LuaTable t = new LuaTable();
            for (long i = 0; i < n; i++) {
                LuaValue key = decode();
                LuaValue value = decode();
                // Lua's own table errors, raised inside the C function: they carry no script position.
                if (key.isnil()) throw new LuaError(LuaValue.valueOf("table index is nil"));
                if (key.type() == LuaValue.TNUMBER && Double.isNaN(key.todouble())) {
                    throw new LuaError(LuaValue.valueOf("table index is NaN"));
                }
                t.rawset(key, value);
            }
            return t;
        }
    }
}
