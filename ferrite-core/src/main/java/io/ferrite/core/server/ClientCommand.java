package io.ferrite.core.server;

import io.ferrite.core.Session;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.tracking.ClientTracking;
import io.ferrite.core.tracking.TrackingCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.ferrite.core.command.AclCategory.CONNECTION;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * CLIENT and its subcommands. Clients are the network sessions registered in {@link ClientRegistry}; embedded
 * sessions are not listed, but CLIENT INFO and the per-session subcommands work for them too.
 */
final class ClientCommand {
    private ClientCommand() {}

    private static final List<String> HELP = List.of(
            "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CACHING (YES|NO)",
            "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
            "GETREDIR",
            "    Return the client ID we are redirecting to when tracking is enabled.",
            "GETNAME",
            "    Return the name of the current connection.",
            "ID",
            "    Return the ID of the current connection.",
            "INFO",
            "    Return information about the current client connection.",
            "KILL <ip:port>",
            "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:",
            "    * ADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made from the specified address",
            "    * LADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made to specified local address",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Kill connections by type.",
            "    * USER <username>",
            "      Kill connections authenticated by <username>.",
            "    * SKIPME (YES|NO)",
            "      Skip killing current connection (default: yes).",
            "    * ID <client-id>",
            "      Kill connections by client id.",
            "LIST [options ...]",
            "    Return information about client connections. Options:",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Return clients of specified type.",
            "UNPAUSE",
            "    Stop the current client pause, resuming traffic.",
            "PAUSE <timeout> [WRITE|ALL]",
            "    Suspend all, or just write, clients for <timeout> milliseconds.",
            "REPLY (ON|OFF|SKIP)",
            "    Control the replies sent to the current connection.",
            "SETNAME <name>",
            "    Assign the name <name> to the current connection.",
            "SETINFO <option> <value>",
            "    Set client meta attr. Options are:",
            "    * LIB-NAME: the client lib name.",
            "    * LIB-VER: the client lib version.",
            "UNBLOCK <clientid> [TIMEOUT|ERROR]",
            "    Unblock the specified blocked client.",
            "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
            "         [OPTIN] [OPTOUT] [NOLOOP]",
            "    Control server assisted client side caching.",
            "TRACKINGINFO",
            "    Report tracking status for the current connection.",
            "NO-EVICT (ON|OFF)",
            "    Protect current client connection from eviction.",
            "NO-TOUCH (ON|OFF)",
            "    Will not touch LRU/LFU stats when this mode is on.",
            "HELP",
            "    Prints this help.");

    static CommandSpec command() {
        return spec("client", -2).acl().group("connection").since("2.4.0")
                .summary("A container for client connection commands.")
                .subcommand(sub("id", 2, "5.0.0", "Returns the unique client ID of the connection.")
                        .handler(c -> c.out.integer(c.session.id())))
                .subcommand(sub("setname", 3, "2.6.9", "Sets the connection name.").handler(ClientCommand::setname))
                .subcommand(sub("getname", 2, "2.6.9", "Returns the name of the connection.").handler(c -> {
                    String name = c.session.name();
                    if (name.isEmpty()) c.out.nil();
                    else c.out.bulk(name);
                }))
                .subcommand(sub("setinfo", 4, "7.2.0", "Sets information specific to the client or connection.")
                        .handler(ClientCommand::setinfo))
                .subcommand(sub("info", 2, "6.2.0", "Returns information about the connection.")
                        .tips("nondeterministic_output")
                        .handler(c -> c.out.verbatim("txt", line(c, c.session) + "\n")))
                .subcommand(sub("list", -2, "2.4.0", "Lists open connections.").flags(ADMIN)
                        .tips("nondeterministic_output").handler(ClientCommand::list))
                .subcommand(sub("kill", -3, "2.4.0", "Terminates open connections.").flags(ADMIN)
                        .handler(ClientCommand::kill))
                .subcommand(sub("pause", -3, "2.9.50", "Suspends commands processing.").flags(ADMIN)
                        .handler(ClientCommand::pause))
                .subcommand(sub("unpause", 2, "6.2.0", "Resumes processing commands from paused clients.")
                        .flags(ADMIN).handler(c -> {
                            c.engine.clients().unpause();
                            c.out.simple("OK");
                        }))
                .subcommand(sub("unblock", -3, "5.0.0",
                        "Unblocks a client blocked by a blocking command from a different connection.")
                        .flags(ADMIN).handler(ClientCommand::unblock))
                .subcommand(sub("reply", 3, "3.2.0", "Instructs the server whether to reply to commands.")
                        .handler(ClientCommand::reply))
                .subcommand(sub("no-evict", 3, "7.0.0", "Sets the client eviction mode of the connection.")
                        .flags(ADMIN).handler(c -> c.session.noEvict(onOff(c))))
                .subcommand(sub("no-touch", 3, "7.2.0",
                        "Controls whether commands sent by the client affect the LRU/LFU of accessed keys.")
                        .handler(c -> c.session.noTouch(onOff(c))))
                .subcommand(sub("getredir", 2, "6.0.0",
                        "Returns the client ID to which the connection's tracking notifications are redirected.")
                        .handler(TrackingCommands::getredir))
                .subcommand(sub("tracking", -3, "6.0.0", "Controls server-assisted client-side caching for the connection.")
                        .handler(TrackingCommands::tracking))
                .subcommand(sub("caching", 3, "6.0.0",
                        "Instructs the server whether to track the keys in the next request.")
                        .handler(TrackingCommands::caching))
                .subcommand(sub("trackinginfo", 2, "6.2.0",
                        "Returns information about server-assisted client-side caching for the connection.")
                        .handler(TrackingCommands::trackinginfo))
                .subcommand(spec("help", 2).flags(LOADING, STALE).acl(CONNECTION).group("connection").since("5.0.0")
                        .summary("Returns helpful text about the different subcommands.")
                        .handler(c -> ServerCommands.help(c, HELP)));
    }

    private static CommandSpec sub(String name, int arity, String since, String summary) {
        return spec(name, arity).flags(NOSCRIPT, LOADING, STALE).acl(CONNECTION).group("connection").since(since)
                .summary(summary);
    }

    /** Parses ON or OFF for NO-EVICT / NO-TOUCH and replies OK; the caller applies the returned value. */
    private static boolean onOff(CommandContext c) {
        boolean on;
        if (c.args.is(2, "ON")) on = true;
        else if (c.args.is(2, "OFF")) on = false;
        else throw Errors.syntax();
        c.out.simple("OK");
        return on;
    }

    /** Names and library attributes end up space-separated in CLIENT LIST: printable ASCII, no spaces. */
    private static boolean validAttribute(String v) {
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) < '!' || v.charAt(i) > '~') return false;
        return true;
    }

    static void validateName(String name) {
        if (!validAttribute(name)) {
            throw new CommandException("ERR Client names cannot contain spaces, newlines or special characters.");
        }
    }

    static void setname(CommandContext c) {
        String name = c.args.string(2);
        validateName(name);
        c.session.name(name);
        c.out.simple("OK");
    }

    static void setinfo(CommandContext c) {
        String attr = c.args.string(2);
        String value = c.args.string(3);
        boolean libName = c.args.is(2, "LIB-NAME");
        if (!libName && !c.args.is(2, "LIB-VER")) throw new CommandException("ERR Unrecognized option '" + attr + "'");
        if (!validAttribute(value)) {
            throw new CommandException("ERR " + attr + " cannot contain spaces, newlines or special characters.");
        }
        if (libName) c.session.libName(value);
        else c.session.libVersion(value);
        c.out.simple("OK");
    }

    static void reply(CommandContext c) {
        if (c.args.is(2, "ON")) {
            c.session.replyMode(Session.ReplyMode.ON);
            c.out.simple("OK");
        } else if (c.args.is(2, "OFF")) {
            c.session.replyMode(Session.ReplyMode.OFF);
        } else if (c.args.is(2, "SKIP")) {
            c.session.replyMode(Session.ReplyMode.SKIP);
        } else {
            throw Errors.syntax();
        }
    }

    /** Client types CLIENT LIST/KILL TYPE accept; only normal clients exist here (no replication links). */
    private static boolean isNormalType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "normal" -> true;
            case "master", "replica", "slave", "pubsub" -> false;
            default -> throw new CommandException("ERR Unknown client type '" + type + "'");
        };
    }

    static void list(CommandContext c) {
        List<Session> clients = c.engine.clients().list();
        List<Session> shown = new ArrayList<>();
        if (c.argc() == 4 && c.args.is(2, "TYPE")) {
            if (isNormalType(c.args.string(3))) shown = clients;
        } else if (c.argc() > 3 && c.args.is(2, "ID")) {
            Set<Long> ids = new java.util.LinkedHashSet<>();
            for (int i = 3; i < c.argc(); i++) {
                if (!Numbers.isLong(c.arg(i))) throw new CommandException("ERR Invalid client ID");
                ids.add(Numbers.parseLong(c.arg(i)));
            }
            for (long id : ids) {
                Session s = c.engine.clients().get(id);
                if (s != null) shown.add(s);
            }
        } else if (c.argc() != 2) {
            throw Errors.syntax();
        } else {
            shown = clients;
        }
        StringBuilder sb = new StringBuilder();
        for (Session s : shown) sb.append(line(c, s)).append('\n');
        c.out.verbatim("txt", sb.toString());
    }

    /** One CLIENT LIST line, field for field as Redis 7.2 prints it. */
    static String line(CommandContext c, Session s) {
        Session.Transport t = s.transport();
        long now = c.now;
        long argvMem = 0;
        if (s == c.session) for (int i = 0; i < c.argc(); i++) argvMem += c.arg(i).length;
        long qbuf = t == null ? 0 : t.queryBufferBytes();
        long omem = t == null ? 0 : t.outputBytes();
        StringBuilder flags = new StringBuilder();
        if (c.engine.monitors().isMonitor(s)) flags.append('O');
        io.ferrite.core.pubsub.Subscriptions subs = s.subscriptionsIfAny();
        if (subs != null && subs.any()) flags.append('P');
        io.ferrite.core.tx.Transaction tx = s.transactionIfAny();
        if (tx != null && tx.open()) flags.append('x');
        if (s.isBlocked()) flags.append('b');
        ClientTracking tracking = s.trackingIfAny();
        if (tracking != null && tracking.on()) flags.append('t');
        if (tracking != null && tracking.brokenRedirect()) flags.append('R');
        if (tracking != null && tracking.bcast()) flags.append('B');
        if (tx != null && tx.watchedKeyChanged()) flags.append('d');
        if (s.closeRequested()) flags.append('c');
        if (s.noEvict()) flags.append('e');
        if (s.noTouch()) flags.append('T');
        if (flags.isEmpty()) flags.append('N');
        return "id=" + s.id()
                + " addr=" + (t == null ? "" : t.remoteAddress())
                + " laddr=" + (t == null ? "" : t.localAddress())
                + " fd=" + (t == null ? -1 : t.fd())
                + " name=" + s.name()
                + " age=" + Math.max(0, (now - s.createdMillis()) / 1000)
                + " idle=" + (s == c.session ? 0 : Math.max(0, (now - s.lastInteractionMillis()) / 1000))
                + " flags=" + flags
                + " db=" + s.db()
                + " sub=" + (subs == null ? 0 : subs.channels())
                + " psub=" + (subs == null ? 0 : subs.patterns())
                + " ssub=" + (subs == null ? 0 : subs.shardChannels())
                + " multi=" + (tx == null ? -1 : tx.queuedOrMinusOne())
                + " qbuf=" + qbuf + " qbuf-free=0"
                + " argv-mem=" + argvMem
                + " multi-mem=0 rbs=0 rbp=0 obl=0 oll=0"
                + " omem=" + omem
                + " tot-mem=" + (qbuf + omem + argvMem)
                + " events=" + (omem > 0 ? "rw" : "r")
                + " cmd=" + (s == c.session ? c.spec.fullName() : s.lastCommand())
                + " user=" + s.user().name() + " redir=" + (tracking == null ? -1 : tracking.redirectOrMinusOne())
                + " resp=" + s.protocol()
                + " lib-name=" + s.libName()
                + " lib-ver=" + s.libVersion();
    }

    static void kill(CommandContext c) {
        ClientRegistry registry = c.engine.clients();
        if (c.argc() == 3) {
            String addr = c.args.string(2);
            for (Session s : registry.list()) {
                if (s.transport() != null && s.transport().remoteAddress().equals(addr)) {
                    close(c, s);
                    c.out.simple("OK");
                    return;
                }
            }
            throw new CommandException("ERR No such client");
        }
        if ((c.argc() - 2) % 2 != 0) throw Errors.syntax();
        Long id = null;
        String addr = null;
        String laddr = null;
        String user = null;
        Boolean normal = null;
        boolean skipMe = true;
        for (int i = 2; i < c.argc(); i += 2) {
            String value = c.args.string(i + 1);
            if (c.args.is(i, "ID")) {
                byte[] v = c.arg(i + 1);
                if (!Numbers.isLong(v) || Numbers.parseLong(v) <= 0) {
                    throw new CommandException("ERR client-id should be greater than 0");
                }
                id = Numbers.parseLong(v);
            } else if (c.args.is(i, "TYPE")) {
                normal = isNormalType(value);
            } else if (c.args.is(i, "ADDR")) {
                addr = value;
            } else if (c.args.is(i, "LADDR")) {
                laddr = value;
            } else if (c.args.is(i, "USER")) {
                if (c.engine.acl().user(value) == null) throw new CommandException("ERR No such user '" + value + "'");
                user = value;
            } else if (c.args.is(i, "SKIPME")) {
                if (c.args.is(i + 1, "YES")) skipMe = true;
                else if (c.args.is(i + 1, "NO")) skipMe = false;
                else throw Errors.syntax();
            } else {
                throw Errors.syntax();
            }
        }
        long killed = 0;
        for (Session s : registry.list()) {
            Session.Transport t = s.transport();
            if (id != null && s.id() != id) continue;
            if (addr != null && !t.remoteAddress().equals(addr)) continue;
            if (laddr != null && !t.localAddress().equals(laddr)) continue;
            if (normal != null && !normal) continue;
            if (user != null && (!s.authenticated() || !s.user().name().equals(user))) continue;
            if (skipMe && s == c.session) continue;
            close(c, s);
            killed++;
        }
        c.out.integer(killed);
    }

    /** The caller's own connection closes after this reply; others are closed by their transport. */
    private static void close(CommandContext c, Session s) {
        if (s == c.session) s.requestClose();
        else s.transport().kill();
    }

    /** CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 if that client was parked by a blocking command and is answered now. */
    static void unblock(CommandContext c) {
        if (c.argc() > 4) {
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for 'unblock'. Try CLIENT HELP.");
        }
        long id = Numbers.parseLong(c.arg(2));
        boolean withError = false;
        if (c.argc() == 4) {
            if (c.args.is(3, "ERROR")) withError = true;
            else if (!c.args.is(3, "TIMEOUT")) {
                throw new CommandException("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        }
        Session s = c.engine.clients().get(id);
        c.out.integer(s != null && s.unblock(withError) ? 1 : 0);
    }

    static void pause(CommandContext c) {
        if (c.argc() > 4) {
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for 'pause'. Try CLIENT HELP.");
        }
        byte[] v = c.arg(2);
        if (!Numbers.isLong(v)) throw new CommandException("ERR timeout is not an integer or out of range");
        long timeout = Numbers.parseLong(v);
        if (timeout < 0) throw new CommandException("ERR timeout is negative");
        boolean writesOnly = false;
        if (c.argc() == 4) {
            if (c.args.is(3, "WRITE")) writesOnly = true;
            else if (!c.args.is(3, "ALL")) throw new CommandException("ERR CLIENT PAUSE mode must be WRITE or ALL");
        }
        long until = timeout > Long.MAX_VALUE - c.now ? Long.MAX_VALUE : c.now + timeout;
        c.engine.clients().pause(until, writesOnly);
        c.out.simple("OK");
    }
}
