package io.ferrite.core.config;

/**
 * The engine's configuration parameters as Redis names them. Fields are volatile: CONFIG SET may change them from
 * any session while commands read them. Validation, CONFIG GET/SET and the redis.conf syntax live in
 * {@link ConfigTable}.
 */
public final class Config {
    public final int databases;

    public volatile String requirepass = "";
    /** ACL LOG keeps at most this many entries. */
    public volatile long acllogMaxLen = 128;
    /** {@code acl-pubsub-default allchannels}: new users (and {@code reset}) start with every channel. */
    public volatile boolean aclPubsubDefaultAll;
    public volatile long maxmemory;
    public volatile io.ferrite.core.keyspace.EvictionPolicy maxmemoryPolicy = io.ferrite.core.keyspace.EvictionPolicy.NOEVICTION;
    public volatile int maxmemorySamples = 5;
    public volatile int lfuLogFactor = 10;
    public volatile int lfuDecayTime = 1;
    public volatile long protoMaxBulkLen = 512L * 1024 * 1024;
    public volatile int hz = 10;
    public volatile boolean activeExpireEnabled = true;
    /** {@code notify-keyspace-events} as {@link KeyspaceEvents} flags; 0 means no notifications. */
    public volatile int notifyKeyspaceEvents;
    /** Keys the client-side caching table may hold before invalidating some; 0: no limit. */
    public volatile long trackingTableMaxKeys = 1_000_000;
    /** Commands running at least this many microseconds enter the slow log; 0 logs all, negative none. */
    public volatile long slowlogLogSlowerThan = 10_000;
    /** {@code latency-tracking}: per-command latency histograms (LATENCY HISTOGRAM). */
    public volatile boolean latencyTracking = true;
    /**
     * {@code enable-debug-command} and {@code enable-module-command}: {@code no}, {@code yes} or {@code local} (from
     * loopback connections and embedded sessions). Set at startup only. DEBUG defaults to {@code local}, where Redis
     * says {@code no}: tests lean on DEBUG, and a test double is always local.
     */
    public volatile String enableDebugCommand = "local";
    public volatile String enableModuleCommand = "no";
    /** {@code latency-monitor-threshold}: commands running at least this many ms are latency events; 0: none. */
    public volatile long latencyMonitorThreshold;
    /** {@code latency-tracking-info-percentiles}: the percentiles INFO latencystats reports; never modified in place. */
    public volatile double[] latencyTrackingInfoPercentiles = {50, 99, 99.9};
    /** The slow log keeps at most this many entries. */
    public volatile long slowlogMaxLen = 128;

    // Listener parameters; the engine only stores them (ferrite-net reads them).
    public volatile String bind = "127.0.0.1";
    public volatile int port = 6379;
    public volatile int maxclients = 10000;
    public volatile int timeout;
    public volatile int tcpKeepalive = 300;
    public volatile boolean protectedMode = true;
    public volatile long clientQueryBufferLimit = 1024L * 1024 * 1024;

    // Collection encodings (Redis's defaults).
    public volatile int listMaxListpackSize = -2;
    public volatile int hashMaxListpackEntries = 512;
    public volatile long streamNodeMaxEntries = 100;
    public volatile long streamNodeMaxBytes = 4096;
    public volatile int hashMaxListpackValue = 64;
    public volatile int setMaxIntsetEntries = 512;
    public volatile int setMaxListpackEntries = 128;
    public volatile int setMaxListpackValue = 64;
    public volatile int zsetMaxListpackEntries = 128;
    public volatile int zsetMaxListpackValue = 64;
    /** A sparse HyperLogLog (header included) longer than this many bytes is converted to the dense encoding. */
    public volatile long hllSparseMaxBytes = 3000;

    public Config(int databases) {
        this.databases = databases;
    }
}
