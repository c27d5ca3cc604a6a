package io.ferrite.core.server;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import io.ferrite.core.acl.User;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

import static io.ferrite.core.command.AclCategory.CONNECTION;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** Connection commands (Redis's {@code connection} group): PING, ECHO, SELECT, AUTH, HELLO, CLIENT, RESET, QUIT. */
public final class ConnectionCommands {
    private ConnectionCommands() {}

    static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

    public static void register(CommandTable t) {
        t.add(spec("ping", -1).flags(FAST).acl(CONNECTION).group("connection")
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .summary("Returns the server's liveliness response.").handler(ConnectionCommands::ping));
        t.add(spec("echo", 2).flags(LOADING, STALE, FAST).acl(CONNECTION).group("connection")
                .summary("Returns the given string.").handler(c -> c.out.bulk(c.arg(1))));
        t.add(spec("select", 2).flags(LOADING, STALE, FAST).acl(CONNECTION).group("connection")
                .summary("Changes the selected database.").handler(ConnectionCommands::select));
        t.add(spec("auth", -2).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl(CONNECTION)
                .group("connection").summary("Authenticates the connection.").handler(ConnectionCommands::auth));
        t.add(spec("hello", -1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl(CONNECTION)
                .group("connection").since("6.0.0").summary("Handshakes with the Redis server.")
                .handler(ConnectionCommands::hello));
        t.add(spec("reset", 1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl(CONNECTION)
                .group("connection").since("6.2.0").summary("Resets the connection.")
                .handler(ConnectionCommands::reset));
        t.add(spec("quit", -1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl(CONNECTION)
                .group("connection").summary("Closes the connection.").handler(c -> {
                    c.session.requestClose();
                    c.out.simple("OK");
                }));
        t.add(ClientCommand.command());
    }

    /** CLIENT INFO's line for the command's own session (ACL LOG's client-info). */
    public static String clientInfo(CommandContext c) {
        return ClientCommand.line(c, c.session);
    }

    static void ping(CommandContext c) {
        if (c.argc() > 2) throw new CommandException(Errors.arity("ping"));
        if (c.session.protocol() == 2 && c.session.subscribed()) {
            // RESP2 subscribed mode: a reply must look like a message to the subscriber's reader.
            c.out.array(2);
            c.out.bulk("pong");
            c.out.bulk(c.argc() == 1 ? new byte[0] : c.arg(1));
            return;
        }
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

    static void auth(CommandContext c) {
        if (c.argc() > 3) throw Errors.syntax();
        if (c.argc() == 2 && c.engine.acl().defaultUser().permissions().nopass()) {
            throw new CommandException("ERR AUTH <password> called without any password configured for the default "
                    + "user. Are you sure your configuration is correct?");
        }
        byte[] user = c.argc() == 3 ? c.arg(1) : "default".getBytes(StandardCharsets.US_ASCII);
        authenticate(c, user, c.arg(c.argc() - 1));
        c.out.simple("OK");
    }

    /**
     * Authenticates the session as {@code user}, or refuses with WRONGPASS (unknown user, disabled, wrong password:
     * Redis does not tell which) and records the failure in ACL LOG.
     */
    static void authenticate(CommandContext c, byte[] user, byte[] password) {
        User u = c.engine.acl().authenticate(user, password);
        if (u == null) {
            String name = new String(user, StandardCharsets.UTF_8);
            c.engine.acl().log().add("auth", "toplevel", c.spec.name(), name, c.now, ClientCommand.line(c, c.session));
            throw new CommandException(WRONGPASS);
        }
        c.session.authenticate(u);
    }

    static void hello(CommandContext c) {
        int protocol = 0;
        if (c.argc() >= 2) {
            byte[] v = c.arg(1);
            if (!Numbers.isLong(v)) throw new CommandException("ERR Protocol version is not an integer or out of range");
            long ver = Numbers.parseLong(v);
            if (ver < 2 || ver > 3) throw new CommandException("NOPROTO unsupported protocol version");
            protocol = (int) ver;
        }
        byte[] user = null;
        byte[] pass = null;
        String name = null;
        for (int i = 2; i < c.argc(); i++) {
            int more = c.argc() - 1 - i;
            if (c.args.is(i, "AUTH") && more >= 2) {
                user = c.arg(i + 1);
                pass = c.arg(i + 2);
                i += 2;
            } else if (c.args.is(i, "SETNAME") && more >= 1) {
                name = c.args.string(i + 1);
                ClientCommand.validateName(name);
                i++;
            } else {
                throw new CommandException("ERR Syntax error in HELLO option '" + c.args.string(i) + "'");
            }
        }
        if (user != null) authenticate(c, user, pass);
        if (!c.session.authenticated()) {
            throw new CommandException("NOAUTH HELLO must be called with the client already authenticated, otherwise "
                    + "the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
                    + "protocol version at the same time");
        }
        if (name != null) c.session.name(name);
        if (protocol != 0) {
            c.session.protocol(protocol);
            c.out.switchProtocol(protocol);
        }
        c.out.map(7);
        c.out.bulk("server");
        c.out.bulk("redis");
        c.out.bulk("version");
        c.out.bulk(Ferrite.VERSION);
        c.out.bulk("proto");
        c.out.integer(c.session.protocol());
        c.out.bulk("id");
        c.out.integer(c.session.id());
        c.out.bulk("mode");
        c.out.bulk("standalone");
        c.out.bulk("role");
        c.out.bulk("master");
        c.out.bulk("modules");
        c.out.array(0);
    }

    /** RESET: back to a fresh connection's state (database 0, RESP2, no name, replies on, re-authentication). */
    static void reset(CommandContext c) {
        Session s = c.session;
        io.ferrite.core.tx.TxCommands.forget(s);
        c.engine.pubsub().unsubscribeAll(s);
        c.engine.tracking().disable(s);
        s.select(0);
        s.name("");
        s.replyMode(Session.ReplyMode.ON);
        s.noEvict(false);
        s.noTouch(false);
        s.user(c.engine.acl().defaultUser(), c.engine.acl().defaultOpen());
        if (s.protocol() != 2) {
            s.protocol(2);
            c.out.switchProtocol(2);
        }
        c.out.simple("RESET");
    }

    static Set<Long> ids(CommandContext c, int from) {
        Set<Long> out = new LinkedHashSet<>();
        for (int i = from; i < c.argc(); i++) {
            byte[] v = c.arg(i);
            if (!Numbers.isLong(v) || Numbers.parseLong(v) <= 0) throw new CommandException("ERR Invalid client ID");
            out.add(Numbers.parseLong(v));
        }
        return out;
    }
}
