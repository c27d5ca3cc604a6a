package io.ferrite.core.type.stream;

import io.ferrite.core.blocking.TimeoutReply;
import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.server.ServerCommands;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.ReplySink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import static io.ferrite.core.command.AclCategory.STREAM;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * Stream commands outside consumer groups (Redis's {@code t_stream.c}): XADD, XLEN, XRANGE, XREVRANGE, XDEL,
 * XTRIM, XSETID, XINFO STREAM and XREAD. Arguments are parsed in Redis's order so that the first error reported
 * is Redis's; a stream emptied by XDEL or XTRIM stays in the keyspace, as in Redis. {@link StreamGroupCommands}
 * holds the consumer group commands.
 */
public final class StreamCommands {
    private StreamCommands() {}

    private static final String TOP_ITEM = "ERR The ID specified in XADD is equal or smaller than the target stream top item";

    public static void register(CommandTable t) {
        t.add(spec("xadd", -5).flags(WRITE, DENYOOM, FAST).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .tips("nondeterministic_output")
                .summary("Appends a new message to a stream. Creates the key if it doesn't exist.")
                .handler(StreamCommands::xadd));
        t.add(spec("xlen", 2).flags(READONLY, FAST).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Return the number of messages in a stream.").handler(StreamCommands::xlen));
        t.add(spec("xrange", -4).flags(READONLY).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Returns the messages from a stream within a range of IDs.")
                .handler(c -> range(c, false)));
        t.add(spec("xrevrange", -4).flags(READONLY).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Returns the messages from a stream within a range of IDs in reverse order.")
                .handler(c -> range(c, true)));
        t.add(spec("xdel", -3).flags(WRITE, FAST).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Returns the number of messages after removing them from a stream.")
                .handler(StreamCommands::xdel));
        t.add(spec("xtrim", -4).flags(WRITE).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .tips("nondeterministic_output")
                .summary("Deletes messages from the beginning of a stream.").handler(StreamCommands::xtrim));
        t.add(spec("xsetid", -3).flags(WRITE, DENYOOM, FAST).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("An internal command for replicating stream values.").handler(StreamCommands::xsetid));
        t.add(spec("xread", -4).flags(READONLY, BLOCKING).acl(STREAM).keys(0, 0, 0, StreamCommands::xreadKeys)
                .group("stream").since("5.0.0")
                .summary("Returns messages from multiple streams with IDs greater than the ones requested. Blocks until a message is available otherwise.")
                .handler(StreamCommands::xread));
        t.add(spec("xinfo", -2).group("stream").since("5.0.0").summary("A container for stream introspection commands.")
                .subcommand(spec("stream", -3).flags(READONLY).acl(STREAM).keys(2, 2, 1).group("stream").since("5.0.0")
                        .summary("Returns information about a stream.").handler(StreamCommands::xinfoStream))
                .subcommand(spec("groups", 3).flags(READONLY).acl(STREAM).keys(2, 2, 1).group("stream").since("5.0.0")
                        .summary("Returns a list of the consumer groups of a stream.").handler(StreamGroupCommands::xinfoGroups))
                .subcommand(spec("consumers", 4).flags(READONLY).acl(STREAM).keys(2, 2, 1).group("stream").since("5.0.0")
                        .tips("nondeterministic_output")
                        .summary("Returns a list of the consumers in a consumer group.").handler(StreamGroupCommands::xinfoConsumers))
                .subcommand(spec("help", 2).flags(LOADING, STALE).acl(STREAM).group("stream").since("5.0.0")
                        .summary("Returns helpful text about the different subcommands.")
                        .handler(c -> ServerCommands.help(c, List.of(HELP)))));
    }

    // ---- shared parsing ----

    /** XADD's and XTRIM's trimming options, as Redis's {@code streamParseAddOrTrimArgsOrReply} reads them. */
    private static final class Trim {
        boolean maxLen;
        boolean minIdGiven;
        long threshold;
        StreamId minId;
        boolean approx;
        long limit = -1;
        boolean noMkStream;
        StreamId.Requested id; // XADD's explicit id; null for '*'
        int idIndex;        // XADD: the index of the id argument

        boolean any() {
            return maxLen || minIdGiven;
        }
    }

    private static Trim parseTrim(CommandContext c, boolean xadd) {
        Trim t = new Trim();
        int argc = c.argc();
        int i = 2;
        for (; i < argc; i++) {
            int more = argc - 1 - i;
            byte[] opt = c.arg(i);
            if (xadd && opt.length == 1 && opt[0] == '*') {
                break;
            } else if (Args.equalsIgnoreCase(opt, "MAXLEN") && more > 0 || Args.equalsIgnoreCase(opt, "MINID") && more > 0) {
                boolean isMaxLen = Args.equalsIgnoreCase(opt, "MAXLEN");
                if (t.any()) {
                    throw new CommandException("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                }
                t.approx = false;
                byte[] next = c.arg(i + 1);
                if (more >= 2 && next.length == 1 && next[0] == '~') {
                    t.approx = true;
                    i++;
                } else if (more >= 2 && next.length == 1 && next[0] == '=') {
                    i++;
                }
                if (isMaxLen) {
                    t.threshold = c.args.longValue(i + 1);
                    if (t.threshold < 0) throw new CommandException("ERR The MAXLEN argument must be >= 0.");
                    t.maxLen = true;
                } else {
                    t.minId = StreamId.parse(c.arg(i + 1), 0, true);
                    t.minIdGiven = true;
                }
                i++;
            } else if (Args.equalsIgnoreCase(opt, "LIMIT") && more > 0) {
                t.limit = c.args.longValue(i + 1);
                if (t.limit < 0) throw new CommandException("ERR The LIMIT argument must be >= 0.");
                i++;
            } else if (xadd && Args.equalsIgnoreCase(opt, "NOMKSTREAM")) {
                t.noMkStream = true;
            } else if (xadd) {
                t.id = StreamId.parseForAdd(opt);
                break;
            } else {
                throw Errors.syntax();
            }
        }
        t.idIndex = i;
        if (t.limit >= 0 && !t.any()) {
            throw new CommandException("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && !t.any()) {
            throw new CommandException("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (t.limit >= 0 && !t.approx) {
            throw new CommandException("ERR syntax error, LIMIT cannot be used without the special ~ option");
        }
        if (t.approx && t.limit < 0) {
            // Redis bounds the work of an approximate trim without LIMIT to 100 nodes' worth of entries.
            long nodeMax = c.engine.config().streamNodeMaxEntries;
            long limit = nodeMax > Long.MAX_VALUE / 100 ? Long.MAX_VALUE : 100 * nodeMax;
            t.limit = limit <= 0 ? 10000 : Math.min(limit, 1_000_000);
        } else if (!t.approx) {
            t.limit = 0;
        }
        return t;
    }

    private static long trim(StreamValue s, Trim t) {
        return s.trim(t.threshold, t.maxLen ? null : t.minId, t.approx, t.limit);
    }

    private static StreamValue write(CommandContext c, byte[] key) {
        return c.write(key, StreamValue.class);
    }

    static void writeEntry(ReplySink out, StreamId id, byte[][] fields) {
        out.array(2);
        out.bulk(id.bytes());
        out.array(fields.length);
        for (byte[] f : fields) out.bulk(f);
    }

    /** At most {@code count} (0: all) of {@code entries}; walks no further than it replies (a range view's size is O(n)). */
    static void writeEntries(ReplySink out, NavigableMap<StreamId, byte[][]> entries, long count) {
        List<Map.Entry<StreamId, byte[][]>> taken = new ArrayList<>();
        for (Map.Entry<StreamId, byte[][]> e : entries.entrySet()) {
            if (count > 0 && taken.size() == count) break;
            taken.add(e);
        }
        out.array(taken.size());
        for (Map.Entry<StreamId, byte[][]> e : taken) writeEntry(out, e.getKey(), e.getValue());
    }

    // ---- commands ----

    static void xadd(CommandContext c) {
        Trim t = parseTrim(c, true);
        int fieldsAt = t.idIndex + 1;
        int pairs = c.argc() - fieldsAt;
        if (pairs < 2 || pairs % 2 == 1) throw new CommandException(Errors.arity("xadd"));
        if (t.id != null && t.id.seqGiven() && t.id.ms() == 0 && t.id.seq() == 0) {
            throw new CommandException("ERR The ID specified in XADD must be greater than 0-0");
        }
        byte[] key = c.arg(1);
        StreamValue s = write(c, key);
        if (s == null && t.noMkStream) {
            c.out.nil();
            return;
        }
        StreamId last = s == null ? StreamId.MIN : s.lastId;
        if (last.equals(StreamId.MAX)) {
            throw new CommandException("ERR The stream has exhausted the last possible ID, unable to add more items");
        }
        StreamId id = nextId(t.id, last, c.now);
        byte[][] fields = new byte[pairs][];
        for (int i = 0; i < pairs; i++) fields[i] = c.arg(fieldsAt + i);
        boolean created = s == null;
        if (created) s = new StreamValue();
        s.append(id, fields, c.engine.config().streamNodeMaxEntries, c.engine.config().streamNodeMaxBytes);
        if (created) c.db().set(key, s, c.now);
        c.changed(KeyspaceEvents.STREAM, "xadd", key);
        c.signalReady(key);
        if (t.any() && trim(s, t) > 0) c.keyEvent(KeyspaceEvents.STREAM, "xtrim", key);
        c.out.bulk(id.bytes());
    }

    /** The id XADD gives the new entry: explicit, {@code ms-*}, or from the clock; top-item rule enforced. */
    private static StreamId nextId(StreamId.Requested given, StreamId last, long now) {
        StreamId id;
        if (given == null) {
            id = Long.compareUnsigned(now, last.ms()) > 0 ? new StreamId(now, 0) : last.next();
        } else if (!given.seqGiven()) {
            if (given.ms() == last.ms()) {
                if (last.seq() == -1L) throw new CommandException(TOP_ITEM);
                id = new StreamId(last.ms(), last.seq() + 1);
            } else {
                id = new StreamId(given.ms(), 0);
            }
        } else {
            id = new StreamId(given.ms(), given.seq());
        }
        if (id.compareTo(last) <= 0) throw new CommandException(TOP_ITEM);
        return id;
    }

    static void xlen(CommandContext c) {
        StreamValue s = c.read(c.arg(1), StreamValue.class);
        c.out.integer(s == null ? 0 : s.length());
    }

    /** XRANGE key start end [COUNT n] and XREVRANGE key end start [COUNT n]. */
    static void range(CommandContext c, boolean reverse) {
        StreamId start = intervalId(c.arg(reverse ? 3 : 2), true);
        StreamId end = intervalId(c.arg(reverse ? 2 : 3), false);
        long count = -1;
        for (int j = 4; j < c.argc(); j++) {
            if (c.args.is(j, "COUNT") && j + 1 < c.argc()) {
                count = Math.max(0, c.args.longValue(++j));
            } else {
                throw Errors.syntax();
            }
        }
        StreamValue s = c.read(c.arg(1), StreamValue.class);
        if (s == null) {
            c.out.array(0);
            return;
        }
        if (count == 0) {
            c.out.nilArray();
            return;
        }
        writeEntries(c.out, s.range(start, end, reverse), count);
    }

    /**
     * A range bound: {@code -}, {@code +}, an id (a missing sequence is 0 for a start, the maximum for an end) or
     * an exclusive {@code (id}.
     */
    static StreamId intervalId(byte[] arg, boolean isStart) {
        if (arg.length > 1 && arg[0] == '(') {
            byte[] rest = java.util.Arrays.copyOfRange(arg, 1, arg.length);
            StreamId id = StreamId.parse(rest, isStart ? 0 : -1L, true);
            StreamId moved = isStart ? id.next() : id.previous();
            if (moved == null) {
                throw new CommandException(isStart ? "ERR invalid start ID for the interval" : "ERR invalid end ID for the interval");
            }
            return moved;
        }
        return StreamId.parse(arg, isStart ? 0 : -1L, false);
    }

    /** The ids from argument {@code from} on, every one checked before the caller acts on any (XDEL, XACK). */
    static StreamId[] ids(CommandContext c, int from) {
        StreamId[] ids = new StreamId[c.argc() - from];
        for (int j = from; j < c.argc(); j++) ids[j - from] = StreamId.parse(c.arg(j), 0, true);
        return ids;
    }

    static void xdel(CommandContext c) {
        byte[] key = c.arg(1);
        StreamValue s = write(c, key);
        if (s == null) {
            c.out.integer(0);
            return;
        }
        StreamId[] ids = ids(c, 2);
        long deleted = 0;
        for (StreamId id : ids) if (s.delete(id)) deleted++;
        if (deleted > 0) c.changed(KeyspaceEvents.STREAM, "xdel", key);
        c.out.integer(deleted);
    }

    static void xtrim(CommandContext c) {
        Trim t = parseTrim(c, false);
        byte[] key = c.arg(1);
        StreamValue s = write(c, key);
        if (s == null) {
            c.out.integer(0);
            return;
        }
        long deleted = trim(s, t);
        if (deleted > 0) c.changed(KeyspaceEvents.STREAM, "xtrim", key);
        c.out.integer(deleted);
    }

    static void xsetid(CommandContext c) {
        StreamId id = StreamId.parse(c.arg(2), 0, true);
        long entriesAdded = -1;
        StreamId maxDeleted = StreamId.MIN;
        for (int i = 3; i < c.argc(); i += 2) {
            boolean more = i + 1 < c.argc();
            if (c.args.is(i, "ENTRIESADDED") && more) {
                entriesAdded = c.args.longValue(i + 1);
                if (entriesAdded < 0) throw new CommandException("ERR entries_added must be positive");
            } else if (c.args.is(i, "MAXDELETEDID") && more) {
                maxDeleted = StreamId.parse(c.arg(i + 1), 0, true);
                if (id.compareTo(maxDeleted) < 0) {
                    throw new CommandException("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw Errors.syntax();
            }
        }
        byte[] key = c.arg(1);
        StreamValue s = write(c, key);
        if (s == null) throw new CommandException(Errors.NO_SUCH_KEY);
        if (s.length() > 0) {
            if (id.compareTo(s.lastLiveId()) < 0) {
                throw new CommandException("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && s.length() > entriesAdded) {
                throw new CommandException("ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        s.lastId = id;
        if (entriesAdded != -1) s.entriesAdded = entriesAdded;
        if (!maxDeleted.isZero()) s.maxDeletedId = maxDeleted;
        // Redis 7.0 notifies XSETID but does not signal it to WATCH.
        c.keyEvent(KeyspaceEvents.STREAM, "xsetid", key);
        c.out.simple("OK");
    }

    // ---- XREAD ----

    /** The index of XREAD's STREAMS keyword past its options, or -1 if the options are malformed. */
    private static int streamsKeyword(Args args) {
        for (int i = 1; i < args.count(); i++) {
            if (args.is(i, "BLOCK") || args.is(i, "COUNT")) i++;
            else if (args.is(i, "GROUP")) i += 2;
            else if (args.is(i, "NOACK")) continue;
            else if (args.is(i, "STREAMS")) return i;
            else return -1;
        }
        return -1;
    }

    static int xreadKeys(Args args, int[] out) {
        int at = streamsKeyword(args);
        if (at < 0) return -1;
        int n = args.count() - at - 1;
        if (n == 0 || n % 2 != 0) return -1;
        for (int i = 0; i < n / 2; i++) out[i] = at + 1 + i;
        return n / 2;
    }

    /** XREAD's and XREADGROUP's options, parsed by one loop as Redis's {@code xreadCommand} does for both. */
    record ReadOptions(long timeout, long count, boolean noAck, byte[] group, byte[] consumer, int streamsAt) {
        static ReadOptions parse(CommandContext c, boolean xreadgroup) {
            long timeout = -1;
            long count = 0;
            boolean noAck = false;
            byte[] group = null;
            byte[] consumer = null;
            int argc = c.argc();
            for (int i = 1; i < argc; i++) {
                boolean more = i + 1 < argc;
                if (c.args.is(i, "BLOCK") && more) {
                    if (c.fromScript()) {
                        throw new CommandException("ERR " + c.args.string(0) + " command is not allowed with BLOCK option from scripts");
                    }
                    timeout = c.args.longValue(++i, "ERR timeout is not an integer or out of range");
                    if (timeout < 0) throw new CommandException("ERR timeout is negative");
                } else if (c.args.is(i, "COUNT") && more) {
                    count = Math.max(0, c.args.longValue(++i));
                } else if (c.args.is(i, "STREAMS") && more) {
                    if ((argc - i - 1) % 2 != 0) {
                        // Redis 7.0 words it so for XREADGROUP too.
                        throw new CommandException("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
                    }
                    return new ReadOptions(timeout, count, noAck, group, consumer, i + 1);
                } else if (c.args.is(i, "GROUP") && i + 2 < argc) {
                    if (!xreadgroup) {
                        throw new CommandException("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                    }
                    group = c.arg(i + 1);
                    consumer = c.arg(i + 2);
                    i += 2;
                } else if (c.args.is(i, "NOACK")) {
                    if (!xreadgroup) {
                        throw new CommandException("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                    }
                    noAck = true;
                } else {
                    throw Errors.syntax();
                }
            }
            throw Errors.syntax();
        }
    }

    static void xread(CommandContext c) {
        ReadOptions o = ReadOptions.parse(c, false);
        long timeout = o.timeout();
        long count = o.count();
        int streamsAt = o.streamsAt();
        int argc = c.argc();
        int n = (argc - streamsAt) / 2;
        StreamId[] after = new StreamId[n];
        StreamValue[] streams = new StreamValue[n];
        boolean dollar = false;
        // Served after a write, a parked reader looks at the written key only (its '$' were resolved when it parked).
        byte[] servedKey = c.servedKey();
        for (int k = 0; k < n; k++) {
            byte[] id = c.arg(streamsAt + n + k);
            if (servedKey == null || id.length == 1 && id[0] == '$') streams[k] = c.read(c.arg(streamsAt + k), StreamValue.class);
            if (id.length == 1 && id[0] == '$') {
                after[k] = streams[k] == null ? StreamId.MIN : streams[k].lastId;
                dollar = true;
            } else if (id.length == 1 && id[0] == '>') {
                throw new CommandException("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.");
            } else {
                after[k] = StreamId.parse(id, 0, true);
            }
        }
        if (servedKey != null) {
            serveParked(c, servedKey, streamsAt, n, after, count);
            return;
        }
        // Redis looks every key up a second time to serve it (statistics and keymiss events count both).
        for (int k = 0; k < n; k++) streams[k] = c.read(c.arg(streamsAt + k), StreamValue.class);
        int served = 0;
        for (int k = 0; k < n; k++) {
            if (streams[k] != null && streams[k].length() > 0 && streams[k].lastLiveId().compareTo(after[k]) > 0) served++;
        }
        if (served > 0) {
            // RESP3: a map of key to entries; RESP2: an array of [key, entries] pairs.
            boolean pairs = c.out.protocol() == 2;
            if (pairs) c.out.array(served);
            else c.out.map(served);
            for (int k = 0; k < n; k++) {
                StreamValue s = streams[k];
                if (s == null || s.length() == 0 || s.lastLiveId().compareTo(after[k]) <= 0) continue;
                if (pairs) c.out.array(2);
                c.out.bulk(c.arg(streamsAt + k));
                writeEntries(c.out, s.range(after[k].next(), StreamId.MAX, false), count);
            }
            return;
        }
        if (timeout == -1) {
            c.out.nilArray();
            return;
        }
        byte[][] keys = new byte[n][];
        for (int k = 0; k < n; k++) keys[k] = c.arg(streamsAt + k);
        byte[][] rerun = null;
        if (dollar) {
            // Served later, '$' must still mean the last id of now.
            rerun = new byte[argc][];
            for (int i = 0; i < argc; i++) rerun[i] = c.arg(i);
            for (int k = 0; k < n; k++) rerun[streamsAt + n + k] = after[k].bytes();
        }
        c.block(keys, timeout, TimeoutReply.NIL_ARRAY, rerun);
    }

    /**
     * A parked XREAD run again after a write to {@code key}: as Redis serves it, with that stream alone, from after
     * the id it waits for, once the key was signalled ready (XADD, a group destroyed, the key stored anew) and the
     * stream's last generated id passed that id, even if those entries were deleted since: after XSETID alone it
     * keeps waiting, after XSETID and then an XGROUP DESTROY it answers the stream with no entries.
     */
    private static void serveParked(CommandContext c, byte[] key, int streamsAt, int n, StreamId[] after, long count) {
        int k = 0;
        while (k < n && !java.util.Arrays.equals(c.arg(streamsAt + k), key)) k++;
        StreamValue s = k == n ? null : c.read(key, StreamValue.class);
        if (s == null || !c.servedKeySignalled() || s.lastId.compareTo(after[k]) <= 0) {
            c.block(new byte[][] {key}, 0, TimeoutReply.NIL_ARRAY);
            return;
        }
        if (c.out.protocol() == 2) {
            c.out.array(1);
            c.out.array(2);
        } else {
            c.out.map(1);
        }
        c.out.bulk(key);
        writeEntries(c.out, s.range(after[k].next(), StreamId.MAX, false), count);
    }

    // ---- XINFO ----

    static void xinfoStream(CommandContext c) {
        StreamValue s = c.read(c.arg(2), StreamValue.class);
        if (s == null) throw new CommandException(Errors.NO_SUCH_KEY);
        int extra = c.argc() - 3;
        if (extra == 0) {
            c.out.map(10);
            counters(c.out, s);
            c.out.bulk("groups");
            c.out.integer(s.groupCount());
            c.out.bulk("first-entry");
            edge(c.out, s.first());
            c.out.bulk("last-entry");
            edge(c.out, s.last());
            return;
        }
        long count = 10;
        boolean full = c.args.is(3, "FULL") && (extra == 1 || extra == 3 && c.args.is(4, "COUNT"));
        if (!full) {
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for '" + c.args.string(1)
                    + "'. Try XINFO HELP.");
        }
        if (extra == 3) {
            count = c.args.longValue(5);
            if (count < 0) count = 10;
        }
        c.out.map(9);
        counters(c.out, s);
        c.out.bulk("entries");
        writeEntries(c.out, s.range(StreamId.MIN, StreamId.MAX, false), count);
        c.out.bulk("groups");
        StreamGroupCommands.fullGroups(c.out, s, count);
    }

    private static void counters(ReplySink out, StreamValue s) {
        out.bulk("length");
        out.integer(s.length());
        out.bulk("radix-tree-keys");
        out.integer(s.radixTreeKeys());
        out.bulk("radix-tree-nodes");
        out.integer(s.radixTreeNodes());
        out.bulk("last-generated-id");
        out.bulk(s.lastId.bytes());
        out.bulk("max-deleted-entry-id");
        out.bulk(s.maxDeletedId.bytes());
        out.bulk("entries-added");
        out.integer(s.entriesAdded);
        out.bulk("recorded-first-entry-id");
        out.bulk(s.firstId().bytes());
    }

    private static void edge(ReplySink out, Map.Entry<StreamId, byte[][]> e) {
        if (e == null) out.nil();
        else writeEntry(out, e.getKey(), e.getValue());
    }

    private static final String[] HELP = {
        "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream.",
        "HELP",
        "    Prints this help.",
    };

}
