package io.ferrite.core.server;

import io.ferrite.core.Session;
import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.ferrite.core.command.CommandFlag.ADMIN;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.NOSCRIPT;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * The MONITOR clients, and the feed of executed commands they receive, one status line per command in Redis's
 * format: {@code 1339518083.107412 [0 127.0.0.1:60866] "keys" "*"}.
 *
 * <p>Thread-safe. {@link #active()} is the dispatcher's only cost while nobody monitors.
 */
public final class Monitors {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Map<Long, Session> monitors = new ConcurrentHashMap<>();
    private volatile boolean active;

    static CommandSpec command() {
        return spec("monitor", 1).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl().group("server").since("1.0.0")
                .summary("Listens for all requests received by the server in real-time.")
                .handler(Monitors::monitor);
    }

    private static void monitor(CommandContext c) {
        Session s = c.session;
        if (s.transport() == null) throw new CommandException("ERR MONITOR needs a network connection");
        // As in Redis, a second MONITOR on the same connection is ignored, without a reply.
        if (c.engine.monitors().monitors.putIfAbsent(s.id(), s) != null) return;
        c.engine.monitors().active = true;
        c.out.simple("OK");
    }

    public boolean active() {
        return active;
    }

    public boolean isMonitor(Session s) {
        return active && monitors.containsKey(s.id());
    }

    /** Stops feeding {@code s} (its connection closed). */
    public void remove(Session s) {
        if (monitors.remove(s.id()) != null && monitors.isEmpty()) active = false;
    }

    /**
     * Sends the command {@code ctx} just executed to every monitor, unless Redis hides it (admin commands, those
     * flagged skip_monitor). Any thread; each monitor's transport hands the line to its own thread.
     */
    public void feed(CommandContext ctx) {
        CommandSpec spec = ctx.spec;
        if (spec.has(ADMIN) || spec.has(CommandFlag.SKIP_MONITOR)) return;
        Session.Transport t = ctx.session.transport();
        String line = line(ctx.now, ctx.session.db(), t == null ? "embedded" : t.remoteAddress(), ctx.args);
        for (Session m : monitors.values()) m.transport().sendStatus(line);
    }

    /** One feed line: time with microseconds, database, client address, then each argument as Redis quotes it. */
    static String line(long nowMillis, int db, String address, Args args) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(nowMillis / 1000).append('.');
        String micros = Long.toString(nowMillis % 1000 * 1000);
        sb.append("000000", 0, 6 - micros.length()).append(micros);
        sb.append(" [").append(db).append(' ').append(address).append(']');
        int redactFrom = redactFrom(args);
        for (int i = 0; i < args.count(); i++) {
            sb.append(' ');
            if (i >= redactFrom && i < redactFrom + redactCount(args)) sb.append("\"(redacted)\"");
            else repr(sb, args.bytes(i));
        }
        return sb.toString();
    }

    /** The first argument hidden from monitors: AUTH's credentials, HELLO's AUTH pair. */
    private static int redactFrom(Args args) {
        if (args.is(0, "AUTH")) return 1;
        if (args.is(0, "HELLO")) {
            for (int i = 2; i + 2 < args.count(); i++) if (args.is(i, "AUTH")) return i + 1;
        }
        return Integer.MAX_VALUE;
    }

    private static int redactCount(Args args) {
        return args.is(0, "AUTH") ? args.count() - 1 : 2;
    }

    /** Redis's {@code sdscatrepr}: a double-quoted string, with C escapes for quotes, controls and non-ASCII. */
    static void repr(StringBuilder sb, byte[] b) {
        sb.append('"');
        for (byte x : b) {
            int c = x & 0xff;
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                default -> {
                    if (c >= 0x20 && c < 0x7f) sb.append((char) c);
                    else sb.append("\\x").append((char) HEX[c >> 4]).append((char) HEX[c & 15]);
                }
            }
        }
        sb.append('"');
    }
}
