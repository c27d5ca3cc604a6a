package io.ferrite.core.type.list;

import io.ferrite.core.blocking.TimeoutReply;
import io.ferrite.core.blocking.Timeouts;
import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.KeyspaceEvents;

import java.util.Arrays;

import static io.ferrite.core.command.AclCategory.LIST;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * List commands (Redis's {@code t_list.c}), the blocking variants excepted. Every handler validates its arguments
 * and the types of its keys before it changes anything, and deletes a key whose list it empties.
 */
public final class ListCommands {
    private ListCommands() {}

    public static void register(CommandTable t) {
        t.add(spec("lpush", -3).flags(WRITE, DENYOOM, FAST).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Prepends one or more elements to a list. Creates the key if it doesn't exist.")
                .handler(c -> push(c, true, false)));
        t.add(spec("rpush", -3).flags(WRITE, DENYOOM, FAST).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Appends one or more elements to a list. Creates the key if it doesn't exist.")
                .handler(c -> push(c, false, false)));
        t.add(spec("lpushx", -3).flags(WRITE, DENYOOM, FAST).acl(LIST).keys(1, 1, 1).group("list").since("2.2.0")
                .summary("Prepends one or more elements to a list only when the list exists.")
                .handler(c -> push(c, true, true)));
        t.add(spec("rpushx", -3).flags(WRITE, DENYOOM, FAST).acl(LIST).keys(1, 1, 1).group("list").since("2.2.0")
                .summary("Appends an element to a list only when the list exists.")
                .handler(c -> push(c, false, true)));
        t.add(spec("lpop", -2).flags(WRITE, FAST).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Returns the first elements in a list after removing it. Deletes the list if the last element was popped.")
                .handler(c -> pop(c, true)));
        t.add(spec("rpop", -2).flags(WRITE, FAST).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Returns and removes the last elements of a list. Deletes the list if the last element was popped.")
                .handler(c -> pop(c, false)));
        t.add(spec("llen", 2).flags(READONLY, FAST).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Returns the length of a list.").handler(ListCommands::llen));
        t.add(spec("lindex", 3).flags(READONLY).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Returns an element from a list by its index.").handler(ListCommands::lindex));
        t.add(spec("lset", 4).flags(WRITE, DENYOOM).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Sets the value of an element in a list by its index.").handler(ListCommands::lset));
        t.add(spec("linsert", 5).flags(WRITE, DENYOOM).acl(LIST).keys(1, 1, 1).group("list").since("2.2.0")
                .summary("Inserts an element before or after another element in a list.").handler(ListCommands::linsert));
        t.add(spec("lrange", 4).flags(READONLY).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Returns a range of elements from a list.").handler(ListCommands::lrange));
        t.add(spec("ltrim", 4).flags(WRITE).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Removes elements from both ends a list. Deletes the list if all elements were trimmed.")
                .handler(ListCommands::ltrim));
        t.add(spec("lrem", 4).flags(WRITE).acl(LIST).keys(1, 1, 1).group("list")
                .summary("Removes elements from a list. Deletes the list if the last element was removed.")
                .handler(ListCommands::lrem));
        t.add(spec("lpos", -3).flags(READONLY).acl(LIST).keys(1, 1, 1).group("list").since("6.0.6")
                .summary("Returns the index of matching elements in a list.").handler(ListCommands::lpos));
        t.add(spec("rpoplpush", 3).flags(WRITE, DENYOOM).acl(LIST).keys(1, 2, 1).group("list").since("1.2.0")
                .summary("Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.")
                .handler(c -> move(c, false, true)));
        t.add(spec("lmove", 5).flags(WRITE, DENYOOM).acl(LIST).keys(1, 2, 1).group("list").since("6.2.0")
                .summary("Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.")
                .handler(c -> move(c, side(c.args, 3), side(c.args, 4))));
        t.add(spec("lmpop", -4).flags(WRITE).acl(LIST).keys(0, 0, 0, (a, o) -> mpopKeys(a, 1, o)).group("list").since("7.0.0")
                .summary("Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.")
                .handler(c -> lmpop(c, 1, false)));

        t.add(spec("blpop", -3).flags(WRITE, NOSCRIPT, BLOCKING).acl(LIST).keys(1, -2, 1).group("list").since("2.0.0")
                .summary("Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.")
                .handler(c -> blockingPop(c, true)));
        t.add(spec("brpop", -3).flags(WRITE, NOSCRIPT, BLOCKING).acl(LIST).keys(1, -2, 1).group("list").since("2.0.0")
                .summary("Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.")
                .handler(c -> blockingPop(c, false)));
        t.add(spec("brpoplpush", 4).flags(WRITE, DENYOOM, NOSCRIPT, BLOCKING).acl(LIST).keys(1, 2, 1).group("list").since("2.2.0")
                .summary("Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.")
                .handler(c -> blockingMove(c, false, true, 3)));
        t.add(spec("blmove", 6).flags(WRITE, DENYOOM, NOSCRIPT, BLOCKING).acl(LIST).keys(1, 2, 1).group("list").since("6.2.0")
                .summary("Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.")
                .handler(c -> blockingMove(c, side(c.args, 3), side(c.args, 4), 5)));
        t.add(spec("blmpop", -5).flags(WRITE, BLOCKING).acl(LIST).keys(0, 0, 0, (a, o) -> mpopKeys(a, 2, o)).group("list").since("7.0.0")
                .summary("Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.")
                .handler(c -> lmpop(c, 2, true)));
    }

    /** BLPOP and BRPOP: the first non-empty list of the keys gives [key, element]; none: wait. */
    static void blockingPop(CommandContext c, boolean head) {
        long timeout = Timeouts.millis(c.arg(c.argc() - 1));
        int lastKey = c.argc() - 2;
        for (int i = 1; i <= lastKey; i++) {
            byte[] key = c.arg(i);
            ListValue list = c.write(key, ListValue.class);
            if (list == null) continue;
            byte[] v = list.pop(head);
            popped(c, key, list, head);
            c.out.array(2);
            c.out.bulk(key);
            c.out.bulk(v);
            return;
        }
        byte[][] keys = new byte[lastKey][];
        for (int i = 1; i <= lastKey; i++) keys[i - 1] = c.arg(i);
        c.block(keys, timeout, TimeoutReply.NIL_ARRAY);
    }

    /** BRPOPLPUSH and BLMOVE: LMOVE once the source has an element. */
    static void blockingMove(CommandContext c, boolean fromHead, boolean toHead, int timeoutIndex) {
        long timeout = Timeouts.millis(c.arg(timeoutIndex));
        if (c.write(c.arg(1), ListValue.class) == null) {
            c.block(new byte[][] {c.arg(1)}, timeout, TimeoutReply.NIL);
            return;
        }
        move(c, fromHead, toHead);
    }

    /**
     * Stores a list that was just created at {@code key}. Clients blocked on the key are served by the dispatcher
     * once this write command completes (see {@code io.ferrite.core.blocking}).
     */
    static void created(CommandContext c, byte[] key, ListValue list) {
        c.db().set(key, list, c.now);
    }

    /** Replaces {@code key} with a new list of {@code values} in order (SORT ... STORE); {@code values} is not empty. */
    public static void store(CommandContext c, byte[] key, java.util.List<byte[]> values) {
        ListValue list = new ListValue();
        int fill = fill(c);
        for (byte[] v : values) {
            list.prepareToAdd(v, fill);
            list.push(false, v);
        }
        created(c, key, list);
    }

    private static int fill(CommandContext c) {
        return c.engine.config().listMaxListpackSize;
    }

    /** LEFT (true) or RIGHT (false) at argument {@code i}, else a syntax error. */
    private static boolean side(Args args, int i) {
        if (args.is(i, "LEFT")) return true;
        if (args.is(i, "RIGHT")) return false;
        throw Errors.syntax();
    }

    /** Resolves a possibly negative index against {@code size}; -1 when out of range. */
    private static int index(long index, int size) {
        if (index < 0) index += size;
        return index < 0 || index >= size ? -1 : (int) index;
    }

    static void push(CommandContext c, boolean head, boolean onlyExisting) {
        byte[] key = c.arg(1);
        ListValue list = c.write(key, ListValue.class);
        if (list == null && onlyExisting) {
            c.out.integer(0);
            return;
        }
        boolean create = list == null;
        if (create) list = new ListValue();
        list.prepareToAdd(argv(c), 2, c.argc() - 1, fill(c));
        for (int i = 2; i < c.argc(); i++) list.push(head, c.arg(i));
        if (create) created(c, key, list);
        c.changed(KeyspaceEvents.LIST, head ? "lpush" : "rpush", key);
        c.out.integer(list.size());
    }

    private static byte[][] argv(CommandContext c) {
        byte[][] all = new byte[c.argc()][];
        for (int i = 0; i < all.length; i++) all[i] = c.arg(i);
        return all;
    }

    static void pop(CommandContext c, boolean head) {
        if (c.argc() > 3) throw new CommandException(Errors.arity(c.spec.fullName()));
        boolean hasCount = c.argc() == 3;
        long count = 1;
        if (hasCount) {
            byte[] a = c.arg(2);
            if (!Numbers.isLong(a) || (count = Numbers.parseLongUnchecked(a, 0, a.length)) < 0) {
                throw new CommandException(Errors.NOT_POSITIVE);
            }
        }
        byte[] key = c.arg(1);
        ListValue list = c.write(key, ListValue.class);
        if (list == null) {
            if (hasCount) c.out.nilArray();
            else c.out.nil();
            return;
        }
        if (!hasCount) {
            byte[] v = list.pop(head);
            popped(c, key, list, head);
            c.out.bulk(v);
            return;
        }
        int n = (int) Math.min(count, list.size());
        c.out.array(n);
        for (int i = 0; i < n; i++) c.out.bulk(list.pop(head));
        if (n > 0) popped(c, key, list, head);
    }

    /** After elements left {@code list} at {@code key}: notifies the pop, deletes the list if it is now empty. */
    private static void popped(CommandContext c, byte[] key, ListValue list, boolean head) {
        c.changed(KeyspaceEvents.LIST, head ? "lpop" : "rpop", key);
        if (list.size() == 0) c.deleteEmptied(key);
        else list.shrunk(fill(c));
    }

    static void llen(CommandContext c) {
        ListValue list = c.read(c.arg(1), ListValue.class);
        c.out.integer(list == null ? 0 : list.size());
    }

    static void lindex(CommandContext c) {
        ListValue list = c.read(c.arg(1), ListValue.class);
        if (list == null) {
            c.out.nil();
            return;
        }
        int i = index(c.args.longValue(2), list.size());
        if (i < 0) c.out.nil();
        else list.write(c.out, i);
    }

    static void lset(CommandContext c) {
        ListValue list = c.write(c.arg(1), ListValue.class);
        if (list == null) throw new CommandException(Errors.NO_SUCH_KEY);
        int i = index(c.args.longValue(2), list.size());
        if (i < 0) throw new CommandException(Errors.OUT_OF_RANGE);
        list.prepareToAdd(c.arg(3), fill(c));
        list.set(i, c.arg(3));
        list.shrunk(fill(c));
        c.changed(KeyspaceEvents.LIST, "lset", c.arg(1));
        c.out.simple("OK");
    }

    static void linsert(CommandContext c) {
        boolean after;
        if (c.args.is(2, "AFTER")) after = true;
        else if (c.args.is(2, "BEFORE")) after = false;
        else throw Errors.syntax();
        ListValue list = c.write(c.arg(1), ListValue.class);
        if (list == null) {
            c.out.integer(0);
            return;
        }
        byte[] pivot = c.arg(3);
        for (int i = 0, n = list.size(); i < n; i++) {
            if (list.equalsAt(i, pivot)) {
                list.prepareToAdd(c.arg(4), fill(c));
                list.insert(after ? i + 1 : i, c.arg(4));
                c.changed(KeyspaceEvents.LIST, "linsert", c.arg(1));
                c.out.integer(list.size());
                return;
            }
        }
        c.out.integer(-1);
    }

    static void lrange(CommandContext c) {
        long start = c.args.longValue(2);
        long stop = c.args.longValue(3);
        ListValue list = c.read(c.arg(1), ListValue.class);
        if (list == null) {
            c.out.array(0);
            return;
        }
        int size = list.size();
        if (start < 0) start += size;
        if (stop < 0) stop += size;
        if (start < 0) start = 0;
        if (start > stop || start >= size) {
            c.out.array(0);
            return;
        }
        if (stop >= size) stop = size - 1;
        c.out.array((int) (stop - start + 1));
        list.writeRange(c.out, (int) start, (int) stop);
    }

    static void ltrim(CommandContext c) {
        long start = c.args.longValue(2);
        long stop = c.args.longValue(3);
        byte[] key = c.arg(1);
        ListValue list = c.write(key, ListValue.class);
        if (list != null) {
            int size = list.size();
            if (start < 0) start += size;
            if (stop < 0) stop += size;
            if (start < 0) start = 0;
            // Redis notifies and signals LTRIM on an existing list even when nothing was trimmed.
            c.changed(KeyspaceEvents.LIST, "ltrim", key);
            if (start > stop || start >= size) {
                c.deleteEmptied(key);
            } else {
                list.retain((int) start, (int) Math.min(stop, size - 1));
                list.shrunk(fill(c));
            }
        }
        c.out.simple("OK");
    }

    static void lrem(CommandContext c) {
        long count = c.args.longValue(2);
        byte[] key = c.arg(1);
        ListValue list = c.write(key, ListValue.class);
        if (list == null) {
            c.out.integer(0);
            return;
        }
        long limit = count == Long.MIN_VALUE ? 0 : Math.abs(count);
        int removed = list.removeMatching(c.arg(3), limit, count < 0);
        if (removed > 0) {
            c.changed(KeyspaceEvents.LIST, "lrem", key);
            if (list.size() == 0) c.deleteEmptied(key);
            else list.shrunk(fill(c));
        }
        c.out.integer(removed);
    }

    static void lpos(CommandContext c) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < c.argc(); j++) {
            boolean more = j + 1 < c.argc();
            if (c.args.is(j, "RANK") && more) {
                rank = c.args.longValue(++j);
                if (rank == Long.MIN_VALUE) {
                    throw new CommandException("ERR value is out of range, value must between "
                            + -Long.MAX_VALUE + " and " + Long.MAX_VALUE);
                }
                if (rank == 0) {
                    throw new CommandException("ERR RANK can't be zero: use 1 to start from the first match, "
                            + "2 from the second ... or use negative to start from the end of the list");
                }
            } else if (c.args.is(j, "COUNT") && more) {
                count = nonNegative(c.arg(++j), "ERR COUNT can't be negative");
            } else if (c.args.is(j, "MAXLEN") && more) {
                maxlen = nonNegative(c.arg(++j), "ERR MAXLEN can't be negative");
            } else {
                throw Errors.syntax();
            }
        }
        ListValue list = c.read(c.arg(1), ListValue.class);
        if (list == null) {
            if (count != -1) c.out.array(0);
            else c.out.nil();
            return;
        }
        byte[] element = c.arg(2);
        boolean fromTail = rank < 0;
        long skip = Math.abs(rank) - 1;
        long wanted = count == -1 ? 1 : count == 0 ? Long.MAX_VALUE : count;
        int size = list.size();
        long[] found = new long[(int) Math.min(wanted, 16)];
        int n = 0;
        for (int k = 0; k < size && (maxlen == 0 || k < maxlen) && n < wanted; k++) {
            int i = fromTail ? size - 1 - k : k;
            if (!list.equalsAt(i, element)) continue;
            if (skip > 0) {
                skip--;
                continue;
            }
            if (n == found.length) found = Arrays.copyOf(found, n * 2);
            found[n++] = i;
        }
        if (count == -1) {
            if (n == 0) c.out.nil();
            else c.out.integer(found[0]);
            return;
        }
        c.out.array(n);
        for (int i = 0; i < n; i++) c.out.integer(found[i]);
    }

    private static long nonNegative(byte[] arg, String error) {
        if (!Numbers.isLong(arg)) throw new CommandException(error);
        long v = Numbers.parseLongUnchecked(arg, 0, arg.length);
        if (v < 0) throw new CommandException(error);
        return v;
    }

    /** RPOPLPUSH (from the tail to the head) and LMOVE. */
    static void move(CommandContext c, boolean fromHead, boolean toHead) {
        byte[] srcKey = c.arg(1);
        byte[] dstKey = c.arg(2);
        ListValue src = c.write(srcKey, ListValue.class);
        if (src == null) {
            c.out.nil();
            return;
        }
        boolean sameKey = Arrays.equals(srcKey, dstKey);
        ListValue dst = sameKey ? src : c.write(dstKey, ListValue.class);
        byte[] value = src.pop(fromHead);
        boolean create = dst == null;
        if (create) dst = new ListValue();
        dst.prepareToAdd(value, fill(c));
        dst.push(toHead, value);
        if (create) created(c, dstKey, dst);
        c.changed(KeyspaceEvents.LIST, toHead ? "lpush" : "rpush", dstKey);
        popped(c, srcKey, src, fromHead);
        c.out.bulk(value);
    }

    /**
     * [B]LMPOP's keys: {@code numkeys} (at {@code numkeysIndex}) of them right after it; -1 (the handler reports
     * why) if malformed.
     */
    static int mpopKeys(Args args, int numkeysIndex, int[] out) {
        if (numkeysIndex >= args.count()) return -1;
        byte[] a = args.bytes(numkeysIndex);
        if (!Numbers.isLong(a)) return -1;
        long numkeys = Numbers.parseLongUnchecked(a, 0, a.length);
        if (numkeys <= 0 || numkeys > args.count() - numkeysIndex - 2) return -1;
        for (int i = 0; i < numkeys; i++) out[i] = numkeysIndex + 1 + i;
        return (int) numkeys;
    }

    /** LMPOP (numkeys at 1) and BLMPOP (timeout at 1, numkeys at 2). */
    static void lmpop(CommandContext c, int numkeysIndex, boolean blocking) {
        byte[] a = c.arg(numkeysIndex);
        long numkeys = Numbers.isLong(a) ? Numbers.parseLongUnchecked(a, 0, a.length) : 0;
        if (numkeys <= 0) throw new CommandException("ERR numkeys should be greater than 0");
        if (numkeys > c.argc() - numkeysIndex - 2) throw Errors.syntax();
        int firstKey = numkeysIndex + 1;
        int whereIndex = firstKey + (int) numkeys;
        boolean head = side(c.args, whereIndex);
        long count = -1;
        for (int j = whereIndex + 1; j < c.argc(); j++) {
            if (c.args.is(j, "COUNT") && j + 1 < c.argc() && count == -1) {
                byte[] n = c.arg(++j);
                if (!Numbers.isLong(n) || (count = Numbers.parseLongUnchecked(n, 0, n.length)) <= 0) {
                    throw new CommandException("ERR count should be greater than 0");
                }
            } else {
                throw Errors.syntax();
            }
        }
        if (count == -1) count = 1;
        // As in Redis, BLMPOP reads its timeout only once the rest of the command parsed.
        long timeout = blocking ? Timeouts.millis(c.arg(1)) : 0;
        for (int k = 0; k < numkeys; k++) {
            byte[] key = c.arg(firstKey + k);
            ListValue list = c.write(key, ListValue.class);
            if (list == null) continue;
            int n = (int) Math.min(count, list.size());
            c.out.array(2);
            c.out.bulk(key);
            c.out.array(n);
            for (int i = 0; i < n; i++) c.out.bulk(list.pop(head));
            popped(c, key, list, head);
            return;
        }
        if (!blocking) {
            c.out.nilArray();
            return;
        }
        byte[][] keys = new byte[(int) numkeys][];
        for (int k = 0; k < numkeys; k++) keys[k] = c.arg(firstKey + k);
        c.block(keys, timeout, TimeoutReply.NIL_ARRAY);
    }
}
