package io.ferrite.core.keys;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Glob;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.keyspace.AccessClock;
import io.ferrite.core.keyspace.Db;
import io.ferrite.core.keyspace.EvictionPolicy;
import io.ferrite.core.keyspace.RedisValue;
import io.ferrite.core.type.string.StringEncoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static io.ferrite.core.command.AclCategory.DANGEROUS;
import static io.ferrite.core.command.AclCategory.KEYSPACE;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * Generic key commands (Redis's {@code generic} group: {@code db.c}, {@code expire.c}, {@code object.c}).
 *
 * <p>Lookup policy follows Redis: TTL, TYPE, EXISTS and OBJECT read without updating the access time; TOUCH and
 * COPY's source read as ordinary reads; every command that may modify a key looks it up for writing. All
 * time decisions use the command's snapshot {@code ctx.now}.
 */
public final class KeyCommands {
    private KeyCommands() {}

    static final String SAME_OBJECT = "ERR source and destination objects are the same";
    static final String LFU_SELECTED = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note"
            + " that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    static final String LFU_NOT_SELECTED = "ERR An LFU maxmemory policy is not selected, access frequency not"
            + " tracked. Please note that when switching between policies at runtime LRU and LFU data will take"
            + " some time to adjust.";

    private static final String[] OBJECT_HELP = {
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Prints this help.",
    };

    /** The type names SCAN ... TYPE accepts, as TYPE reports them. */
    private static final List<String> TYPE_NAMES = List.of("string", "list", "set", "zset", "hash", "stream");

    public static void register(CommandTable t) {
        t.add(spec("copy", -3).flags(WRITE, DENYOOM).acl(KEYSPACE).keys(1, 2, 1).since("6.2.0")
                .summary("Copies the value of a key to a new key.").handler(KeyCommands::copy));
        t.add(spec("del", -2).flags(WRITE).acl(KEYSPACE).keys(1, -1, 1)
                .summary("Deletes one or more keys.").handler(KeyCommands::del));
        t.add(spec("unlink", -2).flags(WRITE, FAST).acl(KEYSPACE).keys(1, -1, 1).since("4.0.0")
                .summary("Asynchronously deletes one or more keys.").handler(KeyCommands::del));
        t.add(spec("exists", -2).flags(READONLY, FAST).acl(KEYSPACE).keys(1, -1, 1)
                .summary("Determines whether one or more keys exist.").handler(KeyCommands::exists));
        t.add(spec("touch", -2).flags(READONLY, FAST).acl(KEYSPACE).keys(1, -1, 1).since("3.2.1")
                .summary("Returns the number of existing keys out of those specified after updating the time they"
                        + " were last accessed.").handler(KeyCommands::touch));

        t.add(spec("expire", -3).flags(WRITE, FAST).acl(KEYSPACE).keys(1, 1, 1)
                .summary("Sets the expiration time of a key in seconds.")
                .handler(c -> expire(c, c.now, true)));
        t.add(spec("pexpire", -3).flags(WRITE, FAST).acl(KEYSPACE).keys(1, 1, 1).since("2.6.0")
                .summary("Sets the expiration time of a key in milliseconds.")
                .handler(c -> expire(c, c.now, false)));
        t.add(spec("expireat", -3).flags(WRITE, FAST).acl(KEYSPACE).keys(1, 1, 1).since("1.2.0")
                .summary("Sets the expiration time of a key to a Unix timestamp.")
                .handler(c -> expire(c, 0, true)));
        t.add(spec("pexpireat", -3).flags(WRITE, FAST).acl(KEYSPACE).keys(1, 1, 1).since("2.6.0")
                .summary("Sets the expiration time of a key to a Unix milliseconds timestamp.")
                .handler(c -> expire(c, 0, false)));
        t.add(spec("persist", 2).flags(WRITE, FAST).acl(KEYSPACE).keys(1, 1, 1).since("2.2.0")
                .summary("Removes the expiration time of a key.").handler(KeyCommands::persist));
        t.add(spec("ttl", 2).flags(READONLY, FAST).acl(KEYSPACE).keys(1, 1, 1)
                .summary("Returns the expiration time in seconds of a key.")
                .handler(c -> ttl(c, false, false)));
        t.add(spec("pttl", 2).flags(READONLY, FAST).acl(KEYSPACE).keys(1, 1, 1).since("2.6.0")
                .summary("Returns the expiration time in milliseconds of a key.")
                .handler(c -> ttl(c, true, false)));
        t.add(spec("expiretime", 2).flags(READONLY, FAST).acl(KEYSPACE).keys(1, 1, 1).since("7.0.0")
                .summary("Returns the expiration time of a key as a Unix timestamp.")
                .handler(c -> ttl(c, false, true)));
        t.add(spec("pexpiretime", 2).flags(READONLY, FAST).acl(KEYSPACE).keys(1, 1, 1).since("7.0.0")
                .summary("Returns the expiration time of a key as a Unix milliseconds timestamp.")
                .handler(c -> ttl(c, true, true)));

        t.add(spec("keys", 2).flags(READONLY).acl(KEYSPACE, DANGEROUS).locksAll()
                .summary("Returns all key names that match a pattern.").handler(KeyCommands::keys));
        t.add(spec("scan", -2).flags(READONLY).acl(KEYSPACE).locksAll().since("2.8.0")
                .summary("Iterates over the key names in the database.").handler(KeyCommands::scan));
        t.add(spec("randomkey", 1).flags(READONLY).acl(KEYSPACE).locksAll()
                .summary("Returns a random key name from the database.").handler(KeyCommands::randomKey));
        t.add(spec("type", 2).flags(READONLY, FAST).acl(KEYSPACE).keys(1, 1, 1)
                .summary("Determines the type of value stored at a key.").handler(KeyCommands::type));

        t.add(spec("rename", 3).flags(WRITE).acl(KEYSPACE).keys(1, 2, 1)
                .summary("Renames a key and overwrites the destination.").handler(c -> rename(c, false)));
        t.add(spec("renamenx", 3).flags(WRITE, FAST).acl(KEYSPACE).keys(1, 2, 1)
                .summary("Renames a key only when the target key name doesn't exist.")
                .handler(c -> rename(c, true)));
        t.add(spec("move", 3).flags(WRITE, FAST).acl(KEYSPACE).keys(1, 1, 1)
                .summary("Moves a key to another database.").handler(KeyCommands::move));

        t.add(spec("object", -2).since("2.2.3").summary("A container for object introspection commands.")
                .subcommand(spec("encoding", 3).flags(READONLY).acl(KEYSPACE).keys(2, 2, 1).since("2.2.3")
                        .summary("Returns the internal encoding of a Redis object.")
                        .handler(KeyCommands::objectEncoding))
                .subcommand(spec("freq", 3).flags(READONLY).acl(KEYSPACE).keys(2, 2, 1).since("4.0.0")
                        .summary("Returns the logarithmic access frequency counter of a Redis object.")
                        .handler(KeyCommands::objectFreq))
                .subcommand(spec("idletime", 3).flags(READONLY).acl(KEYSPACE).keys(2, 2, 1).since("2.2.3")
                        .summary("Returns the time since the last access to a Redis object.")
                        .handler(KeyCommands::objectIdletime))
                .subcommand(spec("refcount", 3).flags(READONLY).acl(KEYSPACE).keys(2, 2, 1).since("2.2.3")
                        .summary("Returns the reference count of a value of a key.")
                        .handler(KeyCommands::objectRefcount))
                .subcommand(spec("help", 2).flags(LOADING, STALE).acl(KEYSPACE).since("6.2.0")
                        .summary("Returns helpful text about the different subcommands.")
                        .handler(KeyCommands::objectHelp)));
    }

    // ---- existence and deletion

    /** DEL and UNLINK: values are plain heap objects, so deleting is already O(1) for the caller. */
    static void del(CommandContext c) {
        Db db = c.db();
        long n = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (db.delete(c.arg(i), c.now)) {
                n++;
                c.changed(KeyspaceEvents.GENERIC, "del", c.arg(i));
            }
        }
        c.out.integer(n);
    }

    static void exists(CommandContext c) {
        Db db = c.db();
        long n = 0;
        for (int i = 1; i < c.argc(); i++) if (db.lookupRead(c.arg(i), c.now, false) != null) n++;
        c.out.integer(n);
    }

    /** TOUCH updates the access time even for a client in CLIENT NO-TOUCH mode, as in Redis. */
    static void touch(CommandContext c) {
        Db db = c.db();
        long n = 0;
        for (int i = 1; i < c.argc(); i++) if (db.lookupRead(c.arg(i), c.now, true) != null) n++;
        c.out.integer(n);
    }

    // ---- expiry

    private static final int NX = 1, XX = 2, GT = 4, LT = 8;

    /**
     * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT: the deadline is {@code basetime + argument} in milliseconds. Options are
     * checked before the time argument, and overflow before the key is looked up, as Redis orders its errors.
     */
    static void expire(CommandContext c, long basetime, boolean seconds) {
        int flags = 0;
        for (int i = 3; i < c.argc(); i++) {
            if (c.args.is(i, "NX")) flags |= NX;
            else if (c.args.is(i, "XX")) flags |= XX;
            else if (c.args.is(i, "GT")) flags |= GT;
            else if (c.args.is(i, "LT")) flags |= LT;
            else throw new CommandException("ERR Unsupported option " + c.args.string(i));
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            throw new CommandException("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if ((flags & (GT | LT)) == (GT | LT)) {
            throw new CommandException("ERR GT and LT options at the same time are not compatible");
        }
        long when = c.args.longValue(2);
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) throw Errors.invalidExpire(c.spec.name());
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - basetime) throw Errors.invalidExpire(c.spec.name());
        when += basetime;

        byte[] key = c.arg(1);
        Db db = c.db();
        if (c.write(key) == null) {
            c.out.integer(0);
            return;
        }
        if (flags != 0) {
            long stored = db.expireAt(key, c.now);
            long current = stored == 0 ? -1 : stored; // -1: no TTL, an infinite deadline for GT and LT
            boolean refused = ((flags & NX) != 0 && current != -1)
                    || ((flags & XX) != 0 && current == -1)
                    || ((flags & GT) != 0 && (current == -1 || when <= current))
                    || ((flags & LT) != 0 && current != -1 && when >= current);
            if (refused) {
                c.out.integer(0);
                return;
            }
        }
        if (when <= c.now) {
            db.delete(key, c.now);
            c.changed(KeyspaceEvents.GENERIC, "del", key);
        } else {
            db.setExpireAt(key, when, c.now);
            c.changed(KeyspaceEvents.GENERIC, "expire", key);
        }
        c.out.integer(1);
    }

    static void persist(CommandContext c) {
        byte[] key = c.arg(1);
        Db db = c.db();
        boolean removed = c.write(key) != null && db.expireAt(key, c.now) > 0 && db.setExpireAt(key, 0, c.now);
        if (removed) c.changed(KeyspaceEvents.GENERIC, "persist", key);
        c.out.integer(removed ? 1 : 0);
    }

    /** TTL, PTTL, EXPIRETIME, PEXPIRETIME: -2 for a missing key, -1 without TTL. */
    static void ttl(CommandContext c, boolean millis, boolean absolute) {
        byte[] key = c.arg(1);
        Db db = c.db();
        if (db.lookupRead(key, c.now, false) == null) {
            c.out.integer(-2);
            return;
        }
        long deadline = db.expireAt(key, c.now);
        if (deadline == 0) {
            c.out.integer(-1);
            return;
        }
        long value = Math.max(0, absolute ? deadline : deadline - c.now);
        // Rounded to the nearest second without overflowing for deadlines near Long.MAX_VALUE (Redis's arithmetic
        // wraps to the same unsigned result).
        c.out.integer(millis ? value : Long.divideUnsigned(value + 500, 1000));
    }

    // ---- whole keyspace

    static void keys(CommandContext c) {
        byte[] pattern = c.arg(1);
        boolean all = pattern.length == 1 && pattern[0] == '*';
        List<byte[]> found = new ArrayList<>();
        c.db().forEach(c.now, (key, value) -> {
            if (all || Glob.matches(pattern, key, false)) found.add(key);
        });
        c.out.array(found.size());
        for (byte[] key : found) c.out.bulk(key);
    }

    /**
     * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]. COUNT bounds the keys examined, not the keys returned
     * (Redis 7.2); an unknown TYPE matches nothing.
     */
    static void scan(CommandContext c) {
        long cursor = Numbers.parseCursor(c.arg(1));
        long count = 10;
        byte[] pattern = null;
        String type = null;
        boolean typeFilter = false;
        for (int i = 2; i < c.argc(); i += 2) {
            boolean hasValue = i + 1 < c.argc();
            if (hasValue && c.args.is(i, "COUNT")) {
                count = c.args.longValue(i + 1);
                if (count < 1) throw Errors.syntax();
            } else if (hasValue && c.args.is(i, "MATCH")) {
                byte[] p = c.arg(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p;
            } else if (hasValue && c.args.is(i, "TYPE")) {
                String wanted = c.args.string(i + 1).toLowerCase(Locale.ROOT);
                type = TYPE_NAMES.contains(wanted) ? wanted : null;
                typeFilter = true;
            } else {
                throw Errors.syntax();
            }
        }
        byte[] match = pattern;
        String wantedType = type;
        boolean filterType = typeFilter;
        List<byte[]> found = new ArrayList<>();
        long next = c.db().scan(cursor, (int) Math.min(count, Integer.MAX_VALUE), c.now, (key, value) -> {
            if (match != null && !Glob.matches(match, key, false)) return;
            if (filterType && !typeName(value).equals(wantedType)) return;
            found.add(key);
        });
        c.out.array(2);
        c.out.bulk(Numbers.toBytes(next));
        c.out.array(found.size());
        for (byte[] key : found) c.out.bulk(key);
    }

    static void randomKey(CommandContext c) {
        byte[] key = c.db().randomKey(c.now);
        if (key == null) c.out.nil();
        else c.out.bulk(key);
    }

    static void type(CommandContext c) {
        Object value = c.db().lookupRead(c.arg(1), c.now, false);
        c.out.simple(value == null ? "none" : typeName(value));
    }

    static String typeName(Object value) {
        return value instanceof RedisValue v ? v.type() : "string";
    }

    // ---- renaming and moving

    static void rename(CommandContext c, boolean nx) {
        byte[] from = c.arg(1);
        byte[] to = c.arg(2);
        Db db = c.db();
        Object value = c.write(from);
        if (value == null) throw new CommandException(Errors.NO_SUCH_KEY);
        if (Arrays.equals(from, to)) {
            if (nx) c.out.integer(0);
            else c.out.simple("OK");
            return;
        }
        if (nx && c.write(to) != null) {
            c.out.integer(0);
            return;
        }
        long deadline = db.expireAt(from, c.now);
        // As in Redis, an overwritten destination is deleted first: the renamed key is a new key there.
        db.delete(to, c.now);
        db.remove(from, c.now);
        db.setWithExpire(to, value, deadline, c.now);
        c.modified(from);
        c.modified(to);
        c.keyEvent(KeyspaceEvents.GENERIC, "rename_from", from);
        c.keyEvent(KeyspaceEvents.GENERIC, "rename_to", to);
        if (nx) c.out.integer(1);
        else c.out.simple("OK");
    }

    /** MOVE key db. The key's shard lock index is the same in every database, so one lock covers both. */
    static void move(CommandContext c) {
        byte[] key = c.arg(1);
        int target = databaseIndex(c, c.args, 2);
        if (target == c.session.db()) throw new CommandException(SAME_OBJECT);
        Db src = c.db();
        Db dst = c.engine.keyspace().db(target);
        Object value = c.write(key);
        if (value == null || dst.lookupWrite(key, c.now) != null) {
            c.out.integer(0);
            return;
        }
        long deadline = src.expireAt(key, c.now);
        src.remove(key, c.now);
        dst.setWithExpire(key, value, deadline, c.now);
        c.modified(key);
        c.modified(key, target);
        c.keyEvent(KeyspaceEvents.GENERIC, "move_from", key);
        c.keyEvent(KeyspaceEvents.GENERIC, "move_to", key, target);
        c.out.integer(1);
    }

    /** COPY source destination [DB destination-db] [REPLACE]. */
    static void copy(CommandContext c) {
        byte[] from = c.arg(1);
        byte[] to = c.arg(2);
        int target = c.session.db();
        boolean replace = false;
        for (int i = 3; i < c.argc(); i++) {
            if (c.args.is(i, "REPLACE")) {
                replace = true;
            } else if (c.args.is(i, "DB") && i + 1 < c.argc()) {
                target = databaseIndex(c, c.args, ++i);
            } else {
                throw Errors.syntax();
            }
        }
        if (target == c.session.db() && Arrays.equals(from, to)) throw new CommandException(SAME_OBJECT);
        Db src = c.db();
        Db dst = c.engine.keyspace().db(target);
        Object value = c.read(from);
        if (value == null || (!replace && dst.lookupWrite(to, c.now) != null)) {
            c.out.integer(0);
            return;
        }
        long deadline = src.expireAt(from, c.now);
        // As in Redis, a replaced destination is deleted first: the copy is a new key there.
        if (replace) dst.delete(to, c.now);
        dst.setWithExpire(to, duplicate(value), deadline, c.now);
        c.modified(to, target);
        c.keyEvent(KeyspaceEvents.GENERIC, "copy_to", to, target);
        c.out.integer(1);
    }

    /** A value COPY may store under a second key: string arrays are immutable and shared, the rest is copied. */
    private static Object duplicate(Object value) {
        return value instanceof RedisValue v ? v.copy() : value;
    }

    /** A database index argument, parsed as Redis's {@code getIntFromObjectOrReply} does. */
    private static int databaseIndex(CommandContext c, Args args, int i) {
        long index = args.longValue(i);
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new CommandException("ERR value is out of range, value must between " + Integer.MIN_VALUE
                    + " and " + Integer.MAX_VALUE);
        }
        if (index < 0 || index >= c.engine.keyspace().databases()) {
            throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        return (int) index;
    }

    // ---- OBJECT

    /** OBJECT's lookups neither update the access time nor the LFU counter, nor notify a key miss. */
    private static Object inspect(CommandContext c) {
        return c.db().lookupQuiet(c.arg(2), c.now);
    }

    static void objectEncoding(CommandContext c) {
        Object value = inspect(c);
        if (value == null) c.out.nil();
        else c.out.bulk(encoding(value));
    }

    static String encoding(Object value) {
        return value instanceof RedisValue v ? v.encoding() : StringEncoding.of(value);
    }

    static void objectRefcount(CommandContext c) {
        Object value = inspect(c);
        if (value == null) {
            c.out.nil();
            return;
        }
        boolean shared = value instanceof byte[] b && isSharedInteger(b) && !perKeyAccessData(c);
        c.out.integer(shared ? SHARED_REFCOUNT : 1);
    }

    static void objectIdletime(CommandContext c) {
        Object value = inspect(c);
        if (value == null) {
            c.out.nil();
            return;
        }
        if (lfu(c)) throw new CommandException(LFU_SELECTED);
        int stamp = c.db().accessStamp(c.arg(2), c.now);
        c.out.integer(AccessClock.idleSeconds(stamp, c.now));
    }

    static void objectFreq(CommandContext c) {
        Object value = inspect(c);
        if (value == null) {
            c.out.nil();
            return;
        }
        if (!lfu(c)) throw new CommandException(LFU_NOT_SELECTED);
        int stamp = c.db().accessStamp(c.arg(2), c.now);
        c.out.integer(AccessClock.frequency(stamp, c.engine.config().lfuDecayTime, c.now));
    }

    static void objectHelp(CommandContext c) {
        c.out.array(OBJECT_HELP.length);
        for (String line : OBJECT_HELP) c.out.simple(line);
    }

    private static boolean lfu(CommandContext c) {
        return c.engine.config().maxmemoryPolicy.isLfu();
    }

    /** The reference count Redis reports for its shared objects ({@code OBJ_SHARED_REFCOUNT}). */
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;

    /** Redis stores the integers 0..9999 ({@code OBJ_SHARED_INTEGERS}) as shared objects. */
    private static boolean isSharedInteger(byte[] value) {
        if (!"int".equals(StringEncoding.of(value))) return false;
        long v = Numbers.parseLongUnchecked(value, 0, value.length);
        return v >= 0 && v < 10_000;
    }

    /** Redis's MAXMEMORY_FLAG_NO_SHARED_INTEGERS: with a maxmemory and an LRU/LFU policy, each key has its own object. */
    private static boolean perKeyAccessData(CommandContext c) {
        EvictionPolicy policy = c.engine.config().maxmemoryPolicy;
        boolean lruOrLfu = switch (policy) {
            case ALLKEYS_LRU, VOLATILE_LRU, ALLKEYS_LFU, VOLATILE_LFU -> true;
            default -> false;
        };
        return c.engine.config().maxmemory != 0 && lruOrLfu;
    }
}
