package io.ferrite.core.acl;

import io.ferrite.core.Session;
import io.ferrite.core.command.AclCategory;
import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/** ACL and its subcommands (Redis's {@code server} group). Without an ACL file, LOAD and SAVE refuse as Redis does. */
public final class AclCommands {
    private AclCommands() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final List<String> HELP = List.of(
            "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CAT [<category>]",
            "    List all commands that belong to <category>, or all command categories",
            "    when no category is specified.",
            "DELUSER <username> [<username> ...]",
            "    Delete a list of users.",
            "DRYRUN <username> <command> [<arg> ...]",
            "    Returns whether the user can execute the given command without executing the command.",
            "GETUSER <username>",
            "    Get the user's details.",
            "GENPASS [<bits>]",
            "    Generate a secure 256-bit user password. The optional `bits` argument can",
            "    be used to specify a different size.",
            "LIST",
            "    Show users details in config file format.",
            "LOAD",
            "    Reload users from the ACL file.",
            "LOG [<count> | RESET]",
            "    Show the ACL log entries.",
            "SAVE",
            "    Save the current config to the ACL file.",
            "SETUSER <username> <attribute> [<attribute> ...]",
            "    Create or modify a user with the specified attributes.",
            "USERS",
            "    List all the registered usernames.",
            "WHOAMI",
            "    Return the current connection username.",
            "HELP",
            "    Prints this help.");

    private static final String NO_ACL_FILE = "ERR This Redis instance is not configured to use an ACL file. You may "
            + "want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a "
            + "Redis configuration file set) in order to store users in the Redis configuration.";

    public static void register(CommandTable t) {
        t.add(spec("acl", -2).group("server").since("6.0.0").summary("A container for Access List Control commands.")
                .subcommand(admin("cat", -2, "Lists the ACL categories, or the commands inside a category.", false)
                        .handler(AclCommands::cat))
                .subcommand(admin("deluser", -3, "Deletes ACL users, and terminates their connections.", true)
                        .handler(AclCommands::deluser))
                .subcommand(admin("dryrun", -4, "Simulates the execution of a command by a user, without executing "
                        + "the command.", true).since("7.0.0").handler(AclCommands::dryrun))
                .subcommand(admin("genpass", -2, "Generates a pseudorandom, secure password that can be used to "
                        + "identify ACL users.", false).handler(AclCommands::genpass))
                .subcommand(admin("getuser", 3, "Lists the ACL rules of a user.", true).handler(AclCommands::getuser))
                .subcommand(spec("help", 2).flags(LOADING, STALE).group("server").since("6.0.0")
                        .summary("Returns helpful text about the different subcommands.")
                        .handler(c -> {
                            c.out.array(HELP.size());
                            for (String line : HELP) c.out.simple(line);
                        }))
                .subcommand(admin("list", 2, "Dumps the effective rules in ACL file format.", true)
                        .handler(AclCommands::list))
                .subcommand(admin("load", 2, "Reloads the rules from the configured ACL file.", true)
                        .handler(c -> { throw new CommandException(NO_ACL_FILE); }))
                .subcommand(admin("log", -2, "Lists recent security events generated due to ACL rules.", true)
                        .handler(AclCommands::log))
                .subcommand(admin("save", 2, "Saves the effective ACL rules in the configured ACL file.", true)
                        .handler(c -> { throw new CommandException(NO_ACL_FILE); }))
                .subcommand(admin("setuser", -3, "Creates and modifies an ACL user and its rules.", true)
                        .handler(AclCommands::setuser))
                .subcommand(admin("users", 2, "Lists all ACL users.", true).handler(AclCommands::users))
                .subcommand(admin("whoami", 2, "Returns the authenticated username of the current connection.", false)
                        .handler(c -> c.out.bulk(c.session.user().name()))));
    }

    private static CommandSpec admin(String name, int arity, String summary, boolean admin) {
        CommandSpec s = spec(name, arity).flags(NOSCRIPT, LOADING, STALE).group("server").since("6.0.0")
                .summary(summary);
        return admin ? s.flags(ADMIN) : s;
    }

    private static Acl acl(CommandContext c) {
        return c.engine.acl();
    }

    static void setuser(CommandContext c) {
        String name = c.args.string(2);
        if (name.indexOf(' ') >= 0 || name.indexOf('\0') >= 0) {
            throw new CommandException("ERR Usernames can't contain spaces or null characters");
        }
        List<byte[]> rules = new ArrayList<>();
        for (int i = 3; i < c.argc(); i++) rules.add(c.arg(i));
        String error = acl(c).setUser(c.args.string(2), rules);
        if (error != null) throw new CommandException(error);
        disconnectOutOfBoundsSubscribers(c, acl(c).user(c.args.string(2)));
        c.out.simple("OK");
    }

    /** As Redis does: the user's connections subscribed to a channel or pattern no longer allowed are closed. */
    private static void disconnectOutOfBoundsSubscribers(CommandContext c, User u) {
        Permissions p = u.permissions();
        if (p.allChannels()) return;
        java.util.Set<Session> sessions = new java.util.HashSet<>();
        for (Session s : c.engine.clients().list()) if (s.user() == u) sessions.add(s);
        if (sessions.isEmpty()) return;
        for (Session s : c.engine.pubsub().subscribedOutside(sessions, p::canAccessChannel)) close(c, s);
    }

    static void getuser(CommandContext c) {
        User u = acl(c).user(c.args.string(2));
        if (u == null) {
            c.out.nil();
            return;
        }
        Permissions p = u.permissions();
        c.out.map(6);
        c.out.bulk("flags");
        List<String> flags = p.flags();
        c.out.set(flags.size());
        for (String f : flags) c.out.bulk(f);
        c.out.bulk("passwords");
        c.out.array(p.passwords.size());
        for (String h : p.passwords) c.out.bulk(h);
        selector(c, p.root);
        c.out.bulk("selectors");
        c.out.array(p.selectors.size());
        for (Selector s : p.selectors) {
            c.out.map(3);
            selector(c, s);
        }
    }

    private static void selector(CommandContext c, Selector s) {
        c.out.bulk("commands");
        c.out.bulk(s.commandsDescription());
        c.out.bulk("keys");
        c.out.bulk(s.keysDescription());
        c.out.bulk("channels");
        c.out.bulk(s.channelsDescription());
    }

    static void deluser(CommandContext c) {
        Acl acl = acl(c);
        for (int i = 2; i < c.argc(); i++) {
            if (c.args.string(i).equals(Acl.DEFAULT)) {
                throw new CommandException("ERR The 'default' user cannot be removed");
            }
        }
        long deleted = 0;
        for (int i = 2; i < c.argc(); i++) {
            User u = acl.delete(c.args.string(i));
            if (u == null) continue;
            deleted++;
            disconnect(c, u);
        }
        c.out.integer(deleted);
    }

    /** Closes the connections authenticated as a deleted user; the caller's own closes after this reply. */
    private static void disconnect(CommandContext c, User u) {
        for (Session s : c.engine.clients().list()) if (s.user() == u) close(c, s);
        if (c.session.user() == u) c.session.requestClose();
    }

    /** The caller's own connection closes after this reply; others are closed by their transport. */
    private static void close(CommandContext c, Session s) {
        if (s == c.session || s.transport() == null) s.requestClose();
        else s.transport().kill();
    }

    /** Redis's own wording when a variadic ACL subcommand gets too many arguments. */
    private static CommandException wrongArguments(CommandContext c) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '" + c.args.string(1)
                + "'. Try ACL HELP.");
    }

    static void users(CommandContext c) {
        List<User> users = acl(c).users();
        c.out.array(users.size());
        for (User u : users) c.out.bulk(u.name());
    }

    static void list(CommandContext c) {
        List<String> lines = acl(c).listLines();
        c.out.array(lines.size());
        for (String line : lines) c.out.bulk(line);
    }

    static void cat(CommandContext c) {
        if (c.argc() > 3) throw wrongArguments(c);
        if (c.argc() == 2) {
            AclCategory[] all = AclCategory.values();
            c.out.array(all.length);
            for (AclCategory a : all) c.out.bulk(a.wireName().substring(1));
            return;
        }
        AclCategory category = CommandCatalog.categoryNamed(c.args.string(2));
        if (category == null) throw new CommandException("ERR Unknown category '" + c.args.string(2) + "'");
        List<CommandSpec> specs = acl(c).catalog().commands(category);
        c.out.array(specs.size());
        for (CommandSpec s : specs) c.out.bulk(s.fullName());
    }

    static void genpass(CommandContext c) {
        if (c.argc() > 3) throw wrongArguments(c);
        long bits = 256;
        if (c.argc() == 3) {
            bits = c.args.longValue(2);
            if (bits <= 0 || bits > 4096) {
                throw new CommandException("ERR ACL GENPASS argument must be the number of bits for the output "
                        + "password, a positive number up to 4096");
            }
        }
        int chars = (int) ((bits + 3) / 4);
        byte[] random = new byte[(chars + 1) / 2];
        RANDOM.nextBytes(random);
        c.out.bulk(HexFormat.of().formatHex(random).substring(0, chars));
    }

    static void dryrun(CommandContext c) {
        User u = acl(c).user(c.args.string(2));
        if (u == null) throw new CommandException("ERR User '" + c.args.string(2) + "' not found");
        byte[][] argv = new byte[c.argc() - 3][];
        for (int i = 3; i < c.argc(); i++) argv[i - 3] = c.arg(i);
        Args line = new Args(argv, argv.length);
        CommandSpec spec = c.engine.commandTable().lookup(argv[0]);
        if (spec == null) throw new CommandException("ERR Command '" + c.args.string(3) + "' not found");
        if (!spec.arityMatches(argv.length)) throw new CommandException(Errors.arity(spec.fullName()));
        if (spec.isContainer() && argv.length > 1) {
            CommandSpec sub = spec.subcommands().lookup(argv[1]);
            if (sub == null) throw new CommandException("ERR Command '" + c.args.string(3) + "' not found");
            if (!sub.arityMatches(argv.length)) throw new CommandException(Errors.arity(sub.fullName()));
            spec = sub;
        }
        AclCheck.Denial denial = AclCheck.check(u.permissions(), spec, line);
        if (denial == null) c.out.simple("OK");
        else c.out.bulk(denial.dryRun());
    }

    static void log(CommandContext c) {
        if (c.argc() > 3) throw wrongArguments(c);
        long count = 10;
        if (c.argc() == 3) {
            if (c.args.is(2, "RESET")) {
                acl(c).log().reset();
                c.out.simple("OK");
                return;
            }
            byte[] v = c.arg(2);
            if (!Numbers.isLong(v)) throw Errors.notInteger();
            count = Numbers.parseLong(v);
        }
        List<AclLog.Entry> entries = acl(c).log().latest(Math.max(0, count));
        c.out.array(entries.size());
        for (AclLog.Entry e : entries) {
            c.out.map(10);
            c.out.bulk("count");
            c.out.integer(e.count);
            c.out.bulk("reason");
            c.out.bulk(e.reason);
            c.out.bulk("context");
            c.out.bulk(e.context);
            c.out.bulk("object");
            c.out.bulk(e.object);
            c.out.bulk("username");
            c.out.bulk(e.username);
            c.out.bulk("age-seconds");
            c.out.doubleValue(Math.max(0, c.now - e.updatedMillis) / 1000.0);
            c.out.bulk("client-info");
            c.out.bulk(e.clientInfo);
            c.out.bulk("entry-id");
            c.out.integer(e.id);
            c.out.bulk("timestamp-created");
            c.out.integer(e.createdMillis);
            c.out.bulk("timestamp-last-updated");
            c.out.integer(e.updatedMillis);
        }
    }
}
