package io.ferrite.core.server;

import io.ferrite.core.Reply;
import io.ferrite.core.ReplySink;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.keyspace.AccessClock;
import io.ferrite.core.keyspace.RawString;
import io.ferrite.core.keyspace.RedisValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
            "POPULATE <count> [<prefix>] [<size>]",
            "    Create <count> string keys named key:<num>. If <prefix> is specified then",
            "    it is used instead of the 'key' prefix. These are not propagated to",
            "    replicas. Cluster slots are not respected so keys not belonging to the",
            "    current node can be created in cluster mode.",
            "PROTOCOL <type>",
            "    Reply with a test value of the specified type. <type> can be: string,",
            "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
            "    true, false.",
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
        } else if (sub.equals("populate") && argc >= 3 && argc <= 5) {
            populate(c);
        } else if (sub.equals("protocol") && argc == 3) {
            protocol(c);
        } else if (sub.equals("log") && argc == 3) {
            org.slf4j.LoggerFactory.getLogger(DebugCommand.class).warn("DEBUG LOG: {}", c.args.string(2));
            c.out.simple("OK");
        } else {
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for '" + c.args.string(1)
                    + "'. Try DEBUG HELP.");
        }
    }

    /**
     * {@code DEBUG POPULATE count [prefix] [size]}: keys {@code prefix:N} (at most 127 bytes, {@code key} by default)
     * holding {@code value:N}, cut or zero-padded to {@code size} bytes when a size is given; keys that exist are
     * left alone. As in Redis, no keyspace event is sent, but watchers see the keys change.
     */
    private static void populate(CommandContext c) {
        long count = c.args.nonNegativeLong(2);
        long size = 0;
        if (c.argc() == 5) {
            size = c.args.nonNegativeLong(4);
            if (size > RawString.MAX_LENGTH) throw new CommandException("ERR string exceeds maximum allowed size");
        }
        byte[] prefix = c.argc() >= 4 ? c.arg(3) : "key".getBytes(StandardCharsets.US_ASCII);
        for (long j = 0; j < count; j++) {
            byte[] number = (":" + j).getBytes(StandardCharsets.US_ASCII);
            byte[] key = Arrays.copyOf(prefix, Math.min(127, prefix.length + number.length));
            if (prefix.length < key.length) System.arraycopy(number, 0, key, prefix.length, key.length - prefix.length);
            if (c.write(key) != null) continue;
            byte[] value = ("value:" + j).getBytes(StandardCharsets.US_ASCII);
            if (size > 0) value = Arrays.copyOf(value, (int) size);
            c.db().set(key, value, c.now);
            c.modified(key);
        }
        c.out.simple("OK");
    }

    private static final Reply.Aggregate KEY_POPULARITY = new Reply.Aggregate(Reply.AggregateKind.MAP, List.of(
            new Reply.Bulk(bytes("key-popularity")),
            new Reply.Aggregate(Reply.AggregateKind.ARRAY, List.of(new Reply.Bulk(bytes("key:123")), new Reply.Int(90)))));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code DEBUG PROTOCOL type}: one sample reply of each RESP type, as client libraries test their parsers. */
    private static void protocol(CommandContext c) {
        ReplySink out = c.out;
        switch (c.args.string(2).toLowerCase(Locale.ROOT)) {
            case "string" -> out.bulk("Hello World");
            case "integer" -> out.integer(12345);
            case "double" -> out.doubleValue(3.141);
            case "bignum" -> out.bigNumber("1234567999999999999999999999999999999");
            case "null" -> out.nil();
            case "array", "set" -> {
                if (c.args.is(2, "SET")) out.set(3);
                else out.array(3);
                for (int i = 0; i < 3; i++) out.integer(i);
            }
            case "map" -> {
                out.map(3);
                for (int i = 0; i < 3; i++) {
                    out.integer(i);
                    out.bool(i == 1);
                }
            }
            case "attrib" -> {
                out.attributes(KEY_POPULARITY);
                out.bulk("Some real reply following the attribute");
            }
            case "push" -> {
                if (out.protocol() != 3) throw new CommandException("ERR RESP2 is not supported by this command");
                out.push(2);
                out.bulk("server-cpu-usage");
                out.integer(42);
                out.bulk("Some real reply following the push reply");
            }
            case "verbatim" -> out.verbatim("txt", "This is a verbatim\nstring");
            case "true" -> out.bool(true);
            case "false" -> out.bool(false);
            default -> throw new CommandException("ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
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
