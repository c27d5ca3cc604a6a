package io.ferrite.core.server;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.keyspace.Keyspace;

import java.util.List;

import static io.ferrite.core.command.AclCategory.DANGEROUS;
import static io.ferrite.core.command.AclCategory.KEYSPACE;
import static io.ferrite.core.command.CommandFlag.FAST;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.READONLY;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandFlag.WRITE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * Server commands (Redis's {@code server} group): DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME, INFO, CONFIG, COMMAND, DEBUG,
 * SLOWLOG, LATENCY.
 */
public final class ServerCommands {
    private ServerCommands() {}

    public static void register(CommandTable t) {
        t.add(ShutdownCommand.command());
        t.add(Monitors.command());
        t.add(SlowLog.command());
        t.add(LatencyCommand.command());
        t.add(spec("dbsize", 1).flags(READONLY, FAST).acl(KEYSPACE).group("server").locksAll()
                .tips("request_policy:all_shards", "response_policy:agg_sum")
                .summary("Returns the number of keys in the database.")
                .handler(c -> c.out.integer(c.db().size())));
        t.add(spec("flushdb", -1).flags(WRITE).acl(KEYSPACE, DANGEROUS).group("server").locksAll()
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .summary("Remove all keys from the current database.").handler(c -> {
                    flushMode(c);
                    c.db().clear();
                    c.engine.snapshots().changed();
                    c.engine.tracking().flushed();
                    c.out.simple("OK");
                }));
        t.add(spec("flushall", -1).flags(WRITE).acl(KEYSPACE, DANGEROUS).group("server").locksAll()
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .summary("Removes all keys from all databases.").handler(c -> {
                    flushMode(c);
                    Keyspace ks = c.engine.keyspace();
                    for (int i = 0; i < ks.databases(); i++) ks.db(i).clear();
                    c.engine.snapshots().changed();
                    c.engine.tracking().flushed();
                    c.out.simple("OK");
                }));
        t.add(spec("swapdb", 3).flags(WRITE, FAST).acl(KEYSPACE, DANGEROUS).group("server").since("4.0.0").locksAll()
                .summary("Swaps two Redis databases.").handler(ServerCommands::swapdb));
        t.add(spec("time", 1).flags(LOADING, STALE, FAST).group("server").since("2.6.0")
                .tips("nondeterministic_output").summary("Returns the server time.").handler(c -> {
                    long ms = c.engine.ticker().currentTimeMillis();
                    c.out.array(2);
                    c.out.bulk(Numbers.toBytes(ms / 1000));
                    c.out.bulk(Numbers.toBytes((ms % 1000) * 1000));
                }));
        t.add(InfoCommand.command());
        t.add(ConfigCommand.command());
        t.add(CommandCommand.command());
        t.add(DebugCommand.command());
    }

    /** FLUSHDB/FLUSHALL's optional ASYNC or SYNC; both free memory at once here. */
    private static void flushMode(CommandContext c) {
        if (c.argc() > 2 || (c.argc() == 2 && !c.args.is(1, "ASYNC") && !c.args.is(1, "SYNC"))) throw Errors.syntax();
    }

    static void swapdb(CommandContext c) {
        int databases = c.engine.keyspace().databases();
        byte[] a = c.arg(1);
        byte[] b = c.arg(2);
        if (!Numbers.isLong(a) || Numbers.parseLong(a) > Integer.MAX_VALUE || Numbers.parseLong(a) < Integer.MIN_VALUE) {
            throw new CommandException("ERR invalid first DB index");
        }
        if (!Numbers.isLong(b) || Numbers.parseLong(b) > Integer.MAX_VALUE || Numbers.parseLong(b) < Integer.MIN_VALUE) {
            throw new CommandException("ERR invalid second DB index");
        }
        long x = Numbers.parseLong(a);
        long y = Numbers.parseLong(b);
        if (x < 0 || x >= databases || y < 0 || y >= databases) throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        if (x != y) c.engine.keyspace().swap((int) x, (int) y);
        c.out.simple("OK");
    }

    /** CONFIG RESETSTAT: server, keyspace and per-command counters back to zero. */
    static void resetStats(io.ferrite.core.Ferrite engine) {
        engine.stats().reset();
        Keyspace ks = engine.keyspace();
        ks.keyspaceHits.reset();
        ks.keyspaceMisses.reset();
        ks.expiredKeys.reset();
        ks.evictedKeys.reset();
        for (io.ferrite.core.command.CommandSpec spec : engine.commandTable().all()) {
            resetCounters(spec);
            if (spec.isContainer()) spec.subcommands().all().forEach(ServerCommands::resetCounters);
        }
    }

    private static void resetCounters(io.ferrite.core.command.CommandSpec spec) {
        spec.calls.reset();
        spec.micros.reset();
        spec.rejectedCalls.reset();
        spec.failedCalls.reset();
        spec.resetLatency();
    }

    /** A HELP reply: the lines as status replies, as Redis's {@code addReplyHelp} sends them. */
    public static void help(CommandContext c, List<String> lines) {
        c.out.array(lines.size());
        for (String line : lines) c.out.simple(line);
    }
}
