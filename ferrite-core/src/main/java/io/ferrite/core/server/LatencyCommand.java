package io.ferrite.core.server;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.LatencyHistogram;

import java.util.ArrayList;
import java.util.List;

import static io.ferrite.core.command.CommandFlag.ADMIN;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.NOSCRIPT;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * LATENCY. Ferrite samples no latency events (Redis's fork, AOF fsync, expire-cycle and slow-command events): the
 * event subcommands answer as a Redis that has observed none. HISTOGRAM reports the per-command distributions the
 * dispatcher records while {@code latency-tracking} is on.
 */
final class LatencyCommand {
    private LatencyCommand() {}

    private static final List<String> HELP = List.of(
            "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "DOCTOR",
            "    Return a human readable latency analysis report.",
            "GRAPH <event>",
            "    Return an ASCII latency graph for the <event> class.",
            "HISTORY <event>",
            "    Return time-latency samples for the <event> class.",
            "LATEST",
            "    Return the latest latency samples for all events.",
            "RESET [<event> ...]",
            "    Reset latency data of one or more <event> classes.",
            "    (default: reset all data for all event classes)",
            "HISTOGRAM [COMMAND ...]",
            "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
            "    If no commands are specified then all histograms are replied.",
            "HELP",
            "    Prints this help.");

    private static final String DISABLED = "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this "
            + "Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable "
            + "it. If we weren't in a deep space mission I'd suggest to take a look at "
            + "https://redis.io/topics/latency-monitor.\n";
    private static final String NO_SPIKE = "Dave, no latency spike was observed during the lifetime of this Redis "
            + "instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, "
            + "and think things over.\n";

    static CommandSpec command() {
        return spec("latency", -2).group("server").since("2.8.13")
                .summary("A container for latency diagnostics commands.")
                .subcommand(sub("doctor", 2, "Return a human readable latency analysis report.").handler(c -> {
                    boolean enabled = !"0".equals(c.engine.configTable().get("latency-monitor-threshold"));
                    c.out.verbatim("txt", enabled ? NO_SPIKE : DISABLED);
                }))
                .subcommand(sub("history", 3, "Return timestamp-latency samples for the event.")
                        .handler(c -> c.out.array(0)))
                .subcommand(sub("reset", -2, "Reset latency data for one or more events.")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded")
                        .handler(c -> c.out.integer(0)))
                .subcommand(sub("graph", 3, "Return a latency graph for the event.").handler(c -> {
                    throw new CommandException("ERR No samples available for event '" + c.args.string(2) + "'");
                }))
                .subcommand(spec("help", 2).flags(LOADING, STALE).since("2.8.13")
                        .summary("Show helpful text about the different subcommands.")
                        .handler(c -> ServerCommands.help(c, HELP)))
                .subcommand(sub("histogram", -2, "Return the cumulative distribution of latencies of a subset of "
                        + "commands or all.").since("7.0.0").handler(LatencyCommand::histogram))
                .subcommand(sub("latest", 2, "Return the latest latency samples for all events.")
                        .handler(c -> c.out.array(0)));
    }

    private static CommandSpec sub(String name, int arity, String summary) {
        return spec(name, arity).flags(ADMIN, NOSCRIPT, LOADING, STALE).since("2.8.13").summary(summary)
                .tips("nondeterministic_output", "request_policy:all_nodes", "response_policy:special");
    }

    /**
     * Every command with calls recorded, or those named (a container name stands for its subcommands with calls,
     * {@code container|sub} for one); unknown names are skipped and repeated ones repeated, as Redis does.
     */
    private static void histogram(CommandContext c) {
        CommandTable table = c.engine.commandTable();
        List<CommandSpec> specs = new ArrayList<>();
        if (c.argc() == 2) {
            for (CommandSpec spec : table.all()) withLatency(spec, specs);
        } else {
            for (int i = 2; i < c.argc(); i++) {
                String name = c.args.string(i);
                int bar = name.indexOf('|');
                CommandSpec spec = table.lookup(bar < 0 ? name : name.substring(0, bar));
                if (spec != null && bar >= 0) {
                    spec = spec.isContainer() ? spec.subcommands().lookup(name.substring(bar + 1)) : null;
                }
                if (spec != null) withLatency(spec, specs);
            }
        }
        c.out.map(specs.size());
        for (CommandSpec spec : specs) {
            c.out.bulk(spec.fullName());
            distribution(c, spec.latencyIfAny().snapshot().buckets());
        }
    }

    /** {@code spec} if it has a histogram, then its subcommands that have one. */
    private static void withLatency(CommandSpec spec, List<CommandSpec> out) {
        if (spec.latencyIfAny() != null) out.add(spec);
        if (spec.isContainer()) {
            for (CommandSpec sub : spec.subcommands().all()) if (sub.latencyIfAny() != null) out.add(sub);
        }
    }

    /** {@code calls} and {@code histogram_usec}: cumulative counts at each bucket bound where the count grows. */
    private static void distribution(CommandContext c, long[] counts) {
        int buckets = 0;
        long calls = 0;
        for (long n : counts) {
            if (n > 0) buckets++;
            calls += n;
        }
        c.out.map(2);
        c.out.bulk("calls");
        c.out.integer(calls);
        c.out.bulk("histogram_usec");
        c.out.map(buckets);
        long cumulative = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) continue;
            cumulative += counts[k];
            c.out.integer(LatencyHistogram.boundMicros(k));
            c.out.integer(cumulative);
        }
    }
}
