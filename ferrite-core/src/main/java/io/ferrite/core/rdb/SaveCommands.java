package io.ferrite.core.rdb;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;

import java.io.IOException;

import static io.ferrite.core.command.AclCategory.ADMIN;
import static io.ferrite.core.command.AclCategory.DANGEROUS;
import static io.ferrite.core.command.CommandFlag.FAST;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.NOSCRIPT;
import static io.ferrite.core.command.CommandFlag.NO_ASYNC_LOADING;
import static io.ferrite.core.command.CommandFlag.NO_MULTI;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * SAVE, BGSAVE and LASTSAVE (Redis's {@code rdb.c}): snapshots of the dataset to {@code dir/dbfilename}; and
 * BGREWRITEAOF, which writes an append-only file's base as Redis 7 does without {@code appendonly}.
 */
public final class SaveCommands {
    private SaveCommands() {}

    static final String IN_PROGRESS = "ERR Background save already in progress";

    public static void register(CommandTable t) {
        t.add(spec("save", 1).flags(CommandFlag.ADMIN, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI).acl(ADMIN, DANGEROUS).group("server")
                .since("1.0.0").locksAll().summary("Synchronously saves the database(s) to disk.")
                .handler(SaveCommands::save));
        t.add(spec("bgsave", -1).flags(CommandFlag.ADMIN, NOSCRIPT, NO_ASYNC_LOADING).acl(ADMIN, DANGEROUS).group("server")
                .since("1.0.0").summary("Asynchronously saves the database(s) to disk.")
                .handler(SaveCommands::bgsave));
        t.add(spec("bgrewriteaof", 1).flags(CommandFlag.ADMIN, NOSCRIPT, NO_ASYNC_LOADING).acl(ADMIN, DANGEROUS)
                .group("server").since("1.0.0").summary("Asynchronously rewrites the append-only file to disk.")
                .handler(SaveCommands::bgrewriteaof));
        t.add(spec("lastsave", 1).flags(LOADING, STALE, FAST).acl(ADMIN, DANGEROUS).group("server").since("1.0.0")
                .tips("nondeterministic_output")
                .summary("Returns the Unix timestamp of the last successful save to disk.")
                .handler(c -> c.out.integer(c.engine.snapshots().lastSaveMillis() / 1000)));
    }

    /** SAVE runs under every shard lock: the file is one point in time, and the keyspace waits for it. */
    static void save(CommandContext c) {
        Snapshots s = c.engine.snapshots();
        if (s.bgsaveInProgress()) throw new CommandException(IN_PROGRESS);
        try {
            s.save();
        } catch (IOException | RuntimeException e) {
            throw new CommandException("ERR");
        }
        c.out.simple("OK");
    }

    static void bgsave(CommandContext c) {
        boolean schedule = false;
        if (c.argc() > 1) {
            if (c.argc() == 2 && c.args.is(1, "SCHEDULE")) schedule = true;
            else throw Errors.syntax();
        }
        Snapshots s = c.engine.snapshots();
        if (s.bgsaveInProgress()) throw new CommandException(IN_PROGRESS);
        // Another job runs, or EXEC holds every lock: Redis defers the fork, so it is scheduled (when asked to be).
        if (s.aofRewriteInProgress() || c.inExec() || !s.startBackgroundSave()) {
            if (!schedule && !c.inExec()) {
                throw new CommandException("ERR Another child process is active (AOF?): can't BGSAVE right now. Use "
                        + "BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
            }
            s.scheduleBackgroundSave();
            c.out.simple("Background saving scheduled");
            return;
        }
        c.out.simple("Background saving started");
    }

    /** BGREWRITEAOF: started now, or scheduled behind a running BGSAVE (or an EXEC), as Redis forks one child. */
    static void bgrewriteaof(CommandContext c) {
        Snapshots s = c.engine.snapshots();
        if (s.aofRewriteInProgress()) {
            throw new CommandException("ERR Background append only file rewriting already in progress");
        }
        if (c.inExec() || !s.startAofRewrite()) {
            s.scheduleAofRewrite();
            c.out.simple("Background append only file rewriting scheduled");
            return;
        }
        c.out.simple("Background append only file rewriting started");
    }
}
