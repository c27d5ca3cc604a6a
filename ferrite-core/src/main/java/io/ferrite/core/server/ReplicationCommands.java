package io.ferrite.core.server;

import io.ferrite.core.Session;
import io.ferrite.core.blocking.TimeoutReply;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandHandler;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;

import java.util.List;

import static io.ferrite.core.command.AclCategory.ADMIN;
import static io.ferrite.core.command.AclCategory.CONNECTION;
import static io.ferrite.core.command.AclCategory.DANGEROUS;
import static io.ferrite.core.command.CommandFlag.ALLOW_BUSY;
import static io.ferrite.core.command.CommandFlag.FAST;
import static io.ferrite.core.command.CommandFlag.NO_MULTI;
import static io.ferrite.core.command.CommandFlag.NO_ASYNC_LOADING;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.NOSCRIPT;
import static io.ferrite.core.command.CommandFlag.PROTECTED;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * What a standalone master without replicas, AOF, modules or cluster support answers to the replication, cluster
 * and module commands: ROLE, WAIT, WAITAOF, REPLICAOF/SLAVEOF NO ONE, FAILOVER, MODULE LIST, and the cluster-mode
 * READONLY / READWRITE / ASKING and CLUSTER subcommands, with redis-server's replies and errors in that state.
 * REPLCONF and SYNC/PSYNC serve snapshot-only clients ({@code redis-cli --rdb}). Becoming a replica (REPLICAOF host
 * port) or serving one is not supported and says so.
 */
public final class ReplicationCommands {
    private static final byte[][] NO_KEYS = new byte[0][];
    /** WAIT's reply: replicas that acknowledged. */
    private static final TimeoutReply NO_ACKS = out -> out.integer(0);
    /** WAITAOF's reply: [local fsync acknowledged, replicas that acknowledged]. */
    private static final TimeoutReply NO_AOF_ACKS = out -> {
        out.array(2);
        out.integer(0);
        out.integer(0);
    };

    private ReplicationCommands() {}

    private static final String NO_CLUSTER = "ERR This instance has cluster support disabled";
    private static final List<String> MODULE_HELP = List.of(
            "MODULE <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "LIST",
            "    Return a list of loaded modules.",
            "LOAD <path> [<arg> ...]",
            "    Load a module library from <path>, passing to it any optional arguments.",
            "LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]",
            "    Load a module library from <path>, while passing it module configurations and optional arguments.",
            "UNLOAD <name>",
            "    Unload a module.",
            "HELP",
            "    Prints this help.");
    /** The command flag (the ACL category of the same name is imported as ADMIN). */
    private static final CommandFlag ADMIN_FLAG = CommandFlag.ADMIN;

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
        t.add(spec("waitaof", 4).flags(NOSCRIPT).acl(CONNECTION).group("generic").since("7.2.0")
                .tips("request_policy:all_shards", "response_policy:agg_min")
                .summary("Blocks until all of the preceding write commands sent by the connection are written to the "
                        + "append-only file of the master and/or replicas.")
                .handler(ReplicationCommands::waitaof));
        String[][] replicaof = {
                {"replicaof", "5.0.0", "Configures a server as replica of another, or promotes it to a master."},
                {"slaveof", "1.0.0", "Sets a Redis server as a replica of another, or promotes it to being a master."}};
        for (String[] r : replicaof) {
            t.add(spec(r[0], 3).flags(ADMIN_FLAG, NOSCRIPT, STALE, NO_ASYNC_LOADING).acl(ADMIN, DANGEROUS)
                    .group("replication").since(r[1]).summary(r[2]).handler(ReplicationCommands::replicaof));
        }
        t.add(spec("failover", -1).flags(ADMIN_FLAG, NOSCRIPT, STALE).acl(ADMIN, DANGEROUS).group("server")
                .since("6.2.0").summary("Starts a coordinated failover from a server to one of its replicas.")
                .handler(ReplicationCommands::failover));
        t.add(spec("replconf", -1).flags(ADMIN_FLAG, NOSCRIPT, LOADING, STALE, ALLOW_BUSY).acl(ADMIN, DANGEROUS)
                .group("server").since("3.0.0").summary("An internal command for configuring the replication stream")
                .handler(ReplicationCommands::replconf));
        t.add(spec("sync", 1).flags(ADMIN_FLAG, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI).acl(ADMIN, DANGEROUS)
                .group("server").since("1.0.0").summary("Internal command used for replication").locksAll()
                .handler(ReplicationCommands::sync));
        t.add(spec("psync", -3).flags(ADMIN_FLAG, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI).acl(ADMIN, DANGEROUS)
                .group("server").since("2.8.0").summary("Internal command used for replication").locksAll()
                .handler(ReplicationCommands::sync));
        t.add(cluster());
        t.add(module());
    }

    /**
     * REPLCONF, as a master reads what a replica tells it. Only {@code rdb-only}, {@code rdb-filter-only} and
     * {@code capa eof} change what a later SYNC does; ACK and GETACK, meant for replication links, get no reply.
     */
    private static void replconf(CommandContext c) {
        if (c.argc() % 2 == 0) throw Errors.syntax();
        Session.ReplicaRequest r = c.session.replicaRequest();
        boolean rdbOnly = r.rdbOnly();
        boolean functionsOnly = r.functionsOnly();
        boolean capaEof = r.capaEof();
        for (int j = 1; j < c.argc(); j += 2) {
            if (c.args.is(j, "LISTENING-PORT")) {
                c.args.longValue(j + 1);
            } else if (c.args.is(j, "IP-ADDRESS")) {
                if (c.arg(j + 1).length >= 256) {
                    throw new CommandException("ERR REPLCONF ip-address provided by replica instance is too long: "
                            + c.arg(j + 1).length + " bytes");
                }
            } else if (c.args.is(j, "CAPA")) {
                if (c.args.is(j + 1, "EOF")) capaEof = true;
            } else if (c.args.is(j, "ACK") || c.args.is(j, "GETACK")) {
                return;
            } else if (c.args.is(j, "RDB-ONLY")) {
                long v = c.args.longValue(j + 1);
                if (v < 0 || v > 1) throw new CommandException("ERR value is out of range, value must between 0 and 1");
                rdbOnly = v == 1;
            } else if (c.args.is(j, "RDB-FILTER-ONLY")) {
                functionsOnly = true;
                for (String filter : c.args.string(j + 1).split(" ")) {
                    if (filter.isEmpty()) continue;
                    if (!filter.equalsIgnoreCase("functions")) {
                        throw new CommandException("ERR Unsupported rdb-filter-only option: " + filter);
                    }
                }
            } else {
                throw new CommandException("ERR Unrecognized REPLCONF option: " + c.args.string(j));
            }
        }
        c.session.replicaRequest(new Session.ReplicaRequest(rdbOnly, functionsOnly, capaEof));
        c.out.simple("OK");
    }

    /**
     * SYNC and PSYNC: a connection that asked for a snapshot only (REPLCONF rdb-only 1, as {@code redis-cli --rdb}
     * does) gets a full resynchronization's snapshot, taken under every shard lock, and is closed after it, as Redis
     * ends an rdb-only replica. Ferrite cannot serve a replica the write stream that follows, so any other SYNC is
     * refused.
     */
    private static void sync(CommandContext c) {
        Session.ReplicaRequest r = c.session.replicaRequest();
        if (r.functionsOnly() && !r.capaEof()) throw new CommandException("ERR Filtered replica requires EOF capability");
        boolean psync = c.args.is(0, "PSYNC");
        if (psync) c.args.longValue(2);
        if (!r.rdbOnly() || c.session.transport() == null) {
            throw new CommandException("ERR replication is not supported: this server sends only snapshots, to "
                    + "connections that asked for REPLCONF rdb-only 1 (redis-cli --rdb)");
        }
        byte[] rdb;
        try {
            rdb = c.engine.snapshots().image(r.functionsOnly(), c.now);
        } catch (java.io.IOException e) {
            throw new CommandException("ERR " + e.getMessage());
        }
        if (psync) c.out.simple("FULLRESYNC " + InfoCommand.REPL_ID + " 0");
        c.out.replicaTransfer(rdb);
        c.session.requestClose();
    }

    /** CLUSTER and its subcommands as Redis 7.2 declares them; without cluster support each one answers the same. */
    private static CommandSpec cluster() {
        CommandSpec cluster = spec("cluster", -2).acl().group("cluster").since("3.0.0")
                .summary("A container for Redis Cluster commands.");
        // name, arity, since, kind (admin: may change the cluster; query: admin read; read; help), summary[, tip]
        String[][] subs = {
                {"addslots", "-3", "3.0.0", "admin", "Assigns new hash slots to a node."},
                {"addslotsrange", "-4", "7.0.0", "admin", "Assigns new hash slot ranges to a node."},
                {"bumpepoch", "2", "3.0.0", "admin", "Advances the cluster config epoch.", "nondeterministic_output"},
                {"count-failure-reports", "3", "3.0.0", "query", "Returns the number of active failure reports active for a node.", "nondeterministic_output"},
                {"countkeysinslot", "3", "3.0.0", "read", "Returns the number of keys in a hash slot."},
                {"delslots", "-3", "3.0.0", "admin", "Sets hash slots as unbound for a node."},
                {"delslotsrange", "-4", "7.0.0", "admin", "Sets hash slot ranges as unbound for a node."},
                {"failover", "-2", "3.0.0", "admin", "Forces a replica to perform a manual failover of its master."},
                {"flushslots", "2", "3.0.0", "admin", "Deletes all slots information from a node."},
                {"forget", "3", "3.0.0", "admin", "Removes a node from the nodes table."},
                {"getkeysinslot", "4", "3.0.0", "read", "Returns the key names in a hash slot.", "nondeterministic_output"},
                {"help", "2", "5.0.0", "help", "Returns helpful text about the different subcommands."},
                {"info", "2", "3.0.0", "read", "Returns information about the state of a node.", "nondeterministic_output"},
                {"keyslot", "3", "3.0.0", "read", "Returns the hash slot for a key."},
                {"links", "2", "7.0.0", "read", "Returns a list of all TCP links to and from peer nodes.", "nondeterministic_output"},
                {"meet", "-4", "3.0.0", "admin", "Forces a node to handshake with another node."},
                {"myid", "2", "3.0.0", "read", "Returns the ID of a node."},
                {"myshardid", "2", "7.2.0", "read", "Returns the shard ID of a node."},
                {"nodes", "2", "3.0.0", "read", "Returns the cluster configuration for a node.", "nondeterministic_output"},
                {"replicas", "3", "5.0.0", "query", "Lists the replica nodes of a master node.", "nondeterministic_output"},
                {"replicate", "3", "3.0.0", "admin", "Configure a node as replica of a master node."},
                {"reset", "-2", "3.0.0", "reset", "Resets a node."},
                {"saveconfig", "2", "3.0.0", "admin", "Forces a node to save the cluster configuration to disk."},
                {"set-config-epoch", "3", "3.0.0", "admin", "Sets the configuration epoch for a new node."},
                {"setslot", "-4", "3.0.0", "admin", "Binds a hash slot to a node."},
                {"shards", "2", "7.0.0", "read", "Returns the mapping of cluster slots to shards.", "nondeterministic_output"},
                {"slaves", "3", "3.0.0", "query", "Lists the replica nodes of a master node.", "nondeterministic_output"},
                {"slots", "2", "3.0.0", "read", "Returns the mapping of cluster slots to nodes.", "nondeterministic_output"},
        };
        for (String[] row : subs) {
            CommandSpec sub = spec(row[0], Integer.parseInt(row[1])).group("cluster").since(row[2]).summary(row[4]);
            if (row.length > 5) sub.tips(row[5]);
            switch (row[3]) {
                case "admin" -> sub.flags(ADMIN_FLAG, STALE, NO_ASYNC_LOADING).acl(ADMIN, DANGEROUS);
                case "query" -> sub.flags(ADMIN_FLAG, STALE).acl(ADMIN, DANGEROUS);
                case "reset" -> sub.flags(ADMIN_FLAG, NOSCRIPT, STALE).acl(ADMIN, DANGEROUS);
                case "help" -> sub.flags(LOADING, STALE).acl();
                default -> sub.flags(STALE).acl();
            }
            cluster.subcommand(sub.handler(c -> {
                throw new CommandException(NO_CLUSTER);
            }));
        }
        return cluster;
    }

    /**
     * MODULE: no module is loaded. LOAD, LOADEX and UNLOAD are protected commands, refused before they run under
     * Redis's default {@code enable-module-command no}; where allowed, nothing can be loaded into a JVM, so they
     * fail as for a module that is not there.
     */
    private static CommandSpec module() {
        CommandHandler load = c -> {
            throw new CommandException("ERR Error loading the extension. Please check the server logs.");
        };
        CommandHandler unload = c -> {
            throw new CommandException("ERR Error unloading module: no such module with that name");
        };
        return spec("module", -2).acl().group("server").since("4.0.0").summary("A container for module commands.")
                .subcommand(spec("help", 2).flags(LOADING, STALE).acl().group("server").since("5.0.0")
                        .summary("Returns helpful text about the different subcommands.")
                        .handler(c -> ServerCommands.help(c, MODULE_HELP)))
                .subcommand(spec("list", 2).flags(ADMIN_FLAG, NOSCRIPT).acl(ADMIN, DANGEROUS).group("server")
                        .since("4.0.0").tips("nondeterministic_output_order")
                        .summary("Returns all loaded modules.").handler(c -> c.out.array(0)))
                .subcommand(spec("load", -3).flags(ADMIN_FLAG, NOSCRIPT, NO_ASYNC_LOADING, PROTECTED)
                        .acl(ADMIN, DANGEROUS).group("server").since("4.0.0").summary("Loads a module.").handler(load))
                .subcommand(spec("loadex", -3).flags(ADMIN_FLAG, NOSCRIPT, NO_ASYNC_LOADING, PROTECTED)
                        .acl(ADMIN, DANGEROUS).group("server").since("7.0.0")
                        .summary("Loads a module using extended parameters.").handler(load))
                .subcommand(spec("unload", 3).flags(ADMIN_FLAG, NOSCRIPT, NO_ASYNC_LOADING, PROTECTED)
                        .acl(ADMIN, DANGEROUS).group("server").since("4.0.0").summary("Unloads a module.").handler(unload));
    }

    /**
     * Redis 7.2's WAITAOF without AOF and without replicas: arguments checked in Redis's order and a local fsync
     * refused. Nothing can acknowledge, so [0, 0] comes at once when no replica is asked for, else after the
     * timeout (never, for 0), as from a Redis whose replicas never answer.
     */
    private static void waitaof(CommandContext c) {
        long numlocal = c.args.longValue(1);
        if (numlocal < 0 || numlocal > 1) throw new CommandException("ERR value is out of range, value must between 0 and 1");
        long numreplicas = c.args.nonNegativeLong(2);
        long timeout = timeoutMillis(c, 3);
        if (numlocal > 0) {
            throw new CommandException("ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled.");
        }
        if (numreplicas > 0) c.block(NO_KEYS, timeout, NO_AOF_ACKS);
        else NO_AOF_ACKS.write(c.out);
    }
    /** NO ONE: already a master, OK. Following a master is not something this server can do. */
    private static void replicaof(CommandContext c) {
        if (c.args.is(1, "NO") && c.args.is(2, "ONE")) {
            c.out.simple("OK");
            return;
        }
        byte[] p = c.arg(2);
        long port = Numbers.isLong(p) ? Numbers.parseLongUnchecked(p, 0, p.length) : -1;
        if (port < 0 || port > 65535) throw new CommandException("ERR Invalid master port");
        throw new CommandException("ERR replication is not supported: this server cannot become a replica");
    }

    /** Redis's FAILOVER argument checks, then the answers of a master with no replica and no failover running. */
    private static void failover(CommandContext c) {
        if (c.argc() == 2 && c.args.is(1, "ABORT")) throw new CommandException("ERR No failover in progress.");
        boolean timeout = false;
        boolean to = false;
        boolean force = false;
        for (int j = 1; j < c.argc(); j++) {
            if (c.args.is(j, "TIMEOUT") && j + 1 < c.argc() && !timeout) {
                if (c.args.longValue(j + 1) <= 0) throw new CommandException("ERR FAILOVER timeout must be greater than 0");
                timeout = true;
                j++;
            } else if (c.args.is(j, "TO") && j + 2 < c.argc() && !to) {
                c.args.longValue(j + 2);
                to = true;
                j += 2;
            } else if (c.args.is(j, "FORCE") && !force) {
                force = true;
            } else {
                throw Errors.syntax();
            }
        }
        throw new CommandException("ERR FAILOVER requires connected replicas.");
    }

    /** A master with no replicas: its replication offset and an empty replica list. */
    private static void role(CommandContext c) {
        c.out.array(3);
        c.out.bulk("master");
        c.out.integer(0);
        c.out.array(0);
    }

    /**
     * No replica can acknowledge anything, so the answer is always 0: at once when no replica is asked for, else
     * after the timeout (never, for 0), as from a Redis whose replicas never answer. The connection is parked
     * meanwhile, like any blocked client (CLIENT UNBLOCK answers 0 or the UNBLOCKED error; inside MULTI, 0 at once).
     */
    private static void await(CommandContext c) {
        long numreplicas = c.args.longValue(1);
        long timeout = timeoutMillis(c, 2);
        if (numreplicas > 0) c.block(NO_KEYS, timeout, NO_ACKS);
        else NO_ACKS.write(c.out);
    }

    /** WAIT's and WAITAOF's timeout: whole milliseconds, 0 for ever. */
    private static long timeoutMillis(CommandContext c, int index) {
        long timeout = c.args.longValue(index, "ERR timeout is not an integer or out of range");
        if (timeout < 0) throw new CommandException("ERR timeout is negative");
        return timeout;
    }
}
