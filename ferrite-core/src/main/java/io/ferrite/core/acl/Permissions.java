package io.ferrite.core.acl;

import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.Glob;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

/**
 * What a user may do, as one immutable snapshot: ACL SETUSER builds a new one through an {@link Editor} (all rules or
 * none) and swaps it in, so a command checks a consistent set without locking.
 *
 * <p>Command rules are kept as Redis 7.2 keeps them: the base ({@code +@all} or {@code -@all}) and the ordered
 * rules after it, each dropped when a later rule covers the same commands and skipped when it changes nothing, so
 * ACL LIST shows a short list that rebuilds the same permissions.
 */
public final class Permissions {
    private static final HexFormat HEX = HexFormat.of();

    /** A command rule as written ({@code +get}, {@code -@string}) and the command ids it covers. */
    private record CommandRule(String text, boolean allow, BitSet ids) {}

    final boolean enabled;
    final boolean nopass;
    /** 0: neither flag, 1: sanitize-payload, 2: skip-sanitize-payload. */
    final int sanitize;
    final List<String> passwords;
    final boolean allCommandsBase;
    private final List<CommandRule> commandRules;
    private final BitSet allowed;
    final boolean allKeys;
    final List<KeyPattern> keys;
    final boolean allChannels;
    final List<byte[]> channels;
    /** Every command, key and channel: the dispatcher skips all checks. */
    final boolean unrestricted;

    private Permissions(Editor e) {
        this.enabled = e.enabled;
        this.nopass = e.nopass;
        this.sanitize = e.sanitize;
        this.passwords = List.copyOf(e.passwords);
        this.allCommandsBase = e.allCommandsBase;
        this.commandRules = List.copyOf(e.commandRules);
        this.allowed = e.replay();
        this.allKeys = e.allKeys;
        this.keys = List.copyOf(e.keys);
        this.allChannels = e.allChannels;
        this.channels = List.copyOf(e.channels);
        this.unrestricted = allKeys && allChannels && allowed.cardinality() == e.catalog.size();
    }

    /** A new user's permissions: off, no password, no commands, keys or channels. */
    static Permissions none(CommandCatalog catalog) {
        return new Editor(catalog).build();
    }

    public boolean enabled() { return enabled; }
    public boolean nopass() { return nopass; }
    public boolean unrestricted() { return unrestricted; }

    public boolean canRun(CommandSpec spec) {
        return allowed.get(spec.aclId());
    }

    /** Whether {@code key} may be read ({@code read}) and/or written ({@code write}). */
    public boolean canAccessKey(byte[] key, boolean read, boolean write) {
        if (allKeys) return true;
        for (KeyPattern p : keys) {
            if ((!read || p.read()) && (!write || p.write()) && Glob.matches(p.pattern(), key, false)) return true;
        }
        return false;
    }

    /** Whether a channel may be used; {@code literal}: a PSUBSCRIBE pattern, which must be one of the patterns. */
    public boolean canAccessChannel(byte[] channel, boolean literal) {
        if (allChannels) return true;
        for (byte[] p : channels) {
            if (literal ? Arrays.equals(p, channel) : Glob.matches(p, channel, false)) return true;
        }
        return false;
    }

    /** Whether {@code password} opens this user: nopass, or its SHA-256 is one of the hashes. */
    boolean accepts(byte[] password) {
        if (nopass) return true;
        byte[] hash = HEX.formatHex(sha256(password)).getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (String p : passwords) found |= MessageDigest.isEqual(p.getBytes(StandardCharsets.US_ASCII), hash);
        return found;
    }

    /** GETUSER's flags: on/off, nopass, the payload sanitizing flag. */
    List<String> flags() {
        List<String> f = new ArrayList<>();
        f.add(enabled ? "on" : "off");
        if (nopass) f.add("nopass");
        if (sanitize == 2) f.add("skip-sanitize-payload");
        if (sanitize == 1) f.add("sanitize-payload");
        return f;
    }

    String commandsDescription() {
        StringBuilder sb = new StringBuilder(allCommandsBase ? "+@all" : "-@all");
        for (CommandRule r : commandRules) sb.append(' ').append(r.text());
        return sb.toString();
    }

    String keysDescription() {
        if (allKeys) return "~*";
        StringBuilder sb = new StringBuilder();
        for (KeyPattern p : keys) sb.append(sb.length() == 0 ? "" : " ").append(p.rule());
        return sb.toString();
    }

    String channelsDescription() {
        if (allChannels) return "&*";
        StringBuilder sb = new StringBuilder();
        for (byte[] p : channels) sb.append(sb.length() == 0 ? "&" : " &").append(new String(p, StandardCharsets.UTF_8));
        return sb.toString();
    }

    /** ACL LIST's rules after the user name. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (String f : flags()) sb.append(f).append(' ');
        for (String p : passwords) sb.append('#').append(p).append(' ');
        String keys = keysDescription();
        if (!keys.isEmpty()) sb.append(keys).append(' ');
        if (allChannels) sb.append("&* ");
        else if (channels.isEmpty()) sb.append("resetchannels ");
        else sb.append("resetchannels ").append(channelsDescription()).append(' ');
        sb.append(commandsDescription());
        return sb.toString();
    }

    Editor edit(CommandCatalog catalog) {
        return new Editor(catalog, this);
    }

    static byte[] sha256(byte[] password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A mutable copy that ACL SETUSER applies its rules to, one by one; {@link #build} freezes it. */
    static final class Editor {
        private final CommandCatalog catalog;
        private boolean enabled;
        private boolean nopass;
        private int sanitize;
        private final List<String> passwords = new ArrayList<>();
        private boolean allCommandsBase;
        private final List<CommandRule> commandRules = new ArrayList<>();
        private boolean allKeys;
        private final List<KeyPattern> keys = new ArrayList<>();
        private boolean allChannels;
        private final List<byte[]> channels = new ArrayList<>();

        private Editor(CommandCatalog catalog) {
            this.catalog = catalog;
        }

        private Editor(CommandCatalog catalog, Permissions p) {
            this.catalog = catalog;
            enabled = p.enabled;
            nopass = p.nopass;
            sanitize = p.sanitize;
            passwords.addAll(p.passwords);
            allCommandsBase = p.allCommandsBase;
            commandRules.addAll(p.commandRules);
            allKeys = p.allKeys;
            keys.addAll(p.keys);
            allChannels = p.allChannels;
            channels.addAll(p.channels);
        }

        Permissions build() {
            return new Permissions(this);
        }

        /**
         * Applies one rule; returns null, or why it is refused (the text after {@code modifier '...': }).
         * A refused rule changes nothing.
         */
        String apply(byte[] raw) {
            String rule = new String(raw, StandardCharsets.UTF_8);
            String lower = rule.toLowerCase(java.util.Locale.ROOT);
            switch (lower) {
                case "on" -> enabled = true;
                case "off" -> enabled = false;
                case "nopass" -> {
                    nopass = true;
                    passwords.clear();
                }
                case "resetpass" -> {
                    nopass = false;
                    passwords.clear();
                }
                case "sanitize-payload" -> sanitize = 1;
                case "skip-sanitize-payload" -> sanitize = 2;
                case "allkeys" -> allKeys();
                case "resetkeys" -> {
                    allKeys = false;
                    keys.clear();
                }
                case "allchannels" -> allChannels();
                case "resetchannels" -> {
                    allChannels = false;
                    channels.clear();
                }
                case "allcommands", "+@all" -> base(true);
                case "nocommands", "-@all" -> base(false);
                case "reset" -> {
                    nopass = false;
                    passwords.clear();
                    allKeys = false;
                    keys.clear();
                    allChannels = false;
                    channels.clear();
                    enabled = false;
                    sanitize = 1;
                    base(false);
                }
                default -> {
                    return applyPatterned(rule, raw);
                }
            }
            return null;
        }

        private String applyPatterned(String rule, byte[] raw) {
            if (raw.length == 0) return SYNTAX;
            switch (raw[0]) {
                case '>' -> {
                    addPassword(HEX.formatHex(sha256(Arrays.copyOfRange(raw, 1, raw.length))));
                    return null;
                }
                case '#' -> {
                    String hash = rule.substring(1);
                    if (!validHash(hash)) return BAD_HASH;
                    addPassword(hash);
                    return null;
                }
                case '<' -> {
                    String hash = HEX.formatHex(sha256(Arrays.copyOfRange(raw, 1, raw.length)));
                    return passwords.remove(hash) ? null : NO_SUCH_PASSWORD;
                }
                case '!' -> {
                    String hash = rule.substring(1);
                    if (!validHash(hash)) return BAD_HASH;
                    return passwords.remove(hash) ? null : NO_SUCH_PASSWORD;
                }
                case '~' -> {
                    return addKeys(Arrays.copyOfRange(raw, 1, raw.length), true, true);
                }
                case '%' -> {
                    int tilde = rule.indexOf('~');
                    if (tilde < 2) return SYNTAX;
                    boolean read = false;
                    boolean write = false;
                    for (int i = 1; i < tilde; i++) {
                        char c = Character.toUpperCase(rule.charAt(i));
                        if (c == 'R') read = true;
                        else if (c == 'W') write = true;
                        else return SYNTAX;
                    }
                    int start = rule.substring(0, tilde + 1).getBytes(StandardCharsets.UTF_8).length;
                    return addKeys(Arrays.copyOfRange(raw, start, raw.length), read, write);
                }
                case '&' -> {
                    byte[] p = Arrays.copyOfRange(raw, 1, raw.length);
                    if (p.length == 1 && p[0] == '*') {
                        allChannels();
                    } else if (allChannels) {
                        return AFTER_ALL_CHANNELS;
                    } else if (channels.stream().noneMatch(c -> Arrays.equals(c, p))) {
                        channels.add(p);
                    }
                    return null;
                }
                case '+', '-' -> {
                    return commandRule(rule);
                }
                default -> {
                    return SYNTAX;
                }
            }
        }

        private void addPassword(String hash) {
            nopass = false;
            if (!passwords.contains(hash)) passwords.add(hash);
        }

        private String addKeys(byte[] pattern, boolean read, boolean write) {
            if (read && write && pattern.length == 1 && pattern[0] == '*') {
                allKeys();
                return null;
            }
            if (allKeys) return AFTER_ALL_KEYS;
            for (int i = 0; i < keys.size(); i++) {
                KeyPattern k = keys.get(i);
                if (Arrays.equals(k.pattern(), pattern)) {
                    keys.set(i, new KeyPattern(pattern, k.read() || read, k.write() || write));
                    return null;
                }
            }
            keys.add(new KeyPattern(pattern, read, write));
            return null;
        }

        private void allKeys() {
            allKeys = true;
            keys.clear();
        }

        private void allChannels() {
            allChannels = true;
            channels.clear();
        }

        private void base(boolean all) {
            allCommandsBase = all;
            commandRules.clear();
        }

        private String commandRule(String rule) {
            boolean allow = rule.charAt(0) == '+';
            String name = rule.substring(1).toLowerCase(java.util.Locale.ROOT);
            BitSet ids = name.startsWith("@") ? catalog.category(name.substring(1)) : catalog.command(name);
            if (ids == null) return UNKNOWN_COMMAND;
            commandRules.removeIf(r -> {
                BitSet covered = (BitSet) r.ids().clone();
                covered.andNot(ids);
                return covered.isEmpty();
            });
            BitSet now = replay();
            BitSet changed = (BitSet) ids.clone();
            if (allow) changed.andNot(now);
            else changed.and(now);
            if (!changed.isEmpty()) commandRules.add(new CommandRule((allow ? "+" : "-") + name, allow, ids));
            return null;
        }

        BitSet replay() {
            BitSet bits = new BitSet(catalog.size());
            if (allCommandsBase) bits.set(0, catalog.size());
            for (CommandRule r : commandRules) {
                if (r.allow()) bits.or(r.ids());
                else bits.andNot(r.ids());
            }
            return bits;
        }

        private static boolean validHash(String hash) {
            if (hash.length() != 64) return false;
            for (int i = 0; i < 64; i++) {
                char c = hash.charAt(i);
                if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
            }
            return true;
        }

        private static final String SYNTAX = "Syntax error";
        private static final String UNKNOWN_COMMAND = "Unknown command or category name in ACL";
        private static final String NO_SUCH_PASSWORD =
                "The password you are trying to remove from the user does not exist";
        private static final String BAD_HASH =
                "The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters";
        private static final String AFTER_ALL_KEYS = "Adding a pattern after the * pattern (or the 'allkeys' flag) is "
                + "not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns";
        private static final String AFTER_ALL_CHANNELS = "Adding a pattern after the * pattern (or the 'allchannels' "
                + "flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list "
                + "of channels";
    }
}
