package io.ferrite.core.server;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.keyspace.Keyspace;

import java.util.List;

import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * MEMORY USAGE / STATS / DOCTOR / MALLOC-STATS / PURGE / HELP. Figures are the engine's heap estimate
 * ({@code used_memory}), not allocator statistics: the JVM's allocator is the garbage collector.
 */
public final class MemoryCommands {
    private MemoryCommands() {}

    private static final long DOCTOR_MIN_BYTES = 5L << 20;

    public static void register(CommandTable t) {
        t.add(spec("memory", -2).group("server").since("4.0.0").summary("A container for memory diagnostics commands.")
                .subcommand(spec("usage", -3).flags(READONLY).keys(2, 2, 1).group("server").since("4.0.0")
                        .summary("Estimates the memory usage of a key.").handler(MemoryCommands::usage))
                .subcommand(spec("stats", 2).group("server").since("4.0.0")
                        .summary("Returns details about memory usage.").handler(MemoryCommands::stats))
                .subcommand(spec("doctor", 2).group("server").since("4.0.0")
                        .summary("Outputs a memory problems report.").handler(MemoryCommands::doctor))
                .subcommand(spec("malloc-stats", 2).group("server").since("4.0.0")
                        .summary("Returns the allocator statistics.")
                        .handler(c -> c.out.verbatim("txt", "Stats not supported for the current allocator")))
                .subcommand(spec("purge", 2).group("server").since("4.0.0")
                        .summary("Asks the allocator to release memory.").handler(c -> c.out.simple("OK")))
                .subcommand(spec("help", 2).flags(LOADING, STALE).group("server").since("4.0.0")
                        .summary("Returns helpful text about the different subcommands.").handler(MemoryCommands::help)));
    }

    static void usage(CommandContext c) {
        for (int i = 3; i < c.argc(); i += 2) {
            if (!c.args.is(i, "SAMPLES") || i + 1 >= c.argc()) throw Errors.syntax();
            if (c.args.longValue(i + 1) < 0) throw Errors.syntax();
        }
        long bytes = c.db().memoryUsage(c.arg(2), c.now);
        if (bytes < 0) c.out.nil();
        else c.out.integer(bytes);
    }

    static void stats(CommandContext c) {
        Keyspace ks = c.engine.keyspace();
        long used = ks.usedMemory();
        long peak = ks.peakMemory();
        long keys = 0;
        int nonEmpty = 0;
        for (int i = 0; i < ks.databases(); i++) {
            long n = ks.db(i).size();
            keys += n;
            if (n > 0) nonEmpty++;
        }
        c.out.map(17 + nonEmpty);
        entry(c, "peak.allocated", peak);
        entry(c, "total.allocated", used);
        entry(c, "startup.allocated", 0);
        entry(c, "replication.backlog", 0);
        entry(c, "clients.slaves", 0);
        entry(c, "clients.normal", 0);
        entry(c, "cluster.links", 0);
        entry(c, "aof.buffer", 0);
        entry(c, "lua.caches", 0);
        entry(c, "functions.caches", 0);
        for (int i = 0; i < ks.databases(); i++) {
            if (ks.db(i).size() == 0) continue;
            c.out.bulk("db." + i);
            c.out.map(2);
            entry(c, "overhead.hashtable.main", ks.db(i).tableBytes());
            entry(c, "overhead.hashtable.expires", 0);
        }
        long overhead = 0;
        for (int i = 0; i < ks.databases(); i++) overhead += ks.db(i).tableBytes();
        entry(c, "overhead.total", overhead);
        entry(c, "keys.count", keys);
        entry(c, "keys.bytes-per-key", keys == 0 ? 0 : used / keys);
        entry(c, "dataset.bytes", used - overhead);
        c.out.bulk("dataset.percentage");
        c.out.doubleValue(used == 0 ? 0 : 100.0 * (used - overhead) / used);
        c.out.bulk("peak.percentage");
        c.out.doubleValue(peak == 0 ? 0 : 100.0 * used / peak);
        entry(c, "fragmentation", 1);
    }

    private static void entry(CommandContext c, String name, long value) {
        c.out.bulk(name);
        c.out.integer(value);
    }

    static void doctor(CommandContext c) {
        long used = c.engine.keyspace().usedMemory();
        String text = used < DOCTOR_MIN_BYTES
                ? "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in "
                  + "these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam "
                  + "and I will be back to our programming as soon as I finished rebooting."
                : "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.";
        c.out.verbatim("txt", text);
    }

    static void help(CommandContext c) {
        List<String> lines = List.of(
                "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "DOCTOR",
                "    Return memory problems reports.",
                "MALLOC-STATS",
                "    Return internal statistics report from the memory allocator.",
                "PURGE",
                "    Attempt to purge dirty pages for reclamation by the allocator.",
                "STATS",
                "    Return information about the memory usage of the server.",
                "USAGE <key> [SAMPLES <count>]",
                "    Return memory in bytes used by <key> and its value. Nested values are",
                "    sampled up to <count> times (default: 5, 0 means sample all).",
                "HELP",
                "    Prints this help.");
        c.out.array(lines.size());
        for (String l : lines) c.out.simple(l);
    }
}
