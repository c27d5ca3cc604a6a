package io.ferrite.core.server;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;

import static io.ferrite.core.command.AclCategory.ADMIN;
import static io.ferrite.core.command.AclCategory.CONNECTION;
import static io.ferrite.core.command.AclCategory.DANGEROUS;
import static io.ferrite.core.command.CommandFlag.FAST;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.NOSCRIPT;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * What a standalone master without replicas answers to the replication and cluster commands clients send while
 * discovering their server: ROLE, WAIT, and the cluster-mode READONLY / READWRITE / ASKING.
 */
public final class ReplicationCommands {
    private ReplicationCommands() {}

    private static final String NO_CLUSTER = "ERR This instance has cluster support disabled";

    public static void register(CommandTable t) {
        t.add(spec("role", 1).flags(NOSCRIPT, LOADING, STALE, FAST).acl(ADMIN, DANGEROUS).group("server").since("2.8.12")
                .summary("Returns the replication role.").handler(ReplicationCommands::role));
        t.add(spec("wait", 3).flags(NOSCRIPT).acl(CONNECTION).group("generic").since("3.0.0")
                .tips("request_policy:all_shards", "response_policy:agg_min")
                .summary("Blocks until the asynchronous replication of all preceding write commands sent by the "
                        + "connection is completed.")
                .handler(ReplicationCommands::await));
        for (String name : new String[] {"readonly", "readwrite"}) {
            t.add(spec(name, 1).flags(LOADING, STALE, FAST).acl(CONNECTION).group("cluster").since("3.0.0")
                    .summary(name.equals("readonly") ? "Enables read-only queries for a connection to a Redis Cluster replica node."
                            : "Enables read-write queries for a connection to a Reids Cluster replica node.")
                    .handler(c -> {
                        throw new CommandException(NO_CLUSTER);
                    }));
        }
        t.add(spec("asking", 1).flags(FAST).acl(CONNECTION).group("cluster").since("3.0.0")
                .summary("Signals that a cluster client is following an -ASK redirect.").handler(c -> {
                    throw new CommandException(NO_CLUSTER);
                }));
    }

    /** A master with no replicas: its replication offset and an empty replica list. */
    private static void role(CommandContext c) {
        c.out.array(3);
        c.out.bulk("master");
        c.out.integer(0);
        c.out.array(0);
    }

    /**
     * No replica can acknowledge anything, so the answer is always 0. Redis gives it after the timeout (never, for
     * 0) when replicas are asked for; here it comes at once, a difference only in time.
     */
    private static void await(CommandContext c) {
        c.args.longValue(1);
        long timeout = c.args.longValue(2, "ERR timeout is not an integer or out of range");
        if (timeout < 0) throw new CommandException("ERR timeout is negative");
        c.out.integer(0);
    }
}
