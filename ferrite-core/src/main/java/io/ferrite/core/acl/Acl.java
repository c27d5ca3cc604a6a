package io.ferrite.core.acl;

import io.ferrite.core.command.CommandTable;
import io.ferrite.core.config.Config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's users, by name. {@code default} always exists; it starts with every permission and no password,
 * and {@code requirepass} sets its password (as Redis's CONFIG SET requirepass does). Changes are serialized on
 * this object; sessions read a user's permissions without locking.
 */
public final class Acl {
    public static final String DEFAULT = "default";

    private final CommandCatalog catalog;
    private final Map<String, User> users = new TreeMap<>();
    private final User defaultUser;
    private final AclLog log;
    private final Config config;

    public Acl(CommandTable table, Config config) {
        this.catalog = new CommandCatalog(table);
        this.config = config;
        this.log = new AclLog(() -> config.acllogMaxLen);
        Permissions.Editor e = Permissions.none(catalog).edit(catalog);
        for (String rule : List.of("on", "nopass", "~*", "&*", "+@all")) e.apply(bytes(rule));
        this.defaultUser = new User(DEFAULT, e.build());
        users.put(DEFAULT, defaultUser);
    }

    public User defaultUser() { return defaultUser; }
    public AclLog log() { return log; }
    CommandCatalog catalog() { return catalog; }

    public synchronized User user(String name) {
        return users.get(name);
    }

    synchronized List<User> users() {
        return new ArrayList<>(users.values());
    }

    /**
     * Applies {@code rules} to the user (created if new) all or nothing; returns null or Redis's error text.
     */
    public synchronized String setUser(String name, List<byte[]> rules) {
        List<byte[]> merged = new ArrayList<>();
        String unmatched = mergeSelectors(rules, merged);
        if (unmatched != null) return "ERR Unmatched parenthesis in acl selector starting at '" + unmatched + "'.";
        User existing = users.get(name);
        Permissions.Editor e = (existing == null ? Permissions.none(catalog) : existing.permissions()).edit(catalog);
        e.pubsubDefaultAll(config.aclPubsubDefaultAll);
        if (existing == null && config.aclPubsubDefaultAll) e.apply(bytes("allchannels"));
        for (byte[] rule : merged) {
            String why = e.apply(rule);
            if (why != null) {
                return "ERR Error in ACL SETUSER modifier '" + new String(rule, StandardCharsets.UTF_8) + "': " + why;
            }
        }
        if (existing == null) users.put(name, new User(name, e.build()));
        else existing.permissions(e.build());
        return null;
    }

    /**
     * Joins a selector written over several arguments ({@code "(+get" "~k*)"}) into one, words separated by a
     * space, as Redis does; returns the argument that opens a selector never closed, or null.
     */
    private static String mergeSelectors(List<byte[]> rules, List<byte[]> out) {
        java.io.ByteArrayOutputStream open = null;
        byte[] opener = null;
        for (byte[] rule : rules) {
            boolean closes = rule.length > 0 && rule[rule.length - 1] == ')';
            if (open == null) {
                if (rule.length > 0 && rule[0] == '(' && !closes) {
                    open = new java.io.ByteArrayOutputStream();
                    open.writeBytes(rule);
                    opener = rule;
                } else {
                    out.add(rule);
                }
            } else {
                open.write(' ');
                open.writeBytes(rule);
                if (closes) {
                    out.add(open.toByteArray());
                    open = null;
                }
            }
        }
        return open == null ? null : new String(opener, StandardCharsets.UTF_8);
    }

    /**
     * Removes the user; null if there was none. The caller disconnects its network sessions; a session that cannot
     * be disconnected (embedded) keeps the user with no permissions until it authenticates again.
     */
    synchronized User delete(String name) {
        User u = users.remove(name);
        if (u != null) {
            u.permissions(Permissions.none(catalog));
            u.markDeleted();
        }
        return u;
    }

    /**
     * The user {@code name} opens with {@code password}, or null (unknown, disabled or wrong password: Redis does
     * not tell them apart).
     */
    public User authenticate(byte[] name, byte[] password) {
        User u = user(new String(name, StandardCharsets.UTF_8));
        if (u == null) return null;
        Permissions p = u.permissions();
        return p.enabled && p.accepts(password) ? u : null;
    }

    /** Whether a new connection starts authenticated: the default user is on and needs no password. */
    public boolean defaultOpen() {
        Permissions p = defaultUser.permissions();
        return p.enabled && p.nopass;
    }

    /** CONFIG SET requirepass: the default user's password becomes it, or nopass when empty. */
    public void requirepass(String password) {
        List<byte[]> rules = password.isEmpty() ? List.of(bytes("nopass"))
                : List.of(bytes("resetpass"), (">" + password).getBytes(StandardCharsets.UTF_8));
        setUser(DEFAULT, rules);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** ACL LIST: one {@code user <name> <rules>} line per user, as CONFIG REWRITE also writes them. */
    public List<String> listLines() {
        List<String> lines = new ArrayList<>();
        for (User u : users()) lines.add("user " + u.name() + " " + u.permissions().describe());
        return lines;
    }
}
