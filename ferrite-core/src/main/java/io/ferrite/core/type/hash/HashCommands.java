package io.ferrite.core.type.hash;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Glob;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.command.ScanOptions;
import io.ferrite.core.config.Config;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.type.set.SetCommands;
import io.ferrite.core.type.string.LongDouble;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.ferrite.core.command.AclCategory.HASH;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * Hash commands (Redis's {@code t_hash.c}). Handlers validate arguments and key types before changing anything
 * and delete a key whose hash they empty.
 */
public final class HashCommands {
    private HashCommands() {}

    private static final String LONG_RANGE = "ERR value is out of range, value must between "
            + -Long.MAX_VALUE + " and " + Long.MAX_VALUE;

    public static void register(CommandTable t) {
        t.add(spec("hset", -4).flags(WRITE, DENYOOM, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Creates or modifies the value of a field in a hash.").handler(c -> hset(c, false)));
        t.add(spec("hmset", -4).flags(WRITE, DENYOOM, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Sets the values of multiple fields.").handler(c -> hset(c, true)));
        t.add(spec("hsetnx", 4).flags(WRITE, DENYOOM, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Sets the value of a field in a hash only when the field doesn't exist.")
                .handler(HashCommands::hsetnx));
        t.add(spec("hget", 3).flags(READONLY, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns the value of a field in a hash.").handler(HashCommands::hget));
        t.add(spec("hmget", -3).flags(READONLY, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns the values of all fields in a hash.").handler(HashCommands::hmget));
        t.add(spec("hexists", 3).flags(READONLY, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Determines whether a field exists in a hash.").handler(HashCommands::hexists));
        t.add(spec("hdel", -3).flags(WRITE, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.")
                .handler(HashCommands::hdel));
        t.add(spec("hlen", 2).flags(READONLY, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns the number of fields in a hash.").handler(HashCommands::hlen));
        t.add(spec("hstrlen", 3).flags(READONLY, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("3.2.0")
                .summary("Returns the length of the value of a field.").handler(HashCommands::hstrlen));
        t.add(spec("hkeys", 2).flags(READONLY).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns all fields in a hash.").handler(c -> all(c, true, false)));
        t.add(spec("hvals", 2).flags(READONLY).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns all values in a hash.").handler(c -> all(c, false, true)));
        t.add(spec("hgetall", 2).flags(READONLY).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns all fields and values in a hash.").handler(c -> all(c, true, true)));
        t.add(spec("hincrby", 4).flags(WRITE, DENYOOM, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.")
                .handler(HashCommands::hincrby));
        t.add(spec("hincrbyfloat", 4).flags(WRITE, DENYOOM, FAST).acl(HASH).keys(1, 1, 1).group("hash").since("2.6.0")
                .summary("Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.")
                .handler(HashCommands::hincrbyfloat));
        t.add(spec("hrandfield", -2).flags(READONLY).acl(HASH).keys(1, 1, 1).group("hash").since("6.2.0")
                .summary("Returns one or more random fields from a hash.").handler(HashCommands::hrandfield));
        t.add(spec("hscan", -3).flags(READONLY).acl(HASH).keys(1, 1, 1).group("hash").since("2.8.0")
                .summary("Iterates over fields and values of a hash.").handler(HashCommands::hscan));
    }

    private static HashValue writeOrCreate(CommandContext c, byte[] key) {
        HashValue h = c.write(key, HashValue.class);
        if (h == null) {
            h = new HashValue();
            c.db().set(key, h, c.now);
        }
        return h;
    }

    private static byte[][] argv(CommandContext c) {
        byte[][] all = new byte[c.argc()][];
        for (int i = 0; i < all.length; i++) all[i] = c.arg(i);
        return all;
    }

    static void hset(CommandContext c, boolean legacy) {
        if (c.argc() % 2 == 1) throw new CommandException(Errors.arity(c.spec.fullName()));
        Config cfg = c.engine.config();
        HashValue h = writeOrCreate(c, c.arg(1));
        h.prepareToSet(argv(c), 2, c.argc() - 1, cfg.hashMaxListpackEntries, cfg.hashMaxListpackValue);
        int created = 0;
        for (int i = 2; i < c.argc(); i += 2) {
            if (h.set(c.arg(i), c.arg(i + 1), cfg.hashMaxListpackEntries, cfg.hashMaxListpackValue)) created++;
        }
        c.changed(KeyspaceEvents.HASH, "hset", c.arg(1));
        if (legacy) c.out.simple("OK");
        else c.out.integer(created);
    }

    static void hsetnx(CommandContext c) {
        Config cfg = c.engine.config();
        HashValue h = writeOrCreate(c, c.arg(1));
        if (h.get(c.arg(2)) != null) {
            c.out.integer(0);
            return;
        }
        h.prepareToSet(argv(c), 2, 3, cfg.hashMaxListpackEntries, cfg.hashMaxListpackValue);
        h.set(c.arg(2), c.arg(3), cfg.hashMaxListpackEntries, cfg.hashMaxListpackValue);
        c.changed(KeyspaceEvents.HASH, "hset", c.arg(1));
        c.out.integer(1);
    }

    static void hget(CommandContext c) {
        HashValue h = c.read(c.arg(1), HashValue.class);
        if (h == null) c.out.nil();
        else h.writeValue(c.out, c.arg(2));
    }

    static void hmget(CommandContext c) {
        HashValue h = c.read(c.arg(1), HashValue.class);
        c.out.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            if (h == null) c.out.nil();
            else h.writeValue(c.out, c.arg(i));
        }
    }

    static void hexists(CommandContext c) {
        HashValue h = c.read(c.arg(1), HashValue.class);
        c.out.integer(h != null && h.get(c.arg(2)) != null ? 1 : 0);
    }

    static void hdel(CommandContext c) {
        byte[] key = c.arg(1);
        HashValue h = c.write(key, HashValue.class);
        int deleted = 0;
        if (h != null) {
            for (int i = 2; i < c.argc() && h.size() > 0; i++) {
                if (h.remove(c.arg(i))) deleted++;
            }
            if (deleted > 0) {
                c.changed(KeyspaceEvents.HASH, "hdel", key);
                if (h.size() == 0) c.deleteEmptied(key);
            }
        }
        c.out.integer(deleted);
    }

    static void hlen(CommandContext c) {
        HashValue h = c.read(c.arg(1), HashValue.class);
        c.out.integer(h == null ? 0 : h.size());
    }

    static void hstrlen(CommandContext c) {
        HashValue h = c.read(c.arg(1), HashValue.class);
        byte[] v = h == null ? null : h.get(c.arg(2));
        c.out.integer(v == null ? 0 : v.length);
    }

    /** HKEYS, HVALS and HGETALL (a map in RESP3). */
    static void all(CommandContext c, boolean fields, boolean values) {
        HashValue h = c.read(c.arg(1), HashValue.class);
        int size = h == null ? 0 : h.size();
        if (fields && values) c.out.map(size);
        else c.out.array(size);
        if (h == null) return;
        for (int p = 0, n = h.positions(); p < n; p++) {
            if (!h.occupied(p)) continue;
            if (fields) h.writeField(c.out, p);
            if (values) h.writeValue(c.out, p);
        }
    }

    static void hincrby(CommandContext c) {
        long incr = c.args.longValue(3);
        Config cfg = c.engine.config();
        HashValue h = writeOrCreate(c, c.arg(1));
        byte[] current = h.get(c.arg(2));
        long value = 0;
        if (current != null) {
            if (!Numbers.isLong(current)) throw new CommandException("ERR hash value is not an integer");
            value = Numbers.parseLongUnchecked(current, 0, current.length);
        }
        long result = value + incr;
        if (((value ^ result) & (incr ^ result)) < 0) throw new CommandException(Errors.OVERFLOW);
        byte[] text = Long.toString(result).getBytes(StandardCharsets.US_ASCII);
        h.set(c.arg(2), text, cfg.hashMaxListpackEntries, cfg.hashMaxListpackValue);
        c.changed(KeyspaceEvents.HASH, "hincrby", c.arg(1));
        c.out.integer(result);
    }

    static void hincrbyfloat(CommandContext c) {
        LongDouble incr = LongDouble.parse(c.arg(3));
        if (incr == null) throw Errors.notFloat();
        if (!incr.isFinite()) throw new CommandException("ERR value is NaN or Infinity");
        Config cfg = c.engine.config();
        HashValue h = writeOrCreate(c, c.arg(1));
        byte[] current = h.get(c.arg(2));
        LongDouble value = current == null ? LongDouble.ZERO : LongDouble.parse(current);
        if (value == null) throw new CommandException("ERR hash value is not a float");
        LongDouble sum = value.add(incr);
        if (!sum.isFinite()) throw new CommandException("ERR increment would produce NaN or Infinity");
        byte[] text = sum.format();
        h.set(c.arg(2), text, cfg.hashMaxListpackEntries, cfg.hashMaxListpackValue);
        c.changed(KeyspaceEvents.HASH, "hincrbyfloat", c.arg(1));
        c.out.bulk(text);
    }

    static void hrandfield(CommandContext c) {
        if (c.argc() == 2) {
            HashValue h = c.read(c.arg(1), HashValue.class);
            if (h == null) c.out.nil();
            else h.writeField(c.out, h.randomPosition(ThreadLocalRandom.current()));
            return;
        }
        long count = c.args.longValue(2);
        if (count == Long.MIN_VALUE) throw new CommandException(LONG_RANGE);
        boolean withValues = false;
        if (c.argc() > 4 || (c.argc() == 4 && !c.args.is(3, "WITHVALUES"))) throw Errors.syntax();
        if (c.argc() == 4) {
            withValues = true;
            if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                throw new CommandException("ERR value is out of range");
            }
        }
        HashValue h = c.read(c.arg(1), HashValue.class);
        if (h == null || count == 0) {
            c.out.array(0);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int size = h.size();
        boolean flat = withValues && c.out.protocol() == 2;
        if (count < 0 || count == 1) {
            // With repetitions: each pick samples the whole hash.
            long n = count < 0 ? -count : 1;
            c.out.array((int) (flat ? n * 2 : n));
            for (long i = 0; i < n; i++) writeEntry(c, h, h.randomPosition(random), withValues, flat);
            return;
        }
        if (count >= size) {
            c.out.array(flat ? size * 2 : size);
            for (int p = 0, end = h.positions(); p < end; p++) {
                if (h.occupied(p)) writeEntry(c, h, p, withValues, flat);
            }
            return;
        }
        int n = (int) count;
        int[] picked = new int[n];
        if (!h.isPacked() && n * 3L <= size) {
            // Few of many: pick random entries until enough distinct ones were drawn.
            Set<Integer> seen = new HashSet<>();
            for (int k = 0; k < n; ) {
                int p = h.randomPosition(random);
                if (seen.add(p)) picked[k++] = p;
            }
        } else {
            // Selection sampling: each entry is taken with probability needed / remaining, in iteration order.
            int remaining = size;
            int k = 0;
            for (int p = 0, end = h.positions(); k < n; p++) {
                if (!h.occupied(p)) continue;
                if (random.nextInt(remaining) < n - k) picked[k++] = p;
                remaining--;
            }
        }
        c.out.array(flat ? n * 2 : n);
        for (int p : picked) writeEntry(c, h, p, withValues, flat);
    }

    private static void writeEntry(CommandContext c, HashValue h, int position, boolean withValues, boolean flat) {
        if (withValues && !flat) c.out.array(2);
        h.writeField(c.out, position);
        if (withValues) h.writeValue(c.out, position);
    }

    static void hscan(CommandContext c) {
        long cursor = Numbers.parseCursor(c.arg(2));
        HashValue h = c.read(c.arg(1), HashValue.class);
        if (h == null) {
            ScanOptions.emptyReply(c.out);
            return;
        }
        long count = 10;
        byte[] pattern = null;
        for (int i = 3; i < c.argc(); i += 2) {
            boolean pair = c.argc() - i >= 2;
            if (c.args.is(i, "COUNT") && pair) {
                count = c.args.longValue(i + 1);
                if (count < 1) throw Errors.syntax();
            } else if (c.args.is(i, "MATCH") && pair) {
                pattern = c.arg(i + 1);
                if (pattern.length == 1 && pattern[0] == '*') pattern = null;
            } else {
                throw Errors.syntax();
            }
        }
        int[] found = new int[16];
        int n = 0;
        long next = 0;
        if (h.isPacked()) {
            for (int p = 0, end = h.positions(); p < end; p++) {
                if (pattern != null && !Glob.matches(pattern, h.fieldAt(p), false)) continue;
                if (n == found.length) found = Arrays.copyOf(found, n * 2);
                found[n++] = p;
            }
        } else {
            // Redis counts fields and values against COUNT, before MATCH filtering, and bounds the buckets visited.
            int[] items = {0};
            int[][] acc = {found};
            int[] len = {0};
            byte[] pat = pattern;
            long budget = count * 10;
            long cur = cursor;
            do {
                cur = h.scan(cur, slot -> {
                    items[0] += 2;
                    if (pat != null && !Glob.matches(pat, h.fieldAt(slot), false)) return;
                    if (len[0] == acc[0].length) acc[0] = Arrays.copyOf(acc[0], len[0] * 2);
                    acc[0][len[0]++] = slot;
                });
            } while (cur != 0 && budget-- > 0 && items[0] < count);
            found = acc[0];
            n = len[0];
            next = cur;
        }
        c.out.array(2);
        c.out.bulk(Long.toUnsignedString(next));
        c.out.array(n * 2);
        for (int i = 0; i < n; i++) {
            h.writeField(c.out, found[i]);
            h.writeValue(c.out, found[i]);
        }
    }
}
