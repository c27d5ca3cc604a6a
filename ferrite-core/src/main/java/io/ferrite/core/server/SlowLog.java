package io.ferrite.core.server;

import io.ferrite.core.Session;
import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.Config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ferrite.core.command.CommandFlag.ADMIN;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * SLOWLOG: the latest commands that ran for at least {@code slowlog-log-slower-than} microseconds, newest first,
 * at most {@code slowlog-max-len} of them. Ids count entries from the engine's start and survive RESET, as in Redis.
 *
 * <p>Thread-safe. The dispatcher compares a command's duration with {@link Config#slowlogLogSlowerThan} before
 * calling {@link #add}: a command under the threshold costs one compare.
 */
public final class SlowLog {
    /** Redis keeps at most this many arguments of a command, the last one saying how many more there were. */
    static final int MAX_ARGS = 32;
    /** Redis keeps at most this many bytes of an argument. */
    static final int MAX_ARG_BYTES = 128;
    private static final String SCRIPT_ADDRESS = "?:0";
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    /** One entry, immutable: the arguments are already truncated and redacted copies. */
    record Entry(long id, long unixSeconds, long micros, byte[][] argv, String address, String clientName) {}

    private final Config config;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    public SlowLog(Config config) {
        this.config = config;
    }

    /**
     * Logs the command {@code ctx} just ran in {@code micros}, unless logging is disabled. A script's commands come
     * from no connection: Redis shows its script client's {@code ?:0} and no name.
     */
    public void add(CommandContext ctx, long micros) {
        Session s = ctx.session;
        Session.Transport t = s.transport();
        byte[][] argv = argv(ctx.args);
        String address = ctx.fromScript() ? SCRIPT_ADDRESS : t == null ? "" : t.remoteAddress();
        String name = ctx.fromScript() ? "" : s.name();
        synchronized (this) {
            // Read again under the lock: a CONFIG SET may have disabled logging since the dispatcher looked.
            if (config.slowlogLogSlowerThan < 0) return;
            entries.addFirst(new Entry(nextId++, ctx.now / 1000, micros, argv, address, name));
            long max = config.slowlogMaxLen;
            while (entries.size() > max) entries.removeLast();
        }
    }

    synchronized List<Entry> latest(long count) {
        List<Entry> out = new ArrayList<>((int) Math.min(count, entries.size()));
        for (Entry e : entries) {
            if (out.size() >= count) break;
            out.add(e);
        }
        return out;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void reset() {
        entries.clear();
    }

    /**
     * The arguments as Redis logs them: at most {@link #MAX_ARGS}, each at most {@link #MAX_ARG_BYTES} bytes, with
     * credentials replaced by {@code (redacted)}.
     */
    static byte[][] argv(Args args) {
        int argc = args.count();
        int kept = Math.min(argc, MAX_ARGS);
        byte[][] argv = new byte[kept][];
        for (int i = 0; i < kept; i++) {
            byte[] a = args.bytes(i);
            if (kept != argc && i == kept - 1) {
                argv[i] = ascii("... (" + (argc - kept + 1) + " more arguments)");
            } else if (redacted(args, i)) {
                argv[i] = REDACTED;
            } else if (a.length > MAX_ARG_BYTES) {
                byte[] more = ascii("... (" + (a.length - MAX_ARG_BYTES) + " more bytes)");
                byte[] b = Arrays.copyOf(a, MAX_ARG_BYTES + more.length);
                System.arraycopy(more, 0, b, MAX_ARG_BYTES, more.length);
                argv[i] = b;
            } else {
                argv[i] = a.clone();
            }
        }
        return argv;
    }

    /**
     * Whether argument {@code i} is a credential Redis hides from the slow log: AUTH's arguments, HELLO's AUTH pair,
     * ACL SETUSER's user and rules, a sensitive CONFIG SET value, MIGRATE's AUTH password or AUTH2 pair.
     */
    static boolean redacted(Args args, int i) {
        if (i == 0) return false;
        if (args.is(0, "AUTH")) return true;
        if (args.is(0, "ACL")) return i >= 2 && args.is(1, "SETUSER");
        if (args.is(0, "CONFIG")) {
            return args.is(1, "SET") && i >= 3 && (i - 3) % 2 == 0 && (args.is(i - 1, "REQUIREPASS")
                    || args.is(i - 1, "MASTERAUTH"));
        }
        if (args.is(0, "HELLO")) return follows(args, i, "AUTH", 2, 2);
        if (args.is(0, "MIGRATE")) return follows(args, i, "AUTH", 6, 1) || follows(args, i, "AUTH2", 6, 2);
        return false;
    }

    /** Whether argument {@code i} is one of the {@code n} after the option {@code word}, looked for from {@code from}. */
    private static boolean follows(Args args, int i, String word, int from, int n) {
        for (int j = Math.max(from, i - n); j < i; j++) if (args.is(j, word)) return true;
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static final List<String> HELP = List.of(
            "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET [<count>]",
            "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
            "    Entries are made of:",
            "    id, timestamp, time in microseconds, arguments array, client IP and port,",
            "    client name",
            "LEN",
            "    Return the length of the slowlog.",
            "RESET",
            "    Reset the slowlog.",
            "HELP",
            "    Prints this help.");

    static CommandSpec command() {
        return spec("slowlog", -2).group("server").since("2.2.12")
                .summary("A container for slow log commands.")
                .subcommand(spec("get", -2).flags(ADMIN, LOADING, STALE).since("2.2.12")
                        .tips("request_policy:all_nodes", "nondeterministic_output")
                        .summary("Returns the slow log's entries.").handler(SlowLog::get))
                .subcommand(spec("len", 2).flags(ADMIN, LOADING, STALE).since("2.2.12")
                        .tips("request_policy:all_nodes", "response_policy:agg_sum", "nondeterministic_output")
                        .summary("Returns the number of entries in the slow log.")
                        .handler(c -> c.out.integer(c.engine.slowLog().size())))
                .subcommand(spec("reset", 2).flags(ADMIN, LOADING, STALE).since("2.2.12")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded")
                        .summary("Clears all entries from the slow log.").handler(c -> {
                            c.engine.slowLog().reset();
                            c.out.simple("OK");
                        }))
                .subcommand(spec("help", 2).flags(LOADING, STALE).since("6.2.0")
                        .summary("Show helpful text about the different subcommands")
                        .handler(c -> ServerCommands.help(c, HELP)));
    }

    private static void get(CommandContext c) {
        if (c.argc() > 3) {
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP.");
        }
        long count = 10;
        if (c.argc() == 3) {
            byte[] a = c.arg(2);
            if (!Numbers.isLong(a) || (count = Numbers.parseLong(a)) < -1) {
                throw new CommandException("ERR count should be greater than or equal to -1");
            }
            if (count == -1) count = Long.MAX_VALUE;
        }
        List<Entry> latest = c.engine.slowLog().latest(count);
        c.out.array(latest.size());
        for (Entry e : latest) {
            c.out.array(6);
            c.out.integer(e.id());
            c.out.integer(e.unixSeconds());
            c.out.integer(e.micros());
            c.out.array(e.argv().length);
            for (byte[] a : e.argv()) c.out.bulk(a);
            c.out.bulk(e.address());
            c.out.bulk(e.clientName());
        }
    }
}
