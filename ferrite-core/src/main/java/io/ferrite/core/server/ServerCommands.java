package io.ferrite.core.server;

import io.ferrite.core.command.CommandTable;

import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** Server commands (Redis's {@code server} group): DBSIZE, FLUSHDB, FLUSHALL, INFO, CONFIG, COMMAND, TIME, DEBUG ... */
public final class ServerCommands {
    private ServerCommands() {}

    public static void register(CommandTable t) {
        t.add(spec("dbsize", 1).flags(READONLY, FAST).group("server").locksAll()
                .summary("Returns the number of keys in the database.")
                .handler(c -> c.out.integer(c.db().size())));
    }
}
