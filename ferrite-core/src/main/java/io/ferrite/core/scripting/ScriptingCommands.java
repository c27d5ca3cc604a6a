package io.ferrite.core.scripting;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.KeyFinder;
import io.ferrite.core.command.Numbers;

import java.util.List;

import static io.ferrite.core.command.AclCategory.SCRIPTING;
import static io.ferrite.core.command.AclCategory.SLOW;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD / EXISTS / FLUSH / KILL / HELP.
 *
 * <p>Script commands lock every shard: a script is atomic, and the commands it calls re-enter those locks.
 */
public final class ScriptingCommands {
    private ScriptingCommands() {}

    /** EVAL's keys: {@code numkeys} at 2, then the keys; a bad count locks everything and the handler reports it. */
    static final KeyFinder KEYS = (args, out) -> {
        byte[] b = args.bytes(2);
        if (!Numbers.isLong(b)) return -1;
        long n = Numbers.parseLongUnchecked(b, 0, b.length);
        if (n < 0 || n > args.count() - 3) return -1;
        for (int i = 0; i < n; i++) out[i] = 3 + i;
        return (int) n;
    };

    public static void register(CommandTable t) {
        t.add(spec("eval", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE)
                .acl(SLOW, SCRIPTING).keys(0, 0, 0, KEYS).locksAll().group("scripting").since("2.6.0")
                .summary("Executes a server-side Lua script.").handler(c -> eval(c, false, false)));
        t.add(spec("evalsha", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE)
                .acl(SLOW, SCRIPTING).keys(0, 0, 0, KEYS).locksAll().group("scripting").since("2.6.0")
                .summary("Executes a server-side Lua script by SHA1 digest.").handler(c -> eval(c, true, false)));
        t.add(spec("eval_ro", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE, READONLY)
                .acl(SLOW, SCRIPTING).keys(0, 0, 0, KEYS).locksAll().group("scripting").since("7.0.0")
                .summary("Executes a read-only server-side Lua script.").handler(c -> eval(c, false, true)));
        t.add(spec("evalsha_ro", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE, READONLY)
                .acl(SLOW, SCRIPTING).keys(0, 0, 0, KEYS).locksAll().group("scripting").since("7.0.0")
                .summary("Executes a read-only server-side Lua script by SHA1 digest.")
                .handler(c -> eval(c, true, true)));
        t.add(spec("script", -2).group("scripting").since("2.6.0")
                .summary("A container for Lua scripts management commands.")
                .subcommand(spec("load", 3).flags(NOSCRIPT, STALE).acl(SLOW, SCRIPTING).group("scripting")
                        .since("2.6.0").tips("request_policy:all_nodes", "response_policy:all_succeeded")
                        .summary("Loads a server-side Lua script to the script cache.")
                        .handler(ScriptingCommands::load))
                .subcommand(spec("exists", -3).flags(NOSCRIPT).acl(SLOW, SCRIPTING).group("scripting")
                        .since("2.6.0").tips("request_policy:all_shards", "response_policy:agg_logical_and")
                        .summary("Determines whether server-side Lua scripts exist in the script cache.")
                        .handler(ScriptingCommands::exists))
                .subcommand(spec("flush", -2).flags(NOSCRIPT).acl(SLOW, SCRIPTING).group("scripting")
                        .since("2.6.0").tips("request_policy:all_nodes", "response_policy:all_succeeded")
                        .summary("Removes all server-side Lua scripts from the script cache.")
                        .handler(ScriptingCommands::flush))
                .subcommand(spec("kill", 2).flags(NOSCRIPT, ALLOW_BUSY).acl(SLOW, SCRIPTING).group("scripting")
                        .since("2.6.0").tips("request_policy:all_shards", "response_policy:one_succeeded")
                        .summary("Terminates a server-side Lua script during execution.")
                        .handler(ScriptingCommands::kill))
                .subcommand(spec("help", 2).flags(LOADING, STALE).acl(SLOW, SCRIPTING).group("scripting")
                        .since("5.0.0").summary("Returns helpful text about the different subcommands.")
                        .handler(ScriptingCommands::help)));
    }

    /**
     * {@code EVAL script numkeys [key ...] [arg ...]} and its SHA1 and read-only forms. A SHA1 that is not 40
     * characters is NOSCRIPT at once, before numkeys is looked at, as in Redis.
     */
    static void eval(CommandContext c, boolean bySha, boolean readOnly) {
        Scripts scripts = c.engine.scripts();
        byte[] first = c.arg(1);
        if (bySha && first.length != 40) throw new CommandException(Scripts.NOSCRIPT);
        int numKeys = numKeys(c.args);
        Scripts.Script script;
        if (bySha) {
            script = scripts.cached(first);
            if (script == null) throw new CommandException(Scripts.NOSCRIPT);
        } else {
            script = scripts.load(first);
        }
        if (readOnly && script.declared() && !script.noWrites()) {
            throw new CommandException("ERR Can not execute a script with write flag using *_ro command.");
        }
        scripts.run(c, script, numKeys, readOnly);
    }

    private static int numKeys(Args args) {
        byte[] b = args.bytes(2);
        if (!Numbers.isLong(b)) throw Errors.notInteger();
        long n = Numbers.parseLongUnchecked(b, 0, b.length);
        if (n < 0) throw new CommandException("ERR Number of keys can't be negative");
        if (n > args.count() - 3) throw new CommandException("ERR Number of keys can't be greater than number of args");
        return (int) n;
    }

    static void load(CommandContext c) {
        Scripts.Script script = c.engine.scripts().load(c.arg(2));
        c.out.bulk(script.sha());
    }

    static void exists(CommandContext c) {
        Scripts scripts = c.engine.scripts();
        c.out.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) c.out.integer(scripts.exists(c.arg(i)) ? 1 : 0);
    }

    static void flush(CommandContext c) {
        if (c.argc() > 3 || (c.argc() == 3 && !c.args.is(2, "SYNC") && !c.args.is(2, "ASYNC"))) {
            throw new CommandException("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
        }
        c.engine.scripts().flush();
        c.out.simple("OK");
    }

    /**
     * SCRIPT KILL and FUNCTION KILL: scripts and functions cannot be interrupted (one holds every shard lock until
     * it returns), so the answer is always Redis's for "nothing to kill".
     */
    static void kill(CommandContext c) {
        throw new CommandException("NOTBUSY No scripts in execution right now.");
    }

    static void help(CommandContext c) {
        List<String> lines = List.of(
                "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "DEBUG (YES|SYNC|NO)",
                "    Set the debug mode for subsequent scripts executed.",
                "EXISTS <sha1> [<sha1> ...]",
                "    Return information about the existence of the scripts in the script cache.",
                "FLUSH [ASYNC|SYNC]",
                "    Flush the Lua scripts cache. Very dangerous on replicas.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the scripts cache.",
                "    * SYNC: Synchronously flush the scripts cache.",
                "KILL",
                "    Kill the currently executing Lua script.",
                "LOAD <script>",
                "    Load a script into the scripts cache without executing it.",
                "HELP",
                "    Prints this help.");
        c.out.array(lines.size());
        for (String l : lines) c.out.simple(l);
    }
}
