package io.ferrite.core.type.sort;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.keyspace.RawString;
import io.ferrite.core.type.hash.HashValue;
import io.ferrite.core.type.list.ListCommands;
import io.ferrite.core.type.list.ListValue;
import io.ferrite.core.type.set.SetValue;
import io.ferrite.core.type.zset.ZSetValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static io.ferrite.core.command.AclCategory.DANGEROUS;
import static io.ferrite.core.command.AclCategory.LIST;
import static io.ferrite.core.command.AclCategory.SET;
import static io.ferrite.core.command.AclCategory.SORTEDSET;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * SORT and SORT_RO. BY and GET patterns name keys computed from the elements, which no key spec can announce:
 * when a pattern is present the key finder asks for every shard to be locked.
 */
public final class SortCommands {
    private SortCommands() {}

    static final String NOT_DOUBLE = "ERR One or more scores can't be converted into double";

    public static void register(CommandTable t) {
        t.add(spec("sort", -2).flags(WRITE, DENYOOM).acl(SET, SORTEDSET, LIST, DANGEROUS)
                .keys(1, 1, 1, (a, out) -> sortKeys(a, out, true)).group("generic")
                .summary("Sorts the elements in a list, a set, or a sorted set, optionally storing the result.")
                .handler(c -> sort(c, false)));
        t.add(spec("sort_ro", -2).flags(READONLY).acl(SET, SORTEDSET, LIST, DANGEROUS)
                .keys(1, 1, 1, (a, out) -> sortKeys(a, out, false)).group("generic").since("7.0.0")
                .summary("Returns the sorted elements of a list, a set, or a sorted set.")
                .handler(c -> sort(c, true)));
    }

    /** The sorted key and the STORE destination; -1 (lock everything) when a BY or GET pattern reaches other keys. */
    static int sortKeys(Args a, int[] out, boolean store) {
        int n = 0;
        out[n++] = 1;
        for (int i = 2; i < a.count(); i++) {
            boolean hasValue = i + 1 < a.count();
            if ((a.is(i, "BY") || a.is(i, "GET")) && hasValue) {
                byte[] p = a.bytes(++i);
                if (indexOf(p, (byte) '*', 0) >= 0) return -1;
            } else if (a.is(i, "LIMIT") && i + 2 < a.count()) {
                i += 2;
            } else if (store && a.is(i, "STORE") && hasValue) {
                out[n++] = ++i;
            }
        }
        return n;
    }

    private record Element(byte[] value, double score, byte[] by) {}

    /**
     * BY and GET patterns read keys no ACL check saw: only a user who may read every key can use them (GET too,
     * even {@code #}, as Redis decides before looking at the pattern).
     */
    private static void requireReadingAnyKey(CommandContext c, String option) {
        io.ferrite.core.acl.Permissions p = c.session.user().permissions();
        if (p.unrestricted() || p.readsAnyKey(c.spec)) return;
        throw new io.ferrite.core.command.CommandException("ERR " + option
                + " option of SORT denied due to insufficient ACL permissions.");
    }

    static void sort(CommandContext c, boolean readOnly) {
        Args a = c.args;
        boolean desc = false, alpha = false, dontSort = false;
        long offset = -1, count = -1;
        byte[] by = null;
        byte[] storeKey = null;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < c.argc(); j++) {
            int left = c.argc() - j - 1;
            if (a.is(j, "ASC")) desc = false;
            else if (a.is(j, "DESC")) desc = true;
            else if (a.is(j, "ALPHA")) alpha = true;
            else if (a.is(j, "LIMIT") && left >= 2) {
                offset = a.longValue(j + 1);
                count = a.longValue(j + 2);
                j += 2;
            } else if (!readOnly && a.is(j, "STORE") && left >= 1) {
                storeKey = a.bytes(++j);
            } else if (a.is(j, "BY") && left >= 1) {
                by = a.bytes(++j);
                // A pattern without '*' names no per-element key: no sorting at all (BY nosort).
                if (indexOf(by, (byte) '*', 0) < 0) dontSort = true;
                else requireReadingAnyKey(c, "BY");
            } else if (a.is(j, "GET") && left >= 1) {
                gets.add(a.bytes(++j));
                requireReadingAnyKey(c, "GET");
            } else {
                throw Errors.syntax();
            }
        }
        Object value = c.read(a.bytes(1));
        if (value != null && !(value instanceof ListValue) && !(value instanceof SetValue) && !(value instanceof ZSetValue)) {
            throw Errors.wrongType();
        }
        // A set has no order of its own: sort it when the result is stored, so that it is reproducible.
        if (dontSort && value instanceof SetValue && storeKey != null) {
            dontSort = false;
            alpha = true;
            by = null;
        }
        int size = value == null ? 0 : value instanceof ListValue l ? l.size()
                : value instanceof SetValue s ? s.size() : ((ZSetValue) value).size();
        long start = offset < 0 ? 0 : offset;
        long end = count < 0 ? size - 1 : start + count - 1;
        if (start >= size) {
            start = size - 1;
            end = size - 2;
        }
        if (end >= size) end = size - 1;

        List<byte[]> items = new ArrayList<>(size);
        boolean rangeLoaded = false;
        if (value instanceof ListValue l) {
            if (dontSort) {
                // Only the requested range, in list order or from the tail when descending.
                for (long i = start; i <= end; i++) items.add(l.get((int) (desc ? size - 1 - i : i)));
                rangeLoaded = true;
            } else {
                for (int i = 0; i < size; i++) items.add(l.get(i));
            }
        } else if (value instanceof SetValue s) {
            s.forEach(items::add);
        } else if (value instanceof ZSetValue z) {
            if (dontSort && size > 0) {
                // Only the requested ranks, walking down from the top when descending.
                if (end >= start) {
                    long from = desc ? size - 1 - start : start;
                    z.walk(from, desc, end - start + 1, (m, sc) -> items.add(m));
                }
                rangeLoaded = true;
            } else {
                z.forEach((m, sc) -> items.add(m));
            }
        }

        List<Element> vector = new ArrayList<>(items.size());
        boolean badScore = false;
        for (byte[] item : items) {
            double score = 0;
            byte[] cmp = null;
            if (!dontSort) {
                byte[] byValue = by == null ? item : lookup(c, by, item);
                if (byValue != null) {
                    if (alpha) {
                        if (by != null) cmp = byValue;
                    } else {
                        score = Numbers.parseDoubleOrNaN(byValue);
                        if (Double.isNaN(score)) badScore = true;
                    }
                }
            }
            vector.add(new Element(item, score, cmp));
        }
        if (badScore) throw new CommandException(NOT_DOUBLE);
        if (!dontSort) {
            Comparator<Element> order = comparator(alpha, by != null);
            vector.sort(desc ? order.reversed() : order);
        }
        if (rangeLoaded) {
            start = 0;
            end = vector.size() - 1;
        }
        int outCount = end >= start ? (int) (end - start + 1) : 0;
        if (storeKey == null) {
            c.out.array(gets.isEmpty() ? outCount : outCount * gets.size());
            for (int i = 0; i < outCount; i++) {
                byte[] e = vector.get((int) start + i).value;
                if (gets.isEmpty()) c.out.bulk(e);
                for (byte[] g : gets) {
                    byte[] v = lookup(c, g, e);
                    if (v == null) c.out.nil();
                    else c.out.bulk(v);
                }
            }
            return;
        }
        List<byte[]> stored = new ArrayList<>();
        for (int i = 0; i < outCount; i++) {
            byte[] e = vector.get((int) start + i).value;
            if (gets.isEmpty()) stored.add(e);
            for (byte[] g : gets) {
                byte[] v = lookup(c, g, e);
                stored.add(v == null ? new byte[0] : v);
            }
        }
        if (stored.isEmpty()) {
            if (c.db().delete(storeKey, c.now)) c.changed(KeyspaceEvents.GENERIC, "del", storeKey);
        } else {
            ListCommands.store(c, storeKey, stored);
            c.changed(KeyspaceEvents.LIST, "sortstore", storeKey);
        }
        c.out.integer(stored.size());
    }

    /**
     * Numeric order by score, ties broken by the element's bytes; ALPHA by the BY values (a missing one first) or by
     * the elements themselves. Bytes compare unsigned, as {@code strcoll} does in the C locale.
     */
    private static Comparator<Element> comparator(boolean alpha, boolean byPattern) {
        if (!alpha) {
            return (x, y) -> {
                int c = Double.compare(x.score, y.score);
                if (x.score == y.score) c = 0;
                return c != 0 ? c : Arrays.compareUnsigned(x.value, y.value);
            };
        }
        if (!byPattern) return (x, y) -> Arrays.compareUnsigned(x.value, y.value);
        return (x, y) -> {
            if (x.by == null || y.by == null) return x.by == y.by ? 0 : x.by == null ? -1 : 1;
            return Arrays.compareUnsigned(x.by, y.by);
        };
    }

    /**
     * Redis's {@code lookupKeyByPattern}: {@code #} is the element itself; otherwise the first {@code *} is replaced
     * by the element, and a {@code ->field} suffix reads that hash field instead of a string. Null when the pattern
     * has no {@code *}, the key is missing or of another type.
     */
    static byte[] lookup(CommandContext c, byte[] pattern, byte[] element) {
        if (pattern.length == 1 && pattern[0] == '#') return element;
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) return null;
        int arrow = -1;
        for (int i = star + 1; i + 1 < pattern.length; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        boolean field = arrow >= 0 && arrow + 2 < pattern.length;
        int keyEnd = field ? arrow : pattern.length;
        byte[] key = new byte[keyEnd - 1 + element.length];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, keyEnd - star - 1);
        Object v = c.read(key);
        if (v == null) return null;
        if (field) {
            if (!(v instanceof HashValue h)) return null;
            return h.get(Arrays.copyOfRange(pattern, arrow + 2, pattern.length));
        }
        if (v instanceof byte[] b) return b;
        if (v instanceof RawString r) return Arrays.copyOf(r.buffer(), r.length());
        return null;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == x) return i;
        return -1;
    }
}
