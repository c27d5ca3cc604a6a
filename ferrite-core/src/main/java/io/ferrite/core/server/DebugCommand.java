package io.ferrite.core.server;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.keyspace.AccessClock;
import io.ferrite.core.keyspace.RawString;
import io.ferrite.core.keyspace.RedisValue;

import java.util.List;
import java.util.Locale;

import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * DEBUG's subcommands: HELP, SLEEP, SET-ACTIVE-EXPIRE, OBJECT, ERROR, LOG, RELOAD. Runs with every shard locked,
 * so DEBUG SLEEP stalls the keyspace as it stalls Redis.
 */
final class DebugCommand {
    private DebugCommand() {}

    private static final List<String> HELP = List.of(
            "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ERROR <string>",
            "    Return a Redis protocol error with <string> as message. Useful for clients",
            "    unit tests to simulate Redis errors.",
            "LOG <message>",
            "    Write <message> to the server log.",
            "OBJECT <key>",
            "    Show low level info about the `key` and associated value.",
            "RELOAD [option ...]",
            "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
            "    * MERGE: conflicting keys will be loaded from RDB.",
            "    * NOFLUSH: the existing database will not be removed before load, but",
            "      conflicting keys will generate an exception and kill the server.",
            "    * NOSAVE: the database will be loaded from an existing RDB file.",
            "    Examples:",
            "    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
            "      the database.",
            "    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
            "      existing RDB file.",
            "    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
            "      file to the database.",
            "SET-ACTIVE-EXPIRE <0|1>",
            "    Setting it to 0 disables expiry of volatile keys in the background.",
            "SLEEP <seconds>",
            "    Stop the server for <seconds>. Decimals allowed.",
            "HELP",
            "    Prints this help.");

    static CommandSpec command() {
        return spec("debug", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE, PROTECTED).group("server").locksAll()
                .summary("A container for debugging commands.").handler(DebugCommand::debug);
    }

    static void debug(CommandContext c) {
        String sub = c.args.string(1).toLowerCase(Locale.ROOT);
        int argc = c.argc();
        if (sub.equals("help") && argc == 2) {
            ServerCommands.help(c, HELP);
        } else if (sub.equals("sleep") && argc == 3) {
            sleep(c);
        } else if (sub.equals("set-active-expire") && argc == 3) {
            c.engine.config().activeExpireEnabled = atoi(c.args.string(2)) != 0;
            c.out.simple("OK");
        } else if (sub.equals("object") && argc == 3) {
            object(c);
        } else if (sub.equals("error") && argc == 3) {
            throw new CommandException(c.args.string(2));
        } else if (sub.equals("reload")) {
            reload(c);
        } else if (sub.equals("log") && argc == 3) {
            org.slf4j.LoggerFactory.getLogger(DebugCommand.class).warn("DEBUG LOG: {}", c.args.string(2));
            c.out.simple("OK");
        } else {
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for '" + c.args.string(1)
                    + "'. Try DEBUG HELP.");
        }
    }

    /** {@code DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]}: save, flush, load the file back, under every shard lock. */
    private static void reload(CommandContext c) {
        boolean merge = false, flush = true, save = true;
        for (int i = 2; i < c.argc(); i++) {
            if (c.args.is(i, "MERGE")) merge = true;
            else if (c.args.is(i, "NOFLUSH")) flush = false;
            else if (c.args.is(i, "NOSAVE")) save = false;
            else throw new CommandException("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
        }
        io.ferrite.core.rdb.Snapshots snapshots = c.engine.snapshots();
        if (save) {
            try {
                snapshots.save();
            } catch (java.io.IOException | RuntimeException e) {
                throw new CommandException("ERR");
            }
        }
        if (flush) {
            io.ferrite.core.keyspace.Keyspace ks = c.engine.keyspace();
            for (int i = 0; i < ks.databases(); i++) ks.db(i).clear();
            c.engine.tracking().flushed();
        }
        try {
            if (!snapshots.load(merge)) throw new java.io.IOException("no RDB file");
        } catch (java.io.IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(DebugCommand.class).warn("DEBUG RELOAD: {}", e.toString());
            throw new CommandException("ERR Error trying to load the RDB dump, check server logs.");
        }
        org.slf4j.LoggerFactory.getLogger(DebugCommand.class).warn("DB reloaded by DEBUG RELOAD");
        c.out.simple("OK");
    }

    /** C's {@code atof}: the longest numeric prefix, 0 when there is none. */
    private static double atof(String s) {
        int end = 0;
        while (end < s.length() && "0123456789.+-eE".indexOf(s.charAt(end)) >= 0) end++;
        for (int i = end; i > 0; i--) {
            try {
                return Double.parseDouble(s.substring(0, i));
            } catch (NumberFormatException e) {
                // try a shorter prefix
            }
        }
        return 0;
    }

    private static int atoi(String s) {
        return (int) atof(s);
    }

    private static void sleep(CommandContext c) {
        double seconds = atof(c.args.string(2));
        long nanos = (long) (Math.max(0, seconds) * 1e9);
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        c.out.simple("OK");
    }

    /**
     * {@code Value at:... refcount:1 encoding:embstr serializedlength:2 lru:... lru_seconds_idle:...}. The address
     * is the value's identity hash; serializedlength is the string length for strings and the memory estimate
     * otherwise (there is no RDB encoding to measure).
     */
    private static void object(CommandContext c) {
        byte[] key = c.arg(2);
        Object v = c.db().peek(key, c.now);
        if (v == null) throw new CommandException("ERR no such key");
        int stamp = c.db().accessStamp(key, c.now);
        String encoding;
        long length;
        if (v instanceof byte[] b) {
            encoding = Numbers.isLong(b) ? "int" : b.length <= 44 ? "embstr" : "raw";
            length = b.length;
        } else if (v instanceof RawString r) {
            encoding = "raw";
            length = r.length();
        } else {
            RedisValue rv = (RedisValue) v;
            encoding = rv.encoding();
            length = rv.memoryUsage();
        }
        c.out.simple("Value at:0x" + Integer.toHexString(System.identityHashCode(v)) + " refcount:1 encoding:" + encoding
                + " serializedlength:" + length + " lru:" + (stamp & ((1 << 24) - 1))
                + " lru_seconds_idle:" + AccessClock.idleSeconds(stamp, c.now));
    }
}
