package io.ferrite.core.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code cjson} library Redis embeds (its fork of lua-cjson 2.1.0): {@code encode} and {@code decode} with the
 * library's number formatting ({@code %.14g}), escapes, array detection and error texts, and its configuration
 * functions. The configuration belongs to the library instance, so like Redis's it outlives the script that changed
 * it (until the Lua state is replaced by SCRIPT FLUSH); {@code cjson.new()} makes an instance with its own.
 */
final class CjsonLib {
    /** JSON's null: Redis's NULL light userdata, shown by {@code tostring} as glibc prints a null pointer. */
    static final LuaValue NULL = new LuaUserdata(new Object()) {
        @Override
        public String tojstring() {
            return "userdata: (nil)";
        }
    };

    private static final String[] ON_OFF = {"off", "on"};
    private static final String[] INVALID_NUMBER_MODES = {"off", "on", "null"};

    /** Encoding and decoding settings, with lua-cjson's defaults. */
    private boolean sparseConvert;
    private int sparseRatio = 2;
    private int sparseSafe = 10;
    private int encodeMaxDepth = 1000;
    private int decodeMaxDepth = 1000;
    /** 0: refuse NaN and infinities, 1: write them as {@code nan}/{@code inf}, 2: write them as {@code null}. */
    private int encodeInvalidNumbers;
    private int encodeNumberPrecision = 14;
    private int encodeKeepBuffer = 1;
    private int decodeInvalidNumbers = 1;

    private CjsonLib() {}

    /** A new instance's function table. */
    static LuaTable table() {
        CjsonLib lib = new CjsonLib();
        LuaTable t = new LuaTable();
        t.rawset("encode", LuaSandbox.function("encode", lib::encode));
        t.rawset("decode", LuaSandbox.function("decode", lib::decode));
        t.rawset("encode_sparse_array", LuaSandbox.function("encode_sparse_array", lib::encodeSparseArray));
        t.rawset("encode_max_depth", LuaSandbox.function("encode_max_depth", a -> {
            lib.encodeMaxDepth = integerOption(a, 1, 1, "encode_max_depth", lib.encodeMaxDepth, 1, Integer.MAX_VALUE);
            return LuaValue.valueOf(lib.encodeMaxDepth);
        }));
        t.rawset("decode_max_depth", LuaSandbox.function("decode_max_depth", a -> {
            lib.decodeMaxDepth = integerOption(a, 1, 1, "decode_max_depth", lib.decodeMaxDepth, 1, Integer.MAX_VALUE);
            return LuaValue.valueOf(lib.decodeMaxDepth);
        }));
        t.rawset("encode_number_precision", LuaSandbox.function("encode_number_precision", a -> {
            lib.encodeNumberPrecision =
                    integerOption(a, 1, 1, "encode_number_precision", lib.encodeNumberPrecision, 1, 14);
            return LuaValue.valueOf(lib.encodeNumberPrecision);
        }));
        t.rawset("encode_keep_buffer", LuaSandbox.function("encode_keep_buffer", a -> {
            lib.encodeKeepBuffer = enumOption(a, 1, 1, "encode_keep_buffer", lib.encodeKeepBuffer, ON_OFF);
            return enumValue(lib.encodeKeepBuffer, ON_OFF);
        }));
        t.rawset("encode_invalid_numbers", LuaSandbox.function("encode_invalid_numbers", a -> {
            lib.encodeInvalidNumbers = enumOption(a, 1, 1, "encode_invalid_numbers", lib.encodeInvalidNumbers,
                    INVALID_NUMBER_MODES);
            return enumValue(lib.encodeInvalidNumbers, INVALID_NUMBER_MODES);
        }));
        t.rawset("decode_invalid_numbers", LuaSandbox.function("decode_invalid_numbers", a -> {
            lib.decodeInvalidNumbers = enumOption(a, 1, 1, "decode_invalid_numbers", lib.decodeInvalidNumbers, ON_OFF);
            return enumValue(lib.decodeInvalidNumbers, ON_OFF);
        }));
        t.rawset("new", LuaSandbox.function("new", a -> table()));
        t.rawset("null", NULL);
        t.rawset("_NAME", LuaValue.valueOf("cjson"));
        t.rawset("_VERSION", LuaValue.valueOf("2.1.0"));
        return t;
    }

    // ---- configuration

    private Varargs encodeSparseArray(Varargs a) {
        tooMany(a, 3, "encode_sparse_array");
        sparseConvert = enumOption(a, 1, 3, "encode_sparse_array", sparseConvert ? 1 : 0, ON_OFF) == 1;
        sparseRatio = integerOption(a, 2, 3, "encode_sparse_array", sparseRatio, 0, Integer.MAX_VALUE);
        sparseSafe = integerOption(a, 3, 3, "encode_sparse_array", sparseSafe, 0, Integer.MAX_VALUE);
        return LuaValue.varargsOf(LuaValue.valueOf(sparseConvert), LuaValue.valueOf(sparseRatio),
                LuaValue.valueOf(sparseSafe));
    }

    private static void tooMany(Varargs a, int max, String function) {
        if (a.narg() > max) throw LibArgs.argError(max + 1, function, "found too many arguments");
    }

    /**
     * An integer setting: the argument at {@code arg} if given (lua-cjson reports a value out of range against
     * argument 1 whichever it is), else {@code current}.
     */
    private static int integerOption(Varargs a, int arg, int max, String function, int current, int min, int top) {
        tooMany(a, max, function);
        if (a.isnil(arg)) return current;
        int value = (int) LibArgs.integer(a, arg, function);
        if (value < min || value > top) {
            throw LibArgs.argError(1, function, "expected integer between " + min + " and " + top);
        }
        return value;
    }

    /** A setting given as a boolean (false: 0, true: 1) or the name of one of {@code options}. */
    private static int enumOption(Varargs a, int arg, int max, String function, int current, String[] options) {
        tooMany(a, max, function);
        if (a.isnil(arg)) return current;
        LuaValue v = a.arg(arg);
        if (v.isboolean()) return v.toboolean() ? 1 : 0;
        String name = LibArgs.string(a, arg, function).tojstring();
        for (int i = 0; i < options.length; i++) {
            if (options[i].equals(name)) return i;
        }
        throw LibArgs.argError(arg, function, "invalid option '" + name + "'");
    }

    private static LuaValue enumValue(int setting, String[] options) {
        return setting <= 1 ? LuaValue.valueOf(setting == 1) : LuaValue.valueOf(options[setting]);
    }

    // ---- encoding

    private Varargs encode(Varargs a) {
        if (a.narg() != 1) throw LibArgs.argError(1, "encode", "expected 1 argument");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        append(a.arg1(), 0, json);
        return LuaValue.valueOf(json.toByteArray());
    }

    private static LuaError cannotSerialise(LuaValue value, String reason) {
        return new LuaError("Cannot serialise " + value.typename() + ": " + reason);
    }

    private void append(LuaValue v, int depth, ByteArrayOutputStream json) {
        switch (v.type()) {
            case LuaValue.TSTRING -> appendString(v.checkstring(), json);
            case LuaValue.TNUMBER -> appendNumber(v, json);
            case LuaValue.TBOOLEAN -> ascii(v.toboolean() ? "true" : "false", json);
            case LuaValue.TNIL -> ascii("null", json);
            case LuaValue.TTABLE -> {
                if (depth + 1 > encodeMaxDepth) {
                    throw new LuaError("Cannot serialise, excessive nesting (" + (depth + 1) + ")");
                }
                LuaTable t = (LuaTable) v;
                int length = arrayLength(t);
                if (length > 0) appendArray(t, length, depth + 1, json);
                else appendObject(t, depth + 1, json);
            }
            default -> {
                if (v == NULL) ascii("null", json);
                else throw cannotSerialise(v, "type not supported");
            }
        }
    }

    /** The length of a table to encode as an array; -1 for an object (any key that is not a positive integer). */
    private int arrayLength(LuaTable t) {
        long max = 0;
        long items = 0;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) break;
            double index = k.type() == LuaValue.TNUMBER ? k.todouble() : 0;
            if (index == 0 || Math.floor(index) != index || index < 1) return -1;
            max = Math.max(max, (long) index);
            items++;
        }
        if (sparseRatio > 0 && max > items * sparseRatio && max > sparseSafe) {
            if (!sparseConvert) throw cannotSerialise(t, "excessively sparse array");
            return -1;
        }
        return (int) max;
    }

    private void appendArray(LuaTable t, int length, int depth, ByteArrayOutputStream json) {
        json.write('[');
        for (int i = 1; i <= length; i++) {
            if (i > 1) json.write(',');
            append(t.rawget(i), depth, json);
        }
        json.write(']');
    }

    private void appendObject(LuaTable t, int depth, ByteArrayOutputStream json) {
        json.write('{');
        LuaValue k = LuaValue.NIL;
        boolean first = true;
        while (true) {
            Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) break;
            if (!first) json.write(',');
            first = false;
            if (k.type() == LuaValue.TNUMBER) {
                json.write('"');
                appendNumber(k, json);
                json.write('"');
            } else if (k.type() == LuaValue.TSTRING) {
                appendString(k.checkstring(), json);
            } else {
                throw cannotSerialise(k, "table key must be a number or string");
            }
            json.write(':');
            append(next.arg(2), depth, json);
        }
        json.write('}');
    }

    private void appendNumber(LuaValue v, ByteArrayOutputStream json) {
        double d = v.todouble();
        boolean invalid = Double.isNaN(d) || Double.isInfinite(d);
        if (invalid && encodeInvalidNumbers == 0) throw cannotSerialise(v, "must not be NaN or Inf");
        if (invalid && encodeInvalidNumbers == 2) {
            ascii("null", json);
        } else if (Double.isNaN(d)) {
            // Written without its sign, which platforms print differently.
            ascii("nan", json);
        } else {
            ascii(LuaFormat.g(d, encodeNumberPrecision), json);
        }
    }

    private static void appendString(LuaString s, ByteArrayOutputStream json) {
        json.write('"');
        for (int i = 0; i < s.m_length; i++) {
            int c = s.m_bytes[s.m_offset + i] & 0xFF;
            switch (c) {
                case '"' -> ascii("\\\"", json);
                case '\\' -> ascii("\\\\", json);
                case '/' -> ascii("\\/", json);
                case '\b' -> ascii("\\b", json);
                case '\t' -> ascii("\\t", json);
                case '\n' -> ascii("\\n", json);
                case '\f' -> ascii("\\f", json);
                case '\r' -> ascii("\\r", json);
                default -> {
                    if (c < 0x20 || c == 0x7F) ascii(String.format("\\u%04x", c), json);
                    else json.write(c);
                }
            }
        }
        json.write('"');
    }

    private static void ascii(String s, ByteArrayOutputStream out) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    // ---- decoding

    private Varargs decode(Varargs a) {
        if (a.narg() != 1) throw LibArgs.argError(1, "decode", "expected 1 argument");
        LuaString text = LibArgs.string(a, 1, "decode");
        byte[] data = new byte[text.m_length];
        System.arraycopy(text.m_bytes, text.m_offset, data, 0, data.length);
        if (data.length >= 2 && (data[0] == 0 || data[1] == 0)) {
            throw new LuaError("JSON parser does not support UTF-16 or UTF-32");
        }
        return new JsonParser(data, decodeMaxDepth, decodeInvalidNumbers == 1).document();
    }

    /** Decodes JSON the way lua-cjson does, including what it tolerates: a NUL byte ends the text. */
    private static final class JsonParser {
        private enum Kind { OBJ_BEGIN, OBJ_END, ARR_BEGIN, ARR_END, STRING, NUMBER, BOOLEAN, NULL, COLON, COMMA, END, ERROR }

        private final byte[] data;
        private final int maxDepth;
        private final boolean invalidNumbers;
        private int pos;
        private int depth;
        // The current token.
        private Kind kind;
        private int index;
        private LuaValue value;
        private String error;

        JsonParser(byte[] data, int maxDepth, boolean invalidNumbers) {
            this.data = data;
            this.maxDepth = maxDepth;
            this.invalidNumbers = invalidNumbers;
        }

        LuaValue document() {
            next();
            LuaValue v = value();
            next();
            if (kind != Kind.END) throw expected("the end");
            return v;
        }

        private int at(int i) {
            return i < data.length ? data[i] & 0xFF : 0;
        }

        private LuaError expected(String what) {
            String found = kind == Kind.ERROR ? error : "T_" + kind.name();
            return new LuaError("Expected " + what + " but found " + found + " at character " + (index + 1));
        }

        private LuaValue value() {
            return switch (kind) {
                case STRING, NUMBER, BOOLEAN -> value;
                case NULL -> NULL;
                case OBJ_BEGIN -> object();
                case ARR_BEGIN -> array();
                default -> throw expected("value");
            };
        }

        private void descend() {
            depth++;
            if (depth > maxDepth) {
                throw new LuaError("Found too many nested data structures (" + depth + ") at character " + pos);
            }
        }

        private LuaTable object() {
            descend();
            LuaTable t = new LuaTable();
            next();
            if (kind == Kind.OBJ_END) {
                depth--;
                return t;
            }
            while (true) {
                if (kind != Kind.STRING) throw expected("object key string");
                LuaValue key = value;
                next();
                if (kind != Kind.COLON) throw expected("colon");
                next();
                t.rawset(key, value());
                next();
                if (kind == Kind.OBJ_END) {
                    depth--;
                    return t;
                }
                if (kind != Kind.COMMA) throw expected("comma or object end");
                next();
            }
        }

        private LuaTable array() {
            descend();
            LuaTable t = new LuaTable();
            next();
            if (kind == Kind.ARR_END) {
                depth--;
                return t;
            }
            for (int i = 1; ; i++) {
                t.rawset(i, value());
                next();
                if (kind == Kind.ARR_END) {
                    depth--;
                    return t;
                }
                if (kind != Kind.COMMA) throw expected("comma or array end");
                next();
            }
        }

        private void fail(String why) {
            kind = Kind.ERROR;
            index = pos;
            error = why;
        }

        private void next() {
            while (at(pos) == ' ' || at(pos) == '\t' || at(pos) == '\n' || at(pos) == '\r') pos++;
            index = pos;
            int c = at(pos);
            switch (c) {
                case 0 -> kind = Kind.END;
                case '{' -> single(Kind.OBJ_BEGIN);
                case '}' -> single(Kind.OBJ_END);
                case '[' -> single(Kind.ARR_BEGIN);
                case ']' -> single(Kind.ARR_END);
                case ',' -> single(Kind.COMMA);
                case ':' -> single(Kind.COLON);
                case '"' -> string();
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        if (!invalidNumbers && invalidNumber()) fail("invalid number");
                        else number();
                    } else if (startsWith("true")) {
                        literal(Kind.BOOLEAN, LuaValue.TRUE, 4);
                    } else if (startsWith("false")) {
                        literal(Kind.BOOLEAN, LuaValue.FALSE, 5);
                    } else if (startsWith("null")) {
                        literal(Kind.NULL, LuaValue.NIL, 4);
                    } else if ("+iInN".indexOf(c) >= 0 && invalidNumbers && invalidNumber()) {
                        number();
                    } else {
                        fail("invalid token");
                    }
                }
            }
        }

        private void single(Kind k) {
            kind = k;
            pos++;
        }

        private void literal(Kind k, LuaValue v, int length) {
            kind = k;
            value = v;
            pos += length;
        }

        private boolean startsWith(String word) {
            for (int i = 0; i < word.length(); i++) {
                if (at(pos + i) != word.charAt(i)) return false;
            }
            return true;
        }

        /** What strict JSON forbids but C's strtod reads: a leading {@code +} or zero, hex, inf and nan. */
        private boolean invalidNumber() {
            int p = pos;
            if (at(p) == '+') return true;
            if (at(p) == '-') p++;
            if (at(p) == '0') {
                int c = at(p + 1);
                return (c | 0x20) == 'x' || (c >= '0' && c <= '9');
            }
            if (at(p) <= '9') return false;
            return matchesIgnoreCase(p, "inf") || matchesIgnoreCase(p, "nan");
        }

        private boolean matchesIgnoreCase(int p, String word) {
            for (int i = 0; i < word.length(); i++) {
                if ((at(p + i) | 0x20) != word.charAt(i)) return false;
            }
            return true;
        }

        private void number() {
            int[] end = new int[1];
            double d = Strtod.parse(data, pos, end);
            if (end[0] == pos) {
                fail("invalid number");
                return;
            }
            kind = Kind.NUMBER;
            value = LuaValue.valueOf(d);
            pos = end[0];
        }

        private void string() {
            pos++;
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            while (at(pos) != '"') {
                int c = at(pos);
                if (c == 0) {
                    fail("unexpected end of string");
                    return;
                }
                if (c == '\\') {
                    int e = at(pos + 1);
                    int decoded = switch (e) {
                        case '"', '\\', '/' -> e;
                        case 'b' -> '\b';
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'f' -> '\f';
                        case 'r' -> '\r';
                        case 'u' -> -2;
                        default -> -1;
                    };
                    if (decoded == -2) {
                        if (!unicodeEscape(text)) {
                            fail("invalid unicode escape code");
                            return;
                        }
                        continue;
                    }
                    if (decoded == -1) {
                        fail("invalid escape code");
                        return;
                    }
                    pos++;
                    c = decoded;
                }
                text.write(c);
                pos++;
            }
            pos++;
            kind = Kind.STRING;
            value = LuaValue.valueOf(text.toByteArray());
        }

        /** A {@code \\uXXXX} escape (or a surrogate pair of them) at {@code pos} as UTF-8; false if malformed. */
        private boolean unicodeEscape(ByteArrayOutputStream text) {
            int cp = hex4(pos + 2);
            if (cp < 0) return false;
            int length = 6;
            if ((cp & 0xF800) == 0xD800) {
                if ((cp & 0x400) != 0) return false;
                if (at(pos + 6) != '\\' || at(pos + 7) != 'u') return false;
                int low = hex4(pos + 8);
                if (low < 0 || (low & 0xFC00) != 0xDC00) return false;
                cp = (((cp & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000;
                length = 12;
            }
            if (cp <= 0x7F) {
                text.write(cp);
            } else if (cp <= 0x7FF) {
                text.write(0xC0 | cp >> 6);
                text.write(0x80 | cp & 0x3F);
            } else if (cp <= 0xFFFF) {
                text.write(0xE0 | cp >> 12);
                text.write(0x80 | cp >> 6 & 0x3F);
                text.write(0x80 | cp & 0x3F);
            } else {
                text.write(0xF0 | cp >> 18);
                text.write(0x80 | cp >> 12 & 0x3F);
                text.write(0x80 | cp >> 6 & 0x3F);
                text.write(0x80 | cp & 0x3F);
            }
            pos += length;
            return true;
        }

        private int hex4(int p) {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int c = at(p + i) | 0x20;
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (d < 0) return -1;
                v = v << 4 | d;
            }
            return v;
        }
    }
}
