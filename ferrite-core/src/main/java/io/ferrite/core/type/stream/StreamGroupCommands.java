package io.ferrite.core.type.stream;

import io.ferrite.core.blocking.TimeoutReply;
import io.ferrite.core.ReplySink;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.server.ServerCommands;
import io.ferrite.core.command.Errors;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.type.stream.ConsumerGroup.Consumer;
import io.ferrite.core.type.stream.ConsumerGroup.Pending;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.ferrite.core.command.AclCategory.STREAM;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * Stream consumer group commands (Redis's {@code t_stream.c}): XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM,
 * XAUTOCLAIM, XINFO GROUPS and XINFO CONSUMERS. Idle and delivery times are measured with the command's
 * {@code now}. None of them signals WATCH (Redis does not) but XGROUP CREATE ... MKSTREAM creating the key.
 */
public final class StreamGroupCommands {
    private StreamGroupCommands() {}

    private static final String KEY_REQUIRED = "ERR The XGROUP subcommand requires the key to exist. Note that for "
            + "CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";

    public static void register(CommandTable t) {
        t.add(spec("xgroup", -2).group("stream").since("5.0.0").summary("A container for consumer groups commands.")
                .subcommand(spec("create", -5).flags(WRITE, DENYOOM).acl(STREAM).keys(2, 2, 1).group("stream").since("5.0.0")
                        .summary("Creates a consumer group.").handler(StreamGroupCommands::xgroupCreate))
                .subcommand(spec("setid", -5).flags(WRITE).acl(STREAM).keys(2, 2, 1).group("stream").since("5.0.0")
                        .summary("Sets the last-delivered ID of a consumer group.")
                        .handler(StreamGroupCommands::xgroupSetId))
                .subcommand(spec("destroy", 4).flags(WRITE).acl(STREAM).keys(2, 2, 1).group("stream").since("5.0.0")
                        .summary("Destroys a consumer group.").handler(StreamGroupCommands::xgroupDestroy))
                .subcommand(spec("createconsumer", 5).flags(WRITE, DENYOOM).acl(STREAM).keys(2, 2, 1).group("stream")
                        .since("6.2.0").summary("Creates a consumer in a consumer group.")
                        .handler(StreamGroupCommands::xgroupCreateConsumer))
                .subcommand(spec("delconsumer", 5).flags(WRITE).acl(STREAM).keys(2, 2, 1).group("stream").since("5.0.0")
                        .summary("Deletes a consumer from a consumer group.")
                        .handler(StreamGroupCommands::xgroupDelConsumer))
                .subcommand(spec("help", 2).flags(LOADING, STALE).acl(STREAM).group("stream").since("5.0.0")
                        .summary("Returns helpful text about the different subcommands.")
                        .handler(c -> ServerCommands.help(c, List.of(XGROUP_HELP)))));
        t.add(spec("xreadgroup", -7).flags(WRITE, BLOCKING).acl(STREAM).keys(0, 0, 0, StreamCommands::xreadKeys)
                .group("stream").since("5.0.0")
                .summary("Returns new or historical messages from a stream for a consumer in a group. Blocks until a message is available otherwise.")
                .handler(StreamGroupCommands::xreadgroup));
        t.add(spec("xack", -4).flags(WRITE, FAST).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Returns the number of messages that were successfully acknowledged by the consumer group member of a stream.")
                .handler(StreamGroupCommands::xack));
        t.add(spec("xpending", -3).flags(READONLY).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .tips("nondeterministic_output")
                .summary("Returns the information and entries from a stream consumer group's pending entries list.")
                .handler(StreamGroupCommands::xpending));
        t.add(spec("xclaim", -6).flags(WRITE, FAST).acl(STREAM).keys(1, 1, 1).group("stream").since("5.0.0")
                .tips("nondeterministic_output")
                .summary("Changes, or acquires, ownership of a message in a consumer group, as if the message was delivered a consumer group member.")
                .handler(StreamGroupCommands::xclaim));
        t.add(spec("xautoclaim", -6).flags(WRITE, FAST).acl(STREAM).keys(1, 1, 1).group("stream").since("6.2.0")
                .tips("nondeterministic_output")
                .summary("Changes, or acquires, ownership of messages in a consumer group, as if the messages were delivered to as consumer group member.")
                .handler(StreamGroupCommands::xautoclaim));
    }

    // ---- shared ----

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static CommandException subcommandSyntax(CommandContext c) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '" + c.args.string(1)
                + "'. Try " + c.args.string(0).toUpperCase(Locale.ROOT) + " HELP.");
    }

    private static CommandException noGroup(byte[] key, byte[] group) {
        return new CommandException("NOGROUP No such key '" + text(key) + "' or consumer group '" + text(group) + "'");
    }

    /** ENTRIESREAD's value: a count, or -1 for "unknown". */
    private static long entriesRead(CommandContext c, int i) {
        long n = c.args.longValue(i);
        if (n < 0 && n != ConsumerGroup.UNKNOWN_ENTRIES_READ) {
            throw new CommandException("ERR value for ENTRIESREAD must be positive or -1");
        }
        return n;
    }

    private static boolean isDollar(byte[] b) {
        return b.length == 1 && b[0] == '$';
    }

    /** The group's consumer {@code name}, created (and notified) if missing, marked seen now. */
    private static Consumer seen(CommandContext c, ConsumerGroup g, byte[] name, byte[] key) {
        Consumer consumer = g.consumer(name);
        if (consumer == null) {
            consumer = g.createConsumer(name, c.now);
            c.keyEvent(KeyspaceEvents.STREAM, "xgroup-createconsumer", key);
        }
        consumer.seenTime = c.now;
        return consumer;
    }

    // ---- XGROUP ----

    /** The stream of an XGROUP subcommand: WRONGTYPE, or Redis's error when it is missing and must exist. */
    private static StreamValue groupStream(CommandContext c, boolean mayBeMissing) {
        StreamValue s = c.write(c.arg(2), StreamValue.class);
        if (s == null && !mayBeMissing) throw new CommandException(KEY_REQUIRED);
        return s;
    }

    private static ConsumerGroup existingGroup(CommandContext c, StreamValue s) {
        ConsumerGroup g = s.group(c.arg(3));
        if (g == null) {
            throw new CommandException("NOGROUP No such consumer group '" + c.args.string(3) + "' for key name '"
                    + c.args.string(2) + "'");
        }
        return g;
    }

    static void xgroupCreate(CommandContext c) {
        boolean mkStream = false;
        long entriesRead = ConsumerGroup.UNKNOWN_ENTRIES_READ;
        for (int i = 5; i < c.argc(); ) {
            if (c.args.is(i, "MKSTREAM")) {
                mkStream = true;
                i++;
            } else if (c.args.is(i, "ENTRIESREAD") && i + 1 < c.argc()) {
                entriesRead = entriesRead(c, i + 1);
                i += 2;
            } else {
                throw subcommandSyntax(c);
            }
        }
        byte[] key = c.arg(2);
        StreamValue s = groupStream(c, mkStream);
        if (c.argc() > 8) throw subcommandSyntax(c);
        StreamId id;
        if (isDollar(c.arg(4))) id = s == null ? StreamId.MIN : s.lastId;
        else id = StreamId.parse(c.arg(4), 0, true);
        if (s != null && s.group(c.arg(3)) != null) throw new CommandException("BUSYGROUP Consumer Group name already exists");
        if (s == null) {
            s = new StreamValue();
            c.db().set(key, s, c.now);
            c.modified(key);
        }
        s.createGroup(c.arg(3), id, entriesRead);
        c.keyEvent(KeyspaceEvents.STREAM, "xgroup-create", key);
        c.out.simple("OK");
    }

    static void xgroupSetId(CommandContext c) {
        long entriesRead = ConsumerGroup.UNKNOWN_ENTRIES_READ;
        if (c.argc() == 7) {
            if (!c.args.is(5, "ENTRIESREAD")) throw subcommandSyntax(c);
            entriesRead = entriesRead(c, 6);
        } else if (c.argc() != 5) {
            throw subcommandSyntax(c);
        }
        StreamValue s = groupStream(c, false);
        ConsumerGroup g = existingGroup(c, s);
        StreamId id = isDollar(c.arg(4)) ? s.lastId : StreamId.parse(c.arg(4), 0, false);
        g.lastId = id;
        g.entriesRead = entriesRead;
        c.keyEvent(KeyspaceEvents.STREAM, "xgroup-setid", c.arg(2));
        c.out.simple("OK");
    }

    static void xgroupDestroy(CommandContext c) {
        StreamValue s = groupStream(c, false);
        if (!s.destroyGroup(c.arg(3))) {
            c.out.integer(0);
            return;
        }
        // Signalled, the key's parked stream readers are served: the group's XREADGROUPs answer NOGROUP.
        c.signalReady(c.arg(2));
        c.keyEvent(KeyspaceEvents.STREAM, "xgroup-destroy", c.arg(2));
        c.out.integer(1);
    }

    static void xgroupCreateConsumer(CommandContext c) {
        StreamValue s = groupStream(c, false);
        ConsumerGroup g = existingGroup(c, s);
        if (g.createConsumer(c.arg(4), c.now) == null) {
            c.out.integer(0);
            return;
        }
        c.keyEvent(KeyspaceEvents.STREAM, "xgroup-createconsumer", c.arg(2));
        c.out.integer(1);
    }

    static void xgroupDelConsumer(CommandContext c) {
        StreamValue s = groupStream(c, false);
        ConsumerGroup g = existingGroup(c, s);
        Consumer consumer = g.consumer(c.arg(4));
        if (consumer == null) {
            c.out.integer(0);
            return;
        }
        long pending = g.deleteConsumer(consumer);
        c.keyEvent(KeyspaceEvents.STREAM, "xgroup-delconsumer", c.arg(2));
        c.out.integer(pending);
    }

    private static final String[] XGROUP_HELP = {
        "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CREATE <key> <groupname> <id|$> [option]",
        "    Create a new consumer group. Options are:",
        "    * MKSTREAM",
        "      Create the empty stream if it does not exist.",
        "    * ENTRIESREAD entries_read",
        "      Set the group's entries_read counter (internal use).",
        "CREATECONSUMER <key> <groupname> <consumer>",
        "    Create a new consumer in the specified group.",
        "DELCONSUMER <key> <groupname> <consumer>",
        "    Remove the specified consumer.",
        "DESTROY <key> <groupname>",
        "    Remove the specified group.",
        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
        "    Set the current group ID and entries_read counter.",
        "HELP",
        "    Prints this help.",
    };


    // ---- XREADGROUP ----

    /** What one stream of an XREADGROUP answers: its entries, or for a history read ids possibly without fields. */
    private record Served(byte[] key, List<StreamId> ids, List<byte[][]> fields) {}

    static void xreadgroup(CommandContext c) {
        StreamCommands.ReadOptions o = StreamCommands.ReadOptions.parse(c, true);
        long timeout = o.timeout();
        long count = o.count();
        boolean noAck = o.noAck();
        byte[] groupName = o.group();
        byte[] consumerName = o.consumer();
        int streamsAt = o.streamsAt();
        int argc = c.argc();
        if (groupName == null) throw new CommandException("ERR Missing GROUP option for XREADGROUP");
        int n = (argc - streamsAt) / 2;
        byte[] servedKey = c.servedKey();
        if (servedKey != null) {
            serveParked(c, servedKey, streamsAt, n, groupName, consumerName, count, noAck);
            return;
        }
        // Per stream, in order: the key's type, its group, then its id; '>' is held as the maximum id, as in Redis.
        ConsumerGroup[] groups = new ConsumerGroup[n];
        StreamId[] after = new StreamId[n];
        for (int k = 0; k < n; k++) {
            byte[] key = c.arg(streamsAt + k);
            StreamValue s = c.read(key, StreamValue.class);
            groups[k] = s == null ? null : s.group(groupName);
            if (groups[k] == null) {
                throw new CommandException("NOGROUP No such key '" + text(key) + "' or consumer group '" + text(groupName)
                        + "' in XREADGROUP with GROUP option");
            }
            byte[] id = c.arg(streamsAt + n + k);
            if (isDollar(id)) {
                throw new CommandException("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read "
                        + "the history of this consumer by specifying a proper ID, or use the > ID to get new messages. "
                        + "The $ ID would just return an empty result set.");
            }
            after[k] = id.length == 1 && id[0] == '>' ? StreamId.MAX : StreamId.parse(id, 0, true);
        }
        List<Served> served = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            byte[] key = c.arg(streamsAt + k);
            StreamValue s = c.read(key, StreamValue.class);
            ConsumerGroup g = groups[k];
            // The consumer is created (and seen) only where the stream is served at once, as Redis does.
            if (!after[k].equals(StreamId.MAX)) {
                served.add(history(c, key, s, seen(c, g, consumerName, key), after[k], count));
            } else if (s.length() > 0 && s.lastLiveId().compareTo(g.lastId) > 0) {
                served.add(deliverNew(c, key, s, g, seen(c, g, consumerName, key), count, noAck));
            }
        }
        if (!served.isEmpty()) {
            reply(c.out, served);
            return;
        }
        if (timeout == -1) {
            c.out.nilArray();
            return;
        }
        byte[][] keys = new byte[n][];
        for (int k = 0; k < n; k++) keys[k] = c.arg(streamsAt + k);
        c.block(keys, timeout, TimeoutReply.NIL_ARRAY);
    }

    /**
     * A parked XREADGROUP run again after a write to {@code key}: as Redis 7.0 serves it, an error if the key or the
     * group is gone; once the key was signalled ready (XADD, a group destroyed, the key stored anew), the entries past
     * the group's last id if the stream's last generated id passed it, else it keeps waiting. XSETID and XGROUP SETID
     * alone signal nothing: after XGROUP SETID back, the next XADD delivers the older entries along with the new one.
     */
    private static void serveParked(CommandContext c, byte[] key, int streamsAt, int n, byte[] groupName,
                                    byte[] consumerName, long count, boolean noAck) {
        Object value = c.read(key);
        if (!(value instanceof StreamValue s)) {
            throw new CommandException("UNBLOCKED the stream key no longer exists");
        }
        ConsumerGroup g = s.group(groupName);
        if (g == null) {
            throw new CommandException("NOGROUP the consumer group this client was blocked on no longer exists");
        }
        if (!c.servedKeySignalled() || s.lastId.compareTo(g.lastId) <= 0) {
            c.block(new byte[][] {key}, 0, TimeoutReply.NIL_ARRAY);
            return;
        }
        Consumer consumer = seen(c, g, consumerName, key);
        reply(c.out, List.of(deliverNew(c, key, s, g, consumer, count, noAck)));
    }

    /** Entries past the group's last id, moving the group past them and (unless NOACK) into the PELs. */
    private static Served deliverNew(CommandContext c, byte[] key, StreamValue s, ConsumerGroup g, Consumer consumer,
                                     long count, boolean noAck) {
        List<StreamId> ids = new ArrayList<>();
        List<byte[][]> fields = new ArrayList<>();
        for (Map.Entry<StreamId, byte[][]> e : s.range(g.lastId.next(), StreamId.MAX, false).entrySet()) {
            if (count > 0 && ids.size() == count) break;
            ids.add(e.getKey());
            fields.add(e.getValue());
        }
        for (StreamId id : ids) {
            s.advance(g, id);
            if (!noAck) g.deliver(id, consumer, c.now);
        }
        if (!ids.isEmpty()) consumer.activeTime = c.now;
        return new Served(key, ids, fields);
    }

    /**
     * The consumer's own pending entries past {@code after}: each counts as delivered again; one deleted from the
     * stream since is answered with null fields.
     */
    private static Served history(CommandContext c, byte[] key, StreamValue s, Consumer consumer, StreamId after, long count) {
        List<StreamId> ids = new ArrayList<>();
        List<byte[][]> fields = new ArrayList<>();
        StreamId from = after.next();
        if (from != null) {
            for (Map.Entry<StreamId, Pending> e : consumer.pel.tailMap(from, true).entrySet()) {
                if (count > 0 && ids.size() == count) break;
                byte[][] f = s.entry(e.getKey());
                ids.add(e.getKey());
                fields.add(f);
                if (f != null) {
                    e.getValue().deliveryTime = c.now;
                    e.getValue().deliveryCount++;
                }
            }
        }
        return new Served(key, ids, fields);
    }

    /** RESP3: a map of key to entries; RESP2: an array of [key, entries] pairs. */
    private static void reply(ReplySink out, List<Served> served) {
        boolean pairs = out.protocol() == 2;
        if (pairs) out.array(served.size());
        else out.map(served.size());
        for (Served sv : served) {
            if (pairs) out.array(2);
            out.bulk(sv.key);
            out.array(sv.ids.size());
            for (int i = 0; i < sv.ids.size(); i++) {
                byte[][] f = sv.fields.get(i);
                if (f != null) {
                    StreamCommands.writeEntry(out, sv.ids.get(i), f);
                } else {
                    out.array(2);
                    out.bulk(sv.ids.get(i).bytes());
                    out.nilArray();
                }
            }
        }
    }

    // ---- XACK ----

    static void xack(CommandContext c) {
        StreamValue s = c.read(c.arg(1), StreamValue.class);
        ConsumerGroup g = s == null ? null : s.group(c.arg(2));
        if (g == null) {
            c.out.integer(0);
            return;
        }
        StreamId[] ids = StreamCommands.ids(c, 3);
        long acknowledged = 0;
        for (StreamId id : ids) if (g.acknowledge(id)) acknowledged++;
        c.out.integer(acknowledged);
    }

    // ---- XPENDING ----

    static void xpending(CommandContext c) {
        int argc = c.argc();
        if (argc != 3 && (argc < 6 || argc > 9)) throw Errors.syntax();
        long minIdle = 0;
        long count = 0;
        StreamId start = null;
        StreamId end = null;
        byte[] consumerName = null;
        if (argc >= 6) {
            int at = 3;
            if (c.args.is(3, "IDLE")) {
                minIdle = c.args.longValue(4);
                if (argc < 8) throw Errors.syntax();
                at += 2;
            }
            count = Math.max(0, c.args.longValue(at + 2));
            start = StreamCommands.intervalId(c.arg(at), true);
            end = StreamCommands.intervalId(c.arg(at + 1), false);
            // As in Redis, words past the consumer name are ignored.
            if (at + 3 < argc) consumerName = c.arg(at + 3);
        }
        StreamValue s = c.read(c.arg(1), StreamValue.class);
        ConsumerGroup g = s == null ? null : s.group(c.arg(2));
        if (g == null) throw noGroup(c.arg(1), c.arg(2));
        if (argc == 3) {
            pendingSummary(c.out, g);
            return;
        }
        java.util.TreeMap<StreamId, Pending> pel = g.pel;
        if (consumerName != null) {
            Consumer consumer = g.consumer(consumerName);
            if (consumer == null) {
                c.out.array(0);
                return;
            }
            pel = consumer.pel;
        }
        List<Map.Entry<StreamId, Pending>> taken = new ArrayList<>();
        if (start.compareTo(end) <= 0) {
            for (Map.Entry<StreamId, Pending> e : pel.subMap(start, true, end, true).entrySet()) {
                if (taken.size() == count) break;
                if (minIdle != 0 && c.now - e.getValue().deliveryTime < minIdle) continue;
                taken.add(e);
            }
        }
        c.out.array(taken.size());
        for (Map.Entry<StreamId, Pending> e : taken) {
            Pending p = e.getValue();
            c.out.array(4);
            c.out.bulk(e.getKey().bytes());
            c.out.bulk(p.consumer.name);
            c.out.integer(Math.max(0, c.now - p.deliveryTime));
            c.out.integer(p.deliveryCount);
        }
    }

    private static void pendingSummary(ReplySink out, ConsumerGroup g) {
        out.array(4);
        out.integer(g.pel.size());
        if (g.pel.isEmpty()) {
            out.nil();
            out.nil();
            out.nilArray();
            return;
        }
        out.bulk(g.pel.firstKey().bytes());
        out.bulk(g.pel.lastKey().bytes());
        List<Consumer> holding = new ArrayList<>();
        for (Consumer consumer : g.consumers.values()) if (!consumer.pel.isEmpty()) holding.add(consumer);
        out.array(holding.size());
        for (Consumer consumer : holding) {
            out.array(2);
            out.bulk(consumer.name);
            out.bulk(Long.toString(consumer.pel.size()));
        }
    }

    // ---- XCLAIM / XAUTOCLAIM ----

    private static StreamValue claimStream(CommandContext c) {
        return c.read(c.arg(1), StreamValue.class);
    }

    /** The claiming consumer, looked up (seen now) or created on the first entry it claims, as Redis does. */
    private static final class Claimant {
        private final CommandContext c;
        private final ConsumerGroup g;
        private Consumer consumer;

        Claimant(CommandContext c, ConsumerGroup g) {
            this.c = c;
            this.g = g;
        }

        Consumer get() {
            if (consumer == null) consumer = seen(c, g, c.arg(3), c.arg(1));
            return consumer;
        }
    }

    static void xclaim(CommandContext c) {
        StreamValue s = claimStream(c);
        ConsumerGroup g = s == null ? null : s.group(c.arg(2));
        if (g == null) throw noGroup(c.arg(1), c.arg(2));
        long minIdle = Math.max(0, c.args.longValue(4, "ERR Invalid min-idle-time argument for XCLAIM"));
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (; j < c.argc(); j++) {
            StreamId id = parseIdOrNull(c.arg(j));
            if (id == null) break;
            ids.add(id);
        }
        long now = c.now;
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.MIN;
        for (; j < c.argc(); j++) {
            boolean more = j + 1 < c.argc();
            if (c.args.is(j, "FORCE")) {
                force = true;
            } else if (c.args.is(j, "JUSTID")) {
                justId = true;
            } else if (c.args.is(j, "IDLE") && more) {
                deliveryTime = now - c.args.longValue(++j, "ERR Invalid IDLE option argument for XCLAIM");
            } else if (c.args.is(j, "TIME") && more) {
                deliveryTime = c.args.longValue(++j, "ERR Invalid TIME option argument for XCLAIM");
            } else if (c.args.is(j, "RETRYCOUNT") && more) {
                retryCount = c.args.longValue(++j, "ERR Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (c.args.is(j, "LASTID") && more) {
                lastId = StreamId.parse(c.arg(++j), 0, true);
            } else {
                throw new CommandException("ERR Unrecognized XCLAIM option '" + c.args.string(j) + "'");
            }
        }
        // A bogus delivery time (in the future, negative) is taken as now rather than refused, as Redis does.
        if (deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
        if (lastId.compareTo(g.lastId) > 0) g.lastId = lastId;
        Claimant claimant = new Claimant(c, g);
        List<StreamId> claimed = new ArrayList<>();
        for (StreamId id : ids) {
            Pending p = g.pel.get(id);
            if (s.entry(id) == null) {
                // Deleted from the stream: it leaves the PEL.
                if (p != null) g.acknowledge(id);
                continue;
            }
            if (p == null) {
                if (!force) continue;
                p = new Pending(null, now);
                g.pel.put(id, p);
            }
            if (p.consumer != null && minIdle != 0 && now - p.deliveryTime < minIdle) continue;
            Consumer consumer = claimant.get();
            p.deliveryTime = deliveryTime;
            if (retryCount >= 0) p.deliveryCount = retryCount;
            else if (!justId) p.deliveryCount++;
            g.transfer(id, p, consumer);
            consumer.activeTime = now;
            claimed.add(id);
        }
        c.out.array(claimed.size());
        for (StreamId id : claimed) {
            if (justId) c.out.bulk(id.bytes());
            else StreamCommands.writeEntry(c.out, id, s.entry(id));
        }
    }

    /** A strict id, or null where the id list ends and XCLAIM's options begin. */
    private static StreamId parseIdOrNull(byte[] arg) {
        try {
            return StreamId.parse(arg, 0, true);
        } catch (CommandException notAnId) {
            return null;
        }
    }

    static void xautoclaim(CommandContext c) {
        long minIdle = Math.max(0, c.args.longValue(4, "ERR Invalid min-idle-time argument for XAUTOCLAIM"));
        StreamId start = StreamCommands.intervalId(c.arg(5), true);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < c.argc(); j++) {
            boolean more = j + 1 < c.argc();
            if (c.args.is(j, "COUNT") && more) {
                byte[] b = c.arg(++j);
                long max = Long.MAX_VALUE / 16;
                if (!io.ferrite.core.command.Numbers.isLong(b)) throw new CommandException("ERR COUNT must be > 0");
                count = c.args.longValue(j);
                if (count < 1 || count > max) throw new CommandException("ERR COUNT must be > 0");
            } else if (c.args.is(j, "JUSTID")) {
                justId = true;
            } else {
                throw Errors.syntax();
            }
        }
        StreamValue s = claimStream(c);
        ConsumerGroup g = s == null ? null : s.group(c.arg(2));
        if (g == null) throw noGroup(c.arg(1), c.arg(2));
        long now = c.now;
        long attempts = count * 10;
        Claimant claimant = new Claimant(c, g);
        List<StreamId> claimed = new ArrayList<>();
        List<StreamId> deleted = new ArrayList<>();
        StreamId next = g.pel.ceilingKey(start);
        while (attempts-- > 0 && count > 0 && next != null) {
            StreamId id = next;
            Pending p = g.pel.get(id);
            next = g.pel.higherKey(id);
            if (s.entry(id) == null) {
                g.acknowledge(id);
                deleted.add(id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - p.deliveryTime < minIdle) continue;
            Consumer consumer = claimant.get();
            p.deliveryTime = now;
            if (!justId) p.deliveryCount++;
            g.transfer(id, p, consumer);
            consumer.activeTime = now;
            claimed.add(id);
            count--;
        }
        c.out.array(3);
        c.out.bulk((next == null ? StreamId.MIN : next).bytes());
        c.out.array(claimed.size());
        for (StreamId id : claimed) {
            if (justId) c.out.bulk(id.bytes());
            else StreamCommands.writeEntry(c.out, id, s.entry(id));
        }
        c.out.array(deleted.size());
        for (StreamId id : deleted) c.out.bulk(id.bytes());
    }

    // ---- XINFO GROUPS / CONSUMERS, and the groups of XINFO STREAM FULL ----

    static void xinfoGroups(CommandContext c) {
        StreamValue s = c.read(c.arg(2), StreamValue.class);
        if (s == null) throw new CommandException(Errors.NO_SUCH_KEY);
        c.out.array((int) s.groupCount());
        for (ConsumerGroup g : s.groups()) {
            c.out.map(6);
            c.out.bulk("name");
            c.out.bulk(g.name);
            c.out.bulk("consumers");
            c.out.integer(g.consumers.size());
            c.out.bulk("pending");
            c.out.integer(g.pel.size());
            c.out.bulk("last-delivered-id");
            c.out.bulk(g.lastId.bytes());
            readCounters(c.out, s, g);
        }
    }

    /** entries-read and lag: each null when unknown. */
    private static void readCounters(ReplySink out, StreamValue s, ConsumerGroup g) {
        out.bulk("entries-read");
        if (g.entriesRead == ConsumerGroup.UNKNOWN_ENTRIES_READ) out.nil();
        else out.integer(g.entriesRead);
        out.bulk("lag");
        long lag = s.lag(g);
        if (lag == StreamValue.UNKNOWN_LAG) out.nil();
        else out.integer(lag);
    }

    /** XINFO CONSUMERS with Redis 7.2's fields: idle since last seen, inactive since last active (-1: never). */
    static void xinfoConsumers(CommandContext c) {
        StreamValue s = c.read(c.arg(2), StreamValue.class);
        if (s == null) throw new CommandException(Errors.NO_SUCH_KEY);
        ConsumerGroup g = s.group(c.arg(3));
        if (g == null) {
            throw new CommandException("NOGROUP No such consumer group '" + c.args.string(3) + "' for key name '"
                    + c.args.string(2) + "'");
        }
        c.out.array(g.consumers.size());
        for (Consumer consumer : g.consumers.values()) {
            c.out.map(4);
            c.out.bulk("name");
            c.out.bulk(consumer.name);
            c.out.bulk("pending");
            c.out.integer(consumer.pel.size());
            c.out.bulk("idle");
            c.out.integer(Math.max(0, c.now - consumer.seenTime));
            c.out.bulk("inactive");
            c.out.integer(consumer.activeTime == -1 ? -1 : Math.max(0, c.now - consumer.activeTime));
        }
    }

    /** XINFO STREAM FULL's groups, with at most {@code count} (0: all) pending entries per list. */
    static void fullGroups(ReplySink out, StreamValue s, long count) {
        out.array((int) s.groupCount());
        for (ConsumerGroup g : s.groups()) {
            out.map(7);
            out.bulk("name");
            out.bulk(g.name);
            out.bulk("last-delivered-id");
            out.bulk(g.lastId.bytes());
            readCounters(out, s, g);
            out.bulk("pel-count");
            out.integer(g.pel.size());
            out.bulk("pending");
            List<Map.Entry<StreamId, Pending>> pending = first(g.pel, count);
            out.array(pending.size());
            for (Map.Entry<StreamId, Pending> e : pending) {
                out.array(4);
                out.bulk(e.getKey().bytes());
                out.bulk(e.getValue().consumer.name);
                out.integer(e.getValue().deliveryTime);
                out.integer(e.getValue().deliveryCount);
            }
            out.bulk("consumers");
            out.array(g.consumers.size());
            for (Consumer consumer : g.consumers.values()) {
                out.map(5);
                out.bulk("name");
                out.bulk(consumer.name);
                out.bulk("seen-time");
                out.integer(consumer.seenTime);
                out.bulk("active-time");
                out.integer(consumer.activeTime);
                out.bulk("pel-count");
                out.integer(consumer.pel.size());
                out.bulk("pending");
                List<Map.Entry<StreamId, Pending>> own = first(consumer.pel, count);
                out.array(own.size());
                for (Map.Entry<StreamId, Pending> e : own) {
                    out.array(3);
                    out.bulk(e.getKey().bytes());
                    out.integer(e.getValue().deliveryTime);
                    out.integer(e.getValue().deliveryCount);
                }
            }
        }
    }

    private static List<Map.Entry<StreamId, Pending>> first(java.util.TreeMap<StreamId, Pending> pel, long count) {
        List<Map.Entry<StreamId, Pending>> out = new ArrayList<>();
        for (Map.Entry<StreamId, Pending> e : pel.entrySet()) {
            if (count > 0 && out.size() == count) break;
            out.add(e);
        }
        return out;
    }
}
