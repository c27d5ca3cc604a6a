package io.ferrite.core.acl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a user may do, as one immutable snapshot: on/off, passwords (SHA-256, hex), the root {@link Selector} and
 * the additional selectors. ACL SETUSER builds a new one through an {@link Editor} (all rules or none) and swaps it
 * in, so a command checks a consistent set without locking.
 */
public final class Permissions {
    private static final HexFormat HEX = HexFormat.of();

    final boolean enabled;
    final boolean nopass;
    /** 0: neither flag, 1: sanitize-payload, 2: skip-sanitize-payload. */
    final int sanitize;
    final List<String> passwords;
    final Selector root;
    final List<Selector> selectors;
    /** Every command, key and channel: the dispatcher skips all checks. */
    final boolean unrestricted;

    private Permissions(Editor e) {
        this.enabled = e.enabled;
        this.nopass = e.nopass;
        this.sanitize = e.sanitize;
        this.passwords = List.copyOf(e.passwords);
        this.root = e.root.build();
        this.selectors = List.copyOf(e.selectors);
        this.unrestricted = root.unrestricted;
    }

    /** A new user's permissions: off, no password, no commands, keys or channels. */
    static Permissions none(CommandCatalog catalog) {
        return new Editor(catalog).build();
    }

    public boolean enabled() { return enabled; }
    public boolean nopass() { return nopass; }
    public boolean unrestricted() { return unrestricted; }

    /** Whether the root permissions or a selector allow a channel ({@code literal}: a pattern subscription). */
    boolean canAccessChannel(byte[] channel, boolean literal) {
        if (root.canAccessChannel(channel, literal)) return true;
        for (Selector s : selectors) if (s.canAccessChannel(channel, literal)) return true;
        return false;
    }

    /**
     * Whether the command may read any key, even ones its arguments do not name (SORT's BY and GET patterns):
     * the root permissions or a selector that allows the command reads every key.
     */
    public boolean readsAnyKey(io.ferrite.core.command.CommandSpec spec) {
        if (root.canRun(spec) && root.readsAllKeys()) return true;
        for (Selector s : selectors) if (s.canRun(spec) && s.readsAllKeys()) return true;
        return false;
    }

    /** Whether every channel is allowed (no subscription can be out of bounds). */
    boolean allChannels() {
        if (root.allChannels) return true;
        for (Selector s : selectors) if (s.allChannels) return true;
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

    /** ACL LIST's rules after the user name. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (String f : flags()) sb.append(f).append(' ');
        for (String p : passwords) sb.append('#').append(p).append(' ');
        sb.append(root.describe());
        for (Selector s : selectors) sb.append(" (").append(s.describe()).append(')');
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
        private final Selector.Editor root;
        private final List<Selector> selectors = new ArrayList<>();
        private boolean pubsubDefaultAll;

        private Editor(CommandCatalog catalog) {
            this.catalog = catalog;
            this.root = new Selector.Editor(catalog);
        }

        private Editor(CommandCatalog catalog, Permissions p) {
            this.catalog = catalog;
            enabled = p.enabled;
            nopass = p.nopass;
            sanitize = p.sanitize;
            passwords.addAll(p.passwords);
            root = p.root.edit(catalog);
            selectors.addAll(p.selectors);
        }

        /** {@code acl-pubsub-default}: whether {@code reset} leaves every channel allowed. */
        void pubsubDefaultAll(boolean all) {
            this.pubsubDefaultAll = all;
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
            switch (rule.toLowerCase(Locale.ROOT)) {
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
                case "clearselectors" -> selectors.clear();
                case "reset" -> {
                    nopass = false;
                    passwords.clear();
                    root.reset();
                    if (pubsubDefaultAll) root.apply("allchannels".getBytes(StandardCharsets.US_ASCII));
                    selectors.clear();
                    enabled = false;
                    sanitize = 1;
                }
                default -> {
                    return applyOther(rule, raw);
                }
            }
            return null;
        }

        private String applyOther(String rule, byte[] raw) {
            if (raw.length == 0) return Selector.Editor.SYNTAX;
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
                case '(' -> {
                    return addSelector(raw);
                }
                default -> {
                    return root.apply(raw);
                }
            }
        }

        /** {@code (rule rule ...)}: a selector built from no permissions, words split on spaces. */
        private String addSelector(byte[] raw) {
            if (raw[raw.length - 1] != ')') return Selector.Editor.SYNTAX;
            Selector.Editor s = new Selector.Editor(catalog);
            String inner = new String(raw, 1, raw.length - 2, StandardCharsets.UTF_8);
            for (String word : inner.trim().split(" +")) {
                if (word.isEmpty()) continue;
                String why = s.apply(word.getBytes(StandardCharsets.UTF_8));
                if (why != null) return why;
            }
            selectors.add(s.build());
            return null;
        }

        private void addPassword(String hash) {
            nopass = false;
            if (!passwords.contains(hash)) passwords.add(hash);
        }

        private static boolean validHash(String hash) {
            if (hash.length() != 64) return false;
            for (int i = 0; i < 64; i++) {
                char c = hash.charAt(i);
                if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
            }
            return true;
        }

        private static final String NO_SUCH_PASSWORD =
                "The password you are trying to remove from the user does not exist";
        private static final String BAD_HASH =
                "The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters";
    }
}
