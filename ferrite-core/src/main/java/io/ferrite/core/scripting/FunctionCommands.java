package io.ferrite.core.scripting;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;

import java.util.List;

import static io.ferrite.core.command.AclCategory.SCRIPTING;
import static io.ferrite.core.command.AclCategory.SLOW;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * Redis 7 functions: FCALL, FCALL_RO and FUNCTION LOAD / DELETE / FLUSH / LIST / DUMP / RESTORE / STATS / KILL /
 * HELP.
 *
 * <p>FCALL, FUNCTION LOAD and FUNCTION RESTORE run Lua, so they lock every shard as the script commands do; the
 * other subcommands only touch the library registry, which guards itself.
 */
public final class FunctionCommands {
    private FunctionCommands() {}

    public static void register(CommandTable t) {
        t.add(spec("fcall", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE)
                .acl(SLOW, SCRIPTING).keys(0, 0, 0, ScriptingCommands.KEYS).locksAll().group("scripting")
                .since("7.0.0").summary("Invokes a function.").handler(c -> fcall(c, false)));
        t.add(spec("fcall_ro", -3).flags(NOSCRIPT, SKIP_MONITOR, NO_MANDATORY_KEYS, STALE, READONLY)
                .acl(SLOW, SCRIPTING).keys(0, 0, 0, ScriptingCommands.KEYS).locksAll().group("scripting")
                .since("7.0.0").summary("Invokes a read-only function.").handler(c -> fcall(c, true)));
        t.add(spec("function", -2).group("scripting").since("7.0.0")
                .summary("A container for function commands.")
                .subcommand(spec("load", -3).flags(WRITE, DENYOOM, NOSCRIPT).acl(SLOW, SCRIPTING).locksAll()
                        .group("scripting").since("7.0.0")
                        .tips("request_policy:all_shards", "response_policy:all_succeeded")
                        .summary("Creates a library.").handler(FunctionCommands::load))
                .subcommand(spec("delete", 3).flags(WRITE, NOSCRIPT).acl(SLOW, SCRIPTING).group("scripting")
                        .since("7.0.0").tips("request_policy:all_shards", "response_policy:all_succeeded")
                        .summary("Deletes a library and its functions.").handler(FunctionCommands::delete))
                .subcommand(spec("flush", -2).flags(WRITE, NOSCRIPT).acl(SLOW, SCRIPTING).group("scripting")
                        .since("7.0.0").tips("request_policy:all_shards", "response_policy:all_succeeded")
                        .summary("Deletes all libraries and functions.").handler(FunctionCommands::flush))
                .subcommand(spec("list", -2).flags(NOSCRIPT).acl(SLOW, SCRIPTING).group("scripting")
                        .since("7.0.0").tips("nondeterministic_output_order")
                        .summary("Returns information about all libraries.").handler(FunctionCommands::list))
                .subcommand(spec("dump", 2).flags(NOSCRIPT).acl(SLOW, SCRIPTING).group("scripting")
                        .since("7.0.0").summary("Dumps all libraries into a serialized binary payload.")
                        .handler(FunctionCommands::dump))
                .subcommand(spec("restore", -3).flags(WRITE, DENYOOM, NOSCRIPT).acl(SLOW, SCRIPTING).locksAll()
                        .group("scripting").since("7.0.0")
                        .tips("request_policy:all_shards", "response_policy:all_succeeded")
                        .summary("Restores all libraries from a payload.").handler(FunctionCommands::restore))
                .subcommand(spec("stats", 2).flags(NOSCRIPT, ALLOW_BUSY).acl(SLOW, SCRIPTING).group("scripting")
                        .since("7.0.0").tips("nondeterministic_output", "request_policy:all_shards",
                                "response_policy:special")
                        .summary("Returns information about a function during execution.")
                        .handler(FunctionCommands::stats))
                .subcommand(spec("kill", 2).flags(NOSCRIPT, ALLOW_BUSY).acl(SLOW, SCRIPTING).group("scripting")
                        .since("7.0.0").tips("request_policy:all_shards", "response_policy:one_succeeded")
                        .summary("Terminates a function during execution.").handler(ScriptingCommands::kill))
                .subcommand(spec("help", 2).flags(LOADING, STALE).acl(SLOW, SCRIPTING).group("scripting")
                        .since("7.0.0").summary("Returns helpful text about the different subcommands.")
                        .handler(FunctionCommands::help)));
    }

    /**
     * {@code FCALL function numkeys [key ...] [arg ...]}: the function is looked up and its flags applied before
     * numkeys is read, and FCALL_RO refuses a function not flagged no-writes, as in Redis.
     */
    static void fcall(CommandContext c, boolean readOnly) {
        Functions.Function f = c.engine.scripts().functions().function(c.args.string(1));
        if (f == null) throw new CommandException("ERR Function not found");
        // A function that may write is refused as a whole over maxmemory unless flagged allow-oom, as Redis turns
        // the function's flags into the command's DENYOOM.
        if (!f.noWrites() && !f.allowOom() && !c.engine.keyspace().ensureMemory()) {
            throw new CommandException(Errors.OOM);
        }
        byte[] b = c.arg(2);
        if (!Numbers.isLong(b)) throw new CommandException("ERR Bad number of keys provided");
        long n = Numbers.parseLongUnchecked(b, 0, b.length);
        if (n < 0) throw new CommandException("ERR Number of keys can't be negative");
        if (n > c.argc() - 3) throw new CommandException("ERR Number of keys can't be greater than number of args");
        if (readOnly && !f.noWrites()) {
            throw new CommandException("ERR Can not execute a script with write flag using *_ro command.");
        }
        c.engine.scripts().call(c, f, (int) n, readOnly);
    }

    /** {@code FUNCTION LOAD [REPLACE] code}. */
    static void load(CommandContext c) {
        boolean replace = false;
        int i = 2;
        for (; i < c.argc() - 1; i++) {
            if (!c.args.is(i, "REPLACE")) throw new CommandException("ERR Unknown option given: " + c.args.string(i));
            replace = true;
        }
        c.out.bulk(c.engine.scripts().functions().load(c.arg(i), replace));
    }

    static void delete(CommandContext c) {
        if (!c.engine.scripts().functions().delete(c.args.string(2))) {
            throw new CommandException("ERR Library not found");
        }
        c.out.simple("OK");
    }

    static void flush(CommandContext c) {
        if (c.argc() > 3) {
            throw new CommandException(
                    "ERR unknown subcommand or wrong number of arguments for '" + c.args.string(1)
                            + "'. Try FUNCTION HELP.");
        }
        if (c.argc() == 3 && !c.args.is(2, "SYNC") && !c.args.is(2, "ASYNC")) {
            throw new CommandException("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
        }
        c.engine.scripts().functions().flush();
        c.out.simple("OK");
    }

    static void dump(CommandContext c) {
        c.out.bulk(c.engine.scripts().functions().dump());
    }

    /** {@code FUNCTION RESTORE payload [FLUSH | APPEND | REPLACE]}: APPEND unless told. */
    static void restore(CommandContext c) {
        if (c.argc() > 4) {
            throw new CommandException(
                    "ERR unknown subcommand or wrong number of arguments for '" + c.args.string(1)
                            + "'. Try FUNCTION HELP.");
        }
        Functions.RestorePolicy policy = Functions.RestorePolicy.APPEND;
        if (c.argc() == 4) {
            if (c.args.is(3, "FLUSH")) policy = Functions.RestorePolicy.FLUSH;
            else if (c.args.is(3, "REPLACE")) policy = Functions.RestorePolicy.REPLACE;
            else if (!c.args.is(3, "APPEND")) {
                throw new CommandException(
                        "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
            }
        }
        c.engine.scripts().functions().restore(c.arg(2), policy);
        c.out.simple("OK");
    }

    /** {@code FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]}, each option at most once. */
    static void list(CommandContext c) {
        String pattern = null;
        boolean withCode = false;
        for (int i = 2; i < c.argc(); i++) {
            if (!withCode && c.args.is(i, "WITHCODE")) {
                withCode = true;
            } else if (pattern == null && c.args.is(i, "LIBRARYNAME")) {
                if (i + 1 >= c.argc()) throw new CommandException("ERR library name argument was not given");
                pattern = c.args.string(++i);
            } else {
                throw new CommandException("ERR Unknown argument " + c.args.string(i));
            }
        }
        List<Functions.Library> libraries = c.engine.scripts().functions().list(pattern);
        c.out.array(libraries.size());
        for (Functions.Library l : libraries) {
            c.out.map(withCode ? 4 : 3);
            c.out.bulk("library_name");
            c.out.bulk(l.name());
            c.out.bulk("engine");
            c.out.bulk("LUA");
            c.out.bulk("functions");
            c.out.array(l.functions().size());
            for (Functions.Function f : l.functions().values()) {
                c.out.map(3);
                c.out.bulk("name");
                c.out.bulk(f.name());
                c.out.bulk("description");
                if (f.registered().description() == null) c.out.nil();
                else c.out.bulk(f.registered().description());
                c.out.bulk("flags");
                c.out.set(f.registered().flags().size());
                for (String flag : f.registered().flags()) c.out.simple(flag);
            }
            if (withCode) {
                c.out.bulk("library_code");
                c.out.bulk(l.code());
            }
        }
    }

    /** No function can be running when another client asks: script commands hold every shard lock. */
    static void stats(CommandContext c) {
        Functions functions = c.engine.scripts().functions();
        c.out.map(2);
        c.out.bulk("running_script");
        c.out.nil();
        c.out.bulk("engines");
        c.out.map(1);
        c.out.bulk("LUA");
        c.out.map(2);
        c.out.bulk("libraries_count");
        c.out.integer(functions.libraryCount());
        c.out.bulk("functions_count");
        c.out.integer(functions.functionCount());
    }

    static void help(CommandContext c) {
        List<String> lines = List.of(
                "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "LOAD [REPLACE] <FUNCTION CODE>",
                "    Create a new library with the given library name and code.",
                "DELETE <LIBRARY NAME>",
                "    Delete the given library.",
                "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
                "    Return general information on all the libraries:",
                "    * Library name",
                "    * The engine used to run the Library",
                "    * Library description",
                "    * Functions list",
                "    * Library code (if WITHCODE is given)",
                "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
                "STATS",
                "    Return information about the current function running:",
                "    * Function name",
                "    * Command used to run the function",
                "    * Duration in MS that the function is running",
                "    If no function is running, return nil",
                "    In addition, returns a list of available engines.",
                "KILL",
                "    Kill the current running function.",
                "FLUSH [ASYNC|SYNC]",
                "    Delete all the libraries.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the libraries.",
                "    * SYNC: Synchronously flush the libraries.",
                "DUMP",
                "    Return a serialized payload representing the current libraries, can be restored using FUNCTION "
                        + "RESTORE command",
                "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
                "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
                "    control how to handle existing libraries (default APPEND):",
                "    * FLUSH: delete all existing libraries.",
                "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
                "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
                "      libraries with the new libraries (notice that even on this option there is a chance of failure",
                "      in case of functions name collision with another library).",
                "HELP",
                "    Prints this help.");
        c.out.array(lines.size());
        for (String l : lines) c.out.simple(l);
    }
}
