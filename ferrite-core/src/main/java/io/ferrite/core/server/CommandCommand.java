package io.ferrite.core.server;

import io.ferrite.core.ReplySink;
import io.ferrite.core.command.AclCategory;
import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Glob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ferrite.core.command.AclCategory.CONNECTION;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * COMMAND and its subcommands, answered from the command table's specs. Key specs are derived from the
 * first/last/step positions (one {@code index} + {@code range} spec, flagged RO/access or RW/update by the command's
 * READONLY/WRITE flag); Redis's finer key-spec flags and its keyword/keynum searches are not modelled, and
 * movable-key commands report no key spec.
 */
final class CommandCommand {
    private CommandCommand() {}

    private static final List<String> HELP = List.of(
            "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "(no subcommand)",
            "    Return details about all Redis commands.",
            "COUNT",
            "    Return the total number of commands in this Redis server.",
            "LIST",
            "    Return a list of all commands in this Redis server.",
            "INFO [<command-name> ...]",
            "    Return details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "DOCS [<command-name> ...]",
            "    Return documentation details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "GETKEYS <full-command>",
            "    Return the keys from a full Redis command.",
            "GETKEYSANDFLAGS <full-command>",
            "    Return the keys and the access flags from a full Redis command.",
            "HELP",
            "    Prints this help.");

    static CommandSpec command() {
        // COMMAND with no argument lists everything; with one it is a container.
        return spec("command", -1).flags(LOADING, STALE).acl(CONNECTION).group("server").since("2.8.13")
                .tips("nondeterministic_output_order").summary("Returns detailed information about all commands.")
                .handler(c -> {
                    List<CommandSpec> all = new ArrayList<>(c.engine.commandTable().all());
                    c.out.array(all.size());
                    for (CommandSpec s : all) info(c.out, s);
                })
                .subcommand(sub("count", 2, "2.8.13", "Returns a count of commands.")
                        .handler(c -> c.out.integer(c.engine.commandTable().size())))
                .subcommand(sub("info", -2, "2.8.13", "Returns information about one, multiple or all commands.")
                        .tips("nondeterministic_output_order").handler(CommandCommand::info))
                .subcommand(sub("docs", -2, "7.0.0", "Returns documentary information about one, multiple or all commands.")
                        .tips("nondeterministic_output_order").handler(CommandCommand::docs))
                .subcommand(sub("list", -2, "7.0.0", "Returns a list of command names.")
                        .tips("nondeterministic_output_order").handler(CommandCommand::list))
                .subcommand(sub("getkeys", -4, "2.8.13", "Extracts the key names from an arbitrary command.")
                        .handler(c -> getkeys(c, false)))
                .subcommand(sub("getkeysandflags", -4, "7.0.0",
                        "Extracts the key names and access flags for an arbitrary command.")
                        .handler(c -> getkeys(c, true)))
                .subcommand(sub("help", 2, "5.0.0", "Returns helpful text about the different subcommands.")
                        .handler(c -> ServerCommands.help(c, HELP)));
    }

    private static CommandSpec sub(String name, int arity, String since, String summary) {
        return spec(name, arity).flags(LOADING, STALE).acl(CONNECTION).group("server").since(since).summary(summary);
    }

    /** Every command and subcommand, containers first then their subcommands, as COMMAND LIST names them. */
    private static List<CommandSpec> everything(CommandTable table) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec s : table.all()) {
            out.add(s);
            if (s.isContainer()) out.addAll(s.subcommands().all());
        }
        return out;
    }

    /** A command by name, {@code container|sub} names a subcommand; null if unknown. */
    static CommandSpec find(CommandTable table, String name) {
        int bar = name.indexOf('|');
        if (bar < 0) return table.lookup(name);
        CommandSpec parent = table.lookup(name.substring(0, bar));
        if (parent == null || !parent.isContainer()) return null;
        return parent.subcommands().lookup(name.substring(bar + 1));
    }

    static void info(CommandContext c) {
        CommandTable table = c.engine.commandTable();
        if (c.argc() == 2) {
            c.out.array(table.size());
            for (CommandSpec s : table.all()) info(c.out, s);
            return;
        }
        c.out.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            CommandSpec s = find(table, c.args.string(i));
            if (s == null) c.out.nil();
            else info(c.out, s);
        }
    }

    /** One COMMAND INFO entry: name, arity, flags, first, last, step, ACL categories, tips, key specs, subcommands. */
    static void info(ReplySink out, CommandSpec s) {
        out.array(10);
        out.bulk(s.fullName());
        out.integer(s.arity());
        List<CommandFlag> flags = s.flagSet().stream().filter(CommandFlag::reported).toList();
        out.set(flags.size());
        for (CommandFlag f : flags) out.simple(f.wireName());
        out.integer(s.firstKey());
        out.integer(s.lastKey());
        out.integer(s.keyStep());
        List<AclCategory> acl = s.aclCategories();
        out.set(acl.size());
        for (AclCategory a : acl) out.simple(a.wireName());
        out.set(s.tips().size());
        for (String tip : s.tips()) out.bulk(tip);
        if (hasKeySpec(s)) {
            out.set(1);
            keySpec(out, s);
        } else {
            out.set(0);
        }
        if (s.isContainer()) {
            out.array(s.subcommands().size());
            for (CommandSpec sub : s.subcommands().all()) info(out, sub);
        } else {
            out.set(0);
        }
    }

    private static boolean hasKeySpec(CommandSpec s) {
        return s.firstKey() > 0 && s.keyFinder() == null;
    }

    private static List<String> keyFlags(CommandSpec s) {
        return s.has(CommandFlag.WRITE) ? List.of("RW", "update") : List.of("RO", "access");
    }

    private static void keySpec(ReplySink out, CommandSpec s) {
        out.map(3);
        out.bulk("flags");
        List<String> flags = keyFlags(s);
        out.set(flags.size());
        for (String f : flags) out.simple(f);
        out.bulk("begin_search");
        out.map(2);
        out.bulk("type");
        out.bulk("index");
        out.bulk("spec");
        out.map(1);
        out.bulk("index");
        out.integer(s.firstKey());
        out.bulk("find_keys");
        out.map(2);
        out.bulk("type");
        out.bulk("range");
        out.bulk("spec");
        out.map(3);
        out.bulk("lastkey");
        out.integer(s.lastKey() < 0 ? s.lastKey() : s.lastKey() - s.firstKey());
        out.bulk("keystep");
        out.integer(s.keyStep());
        out.bulk("limit");
        out.integer(0);
    }

    static void docs(CommandContext c) {
        CommandTable table = c.engine.commandTable();
        List<CommandSpec> specs = new ArrayList<>();
        if (c.argc() == 2) {
            specs.addAll(table.all());
        } else {
            for (int i = 2; i < c.argc(); i++) {
                CommandSpec s = find(table, c.args.string(i));
                if (s != null) specs.add(s);
            }
        }
        c.out.map(specs.size());
        for (CommandSpec s : specs) {
            c.out.bulk(s.fullName());
            doc(c.out, s);
        }
    }

    private static void doc(ReplySink out, CommandSpec s) {
        boolean complexity = !s.complexity().isEmpty();
        out.map(3 + (complexity ? 1 : 0) + (s.isContainer() ? 1 : 0));
        out.bulk("summary");
        out.bulk(s.summary());
        out.bulk("since");
        out.bulk(s.since());
        out.bulk("group");
        out.bulk(s.group());
        if (complexity) {
            out.bulk("complexity");
            out.bulk(s.complexity());
        }
        if (s.isContainer()) {
            out.bulk("subcommands");
            out.map(s.subcommands().size());
            for (CommandSpec sub : s.subcommands().all()) {
                out.bulk(sub.fullName());
                doc(out, sub);
            }
        }
    }

    static void list(CommandContext c) {
        List<CommandSpec> all = everything(c.engine.commandTable());
        List<CommandSpec> shown;
        if (c.argc() == 2) {
            shown = all;
        } else if (c.argc() == 5 && c.args.is(2, "FILTERBY")) {
            String value = c.args.string(4);
            shown = new ArrayList<>();
            if (c.args.is(3, "MODULE")) {
                // No module commands exist.
            } else if (c.args.is(3, "ACLCAT")) {
                for (CommandSpec s : all) {
                    for (AclCategory a : s.aclCategories()) {
                        if (a.name().equalsIgnoreCase(value)) shown.add(s);
                    }
                }
            } else if (c.args.is(3, "PATTERN")) {
                for (CommandSpec s : all) if (Glob.matches(value, s.fullName())) shown.add(s);
            } else {
                throw Errors.syntax();
            }
        } else {
            throw Errors.syntax();
        }
        c.out.array(shown.size());
        for (CommandSpec s : shown) c.out.bulk(s.fullName());
    }

    static void getkeys(CommandContext c, boolean withFlags) {
        byte[][] argv = new byte[c.argc() - 2][];
        for (int i = 2; i < c.argc(); i++) argv[i - 2] = c.arg(i);
        Args args = new Args(argv, argv.length);
        CommandSpec s = c.engine.commandTable().lookup(argv[0]);
        if (s == null) throw new CommandException("ERR Invalid command specified");
        if (!s.arityMatches(argv.length)) throw new CommandException("ERR Invalid number of arguments specified for command");
        if (s.isContainer()) {
            CommandSpec sub = s.subcommands().lookup(argv[1]);
            if (sub == null) throw new CommandException("ERR Invalid command specified");
            if (!sub.arityMatches(argv.length)) {
                throw new CommandException("ERR Invalid number of arguments specified for command");
            }
            s = sub;
        }
        int[] idx = new int[argv.length];
        int n = s.firstKey() <= 0 && s.keyFinder() == null ? 0 : s.keyIndices(args, idx);
        if (n < 0) throw new CommandException("ERR Invalid arguments specified for command");
        if (n == 0) throw new CommandException("ERR The command has no key arguments");
        int[] keys = Arrays.copyOf(idx, n);
        c.out.array(n);
        List<String> flags = keyFlags(s);
        for (int i : keys) {
            if (withFlags) {
                c.out.array(2);
                c.out.bulk(argv[i]);
                c.out.set(flags.size());
                for (String f : flags) c.out.simple(f);
            } else {
                c.out.bulk(argv[i]);
            }
        }
    }
}
