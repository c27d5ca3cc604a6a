package io.ferrite.core.acl;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.Glob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One set of command, key and channel permissions: a user's root permissions, or one of its selectors
 * ({@code (+get ~k*)}), which allow a command line only as a whole. Immutable; built by an {@link Editor}.
 *
 * <p>Command rules are kept as Redis 7.2 keeps them: the base ({@code +@all} or {@code -@all}) and the ordered
 * rules after it, each dropped when a later rule covers the same commands and skipped when it changes nothing, so
 * ACL LIST shows a short list that rebuilds the same permissions.
 */
final class Selector {
    /**
     * A command rule as written ({@code +get}, {@code -@string}) and the command ids it covers; {@code firstArg}
     * non-null for {@code +select|0}, which allows the command with that first argument only.
     */
    private record CommandRule(String text, boolean allow, BitSet ids, String firstArg) {}

    private final boolean allCommandsBase;
    private final List<CommandRule> commandRules;
    private final BitSet allowed;
    /** Command id to the first arguments its {@code +cmd|arg} rules allow; only for commands not allowed whole. */
    private final java.util.Map<Integer, List<String>> firstArgs;
    final boolean allKeys;
    final List<KeyPattern> keys;
    final boolean allChannels;
    final List<byte[]> channels;
    /** Every command, key and channel. */
    final boolean unrestricted;

    private Selector(Editor e) {
        this.allCommandsBase = e.allCommandsBase;
        this.commandRules = List.copyOf(e.commandRules);
        this.allowed = e.replay();
        this.firstArgs = e.firstArgs();
        this.allKeys = e.allKeys;
        this.keys = List.copyOf(e.keys);
        this.allChannels = e.allChannels;
        this.channels = List.copyOf(e.channels);
        this.unrestricted = allKeys && allChannels && allowed.cardinality() == e.catalog.size();
    }

    boolean canRun(CommandSpec spec) {
        return allowed.get(spec.aclId());
    }

    private boolean canRun(CommandSpec spec, Args args) {
        if (canRun(spec)) return true;
        List<String> args1 = firstArgs.get(spec.aclId());
        if (args1 == null || args.count() < 2) return false;
        String first = args.string(1);
        for (String a : args1) if (a.equalsIgnoreCase(first)) return true;
        return false;
    }

    /** Whether {@code key} may be read ({@code read}) and/or written ({@code write}). */
    boolean canAccessKey(byte[] key, boolean read, boolean write) {
        if (allKeys) return true;
        for (KeyPattern p : keys) {
            if ((!read || p.read()) && (!write || p.write()) && Glob.matches(p.pattern(), key, false)) return true;
        }
        return false;
    }

    /** Whether a channel may be used; {@code literal}: a PSUBSCRIBE pattern, which must be one of the patterns. */
    boolean canAccessChannel(byte[] channel, boolean literal) {
        if (allChannels) return true;
        for (byte[] p : channels) {
            if (literal ? Arrays.equals(p, channel) : Glob.matches(p, channel, false)) return true;
        }
        return false;
    }

    /**
     * Null if this selector allows the command line, else why not: the command, then every key its key specs name
     * with the access {@link KeyAccess} gives, then the channels of the publishing and subscribing commands.
     */
    AclCheck.Denial check(CommandSpec spec, Args args) {
        if (unrestricted) return null;
        if (!canRun(spec, args)) return new AclCheck.Denial("command", spec.fullName(), 0);
        if (!allKeys && (spec.firstKey() > 0 || spec.keyFinder() != null)) {
            int[] idx = new int[args.count()];
            int n = keyIndices(spec, args, idx);
            for (int i = 0; i < n; i++) {
                byte[] key = args.bytes(idx[i]);
                int access = KeyAccess.of(spec, args, i);
                if (!canAccessKey(key, (access & KeyAccess.READ) != 0, (access & KeyAccess.WRITE) != 0)) {
                    return new AclCheck.Denial("key", text(key), idx[i]);
                }
            }
        }
        return allChannels ? null : checkChannels(spec, args);
    }

    /**
     * The key positions; when a key finder gives up (SORT with a BY pattern locks everything), the fixed positions
     * COMMAND INFO declares, so the keys named in the arguments are still checked.
     */
    private static int keyIndices(CommandSpec spec, Args args, int[] idx) {
        int n = spec.keyIndices(args, idx);
        if (n >= 0 || spec.firstKey() <= 0) return Math.max(n, 0);
        int last = spec.lastKey() < 0 ? args.count() + spec.lastKey() : spec.lastKey();
        n = 0;
        for (int i = spec.firstKey(); i <= last && i < args.count(); i += Math.max(1, spec.keyStep())) idx[n++] = i;
        return n;
    }

    /** Whether every key may be read: {@code allkeys}, or a read pattern {@code *}. */
    boolean readsAllKeys() {
        if (allKeys) return true;
        for (KeyPattern p : keys) if (p.read() && p.pattern().length == 1 && p.pattern()[0] == '*') return true;
        return false;
    }

    private AclCheck.Denial checkChannels(CommandSpec spec, Args args) {
        int to;
        boolean literal = false;
        switch (spec.fullName()) {
            case "publish", "spublish" -> to = Math.min(2, args.count());
            case "subscribe", "ssubscribe" -> to = args.count();
            case "psubscribe" -> {
                to = args.count();
                literal = true;
            }
            default -> {
                return null;
            }
        }
        for (int i = 1; i < to; i++) {
            byte[] channel = args.bytes(i);
            if (!canAccessChannel(channel, literal)) return new AclCheck.Denial("channel", text(channel), i);
        }
        return null;
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
        for (byte[] p : channels) sb.append(sb.length() == 0 ? "&" : " &").append(text(p));
        return sb.toString();
    }

    /** ACL LIST's form: keys, channels, commands. */
    String describe() {
        StringBuilder sb = new StringBuilder();
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

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A mutable copy that rules apply to one by one; {@link #build} freezes it. */
    static final class Editor {
        private final CommandCatalog catalog;
        private boolean allCommandsBase;
        private final List<CommandRule> commandRules = new ArrayList<>();
        private boolean allKeys;
        private final List<KeyPattern> keys = new ArrayList<>();
        private boolean allChannels;
        private final List<byte[]> channels = new ArrayList<>();

        /** No commands, keys or channels. */
        Editor(CommandCatalog catalog) {
            this.catalog = catalog;
        }

        private Editor(CommandCatalog catalog, Selector s) {
            this.catalog = catalog;
            allCommandsBase = s.allCommandsBase;
            commandRules.addAll(s.commandRules);
            allKeys = s.allKeys;
            keys.addAll(s.keys);
            allChannels = s.allChannels;
            channels.addAll(s.channels);
        }

        Selector build() {
            return new Selector(this);
        }

        /**
         * Applies a command, key or channel rule; returns null, or why it is refused (the text after
         * {@code modifier '...': }). Rules of another kind are a syntax error here.
         */
        String apply(byte[] raw) {
            String rule = text(raw);
            switch (rule.toLowerCase(Locale.ROOT)) {
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
                default -> {
                    return applyPatterned(rule, raw);
                }
            }
            return null;
        }

        /** {@code reset}'s part: no keys, channels or commands. */
        void reset() {
            allKeys = false;
            keys.clear();
            allChannels = false;
            channels.clear();
            base(false);
        }

        private String applyPatterned(String rule, byte[] raw) {
            if (raw.length == 0) return SYNTAX;
            switch (raw[0]) {
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
                    return addKeys(Arrays.copyOfRange(raw, tilde + 1, raw.length), read, write);
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
            String name = rule.substring(1).toLowerCase(Locale.ROOT);
            BitSet ids = name.startsWith("@") ? catalog.category(name.substring(1)) : catalog.command(name);
            if (ids == null) return firstArgRule(rule, allow);
            commandRules.removeIf(r -> covers(ids, r));
            BitSet now = replay();
            BitSet changed = (BitSet) ids.clone();
            if (allow) changed.andNot(now);
            else changed.and(now);
            if (!changed.isEmpty()) commandRules.add(new CommandRule((allow ? "+" : "-") + name, allow, ids, null));
            return null;
        }

        /** {@code +select|0}: a command without subcommands, allowed with this first argument only. */
        private String firstArgRule(String rule, boolean allow) {
            String body = rule.substring(1);
            int bar = body.indexOf('|');
            if (bar < 0 || !allow) return UNKNOWN_COMMAND;
            String command = body.substring(0, bar).toLowerCase(Locale.ROOT);
            String arg = body.substring(bar + 1);
            BitSet ids = catalog.command(command);
            if (ids == null) return UNKNOWN_COMMAND;
            if (ids.cardinality() > 1) {
                // A container: client|list|x would be first arguments of a subcommand.
                String[] parts = arg.split("\\|", 2);
                boolean sub = parts.length == 2 && catalog.command(command + "|" + parts[0]) != null;
                return sub ? "Allowing first-arg of a subcommand is not supported" : UNKNOWN_COMMAND;
            }
            if (arg.isEmpty()) return SYNTAX;
            if (replay().intersects(ids)) return null;
            String text = "+" + command + "|" + arg;
            commandRules.removeIf(r -> r.firstArg() != null && r.text().equalsIgnoreCase(text));
            commandRules.add(new CommandRule(text, true, ids, arg));
            return null;
        }

        private static boolean covers(BitSet ids, CommandRule r) {
            BitSet covered = (BitSet) r.ids().clone();
            covered.andNot(ids);
            return covered.isEmpty();
        }

        java.util.Map<Integer, List<String>> firstArgs() {
            java.util.Map<Integer, List<String>> out = new java.util.HashMap<>();
            for (CommandRule r : commandRules) {
                if (r.firstArg() == null) continue;
                out.computeIfAbsent(r.ids().nextSetBit(0), k -> new ArrayList<>()).add(r.firstArg());
            }
            return out;
        }

        BitSet replay() {
            BitSet bits = new BitSet(catalog.size());
            if (allCommandsBase) bits.set(0, catalog.size());
            for (CommandRule r : commandRules) {
                if (r.firstArg() != null) continue;
                if (r.allow()) bits.or(r.ids());
                else bits.andNot(r.ids());
            }
            return bits;
        }

        static final String SYNTAX = "Syntax error";
        private static final String UNKNOWN_COMMAND = "Unknown command or category name in ACL";
        private static final String AFTER_ALL_KEYS = "Adding a pattern after the * pattern (or the 'allkeys' flag) is "
                + "not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns";
        private static final String AFTER_ALL_CHANNELS = "Adding a pattern after the * pattern (or the 'allchannels' "
                + "flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list "
                + "of channels";
    }
}
