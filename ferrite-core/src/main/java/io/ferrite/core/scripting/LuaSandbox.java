package io.ferrite.core.scripting;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.ReplyBuilder;
import io.ferrite.core.acl.AclCheck;
import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.resp.RespFormat;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.function.Function;

/**
 * The Lua state scripts run in, sandboxed as Redis 7 does: the base, table, string and math libraries,
 * {@code bit}, {@code cjson}, {@code cmsgpack} and {@code struct}, without io, os, package, debug, coroutines,
 * {@code dofile}, {@code loadfile} or {@code print};
 * globals and library tables read-only ("Attempt to modify a readonly table"), reading an undefined global an error;
 * {@code math.random} Redis's rand48 sequence, restarted for every script; and the {@code redis} API.
 *
 * <p>Confined to the thread running a script, which holds every shard lock (see the package overview).
 */
final class LuaSandbox {
    private static final Logger LOG = LoggerFactory.getLogger("io.ferrite.script");
    static final String SCRIPT_CHUNK = "@user_script";
    static final String FUNCTION_CHUNK = "@user_function";
    /** LuaJ's position prefix of an error message, {@code @user_script:3 }. */
    private static final java.util.regex.Pattern POSITION = java.util.regex.Pattern.compile("^@(\\w+):(\\d+)(?: |$)");
    private static final java.util.Set<String> FUNCTION_FLAGS =
            java.util.Set.of("no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys");
    private static final String BAD_NAME =
            "Library names can only contain letters, numbers, or underscores(_) and must be at least one character long";

    /**
     * One script or function invocation: its command, the name errors give (a script's SHA1, a function's name),
     * the chunk its code was compiled as, whether it may write, and the protocol it speaks.
     */
    static final class Run {
        final CommandContext ctx;
        final String sha;
        final String chunk;
        final boolean readOnly;
        /** Flagged allow-oom: its commands are not refused over maxmemory. */
        boolean allowOom;
        int resp = 2;

        Run(CommandContext ctx, String sha, boolean readOnly) {
            this(ctx, sha, SCRIPT_CHUNK, readOnly);
        }

        Run(CommandContext ctx, String sha, String chunk, boolean readOnly) {
            this.ctx = ctx;
            this.sha = sha;
            this.chunk = chunk;
            this.readOnly = readOnly;
        }
    }

    /** A function a library registered: its callback, description (or null) and flags, in Redis's order. */
    record Registered(String name, LuaFunction callback, String description, java.util.List<String> flags) {}

    private final LuaTable loadGlobals = new LuaTable();
    /** The functions of the library being loaded, or null outside FUNCTION LOAD. */
    private java.util.LinkedHashMap<String, Registered> loading;

    private final SandboxGlobals globals = new SandboxGlobals();
    private Run current;
    /** rand48 state: like Redis's, seeded once and shared by every script (math.randomseed reseeds it). */
    private long rand48 = 0x1234_ABCD_330EL;

    LuaSandbox() {
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        LoadState.install(globals);
        LuaC.install(globals);
        for (String name : new String[] {"package", "require", "dofile", "loadfile", "print", "rawlen", "module"}) {
            globals.define(name, LuaValue.NIL);
        }
        LuaTable table = (LuaTable) globals.get("table");
        LuaTable string = (LuaTable) globals.get("string");
        LuaTable math = (LuaTable) globals.get("math");
        globals.define("_VERSION", LuaValue.valueOf("Lua 5.1"));
        globals.define("unpack", table.get("unpack"));
        globals.define("pcall", function("pcall", this::pcall));
        globals.define("error", function("error", LuaSandbox::error));
        globals.define("loadstring", function("loadstring", this::loadstring));
        // The JVM's collector is not the script's business: report a nominal heap and never trigger a collection.
        globals.define("collectgarbage", function("collectgarbage", a -> LuaValue.valueOf(0)));
        globals.define("gcinfo", function("gcinfo", a -> LuaValue.valueOf(0)));
        table.rawset("getn", function("getn", a -> LuaValue.valueOf(a.checktable(1).length())));
        string.rawset("gfind", string.get("gmatch"));
        string.rawset("format", function("format", LuaFormat::format));
        LuaValue tostring = globals.get("tostring");
        globals.define("tostring", function("tostring", a -> a.arg1().type() == LuaValue.TNUMBER
                ? LuaValue.valueOf(LuaFormat.number(a.arg1().todouble())) : tostring.invoke(a)));
        math.rawset("mod", math.get("fmod"));
        math.rawset("log10", function("log10", a -> LuaValue.valueOf(Math.log10(a.checkdouble(1)))));
        math.rawset("random", function("random", this::random));
        math.rawset("randomseed", function("randomseed", a -> {
            srand48(a.checkint(1));
            return LuaValue.NONE;
        }));

        LuaTable protectedString = ReadOnlyTable.copyOf(string);
        globals.define("string", protectedString);
        globals.define("table", ReadOnlyTable.copyOf(table));
        globals.define("math", ReadOnlyTable.copyOf(math));
        globals.define("bit", ReadOnlyTable.copyOf(BitLib.table()));
        globals.define("cjson", ReadOnlyTable.copyOf(CjsonLib.table()));
        globals.define("cmsgpack", ReadOnlyTable.copyOf(CmsgpackLib.table()));
        globals.define("struct", ReadOnlyTable.copyOf(StructLib.table()));
        globals.define("redis", ReadOnlyTable.copyOf(redisApi()));
        LuaTable stringMeta = new LuaTable();
        stringMeta.rawset(LuaValue.INDEX, protectedString);
        LuaString.s_metatable = ReadOnlyTable.copyOf(stringMeta);
        LuaTable globalsMeta = new LuaTable();
        globalsMeta.rawset(LuaValue.INDEX, function("__index", a -> {
            throw new LuaError("Script attempted to access nonexistent global variable '" + a.arg(2).tojstring() + "'");
        }));
        globalsMeta.rawset(LuaValue.NEWINDEX, function("__newindex", a -> {
            throw ReadOnlyTable.readOnly();
        }));
        globals.setmetatable(ReadOnlyTable.copyOf(globalsMeta));
        globals.seal();

        LuaTable loadRedis = new LuaTable();
        loadRedis.rawset("register_function", function("register_function", this::registerFunction));
        loadRedis.rawset("log", function("log", this::log));
        for (String constant : new String[] {"LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING",
            "REDIS_VERSION", "REDIS_VERSION_NUM"}) {
            loadRedis.rawset(constant, globals.get("redis").get(constant));
        }
        loadRedis.setmetatable(globalsMeta);
        loadGlobals.rawset("redis", ReadOnlyTable.copyOf(loadRedis));
    }

    /** Compiles a script body; Redis's compile error if it does not parse. */
    LuaFunction compile(byte[] source) {
        return new LuaClosure(prototype(source, SCRIPT_CHUNK, "ERR Error compiling script (new function): "), globals);
    }

    private Prototype prototype(byte[] source, String chunk, String failure) {
        try {
            Prototype p = globals.compilePrototype(new ByteArrayInputStream(source), chunk);
            withoutTailCalls(p);
            return p;
        } catch (LuaError e) {
            throw new CommandException(failure + syntaxError(e.getMessage()));
        } catch (IOException e) {
            throw new CommandException(failure + oneLine(e.getMessage()));
        }
    }

    /**
     * Compiles and runs a library's code (FUNCTION LOAD) and returns the functions it registered, in order.
     * The code runs in its own environment: while loading, only {@code redis.register_function}, {@code redis.log}
     * and the {@code redis} constants exist, as in Redis 7.0; when its functions run later, the environment is the
     * scripts' one without KEYS and ARGV. Nothing is kept if the code fails or registers nothing.
     */
    java.util.LinkedHashMap<String, Registered> loadLibrary(byte[] source) {
        Prototype p = prototype(source, FUNCTION_CHUNK, "ERR Error compiling function: ");
        LuaTable env = new LuaTable();
        LuaTable meta = new LuaTable();
        meta.rawset(LuaValue.INDEX, function("__index", a -> {
            LuaValue key = a.arg(2);
            if (loading != null) {
                LuaValue v = loadGlobals.rawget(key);
                if (v.isnil()) throw nonexistent(key);
                return v;
            }
            if (key.isstring() && (key.tojstring().equals("KEYS") || key.tojstring().equals("ARGV"))) {
                throw nonexistent(key);
            }
            return globals.get(key);
        }));
        meta.rawset(LuaValue.NEWINDEX, function("__newindex", a -> {
            throw ReadOnlyTable.readOnly();
        }));
        env.setmetatable(ReadOnlyTable.copyOf(meta));
        java.util.LinkedHashMap<String, Registered> registered = new java.util.LinkedHashMap<>();
        loading = registered;
        try {
            new LuaClosure(p, env).call();
        } catch (LuaError e) {
            LuaValue error = e.getMessageObject();
            String message;
            if (error != null && error.istable() && error.rawget("err").isstring()) {
                message = error.rawget("err").tojstring();
            } else {
                message = "ERR " + positioned(error == null ? e.getMessage() : error.tojstring());
            }
            throw new CommandException(oneLine("ERR Error registering functions: " + message));
        } catch (StackOverflowError e) {
            throw new CommandException("ERR Error registering functions: ERR stack overflow");
        } finally {
            loading = null;
        }
        if (registered.isEmpty()) throw new CommandException("ERR No functions registered");
        return registered;
    }

    private static LuaError nonexistent(LuaValue name) {
        return new LuaError("Script attempted to access nonexistent global variable '" + name.tojstring() + "'");
    }

    /** {@code redis.register_function(name, callback)} or its named-arguments table form. */
    private Varargs registerFunction(Varargs a) {
        java.util.Map<String, Registered> registry = loading;
        if (registry == null) throw raise("redis.register_function can only be called on FUNCTION LOAD command");
        LuaValue name;
        LuaValue callback;
        LuaValue description = LuaValue.NIL;
        java.util.List<String> flags = new java.util.ArrayList<>();
        if (a.narg() == 1) {
            if (!a.arg1().istable()) {
                throw raise("calling redis.register_function with a single argument is only applicable to Lua "
                        + "table (representing named arguments).");
            }
            LuaTable named = a.arg1().checktable();
            name = LuaValue.NIL;
            callback = LuaValue.NIL;
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs next = named.next(k);
                k = next.arg1();
                if (k.isnil()) break;
                LuaValue v = next.arg(2);
                String key = k.type() == LuaValue.TSTRING ? k.tojstring() : "";
                switch (key) {
                    case "function_name" -> {
                        if (!v.isstring()) {
                            throw raise("function_name argument given to redis.register_function must be a string");
                        }
                        name = v;
                    }
                    case "callback" -> {
                        if (!v.isfunction()) {
                            throw raise("callback argument given to redis.register_function must be a function");
                        }
                        callback = v;
                    }
                    case "description" -> {
                        if (!v.isstring()) {
                            throw raise("description argument given to redis.register_function must be a string");
                        }
                        description = v;
                    }
                    case "flags" -> {
                        if (!v.istable()) {
                            throw raise("flags argument to redis.register_function must be a table representing "
                                    + "function flags");
                        }
                        for (int i = 1; ; i++) {
                            LuaValue flag = v.rawget(i);
                            if (flag.isnil()) break;
                            if (flag.type() != LuaValue.TSTRING || !FUNCTION_FLAGS.contains(flag.tojstring())) {
                                throw raise("unknown flag given");
                            }
                            flags.add(flag.tojstring());
                        }
                    }
                    default -> throw raise("unknown argument given to redis.register_function");
                }
            }
            if (name.isnil()) throw raise("redis.register_function must get a function name argument");
            if (callback.isnil()) throw raise("redis.register_function must get a callback argument");
        } else if (a.narg() == 2) {
            name = a.arg1();
            callback = a.arg(2);
            if (!name.isstring()) throw raise("first argument to redis.register_function must be a string");
            if (!callback.isfunction()) throw raise("second argument to redis.register_function must be a function");
        } else {
            throw raise("wrong number of arguments to redis.register_function");
        }
        String fname = name.tojstring();
        if (!validName(fname)) throw raise(BAD_NAME);
        if (registry.containsKey(fname)) throw raise("Function already exists in the library");
        registry.put(fname, new Registered(fname, (LuaFunction) callback,
                description.isnil() ? null : description.tojstring(), java.util.List.copyOf(flags)));
        return LuaValue.NONE;
    }

    /** Library and function names: letters, digits and underscores, at least one. */
    static boolean validName(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Runs a library function for {@code run}: its callback gets the keys and the arguments as two tables. */
    void executeFunction(Run run, LuaFunction callback, int numKeys) {
        CommandContext c = run.ctx;
        LuaTable keys = strings(c, 3, 3 + numKeys);
        LuaTable args = strings(c, 3 + numKeys, c.argc());
        current = run;
        LuaValue result;
        try {
            result = callback.call(keys, args);
        } catch (LuaError e) {
            throw new CommandException(scriptError(e, run));
        } catch (StackOverflowError e) {
            throw new CommandException("ERR user_function: stack overflow script: " + run.sha);
        } finally {
            current = null;
        }
        LuaReplies.write(result, c.out, run.resp);
    }

    /**
     * Turns every tail call into a call followed by the return the compiler already emits after it. Lua 5.1 reports
     * errors raised by a function called in tail position ({@code return redis.call(...)}) at the caller's line;
     * LuaJ runs tail calls after leaving the caller's frame, where no line is known.
     */
    private static void withoutTailCalls(Prototype p) {
        int[] code = p.code;
        for (int i = 0; i < code.length; i++) {
            if ((code[i] & Lua.MASK_OP) == Lua.OP_TAILCALL) {
                // C = 0: keep every result, as the RETURN A 0 that follows expects.
                code[i] = (code[i] & ~(Lua.MASK_OP | Lua.MASK_C)) | Lua.OP_CALL;
            }
        }
        for (Prototype inner : p.p) withoutTailCalls(inner);
    }

    private static final String[] TOKENS = {"and", "break", "do", "else", "elseif", "end", "false", "for",
        "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until",
        "while", "..", "...", "==", ">=", "<=", "~=", "::", "<eof>"};
    private static final java.util.regex.Pattern UNEXPECTED =
            java.util.regex.Pattern.compile("unexpected symbol (\\d+) \\(.*\\)$");

    /** LuaJ's {@code unexpected symbol 43 (+)} as Lua 5.1 words it, {@code unexpected symbol near '+'}. */
    private static String syntaxError(String message) {
        String m = oneLine(message);
        java.util.regex.Matcher u = UNEXPECTED.matcher(m);
        if (!u.find()) return m;
        int token = Integer.parseInt(u.group(1));
        String text = token < 256 ? String.valueOf((char) token)
                : token - 257 < TOKENS.length ? TOKENS[token - 257] : null;
        return text == null ? m : m.substring(0, u.start()) + "unexpected symbol near '" + text + "'";
    }

    /**
     * Runs a compiled script for {@code run}: KEYS and ARGV from the command's arguments after {@code numKeys},
     * the PRNG restarted, then the result converted into the command's reply. A Lua error becomes Redis 7's error
     * reply, {@code <message> script: <sha>, on @user_script:<line>.}
     */
    void execute(Run run, LuaFunction script, int numKeys) {
        CommandContext c = run.ctx;
        globals.define("KEYS", strings(c, 3, 3 + numKeys));
        globals.define("ARGV", strings(c, 3 + numKeys, c.argc()));
        current = run;
        LuaValue result;
        try {
            result = script.call();
        } catch (LuaError e) {
            throw new CommandException(scriptError(e, run));
        } catch (StackOverflowError e) {
            throw new CommandException("ERR user_script: stack overflow script: " + run.sha);
        } finally {
            current = null;
        }
        LuaReplies.write(result, c.out, run.resp);
    }

    private static LuaTable strings(CommandContext c, int from, int to) {
        LuaTable t = new LuaTable(Math.max(0, to - from), 0);
        // Copies: network argument arrays are reused once the command is over.
        for (int i = from; i < to; i++) t.rawset(i - from + 1, LuaString.valueUsing(c.arg(i).clone()));
        return t;
    }

    /** The reply for a Lua error that ended a script, as Redis's error handler and luaCallFunction word it. */
    private static String scriptError(LuaError e, Run run) {
        LuaValue error = e.getMessageObject();
        String message;
        if (error != null && error.istable()) {
            LuaValue err = error.rawget("err");
            message = err.isstring() ? err.tojstring() : "ERR " + error.tojstring();
        } else {
            message = "ERR " + positioned(error == null ? e.getMessage() : error.tojstring());
        }
        String line = line(e);
        String reply = line == null ? message : message + " script: " + run.sha + ", on " + run.chunk + ":" + line + ".";
        return oneLine(reply);
    }

    /** The script line an error was raised on, or null when not known. */
    private static String line(LuaError e) {
        String m = e.getMessage();
        if (m == null) return null;
        java.util.regex.Matcher position = POSITION.matcher(m);
        return position.find() ? position.group(2) : null;
    }

    /** LuaJ's {@code @user_script:3 message} as Lua 5.1 words it: {@code user_script:3: message}. */
    private static String positioned(String m) {
        if (m == null) return "";
        java.util.regex.Matcher position = POSITION.matcher(m);
        if (!position.find()) return m;
        String at = position.group(1) + ":" + position.group(2);
        return position.end() == m.length() && !m.endsWith(" ") ? at : at + ": " + m.substring(position.end());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ');
    }

    // ---- the redis API

    private LuaTable redisApi() {
        LuaTable redis = new LuaTable();
        redis.rawset("call", function("call", a -> call(a, true)));
        redis.rawset("pcall", function("pcall", a -> call(a, false)));
        redis.rawset("error_reply", function("error_reply", a -> {
            if (a.narg() != 1 || a.arg1().type() != LuaValue.TSTRING) {
                return LuaReplies.errorTable("wrong number or type of arguments");
            }
            String err = a.arg1().tojstring();
            return LuaReplies.errorTable(err.startsWith("-") ? err : "-" + err);
        }));
        redis.rawset("status_reply", function("status_reply", a -> {
            if (a.narg() != 1 || a.arg1().type() != LuaValue.TSTRING) {
                return LuaReplies.errorTable("wrong number or type of arguments");
            }
            LuaTable t = new LuaTable();
            t.rawset("ok", a.arg1());
            return t;
        }));
        redis.rawset("sha1hex", function("sha1hex", a -> {
            if (a.narg() != 1) throw raise("wrong number of arguments");
            byte[] data = a.arg1().isstring() ? LuaReplies.bytes(a.arg1().tostring()) : new byte[0];
            return LuaValue.valueOf(Scripts.sha1hex(data));
        }));
        redis.rawset("log", function("log", this::log));
        redis.rawset("setresp", function("setresp", a -> {
            Run run = running("redis.setresp can only be called inside a script invocation");
            if (a.narg() != 1) throw raise("redis.setresp() requires one argument.");
            int resp = (int) a.arg1().optdouble(0);
            if (resp != 2 && resp != 3) throw raise("RESP version must be 2 or 3.");
            run.resp = resp;
            return LuaValue.NONE;
        }));
        redis.rawset("set_repl", function("set_repl", a -> {
            running("redis.set_repl can only be called inside a script invocation");
            if (a.narg() != 1) throw raise("redis.set_repl() requires two arguments.");
            int flags = (int) a.arg1().optdouble(0);
            if ((flags & ~3) != 0) {
                throw raise("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
            }
            return LuaValue.NONE;
        }));
        // Effects replication is the only mode since Redis 7: nothing to switch, as Redis answers.
        redis.rawset("replicate_commands", function("replicate_commands", a -> LuaValue.TRUE));
        redis.rawset("breakpoint", function("breakpoint", a -> LuaValue.FALSE));
        redis.rawset("debug", function("debug", a -> LuaValue.NONE));
        redis.rawset("acl_check_cmd", function("acl_check_cmd", a -> {
            Run run = running("redis.acl_check_cmd can only be called inside a script invocation");
            byte[][] argv = arguments(a);
            if (argv == null) throw new LuaError(argumentError(a));
            Args line = new Args(argv, argv.length);
            CommandSpec spec = run.ctx.engine.dispatcher().resolve(line);
            if (spec == null) throw raise("Invalid command passed to redis.acl_check_cmd()");
            return LuaValue.valueOf(AclCheck.check(run.ctx.session.user().permissions(), spec, line) == null);
        }));
        redis.rawset("LOG_DEBUG", LuaValue.valueOf(0));
        redis.rawset("LOG_VERBOSE", LuaValue.valueOf(1));
        redis.rawset("LOG_NOTICE", LuaValue.valueOf(2));
        redis.rawset("LOG_WARNING", LuaValue.valueOf(3));
        redis.rawset("REPL_NONE", LuaValue.valueOf(0));
        redis.rawset("REPL_AOF", LuaValue.valueOf(1));
        redis.rawset("REPL_SLAVE", LuaValue.valueOf(2));
        redis.rawset("REPL_REPLICA", LuaValue.valueOf(2));
        redis.rawset("REPL_ALL", LuaValue.valueOf(3));
        redis.rawset("REDIS_VERSION", LuaValue.valueOf(Ferrite.VERSION));
        redis.rawset("REDIS_VERSION_NUM", LuaValue.valueOf(versionNumber(Ferrite.VERSION)));
        return redis;
    }

    /** {@code redis.call} ({@code raise}: a failure ends the script) and {@code redis.pcall} (it is returned). */
    private Varargs call(Varargs a, boolean raise) {
        Run run = running("redis.call/pcall can only be called inside a script invocation");
        byte[][] argv = arguments(a);
        if (argv == null) return fail(argumentError(a), raise);
        String refusal = refusal(run, argv);
        if (refusal != null) return fail(LuaReplies.errorTable(refusal), raise);
        ReplyBuilder out = new ReplyBuilder(run.resp);
        run.ctx.engine.dispatcher().dispatchFromScript(run.ctx, argv, out, run.allowOom);
        Reply reply = out.replies().isEmpty() ? new Reply.Bulk(null) : out.reply();
        LuaValue value = LuaReplies.toLua(reply, run.resp);
        if (raise && reply instanceof Reply.Error) throw new LuaError(value);
        return value;
    }

    /** Why a script may not run this command line, as Redis's scriptCall words it; null if it may. */
    private static String refusal(Run run, byte[][] argv) {
        CommandSpec spec = run.ctx.engine.dispatcher().resolve(new Args(argv, argv.length));
        if (spec == null) return "Unknown Redis command called from script";
        if (!spec.arityMatches(argv.length)) return "Wrong number of args calling Redis command from script";
        if (spec.has(CommandFlag.NOSCRIPT)) return "This Redis command is not allowed from script";
        if (run.readOnly && spec.has(CommandFlag.WRITE)) return "Write commands are not allowed from read-only scripts.";
        Args line = new Args(argv, argv.length);
        AclCheck.Denial denial = AclCheck.check(run.ctx.session.user().permissions(), spec, line);
        if (denial != null) {
            run.ctx.engine.dispatcher().logDenial(run.ctx, denial, "lua");
            return denial.scriptError();
        }
        return null;
    }

    /** The command line of a redis.call: strings as they are, numbers as {@code %.17g}; null if anything else. */
    private static byte[][] arguments(Varargs a) {
        int n = a.narg();
        if (n == 0) return null;
        byte[][] argv = new byte[n][];
        for (int i = 0; i < n; i++) {
            LuaValue v = a.arg(i + 1);
            if (v.type() == LuaValue.TNUMBER) {
                argv[i] = (v.isinttype() ? Integer.toString(v.toint()) : RespFormat.formatDouble(v.todouble()))
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            } else if (v.type() == LuaValue.TSTRING) {
                argv[i] = LuaReplies.bytes(v);
            } else {
                return null;
            }
        }
        return argv;
    }

    private static LuaTable argumentError(Varargs a) {
        return LuaReplies.errorTable(a.narg() == 0
                ? "Please specify at least one argument for this redis lib call"
                : "Lua redis lib command arguments must be strings or integers");
    }

    private static Varargs fail(LuaTable error, boolean raise) {
        error.rawset("ignore_error_stats_update", LuaValue.TRUE);
        if (raise) throw new LuaError(error);
        return error;
    }

    private Run running(String outside) {
        Run run = current;
        if (run == null) throw raise(outside);
        return run;
    }

    /** A Lua error carrying Redis's error table for {@code message}. */
    private static LuaError raise(String message) {
        return new LuaError(LuaReplies.errorTable(message));
    }

    private Varargs log(Varargs a) {
        int n = a.narg();
        if (n < 2) throw raise("redis.log() requires two arguments or more.");
        if (!a.arg1().isnumber()) throw raise("First argument must be a number (log level).");
        int level = (int) a.arg1().todouble();
        if (level < 0 || level > 3) throw raise("Invalid debug level.");
        StringBuilder text = new StringBuilder();
        for (int i = 2; i <= n; i++) {
            if (!a.arg(i).isstring()) continue;
            if (i > 2) text.append(' ');
            text.append(a.arg(i).tojstring());
        }
        switch (level) {
            case 0 -> LOG.debug("{}", text);
            case 1, 2 -> LOG.info("{}", text);
            default -> LOG.warn("{}", text);
        }
        return LuaValue.NONE;
    }

    // ---- base library replacements

    /**
     * Redis's pcall: as Lua's, except that an error carrying Redis's error table yields its message, so scripts
     * written for older Redis, where errors were strings, keep working.
     */
    private Varargs pcall(Varargs a) {
        LuaValue f = a.arg1();
        try {
            return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(a.subargs(2)));
        } catch (LuaError e) {
            LuaValue error = e.getMessageObject();
            if (error != null && error.istable()) {
                LuaValue err = error.rawget("err");
                return LuaValue.varargsOf(LuaValue.FALSE, err.isstring() ? err : error);
            }
            return LuaValue.varargsOf(LuaValue.FALSE, error == null ? LuaValue.NIL
                    : error.isstring() ? LuaValue.valueOf(positioned(error.tojstring())) : error);
        } catch (StackOverflowError e) {
            return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf("stack overflow"));
        }
    }

    /**
     * Lua's error: a string (or number) message at level 1 or more gets the position of the function raising it;
     * at level 0, or any other value, is raised as it is.
     */
    private static Varargs error(Varargs a) {
        LuaValue value = a.arg1();
        int level = a.optint(2, 1);
        if (level > 0 && value.isstring()) throw new LuaError(value.tojstring());
        throw new LuaError(value);
    }

    private Varargs loadstring(Varargs a) {
        String source = a.checkjstring(1);
        String name = a.optjstring(2, source);
        try {
            return globals.load(source, name);
        } catch (LuaError e) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(positioned(e.getMessage())));
        }
    }

    /** Redis's math.random: its rand48 sequence, as Lua 5.1 scales it. */
    private Varargs random(Varargs a) {
        double r = (lrand48() % 2147483647) / 2147483647.0;
        switch (a.narg()) {
            case 0:
                return LuaValue.valueOf(r);
            case 1: {
                int u = a.checkint(1);
                if (u < 1) throw new LuaError("bad argument #1 to 'random' (interval is empty)");
                return LuaValue.valueOf(Math.floor(r * u) + 1);
            }
            case 2: {
                int l = a.checkint(1);
                int u = a.checkint(2);
                if (l > u) throw new LuaError("bad argument #2 to 'random' (interval is empty)");
                return LuaValue.valueOf(Math.floor(r * ((double) u - l + 1)) + l);
            }
            default:
                throw new LuaError("wrong number of arguments");
        }
    }

    private void srand48(int seed) {
        rand48 = (((long) seed << 16) | 0x330E) & 0xFFFF_FFFF_FFFFL;
    }

    private int lrand48() {
        rand48 = (rand48 * 0x5DEECE66DL + 0xB) & 0xFFFF_FFFF_FFFFL;
        return (int) (rand48 >>> 17);
    }

    private static int versionNumber(String version) {
        String[] parts = version.split("\\.");
        int n = 0;
        for (int i = 0; i < 3; i++) n = n << 8 | (i < parts.length ? Integer.parseInt(parts[i]) : 0);
        return n;
    }

    static LuaFunction function(String name, Function<Varargs, Varargs> body) {
        return new VarArgFunction() {
            {
                this.name = name;
            }

            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(args);
            }
        };
    }

    /** The globals table: read-only once sealed, except for KEYS and ARGV which each run defines. */
    private static final class SandboxGlobals extends Globals {
        private boolean sealed;

        void seal() {
            sealed = true;
        }

        void define(String name, LuaValue value) {
            super.rawset(LuaValue.valueOf(name), value);
        }

        @Override
        public void rawset(LuaValue key, LuaValue value) {
            if (sealed) throw ReadOnlyTable.readOnly();
            super.rawset(key, value);
        }

        @Override
        public void rawset(int key, LuaValue value) {
            if (sealed) throw ReadOnlyTable.readOnly();
            super.rawset(key, value);
        }

        @Override
        public LuaValue setmetatable(LuaValue metatable) {
            if (sealed) throw ReadOnlyTable.readOnly();
            return super.setmetatable(metatable);
        }
    }
}
