package io.ferrite.core.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Argument checks of C library functions as Lua 5.1's auxiliary library words their failures
 * ({@code bad argument #2 to 'pack' (number expected, got nil)}), with its conversions: numeric strings are numbers,
 * numbers are strings.
 */
final class LibArgs {
    private LibArgs() {}

    static LuaError argError(int arg, String function, String message) {
        return new LuaError("bad argument #" + arg + " to '" + function + "' (" + message + ")");
    }

    static LuaError typeError(Varargs a, int arg, String function, String expected) {
        String got = arg > a.narg() ? "no value" : a.arg(arg).typename();
        return argError(arg, function, expected + " expected, got " + got);
    }

    /** luaL_checknumber. */
    static double number(Varargs a, int arg, String function) {
        LuaValue n = arg > a.narg() ? LuaValue.NIL : a.arg(arg).tonumber();
        if (n.isnil()) throw typeError(a, arg, function, "number");
        return n.todouble();
    }

    /** luaL_checkinteger: the number truncated as C's cast to a 64-bit integer. */
    static long integer(Varargs a, int arg, String function) {
        return LuaReplies.truncate(number(a, arg, function));
    }

    /** luaL_optinteger. */
    static long optInteger(Varargs a, int arg, String function, long absent) {
        return a.isnil(arg) ? absent : integer(a, arg, function);
    }

    /** luaL_checklstring: a string's bytes, or a number as Lua shows it. */
    static LuaString string(Varargs a, int arg, String function) {
        LuaValue v = arg > a.narg() ? LuaValue.NIL : a.arg(arg);
        if (v.type() == LuaValue.TSTRING) return v.checkstring();
        if (v.type() == LuaValue.TNUMBER) return LuaString.valueOf(LuaFormat.number(v.todouble()));
        throw typeError(a, arg, function, "string");
    }
}
