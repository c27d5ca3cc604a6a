package io.ferrite.core.scripting;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.util.Locale;

/**
 * The {@code bit} library Redis embeds (LuaBitOp): 32-bit operations on numbers, results as signed 32-bit
 * numbers. Arguments are rounded to the nearest integer and wrapped modulo 2^32, as LuaBitOp normalizes them.
 */
final class BitLib {
    private BitLib() {}

    private interface Binary {
        int apply(int a, int b);
    }

    static LuaTable table() {
        LuaTable bit = new LuaTable();
        bit.rawset("tobit", LuaSandbox.function("tobit", a -> LuaValue.valueOf(bit(a, 1))));
        bit.rawset("bnot", LuaSandbox.function("bnot", a -> LuaValue.valueOf(~bit(a, 1))));
        bit.rawset("band", fold("band", (x, y) -> x & y));
        bit.rawset("bor", fold("bor", (x, y) -> x | y));
        bit.rawset("bxor", fold("bxor", (x, y) -> x ^ y));
        bit.rawset("lshift", shift("lshift", (x, n) -> x << n));
        bit.rawset("rshift", shift("rshift", (x, n) -> x >>> n));
        bit.rawset("arshift", shift("arshift", (x, n) -> x >> n));
        bit.rawset("rol", shift("rol", Integer::rotateLeft));
        bit.rawset("ror", shift("ror", Integer::rotateRight));
        bit.rawset("bswap", LuaSandbox.function("bswap", a -> LuaValue.valueOf(Integer.reverseBytes(bit(a, 1)))));
        bit.rawset("tohex", LuaSandbox.function("tohex", a -> {
            int x = bit(a, 1);
            int n = a.isnoneornil(2) ? 8 : bit(a, 2);
            boolean upper = n < 0;
            if (upper) n = -n;
            if (n > 8) n = 8;
            String hex = String.format("%08x", x).substring(8 - n);
            return LuaValue.valueOf(upper ? hex.toUpperCase(Locale.ROOT) : hex);
        }));
        return bit;
    }

    private static int bit(Varargs a, int i) {
        return (int) (long) Math.rint(a.checkdouble(i));
    }

    private static LuaValue fold(String name, Binary op) {
        return LuaSandbox.function(name, a -> {
            int r = bit(a, 1);
            for (int i = 2; i <= a.narg(); i++) r = op.apply(r, bit(a, i));
            return LuaValue.valueOf(r);
        });
    }

    private static LuaValue shift(String name, Binary op) {
        return LuaSandbox.function(name, a -> LuaValue.valueOf(op.apply(bit(a, 1), bit(a, 2) & 31)));
    }
}
