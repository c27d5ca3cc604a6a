package io.ferrite.core.type.set;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.NumKeys;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.command.ScanOptions;
import io.ferrite.core.config.Config;
import io.ferrite.core.config.KeyspaceEvents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.ferrite.core.command.AclCategory.SET;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** Set commands (Redis's {@code t_set.c}). Replies that Redis sends as sets are RESP3 sets ({@code ~}). */
public final class SetCommands {
    private SetCommands() {}

    public static void register(CommandTable t) {
        t.add(spec("sadd", -3).flags(WRITE, DENYOOM, FAST).acl(SET).keys(1, 1, 1).group("set")
                .summary("Adds one or more members to a set. Creates the key if it doesn't exist.")
                .handler(SetCommands::sadd));
        t.add(spec("srem", -3).flags(WRITE, FAST).acl(SET).keys(1, 1, 1).group("set")
                .summary("Removes one or more members from a set. Deletes the set if the last member was removed.")
                .handler(SetCommands::srem));
        t.add(spec("scard", 2).flags(READONLY, FAST).acl(SET).keys(1, 1, 1).group("set")
                .summary("Returns the number of members in a set.").handler(SetCommands::scard));
        t.add(spec("sismember", 3).flags(READONLY, FAST).acl(SET).keys(1, 1, 1).group("set")
                .summary("Determines whether a member belongs to a set.").handler(SetCommands::sismember));
        t.add(spec("smismember", -3).flags(READONLY, FAST).acl(SET).keys(1, 1, 1).group("set").since("6.2.0")
                .summary("Determines whether multiple members belong to a set.").handler(SetCommands::smismember));
        t.add(spec("smembers", 2).flags(READONLY).acl(SET).keys(1, 1, 1).group("set")
                .summary("Returns all members of a set.").handler(SetCommands::smembers));
        t.add(spec("smove", 4).flags(WRITE, FAST).acl(SET).keys(1, 2, 1).group("set")
                .summary("Moves a member from one set to another.").handler(SetCommands::smove));
        t.add(spec("spop", -2).flags(WRITE, FAST).acl(SET).keys(1, 1, 1).group("set")
                .summary("Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.")
                .handler(SetCommands::spop));
        t.add(spec("srandmember", -2).flags(READONLY).acl(SET).keys(1, 1, 1).group("set")
                .summary("Get one or multiple random members from a set").handler(SetCommands::srandmember));
        t.add(spec("sscan", -3).flags(READONLY).acl(SET).keys(1, 1, 1).group("set").since("2.8.0")
                .summary("Iterates over members of a set.").handler(SetCommands::sscan));
        t.add(spec("sinter", -2).flags(READONLY).acl(SET).keys(1, -1, 1).group("set")
                .summary("Returns the intersect of multiple sets.").handler(c -> combine(c, Op.INTER, false)));
        t.add(spec("sinterstore", -3).flags(WRITE, DENYOOM).acl(SET).keys(1, -1, 1).group("set")
                .summary("Stores the intersect of multiple sets in a key.").handler(c -> combine(c, Op.INTER, true)));
        t.add(spec("sunion", -2).flags(READONLY).acl(SET).keys(1, -1, 1).group("set")
                .summary("Returns the union of multiple sets.").handler(c -> combine(c, Op.UNION, false)));
        t.add(spec("sunionstore", -3).flags(WRITE, DENYOOM).acl(SET).keys(1, -1, 1).group("set")
                .summary("Stores the union of multiple sets in a key.").handler(c -> combine(c, Op.UNION, true)));
        t.add(spec("sdiff", -2).flags(READONLY).acl(SET).keys(1, -1, 1).group("set")
                .summary("Returns the difference of multiple sets.").handler(c -> combine(c, Op.DIFF, false)));
        t.add(spec("sdiffstore", -3).flags(WRITE, DENYOOM).acl(SET).keys(1, -1, 1).group("set")
                .summary("Stores the difference of multiple sets in a key.").handler(c -> combine(c, Op.DIFF, true)));
        t.add(spec("sintercard", -3).flags(READONLY).acl(SET).keys(0, 0, 0, NumKeys.at(1)).group("set").since("7.0.0")
                .summary("Returns the number of members of the intersect of multiple sets.")
                .handler(SetCommands::sintercard));
    }

    static void sadd(CommandContext c) {
        byte[] key = c.arg(1);
        Config cfg = c.engine.config();
        SetValue set = c.write(key, SetValue.class);
        int members = c.argc() - 2;
        if (set == null) {
            set = SetValue.create(c.arg(2), members, cfg);
            c.db().set(key, set, c.now);
        } else {
            set.reserve(members, cfg);
        }
        long added = 0;
        for (int i = 2; i < c.argc(); i++) if (set.add(c.arg(i), cfg)) added++;
        if (added > 0) c.changed(KeyspaceEvents.SET, "sadd", key);
        c.out.integer(added);
    }

    static void srem(CommandContext c) {
        byte[] key = c.arg(1);
        SetValue set = c.write(key, SetValue.class);
        long removed = 0;
        if (set != null) {
            for (int i = 2; i < c.argc() && set.size() > 0; i++) if (set.remove(c.arg(i))) removed++;
            if (removed > 0) {
                c.changed(KeyspaceEvents.SET, "srem", key);
                if (set.size() == 0) c.deleteEmptied(key);
            }
        }
        c.out.integer(removed);
    }

    static void scard(CommandContext c) {
        SetValue set = c.read(c.arg(1), SetValue.class);
        c.out.integer(set == null ? 0 : set.size());
    }

    static void sismember(CommandContext c) {
        SetValue set = c.read(c.arg(1), SetValue.class);
        c.out.integer(set != null && set.contains(c.arg(2)) ? 1 : 0);
    }

    static void smismember(CommandContext c) {
        SetValue set = c.read(c.arg(1), SetValue.class);
        c.out.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) c.out.integer(set != null && set.contains(c.arg(i)) ? 1 : 0);
    }

    static void smembers(CommandContext c) {
        SetValue set = c.read(c.arg(1), SetValue.class);
        if (set == null) {
            c.out.set(0);
            return;
        }
        c.out.set(set.size());
        set.forEach(c.out::bulk);
    }

    static void smove(CommandContext c) {
        byte[] srcKey = c.arg(1);
        byte[] dstKey = c.arg(2);
        byte[] member = c.arg(3);
        Object srcValue = c.write(srcKey);
        Object dstValue = c.write(dstKey);
        if (srcValue == null) {
            c.out.integer(0);
            return;
        }
        SetValue src = io.ferrite.core.keyspace.Db.typed(srcValue, SetValue.class);
        SetValue dst = io.ferrite.core.keyspace.Db.typed(dstValue, SetValue.class);
        if (src == dst) {
            c.out.integer(src.contains(member) ? 1 : 0);
            return;
        }
        if (!src.remove(member)) {
            c.out.integer(0);
            return;
        }
        c.changed(KeyspaceEvents.SET, "srem", srcKey);
        if (src.size() == 0) c.deleteEmptied(srcKey);
        Config cfg = c.engine.config();
        if (dst == null) {
            dst = SetValue.create(member, 1, cfg);
            c.db().set(dstKey, dst, c.now);
        }
        if (dst.add(member, cfg)) c.changed(KeyspaceEvents.SET, "sadd", dstKey);
        c.out.integer(1);
    }

    static void spop(CommandContext c) {
        byte[] key = c.arg(1);
        if (c.argc() == 2) {
            SetValue set = c.write(key, SetValue.class);
            if (set == null) {
                c.out.nil();
                return;
            }
            byte[] m = set.random(ThreadLocalRandom.current());
            set.remove(m);
            c.changed(KeyspaceEvents.SET, "spop", key);
            if (set.size() == 0) c.deleteEmptied(key);
            c.out.bulk(m);
            return;
        }
        if (c.argc() > 3) throw Errors.syntax();
        long count = c.args.nonNegativeLong(2);
        SetValue set = c.write(key, SetValue.class);
        if (set == null || count == 0) {
            c.out.set(0);
            return;
        }
        c.changed(KeyspaceEvents.SET, "spop", key);
        if (count >= set.size()) {
            c.deleteEmptied(key);
            c.out.set(set.size());
            set.forEach(c.out::bulk);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<byte[]> popped = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            byte[] m = set.random(random);
            set.remove(m);
            popped.add(m);
        }
        c.out.set(popped.size());
        for (byte[] m : popped) c.out.bulk(m);
    }

    static void srandmember(CommandContext c) {
        byte[] key = c.arg(1);
        if (c.argc() == 2) {
            SetValue set = c.read(key, SetValue.class);
            if (set == null) c.out.nil();
            else c.out.bulk(set.random(ThreadLocalRandom.current()));
            return;
        }
        if (c.argc() > 3) throw Errors.syntax();
        long l = c.args.longValue(2);
        if (l == Long.MIN_VALUE) throw new CommandException(RANGE_ERROR);
        SetValue set = c.read(key, SetValue.class);
        if (set == null || l == 0) {
            c.out.array(0);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (l < 0) {
            // Repetitions allowed: -l independent draws.
            long n = -l;
            if (n > Integer.MAX_VALUE - 8) throw new CommandException(RANGE_ERROR);
            c.out.array((int) n);
            for (long i = 0; i < n; i++) c.out.bulk(set.random(random));
            return;
        }
        if (l >= set.size()) {
            c.out.array(set.size());
            set.forEach(c.out::bulk);
            return;
        }
        c.out.array((int) l);
        for (byte[] m : distinctSample(set, (int) l, random)) c.out.bulk(m);
    }

    static final String RANGE_ERROR =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    /** {@code count} distinct members, {@code count < size}: partial shuffle when compact, rejection otherwise. */
    private static List<byte[]> distinctSample(SetValue set, int count, ThreadLocalRandom random) {
        List<byte[]> out = new ArrayList<>(count);
        if (set.isCompact()) {
            int n = set.size();
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            for (int i = 0; i < count; i++) {
                int j = i + random.nextInt(n - i);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
                out.add(set.memberAt(idx[i]));
            }
            return out;
        }
        if (count * 3L > set.size()) {
            // Redis's case 3: copy everything, then drop random members until count remain.
            List<byte[]> all = new ArrayList<>(set.size());
            set.forEach(all::add);
            for (int i = all.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                byte[] tmp = all.get(i);
                all.set(i, all.get(j));
                all.set(j, tmp);
            }
            return all.subList(0, count);
        }
        io.ferrite.core.type.dict.Dict<Void> picked = new io.ferrite.core.type.dict.Dict<>(count);
        while (out.size() < count) {
            byte[] m = set.random(random);
            if (picked.add(m, null)) out.add(m);
        }
        return out;
    }

    static void sscan(CommandContext c) {
        long cursor = Numbers.parseCursor(c.arg(2));
        SetValue set = c.read(c.arg(1), SetValue.class);
        if (set == null) {
            ScanOptions.emptyReply(c.out);
            return;
        }
        ScanOptions opts = ScanOptions.parse(c.args, 3);
        List<byte[]> found = new ArrayList<>();
        long next = set.scan(cursor, opts.count, m -> {
            if (opts.matches(m)) found.add(m);
        });
        c.out.array(2);
        c.out.bulk(Long.toUnsignedString(next));
        c.out.array(found.size());
        for (byte[] m : found) c.out.bulk(m);
    }

    enum Op {
        INTER("sinterstore"), UNION("sunionstore"), DIFF("sdiffstore");

        /** The notification of the STORE form. */
        final String storeEvent;

        Op(String storeEvent) {
            this.storeEvent = storeEvent;
        }
    }

    static void combine(CommandContext c, Op op, boolean store) {
        int first = store ? 2 : 1;
        int n = c.argc() - first;
        SetValue[] sets = new SetValue[n];
        boolean missing = false;
        for (int i = 0; i < n; i++) {
            byte[] key = c.arg(first + i);
            Object v = c.read(key);
            sets[i] = io.ferrite.core.keyspace.Db.typed(v, SetValue.class);
            if (sets[i] == null) missing = true;
        }
        Config cfg = c.engine.config();
        if (op == Op.INTER && !store) {
            // Replied in the iteration order of the smallest set, as Redis does.
            List<byte[]> members = missing ? List.of() : intersect(sets, Long.MAX_VALUE);
            c.out.set(members.size());
            for (byte[] m : members) c.out.bulk(m);
            return;
        }
        SetValue result = SetValue.empty();
        switch (op) {
            case INTER -> {
                if (!missing) for (byte[] m : intersect(sets, Long.MAX_VALUE)) result.add(m, cfg);
            }
            case UNION -> {
                for (SetValue s : sets) if (s != null) s.forEach(m -> result.add(m, cfg));
            }
            case DIFF -> diff(sets, result, cfg);
        }
        if (store) {
            byte[] dst = c.arg(1);
            if (result.size() > 0) {
                c.db().set(dst, result, c.now);
                c.changed(KeyspaceEvents.SET, op.storeEvent, dst);
            } else if (c.db().delete(dst, c.now)) {
                c.changed(KeyspaceEvents.GENERIC, "del", dst);
            }
            c.out.integer(result.size());
            return;
        }
        c.out.set(result.size());
        result.forEach(c.out::bulk);
    }

    /** The intersection of non-null sets in the smallest set's order, stopping after {@code limit} members. */
    private static List<byte[]> intersect(SetValue[] sets, long limit) {
        SetValue[] bySize = sets.clone();
        Arrays.sort(bySize, (a, b) -> Integer.compare(a.size(), b.size()));
        List<byte[]> out = new ArrayList<>();
        bySize[0].forEach(m -> {
            if (out.size() >= limit) return;
            for (int i = 1; i < bySize.length; i++) if (bySize[i] != bySize[0] && !bySize[i].contains(m)) return;
            out.add(m);
        });
        return out;
    }

    private static void diff(SetValue[] sets, SetValue out, Config cfg) {
        if (sets[0] == null) return;
        for (int i = 1; i < sets.length; i++) if (sets[i] == sets[0]) return; // the same key: empty difference
        sets[0].forEach(m -> {
            for (int i = 1; i < sets.length; i++) if (sets[i] != null && sets[i].contains(m)) return;
            out.add(m, cfg);
        });
    }

    static void sintercard(CommandContext c) {
        long numkeys = numkeys(c.args, 1, "ERR numkeys should be greater than 0");
        if (numkeys > c.argc() - 2) throw new CommandException("ERR Number of keys can't be greater than number of args");
        long limit = 0;
        for (int i = 2 + (int) numkeys; i < c.argc(); i++) {
            if (c.args.is(i, "LIMIT") && i + 1 < c.argc()) {
                limit = c.args.longValue(++i, "ERR LIMIT can't be negative");
                if (limit < 0) throw new CommandException("ERR LIMIT can't be negative");
            } else {
                throw Errors.syntax();
            }
        }
        SetValue[] sets = new SetValue[(int) numkeys];
        boolean missing = false;
        for (int i = 0; i < numkeys; i++) {
            sets[i] = c.read(c.arg(2 + i), SetValue.class);
            if (sets[i] == null) missing = true;
        }
        if (missing) {
            c.out.integer(0);
            return;
        }
        c.out.integer(intersect(sets, limit == 0 ? Long.MAX_VALUE : limit).size());
    }

    /** A positive key count at {@code i}, else {@code error} (Redis uses the same text for non-numbers). */
    static long numkeys(Args args, int i, String error) {
        byte[] b = args.bytes(i);
        if (!Numbers.isLong(b)) throw new CommandException(error);
        long n = Numbers.parseLongUnchecked(b, 0, b.length);
        if (n < 1) throw new CommandException(error);
        return n;
    }
}
