package io.ferrite.core.scripting;

import io.ferrite.core.Reply;
import io.ferrite.core.ReplySink;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between Redis replies and Lua values, as Redis's EVAL documentation specifies them ("Conversion
 * between Lua and Redis data types"), for both protocols a script can select with {@code redis.setresp}.
 */
final class LuaReplies {
    private LuaReplies() {}

    private static final LuaString ERR = LuaString.valueOf("err");
    private static final LuaString OK = LuaString.valueOf("ok");
    private static final LuaString DOUBLE = LuaString.valueOf("double");
    private static final LuaString BIG_NUMBER = LuaString.valueOf("big_number");
    private static final LuaString VERBATIM = LuaString.valueOf("verbatim_string");
    private static final LuaString FORMAT = LuaString.valueOf("format");
    private static final LuaString STRING = LuaString.valueOf("string");
    private static final LuaString MAP = LuaString.valueOf("map");
    private static final LuaString SET = LuaString.valueOf("set");

    /**
     * A command's reply as the script sees it. {@code resp} is the protocol the command replied in: in RESP2 both
     * null replies become false, in RESP3 the null becomes nil.
     */
    static LuaValue toLua(Reply reply, int resp) {
        if (reply instanceof Reply.Bulk b) return b.value() == null ? LuaValue.FALSE : LuaString.valueUsing(b.value());
        if (reply instanceof Reply.Int i) return LuaInteger.valueOf(i.value());
        if (reply instanceof Reply.Status s) return single(OK, LuaValue.valueOf(s.value()));
        if (reply instanceof Reply.Error e) return errorTable("-" + e.message());
        if (reply instanceof Reply.Null) return resp == 2 ? LuaValue.FALSE : LuaValue.NIL;
        if (reply instanceof Reply.Bool b) return LuaValue.valueOf(b.value());
        if (reply instanceof Reply.Double d) return single(DOUBLE, LuaValue.valueOf(d.value()));
        if (reply instanceof Reply.Verbatim v) {
            LuaTable inner = new LuaTable();
            inner.rawset(STRING, LuaValue.valueOf(v.text()));
            inner.rawset(FORMAT, LuaValue.valueOf(v.format()));
            return single(VERBATIM, inner);
        }
        Reply.Aggregate a = (Reply.Aggregate) reply;
        List<Reply> elements = a.elements();
        switch (a.kind()) {
            case MAP -> {
                LuaTable map = new LuaTable();
                for (int i = 0; i + 1 < elements.size(); i += 2) {
                    map.rawset(toLua(elements.get(i), resp), toLua(elements.get(i + 1), resp));
                }
                return single(MAP, map);
            }
            case SET -> {
                LuaTable set = new LuaTable();
                for (Reply e : elements) set.rawset(toLua(e, resp), LuaValue.TRUE);
                return single(SET, set);
            }
            default -> {
                LuaTable array = new LuaTable(elements.size(), 0);
                for (int i = 0; i < elements.size(); i++) array.rawset(i + 1, toLua(elements.get(i), resp));
                return array;
            }
        }
    }

    /**
     * The error table {@code redis.pcall} returns, {@code {err = "CODE message"}}: a leading {@code -} introduces
     * the code, a message without one gets {@code ERR}, and line breaks at either end are trimmed (Redis's
     * {@code luaPushErrorBuff}).
     */
    static LuaTable errorTable(String raw) {
        String code = "ERR";
        String message = raw;
        if (raw.startsWith("-")) {
            int space = raw.indexOf(' ');
            if (space < 0) {
                message = raw.substring(1);
            } else {
                code = raw.substring(1, space);
                message = raw.substring(space + 1);
            }
        }
        return single(ERR, LuaValue.valueOf(code + " " + trimLineBreaks(message)));
    }

    private static String trimLineBreaks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '\r' || s.charAt(start) == '\n')) start++;
        while (end > start && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) end--;
        return s.substring(start, end);
    }

    private static LuaTable single(LuaString key, LuaValue value) {
        LuaTable t = new LuaTable();
        t.rawset(key, value);
        return t;
    }

    /**
     * Replies with a script's result. {@code resp} is the protocol the script selected: in RESP2 true is 1 and
     * false the null reply, in RESP3 both are booleans. Tables become arrays up to their first nil unless they are
     * one of the single-field shapes ({@code err}, {@code ok}, {@code double}, {@code big_number},
     * {@code verbatim_string}, {@code map}, {@code set}). Never throws: validate nothing here.
     */
    static void write(LuaValue v, ReplySink out, int resp) {
        switch (v.type()) {
            case LuaValue.TSTRING -> {
                LuaString s = (LuaString) v.checkstring();
                out.bulk(s.m_bytes, s.m_offset, s.m_length);
            }
            case LuaValue.TBOOLEAN -> {
                if (resp == 3) {
                    out.bool(v.toboolean());
                } else if (v.toboolean()) {
                    out.integer(1);
                } else {
                    out.nil();
                }
            }
            case LuaValue.TNUMBER -> out.integer(v.isinttype() ? v.toint() : truncate(v.todouble()));
            case LuaValue.TTABLE -> writeTable((LuaTable) v, out, resp);
            default -> out.nil();
        }
    }

    private static void writeTable(LuaTable t, ReplySink out, int resp) {
        LuaValue err = t.rawget(ERR);
        if (err.type() == LuaValue.TSTRING) {
            out.error(oneLine(err.tojstring()));
            return;
        }
        LuaValue ok = t.rawget(OK);
        if (ok.type() == LuaValue.TSTRING) {
            out.simple(oneLine(ok.tojstring()));
            return;
        }
        LuaValue dbl = t.rawget(DOUBLE);
        if (dbl.type() == LuaValue.TNUMBER) {
            out.doubleValue(dbl.todouble());
            return;
        }
        LuaValue big = t.rawget(BIG_NUMBER);
        if (big.type() == LuaValue.TSTRING) {
            out.bulk(oneLine(big.tojstring()));
            return;
        }
        LuaValue verbatim = t.rawget(VERBATIM);
        if (verbatim.type() == LuaValue.TTABLE) {
            LuaValue format = verbatim.rawget(FORMAT);
            LuaValue text = verbatim.rawget(STRING);
            if (format.type() == LuaValue.TSTRING && text.type() == LuaValue.TSTRING) {
                out.verbatim(format.tojstring(), new String(bytes(text), StandardCharsets.UTF_8));
                return;
            }
        }
        LuaValue map = t.rawget(MAP);
        if (map.type() == LuaValue.TTABLE) {
            List<LuaValue> entries = entries((LuaTable) map);
            out.map(entries.size() / 2);
            for (LuaValue e : entries) write(e, out, resp);
            return;
        }
        LuaValue set = t.rawget(SET);
        if (set.type() == LuaValue.TTABLE) {
            List<LuaValue> entries = entries((LuaTable) set);
            out.set(entries.size() / 2);
            for (int i = 0; i < entries.size(); i += 2) write(entries.get(i), out, resp);
            return;
        }
        int n = 0;
        while (!t.rawget(n + 1).isnil()) n++;
        out.array(n);
        for (int i = 1; i <= n; i++) write(t.rawget(i), out, resp);
    }

    /** The table's keys and values, alternating, in iteration order. */
    private static List<LuaValue> entries(LuaTable t) {
        List<LuaValue> kv = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) return kv;
            kv.add(k);
            kv.add(next.arg(2));
        }
    }

    /** C's {@code (long long)} cast of a double on x86-64: out of range (and NaN) gives the minimum. */
    static long truncate(double d) {
        return d >= -0x1p63 && d < 0x1p63 ? (long) d : Long.MIN_VALUE;
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    /** A Lua string's bytes (a copy). */
    static byte[] bytes(LuaValue v) {
        LuaString s = v.checkstring();
        return java.util.Arrays.copyOfRange(s.m_bytes, s.m_offset, s.m_offset + s.m_length);
    }
}
