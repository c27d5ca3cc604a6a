package io.ferrite.core.config;

import io.ferrite.core.keyspace.EvictionPolicy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every configuration parameter Ferrite knows, with Redis's name (and legacy alias), type, bounds, default and
 * textual form. CONFIG GET/SET and redis.conf settings ({@link #set}) both go through it, so a value is validated
 * the same way wherever it comes from, with Redis's reasons as messages.
 *
 * <p>Parameters bound to a {@link Config} field change what the engine does; the others (persistence, logging,
 * replication knobs Ferrite has no use for) are validated and stored so that clients and tools reading them see
 * Redis's values. Thread-safe: sets are serialized, reads see volatile fields.
 */
public final class ConfigTable {

    /** A parameter: how to parse a value (throwing the reason), apply it, and show the current one. */
    private record Param(String name, String alias, boolean immutable, Function<String, Object> parser,
                         Consumer<Object> apply, Supplier<String> show) {}

    /** How CONFIG REWRITE writes a parameter's value: as is, in memory units, or as a quoted string. */
    public enum Kind { PLAIN, MEMORY, TEXT }

    private final Config config;
    private final Map<String, Param> byName = new LinkedHashMap<>();
    private final Map<String, Kind> kinds = new java.util.HashMap<>();
    private final Map<String, String> stored = new ConcurrentHashMap<>();

    private volatile Consumer<String> requirepassListener = v -> {};

    private volatile Consumer<String> storedListener = name -> {};

    /** Called with a stored-only parameter's name after each set of it ({@code save} arms snapshot rules). */
    public void onStoredSet(Consumer<String> listener) {
        this.storedListener = listener;
    }

    /** Called with the new {@code requirepass} on every set (the default user's password follows it). */
    public void onRequirepass(Consumer<String> listener) {
        this.requirepassListener = listener;
    }

    public ConfigTable(Config config) {
        this.config = config;
        define();
    }

    public Config config() {
        return config;
    }

    private void define() {
        Config c = config;
        // Bound to the engine.
        string("requirepass", v -> {
            c.requirepass = v;
            requirepassListener.accept(v);
        }, () -> c.requirepass);
        integer("acllog-max-len", null, 0, Long.MAX_VALUE, v -> c.acllogMaxLen = v, () -> c.acllogMaxLen);
        oneOf("acl-pubsub-default", List.of("allchannels", "resetchannels"),
                v -> c.aclPubsubDefaultAll = v.equals("allchannels"),
                () -> c.aclPubsubDefaultAll ? "allchannels" : "resetchannels");
        add(storedParam("aclfile", "", true, v -> v));
        memory("maxmemory", 0, Long.MAX_VALUE, v -> c.maxmemory = v, () -> c.maxmemory);
        List<String> policies = List.of("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
                "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction");
        oneOf("maxmemory-policy", policies, v -> c.maxmemoryPolicy = EvictionPolicy.parse(v),
                () -> c.maxmemoryPolicy.configName());
        integer("maxmemory-samples", null, 1, Integer.MAX_VALUE, v -> c.maxmemorySamples = (int) v, () -> c.maxmemorySamples);
        integer("lfu-log-factor", null, 0, Integer.MAX_VALUE, v -> c.lfuLogFactor = (int) v, () -> c.lfuLogFactor);
        integer("tracking-table-max-keys", null, 0, Long.MAX_VALUE, v -> c.trackingTableMaxKeys = v,
                () -> c.trackingTableMaxKeys);
        integer("lfu-decay-time", null, 0, Integer.MAX_VALUE, v -> c.lfuDecayTime = (int) v, () -> c.lfuDecayTime);
        integer("slowlog-log-slower-than", null, -1, Long.MAX_VALUE, v -> c.slowlogLogSlowerThan = v,
                () -> c.slowlogLogSlowerThan);
        integer("slowlog-max-len", null, 0, Long.MAX_VALUE, v -> c.slowlogMaxLen = v, () -> c.slowlogMaxLen);
        bool("latency-tracking", v -> c.latencyTracking = v, () -> c.latencyTracking);
        add(new Param("enable-debug-command", null, true, v -> parseOneOf(v, PROTECTED_ACTION),
                v -> c.enableDebugCommand = (String) v, () -> c.enableDebugCommand));
        add(new Param("enable-module-command", null, true, v -> parseOneOf(v, PROTECTED_ACTION),
                v -> c.enableModuleCommand = (String) v, () -> c.enableModuleCommand));
        integer("latency-monitor-threshold", null, 0, Long.MAX_VALUE, v -> c.latencyMonitorThreshold = v,
                () -> c.latencyMonitorThreshold);
        add(new Param("latency-tracking-info-percentiles", null, false, ConfigTable::parsePercentiles,
                v -> c.latencyTrackingInfoPercentiles = (double[]) v, () -> {
                    List<String> texts = new ArrayList<>();
                    for (double p : c.latencyTrackingInfoPercentiles) texts.add(percentileText(p));
                    return String.join(" ", texts);
                }));
        memory("proto-max-bulk-len", 1024 * 1024, Long.MAX_VALUE, v -> c.protoMaxBulkLen = v, () -> c.protoMaxBulkLen);
        // Redis accepts any non-negative hz and clamps it to 1..500 when applying it.
        integer("hz", null, 0, Integer.MAX_VALUE, v -> c.hz = (int) Math.max(1, Math.min(500, v)), () -> c.hz);
        string("bind", v -> c.bind = v, () -> c.bind);
        integer("port", null, 0, 65535, v -> c.port = (int) v, () -> c.port);
        integer("maxclients", null, 1, 4294967295L, v -> c.maxclients = (int) Math.min(Integer.MAX_VALUE, v), () -> c.maxclients);
        integer("timeout", null, 0, Integer.MAX_VALUE, v -> c.timeout = (int) v, () -> c.timeout);
        integer("tcp-keepalive", null, 0, Integer.MAX_VALUE, v -> c.tcpKeepalive = (int) v, () -> c.tcpKeepalive);
        bool("protected-mode", v -> c.protectedMode = v, () -> c.protectedMode);
        memory("client-query-buffer-limit", 1024 * 1024, Long.MAX_VALUE, v -> c.clientQueryBufferLimit = v,
                () -> c.clientQueryBufferLimit);
        integer("list-max-listpack-size", "list-max-ziplist-size", Integer.MIN_VALUE, Integer.MAX_VALUE,
                v -> c.listMaxListpackSize = (int) v, () -> c.listMaxListpackSize);
        memory("stream-node-max-bytes", 0, Long.MAX_VALUE, v -> c.streamNodeMaxBytes = v, () -> c.streamNodeMaxBytes);
        integer("stream-node-max-entries", null, 0, Long.MAX_VALUE,
                v -> c.streamNodeMaxEntries = v, () -> c.streamNodeMaxEntries);
        integer("hash-max-listpack-entries", "hash-max-ziplist-entries", 0, Long.MAX_VALUE,
                v -> c.hashMaxListpackEntries = clampInt(v), () -> c.hashMaxListpackEntries);
        integer("hash-max-listpack-value", "hash-max-ziplist-value", 0, Long.MAX_VALUE,
                v -> c.hashMaxListpackValue = clampInt(v), () -> c.hashMaxListpackValue);
        integer("set-max-intset-entries", null, 0, Long.MAX_VALUE,
                v -> c.setMaxIntsetEntries = clampInt(v), () -> c.setMaxIntsetEntries);
        integer("set-max-listpack-entries", null, 0, Long.MAX_VALUE,
                v -> c.setMaxListpackEntries = clampInt(v), () -> c.setMaxListpackEntries);
        integer("set-max-listpack-value", null, 0, Long.MAX_VALUE,
                v -> c.setMaxListpackValue = clampInt(v), () -> c.setMaxListpackValue);
        integer("zset-max-listpack-entries", "zset-max-ziplist-entries", 0, Long.MAX_VALUE,
                v -> c.zsetMaxListpackEntries = clampInt(v), () -> c.zsetMaxListpackEntries);
        integer("zset-max-listpack-value", "zset-max-ziplist-value", 0, Long.MAX_VALUE,
                v -> c.zsetMaxListpackValue = clampInt(v), () -> c.zsetMaxListpackValue);
        memory("hll-sparse-max-bytes", 0, Long.MAX_VALUE, v -> c.hllSparseMaxBytes = v, () -> c.hllSparseMaxBytes);
        add(new Param("notify-keyspace-events", null, false, KeyspaceEvents::parse,
                v -> c.notifyKeyspaceEvents = (int) v, () -> KeyspaceEvents.format(c.notifyKeyspaceEvents)));
        add(new Param("databases", null, true, v -> parseInteger(v, 1, Integer.MAX_VALUE), v -> {},
                () -> Integer.toString(c.databases)));

        // Stored only: validated and reported as Redis does.
        add(storedParam("save", "3600 1 300 100 60 10000", false, ConfigTable::parseSave));
        storedBool("appendonly", false, false);
        storedOneOf("appendfsync", "everysec", List.of("always", "everysec", "no"));
        storedOneOf("loglevel", "notice", List.of("debug", "verbose", "notice", "warning"));
        add(storedParam("dbfilename", "dump.rdb", false, ConfigTable::parseFilename));
        add(storedParam("appendfilename", "appendonly.aof", true, v -> v));
        add(storedParam("appenddirname", "appendonlydir", true, v -> v));
        add(storedParam("dir", System.getProperty("user.dir", "/"), false, v -> v));
        add(storedParam("logfile", "", true, v -> v));
        add(storedParam("pidfile", "", true, v -> v));
        storedBool("daemonize", false, true);
        storedBool("cluster-enabled", false, true);
        storedOneOf("supervised", "no", List.of("upstart", "systemd", "auto", "no"));
        storedInteger("io-threads", 1, 1, 128, true);
        storedInteger("tcp-backlog", 511, 0, Integer.MAX_VALUE, true);
        storedInteger("list-compress-depth", 0, 0, Integer.MAX_VALUE, false);
        add(withAlias(storedParam("busy-reply-threshold", "5000", false,
                v -> Long.toString(parseInteger(v, 0, Long.MAX_VALUE))), "lua-time-limit"));
        storedInteger("maxmemory-eviction-tenacity", 10, 0, 100, false);
        kinds.put("maxmemory-clients", Kind.MEMORY);
        for (String text : List.of("aclfile", "dbfilename", "appendfilename", "appenddirname", "dir", "logfile", "pidfile")) {
            kinds.put(text, Kind.TEXT);
        }
        add(storedParam("maxmemory-clients", "0", false, v -> Long.toString(parseMemory(v, 0, Long.MAX_VALUE))));
        storedInteger("active-expire-effort", 1, 1, 10, false);
        storedBool("activerehashing", true, false);
        storedBool("dynamic-hz", true, false);
        add(withAlias(storedParam("replica-read-only", "yes", false, v -> parseBool(v) ? "yes" : "no"),
                "slave-read-only"));
        storedBool("lazyfree-lazy-eviction", false, false);
        storedBool("lazyfree-lazy-expire", false, false);
        storedBool("lazyfree-lazy-server-del", false, false);
        storedBool("lazyfree-lazy-user-del", false, false);
        storedBool("lazyfree-lazy-user-flush", false, false);
        add(storedParam("oom-score-adj-values", "0 200 800", false, ConfigTable::parseOomScoreAdjValues));
        add(storedParam("client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                false, v -> mergeBufferLimits(stored.get("client-output-buffer-limit"), v)));
        defineInert();
    }

    /** The rows of {@code inert-parameters.tsv}, read once: every engine and every scratch table defines them. */
    private static final List<String[]> INERT = readInert();

    private static List<String[]> readInert() {
        String text;
        try (java.io.InputStream in = ConfigTable.class.getResourceAsStream("inert-parameters.tsv")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("inert-parameters.tsv missing from the class path", e);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) rows.add(line.split("\t"));
        }
        return List.copyOf(rows);
    }

    /**
     * The rest of Redis 7.0's parameters (replication, cluster, TLS, AOF, defragmentation, process settings):
     * accepted with Redis's types, bounds and errors and reported by CONFIG GET, so configuration files and tools
     * written for redis-server work, but nothing in Ferrite acts on them. Listed in {@code inert-parameters.tsv}.
     */
    private void defineInert() {
        for (String[] f : INERT) {
            String name = f[0];
            String initial = f[2].equals("\"\"") ? "" : f[2];
            boolean immutable = f[4].equals("immutable");
            boolean ranged = f[3].equals("int") && !f[5].equals("-");
            long min = ranged ? Long.parseLong(f[5].split(" ")[0]) : Long.MIN_VALUE;
            long max = ranged ? Long.parseLong(f[5].split(" ")[1]) : Long.MAX_VALUE;
            Function<String, String> canonical = switch (f[3]) {
                case "bool" -> v -> parseBool(v) ? "yes" : "no";
                case "int" -> v -> Long.toString(parseInteger(v, min, max));
                case "memory" -> v -> Long.toString(parseMemory(v, 0, Long.MAX_VALUE));
                case "enum" -> v -> parseOneOf(v, List.of(f[5].split(", ")));
                case "string" -> v -> v;
                case "hostname" -> v -> {
                    if (!v.matches("[A-Za-z0-9.-]*")) {
                        throw new IllegalArgumentException("Hostnames may only contain alphanumeric characters, hyphens or dots");
                    }
                    return v;
                };
                default -> throw new IllegalStateException("inert-parameters.tsv: kind " + f[3]);
            };
            if (f[3].equals("memory")) kinds.put(name, Kind.MEMORY);
            if (f[3].equals("string") || f[3].equals("hostname")) kinds.put(name, Kind.TEXT);
            Param p = storedParam(name, initial, immutable, canonical);
            add(f[1].equals("-") ? p : withAlias(p, f[1]));
        }
    }

    private static int clampInt(long v) {
        return (int) Math.min(Integer.MAX_VALUE, v);
    }

    private void add(Param p) {
        byName.put(p.name(), p);
    }

    private void string(String name, Consumer<String> set, Supplier<String> get) {
        kinds.put(name, Kind.TEXT);
        add(new Param(name, null, false, v -> v, v -> set.accept((String) v), get));
    }

    private void memory(String name, long min, long max, java.util.function.LongConsumer set, java.util.function.LongSupplier get) {
        kinds.put(name, Kind.MEMORY);
        add(new Param(name, null, false, v -> parseMemory(v, min, max), v -> set.accept((Long) v),
                () -> Long.toString(get.getAsLong())));
    }

    private void integer(String name, String alias, long min, long max, java.util.function.LongConsumer set,
                         java.util.function.LongSupplier get) {
        add(new Param(name, alias, false, v -> parseInteger(v, min, max), v -> set.accept((Long) v),
                () -> Long.toString(get.getAsLong())));
    }

    private void bool(String name, Consumer<Boolean> set, java.util.function.BooleanSupplier get) {
        add(new Param(name, null, false, ConfigTable::parseBool, v -> set.accept((Boolean) v),
                () -> get.getAsBoolean() ? "yes" : "no"));
    }

    private void oneOf(String name, List<String> values, Consumer<String> set, Supplier<String> get) {
        add(new Param(name, null, false, v -> parseOneOf(v, values), v -> set.accept((String) v), get));
    }

    /** A parameter held as its canonical text; {@code canonical} validates a value and returns that text. */
    private Param storedParam(String name, String initial, boolean immutable, Function<String, String> canonical) {
        stored.put(name, initial);
        return new Param(name, null, immutable, canonical::apply, v -> {
            stored.put(name, (String) v);
            storedListener.accept(name);
        }, () -> stored.get(name));
    }

    /** {@code p} also answering to Redis's legacy name {@code alias}. */
    private static Param withAlias(Param p, String alias) {
        return new Param(p.name(), alias, p.immutable(), p.parser(), p.apply(), p.show());
    }

    private void storedBool(String name, boolean initial, boolean immutable) {
        add(storedParam(name, initial ? "yes" : "no", immutable, v -> parseBool(v) ? "yes" : "no"));
    }

    private void storedOneOf(String name, String initial, List<String> values) {
        add(storedParam(name, initial, false, v -> parseOneOf(v, values)));
    }

    private void storedInteger(String name, long initial, long min, long max, boolean immutable) {
        add(storedParam(name, Long.toString(initial), immutable, v -> Long.toString(parseInteger(v, min, max))));
    }

    // ---- parsing, with Redis's reasons ------------------------------------------------------------------------

    static long parseInteger(String v, long min, long max) {
        long n;
        if (!isCanonicalLong(v)) throw new IllegalArgumentException("argument couldn't be parsed into an integer");
        n = Long.parseLong(v);
        if (n < min || n > max) throw outOfRange(min, max);
        return n;
    }

    private static IllegalArgumentException outOfRange(long min, long max) {
        return new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
    }

    /** Redis's {@code string2ll}: optional '-', no leading zeros, no '+', no spaces, within a long. */
    private static boolean isCanonicalLong(String v) {
        int n = v.length();
        if (n == 0 || n > 20) return false;
        if (v.equals("0")) return true;
        int i = v.charAt(0) == '-' ? 1 : 0;
        if (i == n || v.charAt(i) < '1' || v.charAt(i) > '9') return false;
        for (int j = i; j < n; j++) if (v.charAt(j) < '0' || v.charAt(j) > '9') return false;
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A memory amount ({@link MemoryUnits}) within {@code [min, max]}. */
    public static long parseMemory(String v, long min, long max) {
        long n = MemoryUnits.parse(v);
        if (n < min || n > max) throw outOfRange(min, max);
        return n;
    }

    static boolean parseBool(String v) {
        if (v.equalsIgnoreCase("yes")) return true;
        if (v.equalsIgnoreCase("no")) return false;
        throw new IllegalArgumentException("argument must be 'yes' or 'no'");
    }

    private static String parseOneOf(String v, List<String> values) {
        for (String allowed : values) if (allowed.equalsIgnoreCase(v)) return allowed;
        throw new IllegalArgumentException("argument(s) must be one of the following: " + String.join(", ", values));
    }

    private static final List<String> PROTECTED_ACTION = List.of("no", "yes", "local");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    private static final Pattern INFINITE = Pattern.compile("(?i)[+-]?inf(inity)?");

    /**
     * {@code latency-tracking-info-percentiles}: numbers between 0 and 100 separated by single spaces (an empty
     * word is invalid, as in Redis's split), each read as {@code strtod} reads it (decimal, hexadecimal, inf) and
     * refused on overflow or underflow to zero, as {@code string2d} refuses it.
     */
    private static double[] parsePercentiles(String v) {
        if (v.isEmpty()) return new double[0];
        String[] words = v.split(" ", -1);
        double[] out = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            double d;
            if (DECIMAL.matcher(w).matches()) d = Double.parseDouble(w);
            else if (HEX.matcher(w).matches()) d = Double.parseDouble(w.matches(".*[pP].*") ? w : w + "p0");
            else if (INFINITE.matcher(w).matches()) d = w.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            else throw new IllegalArgumentException("Invalid latency-tracking-info-percentiles parameters");
            boolean overflow = Double.isInfinite(d) && !INFINITE.matcher(w).matches();
            boolean underflow = d == 0 && w.matches("[^eEpP]*[1-9].*") && !HEX.matcher(w).matches();
            if (overflow || underflow) throw new IllegalArgumentException("Invalid latency-tracking-info-percentiles parameters");
            if (d < 0 || d > 100) {
                throw new IllegalArgumentException("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]");
            }
            out[i] = d;
        }
        return out;
    }

    /** A percentile as Redis prints it in CONFIG GET and INFO: C's {@code %f}, trailing zeros and point removed. */
    public static String percentileText(double p) {
        BigDecimal six = new BigDecimal(p).setScale(6, RoundingMode.HALF_EVEN);
        if (six.signum() == 0) return 1 / p < 0 ? "-0" : "0";
        return six.stripTrailingZeros().toPlainString();
    }

    /** {@code oom-score-adj-values}: three integers from -2000 to 2000 (inert: the JVM sets no OOM score). */
    private static String parseOomScoreAdjValues(String v) {
        String[] w = v.strip().isEmpty() ? new String[0] : v.strip().split(" +");
        if (w.length != 3) throw new IllegalArgumentException("wrong number of arguments");
        for (String x : w) {
            long n;
            try {
                n = Long.parseLong(x);
            } catch (NumberFormatException e) {
                n = Long.MAX_VALUE;
            }
            if (n < -2000 || n > 2000) {
                throw new IllegalArgumentException("Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
            }
        }
        return String.join(" ", w);
    }

    /**
     * {@code client-output-buffer-limit}: groups of class (normal, replica/slave, pubsub), hard and soft limits in
     * memory units and soft seconds, merged into {@code current} class by class. Stored and reported; the listener's
     * limits are set on its builder.
     */
    static String mergeBufferLimits(String current, String v) {
        String[] w = v.strip().isEmpty() ? new String[0] : v.strip().split(" +");
        if (w.length % 4 != 0) throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
        Map<String, String> limits = new LinkedHashMap<>();
        String[] c = current.split(" ");
        for (int i = 0; i + 3 < c.length; i += 4) limits.put(c[i], c[i + 1] + " " + c[i + 2] + " " + c[i + 3]);
        for (int i = 0; i < w.length; i += 4) {
            String cls = w[i].toLowerCase(Locale.ROOT);
            if (cls.equals("replica")) cls = "slave";
            if (!limits.containsKey(cls)) {
                throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
            }
            long hard;
            long soft;
            long seconds;
            try {
                hard = MemoryUnits.parse(w[i + 1]);
                soft = MemoryUnits.parse(w[i + 2]);
                seconds = Long.parseLong(w[i + 3]);
            } catch (RuntimeException e) {
                hard = -1;
                soft = -1;
                seconds = -1;
            }
            if (hard < 0 || soft < 0 || seconds < 0) {
                throw new IllegalArgumentException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            limits.put(cls, hard + " " + soft + " " + seconds);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : limits.entrySet()) out.add(e.getKey() + " " + e.getValue());
        return String.join(" ", out);
    }

    /** {@code dbfilename}: a file name in {@code dir}, never a path. */
    private static String parseFilename(String v) {
        if (v.contains("/")) throw new IllegalArgumentException("dbfilename can't be a path, just a filename");
        return v;
    }

    /** {@code save}: pairs of seconds (at least 1) and changes (at least 0), or empty to disable snapshots. */
    private static String parseSave(String v) {
        String trimmed = v.trim();
        if (trimmed.isEmpty()) return "";
        String[] words = trimmed.split("\\s+");
        if (words.length % 2 != 0) throw new IllegalArgumentException("Invalid save parameters");
        List<String> out = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            long n;
            try {
                n = Long.parseLong(words[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid save parameters");
            }
            if (n < (i % 2 == 0 ? 1 : 0)) throw new IllegalArgumentException("Invalid save parameters");
            out.add(Long.toString(n));
        }
        return String.join(" ", out);
    }

    // ---- queries and updates ----------------------------------------------------------------------------------

    private Param find(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Param p = byName.get(lower);
        if (p != null) return p;
        for (Param q : byName.values()) if (lower.equals(q.alias())) return q;
        return null;
    }

    /** The canonical name of {@code name} (a name or legacy alias, any case), or null if unknown. */
    public String canonicalName(String name) {
        Param p = find(name);
        return p == null ? null : p.name();
    }

    /**
     * Redis 7's protected parameters ({@code dir}, {@code dbfilename}): CONFIG SET refuses them, as Redis does with
     * {@code enable-protected-configs no} (its default), since they choose where files are written. The builder
     * and configuration files set them.
     */
    public boolean isProtected(String name) {
        String canonical = canonicalName(name);
        return "dir".equals(canonical) || "dbfilename".equals(canonical);
    }

    public boolean isImmutable(String name) {
        Param p = find(name);
        return p != null && p.immutable();
    }

    /** How CONFIG REWRITE writes parameter {@code name}. */
    public Kind kind(String name) {
        return kinds.getOrDefault(name, Kind.PLAIN);
    }

    /** Every parameter's name (no aliases), in definition order. */
    public List<String> parameters() {
        return List.copyOf(byName.keySet());
    }

    /** The current value of {@code name} as CONFIG GET shows it, or null if unknown. */
    public String get(String name) {
        Param p = find(name);
        return p == null ? null : p.show().get();
    }

    /** Every parameter name and alias, in definition order (alias right after its parameter). */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Param p : byName.values()) {
            out.add(p.name());
            if (p.alias() != null) out.add(p.alias());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Sets one parameter from configuration-file text, immutable ones included (this is how they get their
     * value before the engine starts). Throws {@link ConfigException} for an unknown name or a bad value.
     */
    public synchronized void set(String name, String value) {
        Param p = find(name);
        if (p == null) throw new ConfigException(name, "Bad directive or wrong number of arguments");
        p.apply().accept(parse(p, value));
    }

    /** Validates {@code value} for {@code name} without applying it; throws {@link ConfigException}. */
    public void validate(String name, String value) {
        Param p = find(name);
        if (p == null) throw new ConfigException(name, "Bad directive or wrong number of arguments");
        parse(p, value);
    }

    private static Object parse(Param p, String value) {
        try {
            return p.parser().apply(value);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(p.name(), e.getMessage());
        }
    }

    /**
     * CONFIG SET: applies every (canonical name, value) pair or none. All values are parsed first; the first
     * invalid one throws {@link ConfigException} and nothing changes. Names must already be canonical, known and
     * mutable (the command checks those with its own errors).
     */
    public synchronized void setAll(Map<String, String> values) {
        List<Map.Entry<Param, Object>> parsed = new ArrayList<>(values.size());
        for (Map.Entry<String, String> e : values.entrySet()) {
            Param p = byName.get(e.getKey());
            if (p == null) throw new ConfigException(e.getKey(), "Bad directive or wrong number of arguments");
            parsed.add(Map.entry(p, parse(p, e.getValue())));
        }
        for (Map.Entry<Param, Object> e : parsed) e.getKey().apply().accept(e.getValue());
    }
}
