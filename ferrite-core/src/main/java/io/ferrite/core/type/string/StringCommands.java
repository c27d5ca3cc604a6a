package io.ferrite.core.type.string;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.keyspace.StringView;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.keyspace.Db;
import io.ferrite.core.keyspace.RawString;

import static io.ferrite.core.command.AclCategory.STRING;
import static io.ferrite.core.command.CommandFlag.DENYOOM;
import static io.ferrite.core.command.CommandFlag.FAST;
import static io.ferrite.core.command.CommandFlag.READONLY;
import static io.ferrite.core.command.CommandFlag.WRITE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * String commands (Redis's {@code t_string.c}). Values are stored as the argument arrays themselves (immutable
 * {@code byte[]}) or, once APPEND or SETRANGE modified them, as a {@link RawString}; see {@link StringEncoding}
 * for how that reproduces Redis's OBJECT ENCODING. Every handler runs with its keys' shards locked.
 */
public final class StringCommands {
    private StringCommands() {}

    private static final byte[] EMPTY = new byte[0];

    public static void register(CommandTable t) {
        t.add(spec("append", 3).flags(WRITE, DENYOOM, FAST).acl(STRING).keys(1, 1, 1).group("string").since("2.0.0")
                .summary("Appends a string to the value of a key. Creates the key if it doesn't exist.")
                .complexity("O(1) amortized").handler(StringCommands::append));
        t.add(spec("decr", 2).flags(WRITE, DENYOOM, FAST).acl(STRING).keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                .complexity("O(1)").handler(c -> incrBy(c, -1)));
        t.add(spec("decrby", 3).flags(WRITE, DENYOOM, FAST).acl(STRING).keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.")
                .complexity("O(1)").handler(StringCommands::decrBy));
        t.add(spec("get", 2).flags(READONLY, FAST).acl(STRING).keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Returns the string value of a key.")
                .complexity("O(1)").handler(StringCommands::get));
        t.add(spec("getdel", 2).flags(WRITE, FAST).acl(STRING).keys(1, 1, 1).group("string").since("6.2.0")
                .summary("Returns the string value of a key after deleting the key.")
                .complexity("O(1)").handler(StringCommands::getDel));
        t.add(spec("getex", -2).flags(WRITE, FAST).acl(STRING).keys(1, 1, 1).group("string").since("6.2.0")
                .summary("Returns the string value of a key after setting its expiration time.")
                .complexity("O(1)").handler(StringCommands::getEx));
        t.add(spec("getrange", 4).flags(READONLY).acl(STRING).keys(1, 1, 1).group("string").since("2.4.0")
                .summary("Returns a substring of the string stored at a key.")
                .complexity("O(N) where N is the length of the returned string.").handler(StringCommands::getRange));
        t.add(spec("getset", 3).flags(WRITE, DENYOOM, FAST).acl(STRING).keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Returns the previous string value of a key after setting it to a new value.")
                .complexity("O(1)").handler(StringCommands::getSet));
        t.add(spec("incr", 2).flags(WRITE, DENYOOM, FAST).acl(STRING).keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                .complexity("O(1)").handler(c -> incrBy(c, 1)));
        t.add(spec("incrby", 3).flags(WRITE, DENYOOM, FAST).acl(STRING).keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.")
                .complexity("O(1)").handler(c -> incrBy(c, c.args.longValue(2))));
        t.add(spec("incrbyfloat", 3).flags(WRITE, DENYOOM, FAST).acl(STRING).keys(1, 1, 1).group("string").since("2.6.0")
                .summary("Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.")
                .complexity("O(1)").handler(StringCommands::incrByFloat));
        t.add(spec("lcs", -3).flags(READONLY).acl(STRING).keys(1, 2, 1).group("string").since("7.0.0")
                .summary("Finds the longest common substring.")
                .complexity("O(N*M) where N and M are the lengths of s1 and s2, respectively").handler(StringCommands::lcs));
        t.add(spec("mget", -2).flags(READONLY, FAST).acl(STRING).keys(1, -1, 1).group("string").since("1.0.0")
                .summary("Atomically returns the string values of one or more keys.")
                .complexity("O(N) where N is the number of keys to retrieve.").handler(StringCommands::mget));
        t.add(spec("mset", -3).flags(WRITE, DENYOOM).acl(STRING).keys(1, -1, 2).group("string").since("1.0.1")
                .summary("Atomically creates or modifies the string values of one or more keys.")
                .complexity("O(N) where N is the number of keys to set.").handler(StringCommands::mset));
        t.add(spec("msetnx", -3).flags(WRITE, DENYOOM).acl(STRING).keys(1, -1, 2).group("string").since("1.0.1")
                .summary("Atomically modifies the string values of one or more keys only when all keys don't exist.")
                .complexity("O(N) where N is the number of keys to set.").handler(StringCommands::msetnx));
        t.add(spec("psetex", 4).flags(WRITE, DENYOOM).acl(STRING).keys(1, 1, 1).group("string").since("2.6.0")
                .summary("Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.")
                .complexity("O(1)").handler(c -> setEx(c, SetOptions.PX)));
        t.add(spec("set", -3).flags(WRITE, DENYOOM).acl(STRING).keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.")
                .complexity("O(1)").handler(StringCommands::set));
        t.add(spec("setex", 4).flags(WRITE, DENYOOM).acl(STRING).keys(1, 1, 1).group("string").since("2.0.0")
                .summary("Sets the string value and expiration time of a key. Creates the key if it doesn't exist.")
                .complexity("O(1)").handler(c -> setEx(c, SetOptions.EX)));
        t.add(spec("setnx", 3).flags(WRITE, DENYOOM, FAST).acl(STRING).keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Set the string value of a key only when the key doesn't exist.")
                .complexity("O(1)").handler(StringCommands::setNx));
        t.add(spec("setrange", 4).flags(WRITE, DENYOOM).acl(STRING).keys(1, 1, 1).group("string").since("2.2.0")
                .summary("Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.")
                .complexity("O(1), not counting the time taken to copy the new string in place.")
                .handler(StringCommands::setRange));
        t.add(spec("strlen", 2).flags(READONLY, FAST).acl(STRING).keys(1, 1, 1).group("string").since("2.2.0")
                .summary("Returns the length of a string value.")
                .complexity("O(1)").handler(StringCommands::strlen));
        t.add(spec("substr", 4).flags(READONLY).acl(STRING).keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Returns a substring from a string value.")
                .complexity("O(N) where N is the length of the returned string.").handler(StringCommands::getRange));
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    /** Format: {@code GET key} → bulk or nil. */
    static void get(CommandContext c) {
        Object v = c.readInPlace(c.arg(1));
        if (v == null) c.out.nil();
        else if (v instanceof StringView s) c.out.bulk(s.array, s.offset, s.length);
        else Strings.reply(c.out, Strings.require(v));
    }

    /** Format: {@code MGET key [key ...]} → array of bulk, nil for absent keys and non-strings. */
    static void mget(CommandContext c) {
        int n = c.argc() - 1;
        c.out.array(n);
        for (int i = 1; i <= n; i++) {
            Object v = c.read(c.arg(i));
            if (Strings.isString(v)) Strings.reply(c.out, v);
            else c.out.nil();
        }
    }

    /** Format: {@code STRLEN key} → integer. */
    static void strlen(CommandContext c) {
        Object v = Strings.require(c.read(c.arg(1)));
        c.out.integer(v == null ? 0 : Strings.length(v));
    }

    /**
     * Format: {@code GETRANGE key start end} → bulk (empty when the range selects nothing). Negative indices
     * count from the end; both are clamped to the string.
     */
    static void getRange(CommandContext c) {
        long start = c.args.longValue(2);
        long end = c.args.longValue(3);
        Object v = Strings.require(c.read(c.arg(1)));
        if (v == null) {
            c.out.bulk(EMPTY);
            return;
        }
        long length = Strings.length(v);
        if (start < 0 && end < 0 && start > end) {
            c.out.bulk(EMPTY);
            return;
        }
        if (start < 0) start = Math.max(length + start, 0);
        if (end < 0) end = Math.max(length + end, 0);
        if (end >= length) end = length - 1;
        if (start > end || length == 0) {
            c.out.bulk(EMPTY);
            return;
        }
        if (v instanceof byte[] b) c.out.bulk(b, (int) start, (int) (end - start + 1));
        else c.out.bulk(((RawString) v).buffer(), (int) start, (int) (end - start + 1));
    }

    /**
     * Format: {@code LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]} → the subsequence as a bulk, its
     * length with LEN, or with IDX a map {@code matches} (ranges {@code [[a0,a1],[b0,b1](,len)]}) and {@code len}.
     * Absent keys are empty strings.
     */
    static void lcs(CommandContext c) {
        Object a = c.read(c.arg(1));
        Object b = c.read(c.arg(2));
        if ((a != null && !Strings.isString(a)) || (b != null && !Strings.isString(b))) {
            throw new CommandException("ERR The specified keys must contain string values");
        }
        boolean idx = false;
        boolean len = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        Args args = c.args;
        for (int i = 3; i < args.count(); i++) {
            if (args.is(i, "IDX")) {
                idx = true;
            } else if (args.is(i, "LEN")) {
                len = true;
            } else if (args.is(i, "WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (args.is(i, "MINMATCHLEN") && i + 1 < args.count()) {
                minMatchLen = Math.max(args.longValue(++i), 0);
            } else {
                throw Errors.syntax();
            }
        }
        if (idx && len) throw new CommandException("ERR If you want both the length and indexes, please just use IDX.");
        byte[] sa = a == null ? EMPTY : Strings.bytes(a);
        byte[] sb = b == null ? EMPTY : Strings.bytes(b);
        long cells = Lcs.tableCells(sa.length, sb.length);
        if (cells * Integer.BYTES > c.engine.config().protoMaxBulkLen) {
            throw new CommandException("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        Lcs result;
        try {
            if (cells > RawString.MAX_LENGTH) throw new OutOfMemoryError();
            result = Lcs.of(sa, sb, idx || !len, minMatchLen);
        } catch (OutOfMemoryError e) {
            throw new CommandException("ERR Insufficient memory, failed allocating transient memory for LCS");
        }
        if (idx) {
            c.out.map(2);
            c.out.bulk("matches");
            c.out.array(result.matches.size());
            for (Lcs.Match m : result.matches) {
                c.out.array(withMatchLen ? 3 : 2);
                c.out.array(2);
                c.out.integer(m.aStart());
                c.out.integer(m.aEnd());
                c.out.array(2);
                c.out.integer(m.bStart());
                c.out.integer(m.bEnd());
                if (withMatchLen) c.out.integer(m.length());
            }
            c.out.bulk("len");
            c.out.integer(result.length);
        } else if (len) {
            c.out.integer(result.length);
        } else {
            c.out.bulk(result.sequence);
        }
    }

    // ---- setting ----------------------------------------------------------------------------------------------

    /**
     * Format: {@code SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]} → OK, or nil when
     * NX/XX prevented it; with GET, the old value (or nil) whether or not it was set. Clears the TTL unless KEEPTTL.
     */
    static void set(CommandContext c) {
        SetOptions o = SetOptions.parse(c.args, 3, true);
        long deadline = o.deadline(c.now, "set");
        byte[] key = c.arg(1);
        Object old = null;
        boolean found;
        if (o.has(SetOptions.GET)) {
            old = Strings.require(c.read(key));
            found = old != null;
        } else {
            found = c.write(key) != null;
        }
        boolean abort = (o.has(SetOptions.NX) && found) || (o.has(SetOptions.XX) && !found);
        if (!abort) {
            Db db = c.db();
            if (o.has(SetOptions.KEEPTTL)) db.replace(key, c.arg(2), c.now);
            else db.setWithExpire(key, c.arg(2), deadline, c.now);
            c.changed(KeyspaceEvents.STRING, "set", key);
            if (deadline != 0) c.keyEvent(KeyspaceEvents.GENERIC, "expire", key);
        }
        if (o.has(SetOptions.GET)) {
            if (old == null) c.out.nil();
            else Strings.reply(c.out, old);
        } else if (abort) {
            c.out.nil();
        } else {
            c.out.simple("OK");
        }
    }

    /** Format: {@code SETEX key seconds value} / {@code PSETEX key milliseconds value} → OK. */
    static void setEx(CommandContext c, int unit) {
        long deadline = SetOptions.deadline(c.arg(2), unit, c.now, c.args.commandName());
        c.db().setWithExpire(c.arg(1), c.arg(3), deadline, c.now);
        c.changed(KeyspaceEvents.STRING, "set", c.arg(1));
        c.keyEvent(KeyspaceEvents.GENERIC, "expire", c.arg(1));
        c.out.simple("OK");
    }

    /** Format: {@code SETNX key value} → 1 if set, 0 if the key exists. */
    static void setNx(CommandContext c) {
        byte[] key = c.arg(1);
        if (c.write(key) != null) {
            c.out.integer(0);
            return;
        }
        c.db().set(key, c.arg(2), c.now);
        c.changed(KeyspaceEvents.STRING, "set", key);
        c.out.integer(1);
    }

    /** Format: {@code GETSET key value} → the old value or nil; the new value has no TTL. */
    static void getSet(CommandContext c) {
        byte[] key = c.arg(1);
        Object old = Strings.require(c.read(key));
        c.db().set(key, c.arg(2), c.now);
        c.changed(KeyspaceEvents.STRING, "set", key);
        if (old == null) c.out.nil();
        else Strings.reply(c.out, old);
    }

    /** Format: {@code GETDEL key} → the value or nil; deletes the key. */
    static void getDel(CommandContext c) {
        byte[] key = c.arg(1);
        Object v = Strings.require(c.read(key));
        if (v == null) {
            c.out.nil();
            return;
        }
        c.db().delete(key, c.now);
        c.changed(KeyspaceEvents.GENERIC, "del", key);
        Strings.reply(c.out, v);
    }

    /**
     * Format: {@code GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST]} → the value or nil. A deadline already
     * past deletes the key. The expire time is only validated when the key holds a string.
     */
    static void getEx(CommandContext c) {
        SetOptions o = SetOptions.parse(c.args, 2, false);
        byte[] key = c.arg(1);
        Object v = Strings.require(c.read(key));
        if (v == null) {
            c.out.nil();
            return;
        }
        long deadline = o.deadline(c.now, "getex");
        Db db = c.db();
        if (o.has(SetOptions.EXAT | SetOptions.PXAT) && deadline <= c.now) {
            db.delete(key, c.now);
            c.changed(KeyspaceEvents.GENERIC, "del", key);
        } else if (deadline != 0) {
            db.setExpireAt(key, deadline, c.now);
            c.changed(KeyspaceEvents.GENERIC, "expire", key);
        } else if (o.has(SetOptions.PERSIST) && db.expireAt(key, c.now) > 0) {
            db.setExpireAt(key, 0, c.now);
            c.changed(KeyspaceEvents.GENERIC, "persist", key);
        }
        Strings.reply(c.out, v);
    }

    /** Format: {@code MSET key value [key value ...]} → OK; clears the keys' TTLs. */
    static void mset(CommandContext c) {
        checkPairs(c);
        setAll(c);
        c.out.simple("OK");
    }

    /** Format: {@code MSETNX key value [key value ...]} → 1 if all were set, 0 (and nothing set) if any exists. */
    static void msetnx(CommandContext c) {
        checkPairs(c);
        for (int i = 1; i < c.argc(); i += 2) {
            if (c.write(c.arg(i)) != null) {
                c.out.integer(0);
                return;
            }
        }
        setAll(c);
        c.out.integer(1);
    }

    /** MSET's and MSETNX's writes: each key set and notified in argument order. */
    private static void setAll(CommandContext c) {
        Db db = c.db();
        for (int i = 1; i < c.argc(); i += 2) {
            db.set(c.arg(i), c.arg(i + 1), c.now);
            c.changed(KeyspaceEvents.STRING, "set", c.arg(i));
        }
    }

    private static void checkPairs(CommandContext c) {
        if (c.argc() % 2 == 0) throw new CommandException(Errors.arity(c.spec.fullName()));
    }

    // ---- modifying --------------------------------------------------------------------------------------------

    /** Format: {@code DECRBY key decrement} → the new value. */
    static void decrBy(CommandContext c) {
        long by = c.args.longValue(2);
        if (by == Long.MIN_VALUE) throw new CommandException("ERR decrement would overflow");
        incrBy(c, -by);
    }

    /** INCR, DECR, INCRBY: → the new value; keeps the TTL. */
    static void incrBy(CommandContext c, long by) {
        byte[] key = c.arg(1);
        Object v = Strings.require(c.write(key));
        long current = v == null ? 0 : Strings.longValue(v);
        if ((by < 0 && current < 0 && by < Long.MIN_VALUE - current)
                || (by > 0 && current > 0 && by > Long.MAX_VALUE - current)) {
            throw new CommandException(Errors.OVERFLOW);
        }
        long next = current + by;
        c.db().replace(key, Numbers.toBytes(next), c.now);
        c.changed(KeyspaceEvents.STRING, "incrby", key);
        c.out.integer(next);
    }

    /**
     * Format: {@code INCRBYFLOAT key increment} → the new value as a bulk string; keeps the TTL. Computed in
     * Redis's long double (see {@link LongDouble}) so that the text matches Redis's.
     */
    static void incrByFloat(CommandContext c) {
        byte[] key = c.arg(1);
        Object v = Strings.require(c.write(key));
        LongDouble current = v == null ? LongDouble.ZERO : LongDouble.parse(Strings.bytes(v));
        LongDouble increment = LongDouble.parse(c.arg(2));
        if (current == null || increment == null) throw Errors.notFloat();
        LongDouble sum = current.add(increment);
        if (!sum.isFinite()) throw new CommandException("ERR increment would produce NaN or Infinity");
        byte[] text = sum.format();
        // Redis stores the result without trying the integer encoding.
        c.db().replace(key, Numbers.isLong(text) ? RawString.unencoded(text) : text, c.now);
        c.changed(KeyspaceEvents.STRING, "incrbyfloat", key);
        c.out.bulk(text);
    }

    /** Format: {@code APPEND key value} → the new length; keeps the TTL. */
    static void append(CommandContext c) {
        byte[] key = c.arg(1);
        byte[] data = c.arg(2);
        Object v = Strings.require(c.write(key));
        if (v == null) {
            c.db().set(key, data, c.now);
            c.changed(KeyspaceEvents.STRING, "append", key);
            c.out.integer(data.length);
            return;
        }
        checkLength(c, Strings.length(v), data.length);
        RawString r = unshare(c, key, v, Strings.length(v) + data.length);
        r.append(data);
        c.changed(KeyspaceEvents.STRING, "append", key);
        c.out.integer(r.length());
    }

    /** Format: {@code SETRANGE key offset value} → the new length; zero-pads; keeps the TTL. */
    static void setRange(CommandContext c) {
        long offset = c.args.longValue(2);
        if (offset < 0) throw new CommandException("ERR offset is out of range");
        byte[] key = c.arg(1);
        byte[] data = c.arg(3);
        Object v = Strings.require(c.write(key));
        if (data.length == 0) {
            // Nothing to write: no key is created and no size limit applies.
            c.out.integer(v == null ? 0 : Strings.length(v));
            return;
        }
        checkLength(c, offset, data.length);
        int end = (int) (offset + data.length);
        RawString r;
        if (v == null) {
            r = new RawString(EMPTY, end);
            c.db().set(key, r, c.now);
        } else {
            r = unshare(c, key, v, Math.max(end, Strings.length(v)));
        }
        r.setRange((int) offset, data);
        c.changed(KeyspaceEvents.STRING, "setrange", key);
        c.out.integer(r.length());
    }

    /**
     * The string as a RawString that may be modified in place, replacing the stored value if needed (TTL kept):
     * Redis's {@code dbUnshareStringValue}, after which OBJECT ENCODING reports {@code raw}.
     */
    static RawString unshare(CommandContext c, byte[] key, Object v, int capacity) {
        if (v instanceof RawString r && !r.isUnencoded()) return r;
        RawString r = new RawString(Strings.bytes(v), capacity);
        c.db().replace(key, r, c.now);
        return r;
    }

    /** Refuses a string of {@code size + extra} bytes beyond proto-max-bulk-len (or what an array can hold). */
    private static void checkLength(CommandContext c, long size, long extra) {
        long total = size + extra;
        if (total < 0 || total > c.engine.config().protoMaxBulkLen || total > RawString.MAX_LENGTH) {
            throw new CommandException(Errors.STRING_TOO_LONG);
        }
    }
}
