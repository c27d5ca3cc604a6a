package io.ferrite.core.rdb;

import io.ferrite.core.Ferrite;
import io.ferrite.core.config.ConfigTable;
import io.ferrite.core.keyspace.Keyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An engine's RDB snapshots: the {@code dir}/{@code dbfilename} file, SAVE and BGSAVE, the {@code save} rules and
 * the counters INFO persistence reports.
 *
 * <p>BGREWRITEAOF writes what Redis 7 writes with {@code appendonly no}: an append-only file made of its base alone,
 * an RDB image in {@code dir/appenddirname/<appendfilename>.<seq>.base.rdb} named by a manifest. At most one
 * background job (BGSAVE or BGREWRITEAOF, Redis's child process) runs at a time; the other is scheduled.
 *
 * <p>Files are written to {@code temp-<pid>.rdb} in {@code dir} and renamed over {@code dbfilename}, so a reader
 * never sees half a file. Nothing is written unless asked: SAVE, BGSAVE, SHUTDOWN [SAVE], DEBUG RELOAD, or
 * {@code save} rules once {@linkplain #armRules armed} (an embedded engine keeps Redis's default rules in CONFIG
 * without acting on them, so that tests using it drop no {@code dump.rdb}). Thread-safe.
 */
public final class Snapshots {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    private final Ferrite engine;
    private final LongAdder changes = new LongAdder();
    private final AtomicBoolean bgsaveRunning = new AtomicBoolean();
    private final AtomicLong saves = new AtomicLong();
    private volatile boolean bgsaveScheduled;
    private volatile long lastSaveMillis;
    private volatile long lastBgsaveTryMillis;
    private volatile boolean lastBgsaveOk = true;
    private volatile long lastBgsaveSeconds = -1;
    private volatile long bgsaveStartMillis;
    private volatile boolean rulesArmed;
    private volatile long lastLoadKeys;
    private volatile long lastLoadExpired;
    private final AtomicBoolean aofRewriteRunning = new AtomicBoolean();
    private volatile boolean aofRewriteScheduled;
    private volatile long aofRewriteStartMillis;
    private volatile long lastAofRewriteSeconds = -1;
    private volatile boolean lastAofRewriteOk = true;
    private volatile int aofRewriteFailures;
    private final AtomicLong aofRewrites = new AtomicLong();
    // The sequence number of the last base file; written by the one running rewrite only.
    private volatile int aofBaseSeq;

    public Snapshots(Ferrite engine, long startMillis) {
        this.engine = engine;
        this.lastSaveMillis = startMillis;
    }

    /** The snapshot file: {@code dbfilename} in {@code dir}. */
    public Path file() {
        ConfigTable t = engine.configTable();
        return Path.of(t.get("dir")).resolve(t.get("dbfilename"));
    }

    /** Lets the {@code save} rules trigger background saves (and SHUTDOWN save) from now on. */
    public void armRules() {
        rulesArmed = true;
    }

    /** True if {@code save} rules are armed and not empty: Redis then saves on SHUTDOWN without arguments. */
    public boolean rulesActive() {
        return rulesArmed && !engine.configTable().get("save").isEmpty();
    }

    /** Counts a change to the dataset (Redis's {@code dirty}). */
    public void changed() {
        changes.increment();
    }

    public long changesSinceLastSave() { return changes.sum(); }
    public boolean bgsaveInProgress() { return bgsaveRunning.get(); }
    public long lastSaveMillis() { return lastSaveMillis; }
    public boolean lastBgsaveOk() { return lastBgsaveOk; }
    public long lastBgsaveSeconds() { return lastBgsaveSeconds; }
    public long saves() { return saves.get(); }
    public long lastLoadKeys() { return lastLoadKeys; }
    public long lastLoadExpired() { return lastLoadExpired; }

    /** Seconds the running BGSAVE has taken so far, or -1. */
    public long currentBgsaveSeconds() {
        return bgsaveRunning.get() ? (engine.ticker().currentTimeMillis() - bgsaveStartMillis) / 1000 : -1;
    }

    /** SAVE: writes the file as one point in time; the caller holds every shard lock. */
    public void save() throws IOException {
        long changesBefore = changes.sum();
        long now = engine.ticker().currentTimeMillis();
        writeFile(true, now);
        changes.add(-changesBefore);
        lastSaveMillis = now;
        saves.incrementAndGet();
        log.info("DB saved on disk");
    }

    /** SAVE from a caller holding no shard lock (SHUTDOWN): waits for a running BGSAVE, then locks every shard. */
    public void saveLockingAll() throws IOException {
        awaitBackgroundSave();
        Keyspace ks = engine.keyspace();
        ks.lockAll();
        try {
            save();
        } finally {
            ks.unlockAll();
        }
    }

    /**
     * BGSAVE: starts a background save unless one runs; returns false if one does. The file is consistent per
     * key, not across keys (see {@link RdbFile#write}). The caller holds no shard lock.
     */
    public synchronized boolean startBackgroundSave() {
        if (aofRewriteRunning.get() || !bgsaveRunning.compareAndSet(false, true)) return false;
        bgsaveScheduled = false;
        long now = engine.ticker().currentTimeMillis();
        bgsaveStartMillis = now;
        lastBgsaveTryMillis = now;
        long changesBefore = changes.sum();
        Thread t = new Thread(() -> {
            boolean ok = false;
            try {
                writeFile(false, now);
                ok = true;
                log.info("Background saving terminated with success");
            } catch (IOException | RuntimeException e) {
                log.warn("Background saving error: {}", e.toString());
            } finally {
                long end = engine.ticker().currentTimeMillis();
                if (ok) {
                    changes.add(-changesBefore);
                    lastSaveMillis = end;
                    saves.incrementAndGet();
                }
                lastBgsaveOk = ok;
                lastBgsaveSeconds = (end - now) / 1000;
                bgsaveRunning.set(false);
            }
        }, "ferrite-bgsave");
        t.setDaemon(true);
        log.info("Background saving started");
        t.start();
        return true;
    }

    /** BGSAVE SCHEDULE while a save runs: another one starts once it ends (from {@link #cron}). */
    public void scheduleBackgroundSave() {
        bgsaveScheduled = true;
    }

    public boolean aofRewriteInProgress() { return aofRewriteRunning.get(); }
    public boolean aofRewriteScheduled() { return aofRewriteScheduled; }
    public long lastAofRewriteSeconds() { return lastAofRewriteSeconds; }
    public boolean lastAofRewriteOk() { return lastAofRewriteOk; }
    public long aofRewrites() { return aofRewrites.get(); }
    public int aofRewriteFailures() { return aofRewriteFailures; }

    /** Seconds the running AOF rewrite has taken, -1 if none runs. */
    public long currentAofRewriteSeconds() {
        return aofRewriteRunning.get() ? (engine.ticker().currentTimeMillis() - aofRewriteStartMillis) / 1000 : -1;
    }

    /** BGREWRITEAOF while another background job runs: the rewrite starts once it ends (from {@link #cron}). */
    public void scheduleAofRewrite() {
        aofRewriteScheduled = true;
    }

    /**
     * BGREWRITEAOF: writes a new base file and manifest in the background, then deletes the previous base; false
     * (starting nothing) if a background job runs. The caller holds no shard lock.
     */
    public synchronized boolean startAofRewrite() {
        if (bgsaveRunning.get() || !aofRewriteRunning.compareAndSet(false, true)) return false;
        aofRewriteScheduled = false;
        long now = engine.ticker().currentTimeMillis();
        aofRewriteStartMillis = now;
        Thread t = new Thread(() -> {
            boolean ok = false;
            try {
                rewriteAof(now);
                ok = true;
                log.info("Background AOF rewrite finished successfully");
            } catch (IOException | RuntimeException e) {
                log.warn("Background AOF rewrite error: {}", e.toString());
            } finally {
                lastAofRewriteOk = ok;
                lastAofRewriteSeconds = (engine.ticker().currentTimeMillis() - now) / 1000;
                if (ok) {
                    aofRewrites.incrementAndGet();
                    aofRewriteFailures = 0;
                } else {
                    aofRewriteFailures++;
                }
                aofRewriteRunning.set(false);
            }
        }, "ferrite-aof-rewrite");
        t.setDaemon(true);
        log.info("Background append only file rewriting started");
        t.start();
        return true;
    }

    private void rewriteAof(long now) throws IOException {
        ConfigTable t = engine.configTable();
        Path dir = Path.of(t.get("dir"));
        Path aofDir = dir.resolve(t.get("appenddirname"));
        Files.createDirectories(aofDir);
        String name = t.get("appendfilename");
        int seq = aofBaseSeq + 1;
        String base = name + "." + seq + ".base.rdb";
        long pid = ProcessHandle.current().pid();
        writeAtomically(dir.resolve("temp-rewriteaof-bg-" + pid + ".aof"), aofDir.resolve(base),
                new RdbFile.Options(false, true, true), now);
        Path manifest = aofDir.resolve(name + ".manifest");
        Path temp = aofDir.resolve("temp-" + name + ".manifest");
        Files.writeString(temp, "file " + base + " seq " + seq + " type b\n", StandardCharsets.UTF_8);
        Files.move(temp, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (seq > 1) Files.deleteIfExists(aofDir.resolve(name + "." + (seq - 1) + ".base.rdb"));
        aofBaseSeq = seq;
    }

    /** Waits until no background job (save or AOF rewrite) runs (SHUTDOWN, DEBUG RELOAD, tests). */
    public void awaitBackgroundSave() {
        while (bgsaveRunning.get() || aofRewriteRunning.get()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Periodic check (Redis's serverCron): a scheduled BGREWRITEAOF, then a scheduled BGSAVE, or an armed {@code save} rule "after S seconds if
     * at least N changes" met; after a failed background save, retries wait 5 seconds as Redis's do.
     */
    public void cron(long now) {
        if (bgsaveRunning.get() || aofRewriteRunning.get()) return;
        if (aofRewriteScheduled) {
            startAofRewrite();
            return;
        }
        if (bgsaveScheduled) {
            startBackgroundSave();
            return;
        }
        if (!rulesArmed) return;
        String rules = engine.configTable().get("save");
        if (rules.isEmpty()) return;
        long pending = changes.sum();
        String[] w = rules.split(" ");
        for (int i = 0; i + 1 < w.length; i += 2) {
            long seconds = Long.parseLong(w[i]);
            long atLeast = Long.parseLong(w[i + 1]);
            if (pending >= atLeast && now - lastSaveMillis > seconds * 1000
                    && (lastBgsaveOk || now - lastBgsaveTryMillis > 5000)) {
                log.info("{} changes in {} seconds. Saving...", atLeast, seconds);
                startBackgroundSave();
                return;
            }
        }
    }

    /**
     * Loads the snapshot file into the keyspace (flushed first unless {@code merge} keeps keys); the caller holds
     * every shard lock. Returns false if there is no file.
     */
    public boolean load(boolean merge) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file());
        } catch (NoSuchFileException e) {
            return false;
        }
        long now = engine.ticker().currentTimeMillis();
        RdbFile.Loaded loaded = RdbFile.load(bytes, engine.keyspace(), engine.config(), now, merge, code -> {
            try {
                engine.scripts().functions().restore(code);
            } catch (RuntimeException e) {
                throw new RdbFormatException("Failed loading library: " + e.getMessage());
            }
        });
        lastLoadKeys = loaded.keys();
        lastLoadExpired = loaded.expired();
        return true;
    }

    /** Loads the snapshot file at start, logging as redis-server does; false if there is none. */
    public boolean loadAtStart() throws IOException {
        Keyspace ks = engine.keyspace();
        long start = System.nanoTime();
        ks.lockAll();
        try {
            if (!load(false)) return false;
        } finally {
            ks.unlockAll();
        }
        log.info("Done loading RDB, keys loaded: {}, keys expired: {}.", lastLoadKeys, lastLoadExpired);
        log.info("DB loaded from disk: {} seconds", String.format("%.3f", (System.nanoTime() - start) / 1e9));
        lastSaveMillis = engine.ticker().currentTimeMillis();
        return true;
    }

    /**
     * The RDB image SYNC sends a replica: the whole keyspace, or only the function libraries. The caller holds every
     * shard lock, so it is one point in time; it is built in memory, and no save statistic counts it.
     */
    public byte[] image(boolean functionsOnly, long now) throws IOException {
        java.io.ByteArrayOutputStream os = new java.io.ByteArrayOutputStream();
        Keyspace ks = engine.keyspace();
        RdbFile.write(ks, engine.config(), os, now, ks.usedMemory(), Ferrite.VERSION,
                engine.scripts().functions().codes(), new RdbFile.Options(true, !functionsOnly, false));
        return os.toByteArray();
    }

    private void writeFile(boolean holdsAllLocks, long now) throws IOException {
        Path target = file();
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve((holdsAllLocks ? "temp-" : "temp-bg-") + ProcessHandle.current().pid() + ".rdb");
        writeAtomically(temp, target, holdsAllLocks ? RdbFile.Options.SAVE : RdbFile.Options.BGSAVE, now);
    }

    /** Writes the snapshot {@code options} describe to {@code temp}, then renames it over {@code target}. */
    private void writeAtomically(Path temp, Path target, RdbFile.Options options, long now) throws IOException {
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                Keyspace ks = engine.keyspace();
                RdbFile.write(ks, engine.config(), os, now, ks.usedMemory(), Ferrite.VERSION,
                        engine.scripts().functions().codes(), options);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("Failed saving the DB: {}", e.toString());
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
