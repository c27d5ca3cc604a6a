package io.ferrite.core.server;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.CommandException;

import static io.ferrite.core.command.AclCategory.CONNECTION;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** Connection commands (Redis's {@code connection} group): PING, ECHO, SELECT, HELLO, CLIENT, RESET, QUIT. */
public final class ConnectionCommands {
    private ConnectionCommands() {}

    public static void register(CommandTable t) {
        t.add(spec("ping", -1).flags(FAST).acl(CONNECTION).group("connection")
                .summary("Returns the server's liveliness response.").handler(ConnectionCommands::ping));
        t.add(spec("echo", 2).flags(LOADING, STALE, FAST).acl(CONNECTION).group("connection")
                .summary("Returns the given string.").handler(c -> c.out.bulk(c.arg(1))));
        t.add(spec("select", 2).flags(LOADING, STALE, FAST).acl(CONNECTION).group("connection").since("1.0.0")
                .summary("Changes the selected database.").handler(ConnectionCommands::select));
    }

    static void ping(CommandContext c) {
        if (c.argc() > 2) throw new CommandException(Errors.arity("ping"));
        if (c.argc() == 1) c.out.simple("PONG");
        else c.out.bulk(c.arg(1));
    }

    static void select(CommandContext c) {
        long index;
        try {
            index = c.args.longValue(1);
        } catch (CommandException e) {
            throw new CommandException("ERR value is not an integer or out of range");
        }
        if (index < 0 || index >= c.engine.keyspace().databases()) throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        c.session.select((int) index);
        c.out.simple("OK");
    }
}
