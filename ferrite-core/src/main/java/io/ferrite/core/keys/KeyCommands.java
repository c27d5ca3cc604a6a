package io.ferrite.core.keys;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandTable;

import static io.ferrite.core.command.AclCategory.KEYSPACE;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** Generic key commands (Redis's {@code generic} group, {@code db.c} and {@code expire.c}). */
public final class KeyCommands {
    private KeyCommands() {}

    public static void register(CommandTable t) {
        t.add(spec("del", -2).flags(WRITE).acl(KEYSPACE).keys(1, -1, 1).group("generic")
                .summary("Deletes one or more keys.").handler(KeyCommands::del));
    }

    static void del(CommandContext c) {
        long n = 0;
        for (int i = 1; i < c.argc(); i++) if (c.db().delete(c.arg(i), c.now)) n++;
        c.out.integer(n);
    }
}
