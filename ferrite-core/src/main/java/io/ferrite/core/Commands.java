package io.ferrite.core;

import io.ferrite.core.command.CommandTable;

/** The command table: every command family registers its specs here. No reflection, no classpath scanning. */
final class Commands {
    private Commands() {}

    static CommandTable table() {
        CommandTable t = new CommandTable();
        io.ferrite.core.server.ConnectionCommands.register(t);
        io.ferrite.core.server.ServerCommands.register(t);
        io.ferrite.core.server.ReplicationCommands.register(t);
        io.ferrite.core.acl.AclCommands.register(t);
        io.ferrite.core.server.MemoryCommands.register(t);
        io.ferrite.core.keys.KeyCommands.register(t);
        io.ferrite.core.rdb.DumpCommands.register(t);
        io.ferrite.core.rdb.SaveCommands.register(t);
        io.ferrite.core.type.string.StringCommands.register(t);
        io.ferrite.core.type.string.BitCommands.register(t);
        io.ferrite.core.type.hll.HllCommands.register(t);
        io.ferrite.core.type.list.ListCommands.register(t);
        io.ferrite.core.type.hash.HashCommands.register(t);
        io.ferrite.core.type.set.SetCommands.register(t);
        io.ferrite.core.type.zset.ZSetCommands.register(t);
        io.ferrite.core.type.geo.GeoCommands.register(t);
        io.ferrite.core.type.stream.StreamCommands.register(t);
        io.ferrite.core.type.stream.StreamGroupCommands.register(t);
        io.ferrite.core.type.sort.SortCommands.register(t);
        io.ferrite.core.pubsub.PubSubCommands.register(t);
        io.ferrite.core.tx.TxCommands.register(t);
        io.ferrite.core.scripting.ScriptingCommands.register(t);
        io.ferrite.core.scripting.FunctionCommands.register(t);
        return t;
    }
}
