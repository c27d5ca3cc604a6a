package io.ferrite.core.server;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.ferrite.core.command.CommandFlag.ADMIN;
import static io.ferrite.core.command.CommandFlag.ALLOW_BUSY;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.NOSCRIPT;
import static io.ferrite.core.command.CommandFlag.NO_MULTI;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * {@code SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]}. Ferrite has no replicas to wait for, so a shutdown is
 * immediate: the dataset is saved first when SAVE is given or {@code save} rules are active (not with NOSAVE), then
 * the caller gets no reply (its connection closes, as with Redis) and the server exposing the engine stops
 * gracefully. A failed save makes SHUTDOWN fail unless FORCE'd, as in Redis.
 */
final class ShutdownCommand {
    private static final Logger log = LoggerFactory.getLogger(ShutdownCommand.class);
    private static final String FAILED = "ERR Errors trying to SHUTDOWN. Check logs.";

    private ShutdownCommand() {}

    static CommandSpec command() {
        return spec("shutdown", -1).flags(ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI, ALLOW_BUSY).acl()
                .group("server").since("1.0.0").summary("Synchronously saves the database(s) to disk and shuts down the Redis server.")
                .handler(ShutdownCommand::shutdown);
    }

    private static void shutdown(CommandContext c) {
        boolean nosave = false, save = false, force = false, abort = false, now = false;
        for (int i = 1; i < c.argc(); i++) {
            if (c.args.is(i, "NOSAVE")) nosave = true;
            else if (c.args.is(i, "SAVE")) save = true;
            else if (c.args.is(i, "NOW")) now = true;
            else if (c.args.is(i, "FORCE")) force = true;
            else if (c.args.is(i, "ABORT")) abort = true;
            else throw Errors.syntax();
        }
        if ((abort && (nosave || save || now || force)) || (nosave && save)) throw Errors.syntax();
        // Nothing is ever left in progress: a shutdown that starts completes without waiting for replicas.
        if (abort) throw new CommandException("ERR No shutdown in progress.");
        log.warn("User requested shutdown...");
        if (!c.engine.isShutdownServed()) {
            log.warn("SHUTDOWN: no server exposes this engine; its owner closes it");
            throw new CommandException(FAILED);
        }
        if (save || (!nosave && c.engine.snapshots().rulesActive())) {
            log.info("Saving the final RDB snapshot before exiting.");
            try {
                c.engine.snapshots().saveLockingAll();
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("Error trying to save the DB, can't exit.");
                if (!force) throw new CommandException(FAILED);
            }
        }
        if (!c.engine.requestShutdown()) {
            log.warn("SHUTDOWN: no server exposes this engine; its owner closes it");
            throw new CommandException(FAILED);
        }
        c.session.requestClose();
    }
}
