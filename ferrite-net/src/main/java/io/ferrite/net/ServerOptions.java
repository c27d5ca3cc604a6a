package io.ferrite.net;

import io.ferrite.core.config.Config;
import io.ferrite.core.config.ConfigTable;
import io.ferrite.core.keyspace.EvictionPolicy;
import io.ferrite.core.resp.InlineSplitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The launcher's configuration, read as redis-server reads it: an optional redis.conf file, then
 * {@code --directive value ...} arguments appended as further lines. Directives carry redis-server's names;
 * one this server does not know (or a value it cannot take) is an error, never silently ignored.
 */
final class ServerOptions {
    /** Values the engine is built with; the rest go to its {@link Config} once built. */
    int databases = 16;
    /** Event loops serving connections ({@code io-threads}); 0: {@link FerriteServer#defaultLoops()}. */
    int loops;
    /** Ferrite's own directive {@code jit-warmup yes|no}: see {@link Warmup}. */
    boolean jitWarmup = true;
    /**
     * Ferrite's own directive {@code busy-poll <microseconds>} ({@link FerriteServer.Builder#busyPoll}): 50 by
     * default for the standalone server, which is meant to have its cores to itself; 0 turns polling off.
     */
    int busyPollMicros = 50;

    Duration busyPoll() {
        return Duration.ofNanos(busyPollMicros * 1000L);
    }
    private final List<BiConsumer<Config, ServerOptions>> settings = new ArrayList<>();
    /** Parameters the engine's builder takes by name: {@code save}, {@code dir} and every other engine parameter. */
    final Map<String, String> engineSettings = new LinkedHashMap<>();
    /** The configuration file named first on the command line, if any (CONFIG REWRITE rewrites it). */
    Path configFile;
    private boolean saveSeen;

    /** A directive's effect on the configuration; throws {@link IllegalArgumentException} for a bad value. */
    private interface Directive {
        void apply(ServerOptions o, List<String> values);
    }

    private static final Map<String, Directive> DIRECTIVES = Map.ofEntries(
            Map.entry("port", one((o, v) -> {
                int p = intIn(v, 0, 65535);
                o.set((c, x) -> c.port = p);
            })),
            Map.entry("bind", (o, values) -> {
                if (values.isEmpty()) throw new IllegalArgumentException("wrong number of arguments");
                // redis.conf's "-" prefix marks an address that may be unavailable; one listener address is served.
                String first = values.get(0).startsWith("-") ? values.get(0).substring(1) : values.get(0);
                o.set((c, x) -> c.bind = first);
            }),
            Map.entry("maxclients", one((o, v) -> {
                int n = intIn(v, 1, Integer.MAX_VALUE);
                o.set((c, x) -> c.maxclients = n);
            })),
            Map.entry("requirepass", one((o, v) -> o.set((c, x) -> c.requirepass = v))),
            Map.entry("timeout", one((o, v) -> {
                int n = intIn(v, 0, Integer.MAX_VALUE);
                o.set((c, x) -> c.timeout = n);
            })),
            Map.entry("tcp-keepalive", one((o, v) -> {
                int n = intIn(v, 0, Integer.MAX_VALUE);
                o.set((c, x) -> c.tcpKeepalive = n);
            })),
            Map.entry("databases", one((o, v) -> o.databases = intIn(v, 1, Integer.MAX_VALUE))),
            // Redis's threads that serve connections; here the event loops, which also execute the commands. One
            // loop serialises every command as Redis does and is fastest when one key takes all the writes.
            Map.entry("io-threads", one((o, v) -> o.loops = intIn(v, 1, 128))),
            Map.entry("jit-warmup", one((o, v) -> o.jitWarmup = yesNo(v))),
            Map.entry("busy-poll", one((o, v) -> o.busyPollMicros = intIn(v, 0, 1_000_000))),
            Map.entry("protected-mode", one((o, v) -> {
                boolean b = yesNo(v);
                o.set((c, x) -> c.protectedMode = b);
            })),
            Map.entry("proto-max-bulk-len", one((o, v) -> {
                long n = memory(v);
                if (n < 1024 * 1024) throw new IllegalArgumentException("argument must be a memory value of at least 1mb");
                o.set((c, x) -> c.protoMaxBulkLen = n);
            })),
            Map.entry("client-query-buffer-limit", one((o, v) -> {
                long n = memory(v);
                if (n < 1024 * 1024) throw new IllegalArgumentException("argument must be a memory value of at least 1mb");
                o.set((c, x) -> c.clientQueryBufferLimit = n);
            })),
            Map.entry("maxmemory", one((o, v) -> {
                long n = memory(v);
                o.set((c, x) -> c.maxmemory = n);
            })),
            Map.entry("maxmemory-policy", one((o, v) -> {
                EvictionPolicy p = EvictionPolicy.parse(v.toLowerCase(Locale.ROOT));
                if (p == null) throw new IllegalArgumentException("argument(s) must be one of the following: "
                        + "volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, "
                        + "allkeys-random, noeviction");
                o.set((c, x) -> c.maxmemoryPolicy = p);
            })),
            Map.entry("hz", one((o, v) -> {
                int n = Math.max(1, Math.min(500, intIn(v, 0, Integer.MAX_VALUE)));
                o.set((c, x) -> c.hz = n);
            })),
            // As in redis.conf: the first save line replaces the default rules, later ones add to them, "" clears.
            Map.entry("save", (o, values) -> {
                String rules = String.join(" ", values).strip();
                validate("save", rules);
                String previous = o.saveSeen ? o.engineSettings.getOrDefault("save", "") : "";
                o.saveSeen = true;
                o.engineSettings.put("save", rules.isEmpty() || previous.isEmpty() ? rules : previous + " " + rules);
            }),
            Map.entry("dir", one((o, v) -> {
                Path dir = Path.of(v).toAbsolutePath().normalize();
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("Can't chdir to '" + v + "': No such file or directory");
                }
                o.engineSettings.put("dir", dir.toString());
            })));

    /**
     * The engine's parameters: any of them is also a directive (immutable ones included), its words joined as
     * CONFIG SET takes them, checked as CONFIG would, and applied to the engine's builder by name.
     */
    private static final ConfigTable ENGINE_PARAMETERS = new ConfigTable(new Config(1));

    private static Directive engineParameter(String name) {
        String canonical = ENGINE_PARAMETERS.canonicalName(name);
        return (o, values) -> {
            String value = String.join(" ", values);
            validate(canonical, value);
            // Each client-output-buffer-limit line sets its own classes: the lines add up, in order.
            String previous = o.engineSettings.get(canonical);
            if (canonical.equals("client-output-buffer-limit") && previous != null) value = previous + " " + value;
            o.engineSettings.put(canonical, value);
        };
    }

    /** Checks a value as the engine's CONFIG would; its ConfigException is an IllegalArgumentException with the reason. */
    private static void validate(String name, String value) {
        new ConfigTable(new Config(1)).validate(name, value);
    }

    private void set(BiConsumer<Config, ServerOptions> setting) {
        settings.add(setting);
    }

    /** Applies the parsed directives to a freshly built engine's configuration, in order. */
    void applyTo(Config config) {
        for (BiConsumer<Config, ServerOptions> s : settings) s.accept(config, this);
    }

    /** A configuration problem, worded for the person who started the server. */
    static final class ConfigException extends Exception {
        ConfigException(String message) {
            super(message);
        }
    }

    /** Parses {@code [config-file] [--directive value ...]} as redis-server does. */
    static ServerOptions parse(String[] args) throws ConfigException {
        StringBuilder text = new StringBuilder();
        int i = 0;
        Path configFile = null;
        if (args.length > 0 && !args[0].startsWith("--")) {
            Path file = Path.of(args[0]);
            try {
                text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new ConfigException("Fatal error, can't open config file '" + file + "': " + e.getMessage());
            }
            configFile = file;
            i = 1;
        }
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                if (a.length() == 2) throw new ConfigException("Invalid option '--'");
                if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') text.append('\n');
                text.append(a.substring(2)).append(' ');
            } else {
                if (text.length() == 0 || text.charAt(text.length() - 1) == '\n') {
                    throw new ConfigException("Invalid option '" + a + "': options start with --, e.g. --port 6380");
                }
                text.append(quote(a)).append(' ');
            }
        }
        ServerOptions o = new ServerOptions();
        o.configFile = configFile;
        Map<String, String[]> lastOf = new LinkedHashMap<>();
        String[] lines = text.toString().split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            byte[][] words = InlineSplitter.split(bytes, bytes.length);
            if (words == null) throw fatal(n + 1, line, "Unbalanced quotes in configuration line");
            if (words.length == 0) continue;
            String name = new String(words[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            List<String> values = new ArrayList<>();
            for (int w = 1; w < words.length; w++) values.add(new String(words[w], StandardCharsets.UTF_8));
            if (MUST_END_NO.containsKey(name)) {
                // Only "no" can take effect, but as in redis-server a later line or option may undo an earlier one.
                if (values.size() != 1) throw fatal(n + 1, line, "wrong number of arguments");
                lastOf.put(name, new String[] {Integer.toString(n + 1), line, values.get(0)});
                continue;
            }
            Directive d = DIRECTIVES.get(name);
            if (d == null && ENGINE_PARAMETERS.canonicalName(name) != null) d = engineParameter(name);
            if (d == null) throw fatal(n + 1, line, "Bad directive or wrong number of arguments ('" + name
                    + "' is not a directive this server supports)");
            try {
                d.apply(o, values);
            } catch (IllegalArgumentException e) {
                throw fatal(n + 1, line, e.getMessage());
            }
        }
        for (Map.Entry<String, String[]> e : lastOf.entrySet()) {
            String[] last = e.getValue();
            if (!last[2].equalsIgnoreCase("no")) throw fatal(Integer.parseInt(last[0]), last[1], MUST_END_NO.get(e.getKey()));
        }
        return o;
    }

    /** Directives this server cannot honour unless their final value is {@code no}, with the reason. */
    private static final Map<String, String> MUST_END_NO = Map.of(
            "daemonize", "daemonize yes is not supported",
            "appendonly", "append only files are not supported");

    private static ConfigException fatal(int line, String text, String why) {
        return new ConfigException("\n*** FATAL CONFIG FILE ERROR (Ferrite) ***\nReading the configuration file, at line "
                + line + "\n>>> '" + text + "'\n" + why);
    }

    /** Quotes a command-line value so that the config-line splitter gives it back unchanged. */
    static String quote(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static Directive one(BiConsumer<ServerOptions, String> f) {
        return (o, values) -> {
            if (values.size() != 1) throw new IllegalArgumentException("wrong number of arguments");
            f.accept(o, values.get(0));
        };
    }

    private static int intIn(String v, int min, int max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument couldn't be parsed into an integer");
        }
        if (n < min || n > max) throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
        return (int) n;
    }

    private static boolean yesNo(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("argument must be 'yes' or 'no'");
        };
    }

    /** Redis's memory notation: {@code 100}, {@code 1k} (1000), {@code 1kb} (1024), {@code mb}, {@code gb} ... */
    static long memory(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"},
                {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0) throw new NumberFormatException();
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("argument must be a memory value");
        }
    }
}
