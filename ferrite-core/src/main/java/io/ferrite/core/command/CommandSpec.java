package io.ferrite.core.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * One command described as data, as Redis's {@code src/commands/*.json} do: the same description drives dispatch,
 * arity errors, COMMAND INFO/DOCS, key extraction for shard locking and OOM rejection.
 *
 * <p>Built once at startup through the fluent setters, then read-only except for its statistics counters, which
 * any thread may update.
 */
public final class CommandSpec {
    private final String name;          // lower case; "config|get" for subcommands
    private final String upperName;
    private final int arity;            // Redis convention: n exact, -n at least n
    private final EnumSet<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
    private final EnumSet<AclCategory> acl = EnumSet.noneOf(AclCategory.class);
    private int firstKey;
    private int lastKey;
    private int keyStep;
    private KeyFinder keyFinder;
    private boolean locksAll;
    private String group = "generic";
    private String since = "1.0.0";
    private String summary = "";
    private String complexity = "";
    private List<String> tips = List.of();
    private CommandHandler handler;
    private CommandSpec parent;
    private String fullName;
    private CommandTable subcommands;
    private int aclId = -1;

    // INFO commandstats; any thread.
    public final LongAdder calls = new LongAdder();
    public final LongAdder micros = new LongAdder();
    public final LongAdder rejectedCalls = new LongAdder();
    public final LongAdder failedCalls = new LongAdder();
    /** LATENCY HISTOGRAM's distribution; made on the first recorded call, as Redis does. */
    private volatile LatencyHistogram latency;

    private CommandSpec(String name, int arity) {
        this.name = name.toLowerCase(Locale.ROOT);
        this.upperName = name.toUpperCase(Locale.ROOT);
        this.arity = arity;
    }

    /** A command named {@code name} with Redis's signed {@code arity} (counting the command name). */
    public static CommandSpec spec(String name, int arity) {
        return new CommandSpec(name, arity);
    }

    public CommandSpec flags(CommandFlag... fs) {
        Collections.addAll(flags, fs);
        return this;
    }

    public CommandSpec acl(AclCategory... cs) {
        Collections.addAll(acl, cs);
        return this;
    }

    /** Keys at argument positions first..last (negative last counts from the end) stepping by step. */
    public CommandSpec keys(int first, int last, int step) {
        this.firstKey = first;
        this.lastKey = last;
        this.keyStep = step;
        return this;
    }

    /**
     * Keys found by a function (movable keys). {@code first/last/step} are what COMMAND INFO reports (Redis reports
     * 0,0,0 for most movable-key commands, or the fixed part).
     */
    public CommandSpec keys(int first, int last, int step, KeyFinder finder) {
        keys(first, last, step);
        this.keyFinder = finder;
        flags.add(CommandFlag.MOVABLEKEYS);
        return this;
    }

    /** The command touches the whole keyspace (FLUSHALL, KEYS, SWAPDB ...): it runs with every shard locked. */
    public CommandSpec locksAll() {
        this.locksAll = true;
        return this;
    }

    public CommandSpec group(String g) { this.group = g; return this; }
    public CommandSpec since(String s) { this.since = s; return this; }
    public CommandSpec summary(String s) { this.summary = s; return this; }
    public CommandSpec complexity(String c) { this.complexity = c; return this; }

    /** Redis's command tips as COMMAND INFO lists them ({@code nondeterministic_output}, {@code request_policy:all_shards}). */
    public CommandSpec tips(String... ts) { this.tips = List.of(ts); return this; }

    public CommandSpec handler(CommandHandler h) {
        this.handler = h;
        return this;
    }

    /** Makes this a container command (CONFIG, CLIENT ...) dispatching on its first argument. */
    public CommandSpec subcommand(CommandSpec sub) {
        if (subcommands == null) subcommands = new CommandTable();
        sub.parent = this;
        sub.fullName = name + "|" + sub.name;
        subcommands.add(sub);
        return this;
    }

    public String name() { return name; }
    public String upperName() { return upperName; }
    /** The latency histogram, made on first use. */
    public LatencyHistogram latency() {
        LatencyHistogram h = latency;
        return h != null ? h : makeLatency();
    }

    private synchronized LatencyHistogram makeLatency() {
        if (latency == null) latency = new LatencyHistogram();
        return latency;
    }

    /** The latency histogram, or null when no call was recorded since the last reset. */
    public LatencyHistogram latencyIfAny() { return latency; }

    /** Forgets the latency histogram (CONFIG RESETSTAT). */
    public void resetLatency() { latency = null; }

    /** The name errors quote: {@code get}, or {@code config|get} for a subcommand. */
    public String fullName() { return parent == null ? name : fullName; }
    public int arity() { return arity; }
    public Set<CommandFlag> flagSet() { return Collections.unmodifiableSet(flags); }
    public boolean has(CommandFlag f) { return flags.contains(f); }
    public int firstKey() { return firstKey; }
    public int lastKey() { return lastKey; }
    public int keyStep() { return keyStep; }
    public KeyFinder keyFinder() { return keyFinder; }
    public boolean isLocksAll() { return locksAll; }
    public String group() { return group; }
    public String since() { return since; }
    public String summary() { return summary; }
    public String complexity() { return complexity; }
    public List<String> tips() { return tips; }
    public CommandHandler handler() { return handler; }
    public CommandSpec parent() { return parent; }
    public CommandTable subcommands() { return subcommands; }
    public boolean isContainer() { return subcommands != null; }

    /** The command's index in the engine's ACL catalog (the bit users' command rules set), assigned once at startup. */
    public int aclId() { return aclId; }
    public void aclId(int id) { this.aclId = id; }

    public boolean arityMatches(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    /** The ACL categories COMMAND INFO lists: the declared ones plus those Redis implies from the flags. */
    public List<AclCategory> aclCategories() {
        EnumSet<AclCategory> all = EnumSet.copyOf(acl.isEmpty() ? EnumSet.noneOf(AclCategory.class) : acl);
        if (flags.contains(CommandFlag.WRITE)) all.add(AclCategory.WRITE);
        if (flags.contains(CommandFlag.READONLY) && !acl.contains(AclCategory.SCRIPTING)) all.add(AclCategory.READ);
        if (flags.contains(CommandFlag.ADMIN)) { all.add(AclCategory.ADMIN); all.add(AclCategory.DANGEROUS); }
        if (flags.contains(CommandFlag.PUBSUB)) all.add(AclCategory.PUBSUB);
        if (flags.contains(CommandFlag.FAST)) all.add(AclCategory.FAST);
        if (flags.contains(CommandFlag.BLOCKING)) all.add(AclCategory.BLOCKING);
        if (!all.contains(AclCategory.FAST)) all.add(AclCategory.SLOW);
        return new ArrayList<>(all);
    }

    /**
     * Writes the argument indices of the keys of this invocation into {@code out} and returns their number, or -1
     * when a key finder rejects the arguments. {@code out} must hold at least {@code args.count()} entries.
     */
    public int keyIndices(Args args, int[] out) {
        if (keyFinder != null) return keyFinder.find(args, out);
        if (firstKey <= 0) return 0;
        int last = lastKey < 0 ? args.count() + lastKey : lastKey;
        int n = 0;
        for (int i = firstKey; i <= last && i < args.count(); i += keyStep) out[n++] = i;
        return n;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
