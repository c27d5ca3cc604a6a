package io.ferrite.core.rdb;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.config.Config;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.keyspace.AccessClock;
import io.ferrite.core.keyspace.Db;

import static io.ferrite.core.command.AclCategory.DANGEROUS;
import static io.ferrite.core.command.AclCategory.KEYSPACE;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** DUMP and RESTORE (Redis's {@code cluster.c}): a key's value as an RDB payload and back. */
public final class DumpCommands {
    private DumpCommands() {}

    static final String BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";
    static final String BAD_FORMAT = "ERR Bad data format";
    static final String BUSY_KEY = "BUSYKEY Target key name already exists.";

    public static void register(CommandTable t) {
        t.add(spec("dump", 2).flags(READONLY).acl(KEYSPACE).keys(1, 1, 1).since("2.6.0")
                .summary("Returns a serialized representation of the value stored at a key.")
                .handler(DumpCommands::dump));
        t.add(spec("restore", -4).flags(WRITE, DENYOOM).acl(KEYSPACE, DANGEROUS).keys(1, 1, 1).since("2.6.0")
                .summary("Creates a key from the serialized representation of a value.")
                .handler(DumpCommands::restore));
        // What MIGRATE sends to a cluster node importing a slot; outside a cluster it is RESTORE.
        t.add(spec("restore-asking", -4).flags(WRITE, DENYOOM, ASKING).acl(KEYSPACE, DANGEROUS).keys(1, 1, 1)
                .group("server").since("3.0.0").summary("An internal command for migrating keys in a cluster")
                .handler(DumpCommands::restore));
    }

    static void dump(CommandContext c) {
        Object value = c.read(c.arg(1));
        if (value == null) {
            c.out.nil();
            return;
        }
        c.out.bulk(Rdb.dump(value, c.engine.config()));
    }

    /** RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency], checked in Redis's order. */
    static void restore(CommandContext c) {
        boolean replace = false;
        boolean absolute = false;
        long idle = -1;
        long freq = -1;
        for (int i = 4; i < c.argc(); i++) {
            boolean hasValue = i + 1 < c.argc();
            if (c.args.is(i, "REPLACE")) {
                replace = true;
            } else if (c.args.is(i, "ABSTTL")) {
                absolute = true;
            } else if (c.args.is(i, "IDLETIME") && hasValue && freq == -1) {
                idle = c.args.longValue(++i);
                if (idle < 0) throw new CommandException("ERR Invalid IDLETIME value, must be >= 0");
            } else if (c.args.is(i, "FREQ") && hasValue && idle == -1) {
                freq = c.args.longValue(++i);
                if (freq < 0 || freq > 255) throw new CommandException("ERR Invalid FREQ value, must be >= 0 and <= 255");
            } else {
                throw Errors.syntax();
            }
        }
        byte[] key = c.arg(1);
        Db db = c.db();
        if (!replace && c.write(key) != null) throw new CommandException(BUSY_KEY);
        long ttl = c.args.longValue(2);
        if (ttl < 0) throw new CommandException("ERR Invalid TTL value, must be >= 0");
        byte[] payload = c.arg(3);
        if (!Rdb.verify(payload)) throw new CommandException(BAD_PAYLOAD);
        Config cfg = c.engine.config();
        Object value;
        try {
            value = Rdb.load(payload, cfg);
        } catch (RdbFormatException e) {
            throw new CommandException(BAD_FORMAT);
        }

        boolean deleted = replace && db.delete(key, c.now);
        // A relative TTL that overflows wraps negative, as in Redis, and so counts as already expired.
        long deadline = ttl != 0 && !absolute ? ttl + c.now : ttl;
        if (ttl != 0 && deadline <= c.now) {
            // Already expired: the key is gone, as if it had been restored and reclaimed at once.
            if (deleted) c.changed(KeyspaceEvents.GENERIC, "del", key);
            c.out.simple("OK");
            return;
        }
        db.setWithExpire(key, value, deadline, c.now);
        if (cfg.maxmemoryPolicy.isLfu()) {
            if (freq >= 0) db.setAccessStamp(key, AccessClock.lfuStamp((int) freq, c.now), c.now);
        } else if (idle >= 0) {
            db.setAccessStamp(key, AccessClock.lruStampIdle(idle, c.now), c.now);
        }
        c.changed(KeyspaceEvents.GENERIC, "restore", key);
        c.out.simple("OK");
    }
}
