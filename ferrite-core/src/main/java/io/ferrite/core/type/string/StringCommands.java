package io.ferrite.core.type.string;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.keyspace.RawString;

import static io.ferrite.core.command.AclCategory.STRING;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** String commands (Redis's {@code t_string.c}). */
public final class StringCommands {
    private StringCommands() {}

    public static void register(CommandTable t) {
        t.add(spec("get", 2).flags(READONLY, FAST).acl(STRING).keys(1, 1, 1).group("string")
                .summary("Returns the string value of a key.").handler(StringCommands::get));
        t.add(spec("set", -3).flags(WRITE, DENYOOM).acl(STRING).keys(1, 1, 1).group("string")
                .summary("Sets the string value of a key.").handler(c -> {
                    c.db().set(c.arg(1), c.arg(2), c.now);
                    c.out.simple("OK");
                }));
    }

    static void get(CommandContext c) {
        Object v = c.read(c.arg(1));
        if (v == null) c.out.nil();
        else if (v instanceof byte[] b) c.out.bulk(b);
        else if (v instanceof RawString r) c.out.bulk(r.buffer(), 0, r.length());
        else throw Errors.wrongType();
    }
}
