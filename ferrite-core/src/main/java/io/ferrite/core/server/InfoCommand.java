package io.ferrite.core.server;

import io.ferrite.core.Ferrite;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.LatencyHistogram;
import io.ferrite.core.config.Config;
import io.ferrite.core.config.ConfigTable;
import io.ferrite.core.keyspace.Db;
import io.ferrite.core.keyspace.Keyspace;
import io.ferrite.core.resp.RespFormat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.ferrite.core.command.AclCategory.DANGEROUS;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * INFO: Redis's sections and field names, {@code # Section} headers, CRLF line ends. Fields Ferrite has no
 * counterpart for (forks, AOF, replication backlog) carry the values of a Redis that never used the feature.
 */
final class InfoCommand {
    private InfoCommand() {}

    private static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");
    private static final List<String> ALL = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");

    private static final String RUN_ID = hex40();
    /** This run's replication id (INFO master_replid, SYNC's FULLRESYNC). */
    static final String REPL_ID = hex40();

    private static String hex40() {
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 40; i++) sb.append("0123456789abcdef".charAt(ThreadLocalRandom.current().nextInt(16)));
        return sb.toString();
    }

    static CommandSpec command() {
        return spec("info", -1).flags(LOADING, STALE).acl(DANGEROUS).group("server")
                .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                .summary("Returns information and statistics about the server.")
                .handler(c -> c.out.verbatim("txt", render(c)));
    }

    /** The sections the arguments ask for, in Redis's order. */
    static Set<String> sections(CommandContext c) {
        if (c.argc() == 1) return new LinkedHashSet<>(DEFAULT);
        Set<String> asked = new LinkedHashSet<>();
        for (int i = 1; i < c.argc(); i++) {
            String s = c.args.string(i).toLowerCase(Locale.ROOT);
            switch (s) {
                case "default" -> asked.addAll(DEFAULT);
                case "all", "everything" -> asked.addAll(ALL);
                default -> asked.add(s);
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String s : ALL) if (asked.contains(s)) ordered.add(s);
        return ordered;
    }

    static String render(CommandContext c) {
        StringBuilder sb = new StringBuilder();
        for (String section : sections(c)) {
            if (!sb.isEmpty()) sb.append("\r\n");
            switch (section) {
                case "server" -> server(c, sb);
                case "clients" -> clients(c.engine, sb);
                case "memory" -> memory(c.engine, sb);
                case "persistence" -> persistence(c.engine, sb);
                case "stats" -> stats(c.engine, sb);
                case "replication" -> replication(sb);
                case "cpu" -> cpu(sb);
                case "modules" -> sb.append("# Modules\r\n");
                case "commandstats" -> commandstats(c.engine, sb);
                case "errorstats" -> errorstats(c.engine, sb);
                case "latencystats" -> latencystats(c.engine, sb);
                case "cluster" -> sb.append("# Cluster\r\ncluster_enabled:0\r\n");
                case "keyspace" -> keyspace(c, sb);
                default -> throw new IllegalStateException(section);
            }
        }
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(name).append(':').append(value).append("\r\n");
    }

    private static void server(CommandContext c, StringBuilder sb) {
        Ferrite e = c.engine;
        Config cfg = e.config();
        long uptime = Math.max(0, (c.now - e.startMillis()) / 1000);
        sb.append("# Server\r\n");
        field(sb, "redis_version", Ferrite.VERSION);
        field(sb, "redis_git_sha1", "00000000");
        field(sb, "redis_git_dirty", 0);
        field(sb, "redis_build_id", "0");
        field(sb, "redis_mode", "standalone");
        field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        field(sb, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        field(sb, "monotonic_clock", "System.nanoTime");
        field(sb, "multiplexing_api", "java.nio");
        field(sb, "atomicvar_api", "java.util.concurrent");
        field(sb, "java_version", System.getProperty("java.version"));
        field(sb, "process_id", ProcessHandle.current().pid());
        field(sb, "process_supervised", "no");
        field(sb, "run_id", RUN_ID);
        field(sb, "tcp_port", cfg.port);
        field(sb, "server_time_usec", c.now * 1000);
        field(sb, "uptime_in_seconds", uptime);
        field(sb, "uptime_in_days", uptime / 86400);
        field(sb, "hz", cfg.hz);
        field(sb, "configured_hz", cfg.hz);
        field(sb, "lru_clock", (c.now / 1000) & ((1 << 24) - 1));
        field(sb, "executable", "");
        field(sb, "config_file", e.configFile() == null ? "" : e.configFile().toString());
        field(sb, "io_threads_active", 0);
    }

    private static void clients(Ferrite e, StringBuilder sb) {
        sb.append("# Clients\r\n");
        field(sb, "connected_clients", e.clients().size());
        field(sb, "cluster_connections", 0);
        field(sb, "maxclients", e.config().maxclients);
        field(sb, "client_recent_max_input_buffer", 0);
        field(sb, "client_recent_max_output_buffer", 0);
        field(sb, "blocked_clients", e.blocking().size());
        field(sb, "tracking_clients", e.tracking().clients());
        field(sb, "clients_in_timeout_table", 0);
    }

    /** Redis's {@code bytesToHuman}. */
    static String human(long n) {
        if (n < 1024) return n + "B";
        String[] units = {"K", "M", "G", "T", "P"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return RespFormat.fixed(v, 2) + units[u];
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.2f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
    }

    private static void memory(Ferrite e, StringBuilder sb) {
        Runtime rt = Runtime.getRuntime();
        long used = e.keyspace().usedMemory();
        long peak = e.keyspace().peakMemory();
        long maxmemory = e.config().maxmemory;
        sb.append("# Memory\r\n");
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", human(used));
        field(sb, "used_memory_rss", rt.totalMemory());
        field(sb, "used_memory_rss_human", human(rt.totalMemory()));
        field(sb, "used_memory_peak", peak);
        field(sb, "used_memory_peak_human", human(peak));
        field(sb, "used_memory_peak_perc", percent(used, peak));
        // Overhead: the hash tables themselves; dataset: keys and values (Redis counts its dicts the same way).
        long overhead = 0;
        for (int i = 0; i < e.keyspace().databases(); i++) overhead += e.keyspace().db(i).tableBytes();
        field(sb, "used_memory_overhead", overhead);
        field(sb, "used_memory_startup", 0);
        field(sb, "used_memory_dataset", used - overhead);
        field(sb, "used_memory_dataset_perc", percent(used - overhead, used));
        // The allocator is the JVM's heap: allocated = the data, active and resident = the committed heap.
        field(sb, "allocator_allocated", used);
        field(sb, "allocator_active", rt.totalMemory());
        field(sb, "allocator_resident", rt.totalMemory());
        field(sb, "total_system_memory", rt.maxMemory());
        field(sb, "total_system_memory_human", human(rt.maxMemory()));
        // Lua's memory is not measured apart from the heap: the scripting fields count scripts and functions only.
        field(sb, "used_memory_lua", 0);
        field(sb, "used_memory_vm_eval", 0);
        field(sb, "used_memory_lua_human", human(0));
        field(sb, "used_memory_scripts_eval", 0);
        field(sb, "number_of_cached_scripts", e.scripts().size());
        field(sb, "number_of_functions", e.scripts().functions().functionCount());
        field(sb, "number_of_libraries", e.scripts().functions().libraryCount());
        field(sb, "used_memory_vm_functions", 0);
        field(sb, "used_memory_vm_total", 0);
        field(sb, "used_memory_vm_total_human", human(0));
        field(sb, "used_memory_functions", 0);
        field(sb, "used_memory_scripts", 0);
        field(sb, "used_memory_scripts_human", human(0));
        field(sb, "maxmemory", maxmemory);
        field(sb, "maxmemory_human", human(maxmemory));
        field(sb, "maxmemory_policy", e.config().maxmemoryPolicy.configName());
        field(sb, "allocator_frag_ratio", "1.00");
        field(sb, "allocator_frag_bytes", 0);
        field(sb, "allocator_rss_ratio", "1.00");
        field(sb, "allocator_rss_bytes", 0);
        field(sb, "rss_overhead_ratio", "1.00");
        field(sb, "rss_overhead_bytes", 0);
        // "RSS" is the JVM's committed heap: the ratio shows how much heap the collector keeps beyond the data.
        field(sb, "mem_fragmentation_ratio", RespFormat.fixed(used == 0 ? 0.0 : (double) rt.totalMemory() / used, 2));
        field(sb, "mem_fragmentation_bytes", rt.totalMemory() - used);
        field(sb, "mem_not_counted_for_evict", 0);
        field(sb, "mem_replication_backlog", 0);
        field(sb, "mem_total_replication_buffers", 0);
        field(sb, "mem_clients_slaves", 0);
        field(sb, "mem_clients_normal", 0);
        field(sb, "mem_cluster_links", 0);
        field(sb, "mem_aof_buffer", 0);
        field(sb, "mem_allocator", "jvm");
        field(sb, "active_defrag_running", 0);
        field(sb, "lazyfree_pending_objects", 0);
        field(sb, "lazyfreed_objects", 0);
    }

    private static void persistence(Ferrite e, StringBuilder sb) {
        sb.append("# Persistence\r\n");
        field(sb, "loading", 0);
        field(sb, "async_loading", 0);
        field(sb, "current_cow_peak", 0);
        field(sb, "current_cow_size", 0);
        field(sb, "current_cow_size_age", 0);
        field(sb, "current_fork_perc", "0.00");
        field(sb, "current_save_keys_processed", 0);
        field(sb, "current_save_keys_total", 0);
        io.ferrite.core.rdb.Snapshots s = e.snapshots();
        field(sb, "rdb_changes_since_last_save", s.changesSinceLastSave());
        field(sb, "rdb_bgsave_in_progress", s.bgsaveInProgress() ? 1 : 0);
        field(sb, "rdb_last_save_time", s.lastSaveMillis() / 1000);
        field(sb, "rdb_last_bgsave_status", s.lastBgsaveOk() ? "ok" : "err");
        field(sb, "rdb_last_bgsave_time_sec", s.lastBgsaveSeconds());
        field(sb, "rdb_current_bgsave_time_sec", s.currentBgsaveSeconds());
        field(sb, "rdb_saves", s.saves());
        field(sb, "rdb_last_cow_size", 0);
        field(sb, "rdb_last_load_keys_expired", s.lastLoadExpired());
        field(sb, "rdb_last_load_keys_loaded", s.lastLoadKeys());
        field(sb, "aof_enabled", 0);
        field(sb, "aof_rewrite_in_progress", s.aofRewriteInProgress() ? 1 : 0);
        field(sb, "aof_rewrite_scheduled", s.aofRewriteScheduled() ? 1 : 0);
        field(sb, "aof_last_rewrite_time_sec", s.lastAofRewriteSeconds());
        field(sb, "aof_current_rewrite_time_sec", s.currentAofRewriteSeconds());
        field(sb, "aof_last_bgrewrite_status", s.lastAofRewriteOk() ? "ok" : "err");
        field(sb, "aof_rewrites", s.aofRewrites());
        field(sb, "aof_rewrites_consecutive_failures", s.aofRewriteFailures());
        field(sb, "aof_last_write_status", "ok");
        field(sb, "aof_last_cow_size", 0);
        field(sb, "module_fork_in_progress", 0);
        field(sb, "module_fork_last_cow_size", 0);
    }

    private static void stats(Ferrite e, StringBuilder sb) {
        ServerStats s = e.stats();
        Keyspace ks = e.keyspace();
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", s.connectionsReceived.sum());
        field(sb, "total_commands_processed", commandsProcessed(e));
        field(sb, "instantaneous_ops_per_sec", 0);
        field(sb, "total_net_input_bytes", s.netInputBytes.sum());
        field(sb, "total_net_output_bytes", s.netOutputBytes.sum());
        field(sb, "total_net_repl_input_bytes", 0);
        field(sb, "total_net_repl_output_bytes", 0);
        field(sb, "instantaneous_input_kbps", "0.00");
        field(sb, "instantaneous_output_kbps", "0.00");
        field(sb, "instantaneous_input_repl_kbps", "0.00");
        field(sb, "instantaneous_output_repl_kbps", "0.00");
        field(sb, "rejected_connections", s.rejectedConnections.sum());
        field(sb, "sync_full", 0);
        field(sb, "sync_partial_ok", 0);
        field(sb, "sync_partial_err", 0);
        field(sb, "expired_keys", ks.expiredKeys.sum());
        field(sb, "expired_stale_perc", "0.00");
        field(sb, "expired_time_cap_reached_count", 0);
        field(sb, "expire_cycle_cpu_milliseconds", 0);
        field(sb, "evicted_keys", ks.evictedKeys.sum());
        field(sb, "evicted_clients", 0);
        field(sb, "total_eviction_exceeded_time", 0);
        field(sb, "current_eviction_exceeded_time", 0);
        field(sb, "keyspace_hits", ks.keyspaceHits.sum());
        field(sb, "keyspace_misses", ks.keyspaceMisses.sum());
        field(sb, "pubsub_channels", e.pubsub().channelCount());
        field(sb, "pubsub_patterns", e.pubsub().patternCount());
        field(sb, "pubsubshard_channels", e.pubsub().shardChannelCount());
        field(sb, "latest_fork_usec", 0);
        field(sb, "total_forks", 0);
        field(sb, "migrate_cached_sockets", 0);
        field(sb, "slave_expires_tracked_keys", 0);
        for (String defrag : List.of("active_defrag_hits", "active_defrag_misses", "active_defrag_key_hits",
                "active_defrag_key_misses", "total_active_defrag_time", "current_active_defrag_time")) {
            field(sb, defrag, 0);
        }
        field(sb, "tracking_total_keys", e.tracking().keys());
        field(sb, "tracking_total_items", e.tracking().items());
        field(sb, "tracking_total_prefixes", e.tracking().prefixes());
        field(sb, "unexpected_error_replies", 0);
        field(sb, "total_error_replies", s.errorReplies.sum());
        field(sb, "dump_payload_sanitizations", 0);
        for (String io : List.of("total_reads_processed", "total_writes_processed", "io_threaded_reads_processed",
                "io_threaded_writes_processed", "reply_buffer_shrinks", "reply_buffer_expands")) {
            field(sb, io, 0);
        }
    }

    private static void replication(StringBuilder sb) {
        sb.append("# Replication\r\n");
        field(sb, "role", "master");
        field(sb, "connected_slaves", 0);
        field(sb, "master_failover_state", "no-failover");
        field(sb, "master_replid", REPL_ID);
        field(sb, "master_replid2", "0".repeat(40));
        field(sb, "master_repl_offset", 0);
        field(sb, "second_repl_offset", -1);
        field(sb, "repl_backlog_active", 0);
        field(sb, "repl_backlog_size", 1048576);
        field(sb, "repl_backlog_first_byte_offset", 0);
        field(sb, "repl_backlog_histlen", 0);
    }

    /** CPU time of the JVM's threads, split into user and system time as Redis splits the process's. */
    private static void cpu(StringBuilder sb) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        long user = 0;
        if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
            for (long id : threads.getAllThreadIds()) {
                long t = threads.getThreadCpuTime(id);
                long u = threads.getThreadUserTime(id);
                if (t > 0) cpu += t;
                if (u > 0) user += u;
            }
        }
        sb.append("# CPU\r\n");
        field(sb, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", Math.max(0, cpu - user) / 1e9));
        field(sb, "used_cpu_user", String.format(Locale.ROOT, "%.6f", user / 1e9));
        field(sb, "used_cpu_sys_children", "0.000000");
        field(sb, "used_cpu_user_children", "0.000000");
        // Commands run on the event loops and callers' threads; no one thread is the main thread.
        field(sb, "used_cpu_sys_main_thread", String.format(Locale.ROOT, "%.6f", Math.max(0, cpu - user) / 1e9));
        field(sb, "used_cpu_user_main_thread", String.format(Locale.ROOT, "%.6f", user / 1e9));
    }

    private static void commandstats(Ferrite e, StringBuilder sb) {
        sb.append("# Commandstats\r\n");
        for (CommandSpec spec : e.commandTable().all()) {
            statLine(spec, sb);
            if (spec.isContainer()) for (CommandSpec sub : spec.subcommands().all()) statLine(sub, sb);
        }
    }

    /** Every executed command counts once in its spec's calls, so the total is their sum (no adder of its own). */
    private static long commandsProcessed(Ferrite e) {
        long total = 0;
        for (CommandSpec spec : e.commandTable().all()) {
            total += spec.calls.sum();
            if (spec.isContainer()) for (CommandSpec sub : spec.subcommands().all()) total += sub.calls.sum();
        }
        return total;
    }

    private static void statLine(CommandSpec spec, StringBuilder sb) {
        long calls = spec.calls.sum();
        long rejected = spec.rejectedCalls.sum();
        long failed = spec.failedCalls.sum();
        if (calls == 0 && rejected == 0 && failed == 0) return;
        long usec = spec.micros.sum();
        sb.append("cmdstat_").append(spec.fullName()).append(":calls=").append(calls).append(",usec=").append(usec)
                .append(",usec_per_call=")
                .append(RespFormat.fixed(calls == 0 ? 0.0 : (double) usec / calls, 2))
                .append(",rejected_calls=").append(rejected).append(",failed_calls=").append(failed).append("\r\n");
    }

    /** Each command's latency percentiles in microseconds, while {@code latency-tracking} is on (empty otherwise). */
    private static void latencystats(Ferrite e, StringBuilder sb) {
        sb.append("# Latencystats\r\n");
        if (!e.config().latencyTracking) return;
        double[] percentiles = e.config().latencyTrackingInfoPercentiles;
        for (CommandSpec spec : e.commandTable().all()) {
            latencyLine(spec, percentiles, sb);
            if (spec.isContainer()) for (CommandSpec sub : spec.subcommands().all()) latencyLine(sub, percentiles, sb);
        }
    }

    private static void latencyLine(CommandSpec spec, double[] percentiles, StringBuilder sb) {
        LatencyHistogram h = spec.latencyIfAny();
        if (h == null) return;
        LatencyHistogram.Snapshot counts = h.snapshot();
        sb.append("latency_percentiles_usec_").append(spec.fullName()).append(':');
        for (int i = 0; i < percentiles.length; i++) {
            if (i > 0) sb.append(',');
            sb.append('p').append(ConfigTable.percentileText(percentiles[i])).append('=')
                    .append(RespFormat.fixed(counts.valueAtPercentile(percentiles[i]) / 1000.0, 3));
        }
        sb.append("\r\n");
    }

    private static void errorstats(Ferrite e, StringBuilder sb) {
        sb.append("# Errorstats\r\n");
        for (Map.Entry<String, Long> en : e.stats().errorCounts().entrySet()) {
            sb.append("errorstat_").append(en.getKey()).append(":count=").append(en.getValue()).append("\r\n");
        }
    }

    /**
     * {@code db0:keys=1,expires=0,avg_ttl=0} for each non-empty database. Counts are read without the keyspace
     * locks (INFO must not stall writers), so they may lag a concurrent write; avg_ttl is not estimated.
     */
    private static void keyspace(CommandContext c, StringBuilder sb) {
        sb.append("# Keyspace\r\n");
        Keyspace ks = c.engine.keyspace();
        for (int i = 0; i < ks.databases(); i++) {
            Db db = ks.db(i);
            long keys = db.size();
            if (keys == 0) continue;
            sb.append("db").append(i).append(":keys=").append(keys).append(",expires=").append(db.volatileSize())
                    .append(",avg_ttl=0\r\n");
        }
    }
}
