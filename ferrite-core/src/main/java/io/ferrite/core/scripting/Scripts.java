package io.ferrite.core.scripting;

import io.ferrite.core.Session;
import io.ferrite.core.blocking.BlockingRegistry;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import org.luaj.vm2.LuaFunction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One engine's Lua scripts: the cache of compiled scripts by SHA1 and the sandbox they run in.
 *
 * <p>Thread-safe. The cache is concurrent; the sandbox, created on first use, runs one script at a time because
 * script commands hold every shard lock (see the package overview).
 */
public final class Scripts {
    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

    /**
     * A compiled script. {@code declared}: it starts with a shebang, whose flags then apply; {@code noWrites}: the
     * shebang says {@code flags=no-writes}.
     */
    record Script(String sha, LuaFunction function, boolean declared, boolean noWrites) {}

    private final ConcurrentHashMap<String, Script> cache = new ConcurrentHashMap<>();
    private volatile LuaSandbox sandbox;
    private final Functions functions = new Functions(this);

    /** The engine's function libraries (FUNCTION / FCALL). */
    public Functions functions() {
        return functions;
    }

    /** The cached script of {@code sha} (any case), or null. */
    Script cached(byte[] sha) {
        return sha.length == 40 ? cache.get(new String(sha, StandardCharsets.ISO_8859_1).toLowerCase()) : null;
    }

    boolean exists(byte[] sha) {
        return cached(sha) != null;
    }

    /** The script of {@code body}, compiled and cached on first sight; Redis's compile error if it does not parse. */
    Script load(byte[] body) {
        String sha = sha1hex(body);
        Script s = cache.get(sha);
        if (s != null) return s;
        Shebang shebang = Shebang.parse(body);
        LuaFunction f = sandbox().compile(shebang.source(body));
        return cache.computeIfAbsent(sha, k -> new Script(k, f, shebang.present(), shebang.noWrites()));
    }

    /** SCRIPT FLUSH. */
    void flush() {
        cache.clear();
    }

    /** Number of cached scripts (INFO's {@code number_of_cached_scripts}). */
    public int size() {
        return cache.size();
    }

    /**
     * Runs {@code script} for the command of {@code c} (EVAL's argument layout: numkeys at 2, keys then arguments
     * after it) and replies with its result. Commands the script calls run on the calling session; the session's
     * database, blocking delivery and last command are restored afterwards, as a script leaves its caller alone.
     */
    void run(CommandContext c, Script script, int numKeys, boolean readOnly) {
        LuaSandbox lua = sandbox();
        Session session = c.session;
        int db = session.db();
        BlockingRegistry.Delivery delivery = session.blockedDelivery();
        // Nowhere to wait inside a script: blocking commands answer as their timeout would.
        session.blockedDelivery(null);
        LuaSandbox.Run run = new LuaSandbox.Run(c, script.sha(), readOnly || script.noWrites());
        try {
            lua.execute(run, script.function(), numKeys);
        } finally {
            session.blockedDelivery(delivery);
            session.select(db);
            session.lastCommand(c.spec.fullName());
        }
    }

    /**
     * Runs library function {@code f} for FCALL / FCALL_RO, as {@link #run} runs a script; {@code readOnly}: the
     * command is FCALL_RO.
     */
    void call(CommandContext c, Functions.Function f, int numKeys, boolean readOnly) {
        LuaSandbox lua = sandbox();
        Session session = c.session;
        int db = session.db();
        BlockingRegistry.Delivery delivery = session.blockedDelivery();
        session.blockedDelivery(null);
        LuaSandbox.Run run = new LuaSandbox.Run(c, f.name(), LuaSandbox.FUNCTION_CHUNK, readOnly || f.noWrites());
        run.allowOom = f.allowOom();
        try {
            lua.executeFunction(run, f.registered().callback(), numKeys);
        } finally {
            session.blockedDelivery(delivery);
            session.select(db);
            session.lastCommand(c.spec.fullName());
        }
    }

    LuaSandbox sandbox() {
        LuaSandbox s = sandbox;
        if (s == null) {
            synchronized (this) {
                s = sandbox;
                if (s == null) sandbox = s = new LuaSandbox();
            }
        }
        return s;
    }

    static String sha1hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    /**
     * Redis 7's {@code #!lua flags=...} first line. The line is compiled as a comment so that line numbers in
     * errors stay those of the body.
     */
    record Shebang(boolean present, boolean noWrites) {
        private static final java.util.Set<String> FLAGS =
                java.util.Set.of("no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys");

        static Shebang parse(byte[] body) {
            if (body.length < 2 || body[0] != '#' || body[1] != '!') return new Shebang(false, false);
            int end = 0;
            while (end < body.length && body[end] != '\n') end++;
            String line = new String(body, 0, end, StandardCharsets.UTF_8);
            String[] parts = line.split(" ");
            if (!parts[0].equals("#!lua")) {
                throw new CommandException("ERR Unexpected engine in script shebang: " + parts[0]);
            }
            boolean noWrites = false;
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].isEmpty()) continue;
                if (!parts[i].startsWith("flags=")) {
                    throw new CommandException("ERR Unknown lua shebang option: " + parts[i]);
                }
                for (String flag : parts[i].substring(6).split(",")) {
                    if (flag.isEmpty()) continue;
                    if (!FLAGS.contains(flag)) {
                        throw new CommandException("ERR Unexpected flag in script shebang: " + flag);
                    }
                    if (flag.equals("no-writes")) noWrites = true;
                }
            }
            return new Shebang(true, noWrites);
        }

        byte[] source(byte[] body) {
            if (!present) return body;
            byte[] src = new byte[body.length + 2];
            src[0] = '-';
            src[1] = '-';
            System.arraycopy(body, 0, src, 2, body.length);
            return src;
        }
    }
}
