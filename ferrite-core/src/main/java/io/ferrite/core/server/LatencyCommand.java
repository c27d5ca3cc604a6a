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
 * LATENCY. The event subcommands read the {@link LatencyMonitor}, whose only events are Redis's {@code command} and
 * {@code fast-command} (no fork, AOF or expire-cycle events: Ferrite neither forks nor writes an AOF, and its expiry
 * cycle does not hold up commands). HISTOGRAM reports the per-command distributions the dispatcher records while
 * {@code latency-tracking} is on.
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

    static CommandSpec command() {
        return spec("latency", -2).group("server").since("2.8.13")
                .summary("A container for latency diagnostics commands.")
                .subcommand(sub("doctor", 2, "Return a human readable latency analysis report.").handler(c ->
                        c.out.verbatim("txt", c.engine.latencyMonitor().doctor(nowSeconds(c)))))
                .subcommand(sub("history", 3, "Return timestamp-latency samples for the event.").handler(c -> {
                    List<LatencyMonitor.Sample> samples = c.engine.latencyMonitor().history(c.args.string(2));
                    c.out.array(samples.size());
                    for (LatencyMonitor.Sample x : samples) {
                        c.out.array(2);
                        c.out.integer(x.time());
                        c.out.integer(x.millis());
                    }
                }))
                .subcommand(sub("reset", -2, "Reset latency data for one or more events.")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded").handler(c -> {
                            List<String> names = new ArrayList<>();
                            for (int i = 2; i < c.argc(); i++) names.add(c.args.string(i));
                            c.out.integer(c.engine.latencyMonitor().reset(names));
                        }))
                .subcommand(sub("graph", 3, "Return a latency graph for the event.").handler(c -> {
                    String graph = c.engine.latencyMonitor().graph(c.args.string(2), nowSeconds(c));
                    if (graph == null) {
                        throw new CommandException("ERR No samples available for event '" + c.args.string(2) + "'");
                    }
                    c.out.verbatim("txt", graph);
                }))
                .subcommand(spec("help", 2).flags(LOADING, STALE).since("2.8.13")
                        .summary("Show helpful text about the different subcommands.")
                        .handler(c -> ServerCommands.help(c, HELP)))
                .subcommand(sub("histogram", -2, "Return the cumulative distribution of latencies of a subset of "
                        + "commands or all.").since("7.0.0").handler(LatencyCommand::histogram))
                .subcommand(sub("latest", 2, "Return the latest latency samples for all events.").handler(c -> {
                    List<LatencyMonitor.Latest> events = c.engine.latencyMonitor().latest();
                    c.out.array(events.size());
                    for (LatencyMonitor.Latest e : events) {
                        c.out.array(4);
                        c.out.bulk(e.event());
                        c.out.integer(e.last().time());
                        c.out.integer(e.last().millis());
                        c.out.integer(e.max());
                    }
                }));
    }

    /** Redis's {@code time(NULL)}: the wall clock, not the command's frozen time. */
    private static long nowSeconds(CommandContext c) {
        return c.engine.ticker().currentTimeMillis() / 1000;
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
