package io.ferrite.core.tx;

import io.ferrite.core.Session;
import io.ferrite.core.blocking.BlockingRegistry;
import io.ferrite.core.command.AclCategory;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;

import java.util.List;
import java.util.Set;

import static io.ferrite.core.command.AclCategory.SLOW;
import static io.ferrite.core.command.AclCategory.TRANSACTION;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH. */
public final class TxCommands {
    private TxCommands() {}

    /** Commands that act at once even inside MULTI instead of being queued, as in Redis. */
    private static final Set<String> IMMEDIATE = Set.of("multi", "exec", "discard", "watch", "quit", "reset");

    public static void register(CommandTable t) {
        t.add(spec("multi", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).acl(AclCategory.FAST, TRANSACTION)
                .group("transactions").since("1.2.0").summary("Starts a transaction.").handler(TxCommands::multi));
        // EXEC holds every shard lock: the queued commands run with nothing interleaved.
        t.add(spec("exec", 1).flags(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG).acl(SLOW, TRANSACTION)
                .group("transactions").since("1.2.0").summary("Executes all commands in a transaction.")
                .locksAll().handler(TxCommands::exec));
        t.add(spec("discard", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).acl(AclCategory.FAST, TRANSACTION)
                .group("transactions").since("2.0.0").summary("Discards a transaction.")
                .handler(TxCommands::discard));
        t.add(spec("watch", -2).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).acl(AclCategory.FAST, TRANSACTION)
                .keys(1, -1, 1).group("transactions").since("2.2.0")
                .summary("Monitors changes to keys to determine the execution of a transaction.")
                .handler(TxCommands::watch));
        t.add(spec("unwatch", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).acl(AclCategory.FAST, TRANSACTION)
                .group("transactions").since("2.2.0").summary("Forgets about watched keys of a transaction.")
                .handler(TxCommands::unwatch));
    }

    /**
     * Whether a command line that passed the dispatcher's checks is queued rather than run: MULTI is open and the
     * command is not one of those that act at once.
     */
    public static boolean queues(Session s, CommandSpec spec) {
        Transaction tx = s.transactionIfAny();
        CommandSpec root = spec.parent() == null ? spec : spec.parent();
        return tx != null && tx.open() && !IMMEDIATE.contains(root.name());
    }

    /** Queues the command or, for one Redis refuses in transactions, reports that and dooms the EXEC. */
    public static void queue(CommandContext c, CommandSpec spec) {
        Transaction tx = c.session.transaction();
        if (spec.has(CommandFlag.NO_MULTI)) {
            tx.reject();
            throw new CommandException("ERR Command not allowed inside a transaction");
        }
        tx.queue(c.args);
        c.out.simple("QUEUED");
    }

    static void multi(CommandContext c) {
        Transaction tx = c.session.transaction();
        if (tx.open()) throw new CommandException("ERR MULTI calls can not be nested");
        tx.begin();
        c.out.simple("OK");
    }

    static void discard(CommandContext c) {
        Transaction tx = c.session.transactionIfAny();
        if (tx == null || !tx.open()) throw new CommandException("ERR DISCARD without MULTI");
        tx.end();
        c.engine.watches().unwatch(tx);
        c.out.simple("OK");
    }

    static void watch(CommandContext c) {
        Transaction tx = c.session.transaction();
        if (tx.open()) throw new CommandException("ERR WATCH inside MULTI is not allowed");
        WatchRegistry watches = c.engine.watches();
        int db = c.session.db();
        for (int i = 1; i < c.argc(); i++) {
            byte[] key = c.arg(i);
            watches.watch(tx, db, key, c.db().exists(key, c.now));
        }
        c.out.simple("OK");
    }

    static void unwatch(CommandContext c) {
        Transaction tx = c.session.transactionIfAny();
        if (tx != null) c.engine.watches().unwatch(tx);
        c.out.simple("OK");
    }

    static void exec(CommandContext c) {
        Session s = c.session;
        Transaction tx = s.transactionIfAny();
        if (tx == null || !tx.open()) throw new CommandException("ERR EXEC without MULTI");
        boolean rejected = tx.rejected();
        boolean changed = watchedKeyChanged(c, tx);
        List<byte[][]> commands = tx.end();
        c.engine.watches().unwatch(tx);
        if (rejected) throw new CommandException("EXECABORT Transaction discarded because of previous errors.");
        if (changed) {
            c.out.nilArray();
            return;
        }
        c.out.array(commands.size());
        // Nowhere to wait inside a transaction: blocking commands answer as their timeout would.
        BlockingRegistry.Delivery delivery = s.blockedDelivery();
        s.blockedDelivery(null);
        try {
            for (byte[][] argv : commands) c.engine.dispatcher().dispatchQueued(c, argv);
        } finally {
            s.blockedDelivery(delivery);
        }
    }

    /** A watched key was written, or existed when watched and has expired since. Runs with every shard locked. */
    private static boolean watchedKeyChanged(CommandContext c, Transaction tx) {
        if (tx.touched) return true;
        for (int i = 0; i < tx.watched.size(); i++) {
            WatchRegistry.WatchedKey w = tx.watched.get(i);
            if (tx.existedWhenWatched.get(i) && !c.engine.keyspace().db(w.db()).exists(w.key(), c.now)) return true;
        }
        return false;
    }

    /** The session ends or RESETs: its transaction and watches go. */
    public static void forget(Session s) {
        Transaction tx = s.transactionIfAny();
        if (tx == null) return;
        tx.end();
        s.engine().watches().unwatch(tx);
    }
}
