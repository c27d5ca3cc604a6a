package io.ferrite.core.server;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Glob;
import io.ferrite.core.config.ConfigException;
import io.ferrite.core.config.ConfigTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** CONFIG GET/SET/RESETSTAT/REWRITE/HELP over the engine's {@link ConfigTable}. */
final class ConfigCommand {
    private ConfigCommand() {}

    private static final List<String> HELP = List.of(
            "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command.",
            "REWRITE",
            "    Rewrite the configuration file.",
            "HELP",
            "    Prints this help.");

    static CommandSpec command() {
        return spec("config", -2).group("server").since("2.0.0").summary("A container for server configuration commands.")
                .subcommand(sub("get", -3, "2.0.0", "Returns the effective values of configuration parameters.")
                        .handler(ConfigCommand::get))
                .subcommand(sub("set", -4, "2.0.0", "Sets configuration parameters in-flight.")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded").handler(ConfigCommand::set))
                .subcommand(sub("resetstat", 2, "2.0.0", "Resets the server's statistics.").handler(c -> {
                    ServerCommands.resetStats(c.engine);
                    c.out.simple("OK");
                }))
                .subcommand(sub("rewrite", 2, "2.8.0", "Persists the effective configuration to file.").handler(c -> {
                    java.nio.file.Path file = c.engine.configFile();
                    if (file == null) throw new CommandException("ERR The server is running without a config file");
                    try {
                        ConfigRewrite.rewrite(c.engine, file);
                    } catch (java.io.IOException e) {
                        throw new CommandException("ERR Rewriting config file: " + e.getMessage());
                    }
                    c.out.simple("OK");
                }))
                .subcommand(spec("help", 2).flags(LOADING, STALE).group("server").since("5.0.0")
                        .summary("Returns helpful text about the different subcommands.")
                        .handler(c -> ServerCommands.help(c, HELP)));
    }

    private static CommandSpec sub(String name, int arity, String since, String summary) {
        return spec(name, arity).flags(ADMIN, NOSCRIPT, LOADING, STALE).group("server").since(since).summary(summary);
    }

    private static boolean isPattern(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '*' || ch == '?' || ch == '[') return true;
        }
        return false;
    }

    /**
     * CONFIG GET: a plain name (or alias) answers under the name as given; a glob answers every matching name
     * and alias. Each parameter appears once however many arguments match it.
     */
    static void get(CommandContext c) {
        ConfigTable table = c.engine.configTable();
        Map<String, String> found = new LinkedHashMap<>();
        for (int i = 2; i < c.argc(); i++) {
            String pattern = c.args.string(i);
            if (!isPattern(pattern)) {
                String value = table.get(pattern);
                if (value != null) found.putIfAbsent(pattern, value);
                continue;
            }
            for (String name : table.names()) {
                if (Glob.matches(pattern, name)) found.putIfAbsent(name, table.get(name));
            }
        }
        c.out.map(found.size());
        for (Map.Entry<String, String> e : found.entrySet()) {
            c.out.bulk(e.getKey());
            c.out.bulk(e.getValue());
        }
    }

    /** CONFIG SET: all names checked, then all values parsed, then all applied; any error changes nothing. */
    static void set(CommandContext c) {
        if ((c.argc() - 2) % 2 != 0) throw Errors.syntax();
        ConfigTable table = c.engine.configTable();
        Map<String, String> values = new LinkedHashMap<>();
        // Errors name the parameter as the command named it, in lower case (a legacy alias stays an alias), as Redis's do.
        Map<String, String> givenNames = new LinkedHashMap<>();
        for (int i = 2; i < c.argc(); i += 2) {
            String raw = c.args.string(i);
            String given = raw.toLowerCase(java.util.Locale.ROOT);
            String name = table.canonicalName(given);
            if (name == null) {
                throw new CommandException("ERR Unknown option or number of arguments for CONFIG SET - '" + raw + "'");
            }
            if (table.isImmutable(name)) throw failed(given, "can't set immutable config");
            if (table.isProtected(name)) throw failed(given, "can't set protected config");
            if (values.containsKey(name)) throw failed(given, "duplicate parameter");
            values.put(name, c.args.string(i + 1));
            givenNames.put(name, given);
        }
        try {
            table.setAll(values);
        } catch (ConfigException e) {
            throw failed(givenNames.getOrDefault(e.parameter(), e.parameter()), e.getMessage());
        }
        c.out.simple("OK");
    }

    private static CommandException failed(String name, String reason) {
        return new CommandException("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }
}
