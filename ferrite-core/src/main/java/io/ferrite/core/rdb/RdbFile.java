package io.ferrite.core.rdb;

import io.ferrite.core.config.Config;
import io.ferrite.core.keyspace.AccessClock;
import io.ferrite.core.keyspace.Db;
import io.ferrite.core.keyspace.Keyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Whole RDB files as Redis 7.0 writes them: {@code REDIS0010}, aux fields, then per non-empty database SELECTDB,
 * RESIZEDB and its keys (EXPIRETIME_MS before a volatile key's value), EOF and the CRC-64 of everything before it.
 * Values go through {@link Rdb}'s codec, the one DUMP and RESTORE use.
 */
public final class RdbFile {
    private static final Logger log = LoggerFactory.getLogger(RdbFile.class);

    private static final byte[] MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);
    static final int OP_FUNCTION2 = 0xF5, OP_FUNCTION_PRE_GA = 0xF6, OP_MODULE_AUX = 0xF7, OP_IDLE = 0xF8,
            OP_FREQ = 0xF9, OP_AUX = 0xFA, OP_RESIZEDB = 0xFB, OP_EXPIRETIME_MS = 0xFC, OP_EXPIRETIME = 0xFD,
            OP_SELECTDB = 0xFE, OP_EOF = 0xFF;
    /** Serialized bytes gathered before they are handed to the stream (and, in the background, locks released). */
    private static final int CHUNK = 64 * 1024;

    private RdbFile() {}

    /** What a load found: keys stored and keys skipped because their deadline had passed. */
    public record Loaded(long keys, long expired) {}

    /**
     * What a file holds and how it is taken. {@code holdsAllLocks}: the caller holds every shard lock and the file
     * is one point in time (SAVE); otherwise each shard index is locked in turn while its keys are serialized, then
     * released before the bytes are written, so every key is saved as it was at one moment but two keys of different
     * shards may be saved at different moments (BGSAVE without fork). {@code withData}: the databases, not only the
     * functions (REPLCONF rdb-filter-only functions). {@code aofBase}: the base of an append-only file.
     */
    public record Options(boolean holdsAllLocks, boolean withData, boolean aofBase) {
        public static final Options SAVE = new Options(true, true, false);
        public static final Options BGSAVE = new Options(false, true, false);
    }

    /** Writes the databases of {@code ks} and the function libraries to {@code os}, as {@code options} say. */
    public static void write(Keyspace ks, Config cfg, OutputStream os, long now, long usedMemory, String version,
                             List<byte[]> functionLibraries, Options options) throws IOException {
        boolean holdsAllLocks = options.holdsAllLocks();
        boolean withData = options.withData();
        CrcStream out = new CrcStream(os);
        Bytes b = new Bytes(CHUNK);
        Bytes scratch = new Bytes(256);
        b.put(MAGIC);
        b.put(String.format("%04d", Rdb.VERSION).getBytes(StandardCharsets.US_ASCII));
        aux(b, "redis-ver", version);
        aux(b, "redis-bits", "64");
        aux(b, "ctime", Long.toString(now / 1000));
        aux(b, "used-mem", Long.toString(usedMemory));
        aux(b, "aof-base", options.aofBase() ? "1" : "0");
        for (byte[] code : functionLibraries) {
            b.put(OP_FUNCTION2);
            Rdb.writeString(b, code, code.length);
        }
        out.write(b);
        for (int i = 0; withData && i < ks.databases(); i++) {
            int index = i;
            boolean[] selected = {false};
            for (int s = 0; s < ks.shards(); s++) {
                if (!holdsAllLocks) ks.lock(s);
                try {
                    Db db = ks.db(index);
                    db.forEachInShard(s, now, (key, value, expireAt) -> {
                        if (!selected[0]) {
                            // Before the database's first key, whichever shard holds it. RESIZEDB is a sizing hint:
                            // in the background, the sizes are those of that moment.
                            b.put(OP_SELECTDB);
                            Rdb.writeLength(b, index);
                            b.put(OP_RESIZEDB);
                            Rdb.writeLength(b, db.size());
                            Rdb.writeLength(b, db.volatileSize());
                            selected[0] = true;
                        }
                        if (expireAt != 0) {
                            b.put(OP_EXPIRETIME_MS);
                            b.le(expireAt, 8);
                        }
                        // A file holds the type byte, then the key, then the value's encoding.
                        scratch.truncate(0);
                        Rdb.writeValue(scratch, value, cfg);
                        b.put(scratch.array()[0]);
                        Rdb.writeString(b, key, key.length);
                        b.put(scratch.array(), 1, scratch.size() - 1);
                    });
                } finally {
                    if (!holdsAllLocks) ks.unlock(s);
                }
                if (b.size() >= CHUNK) out.write(b);
            }
        }
        b.put(OP_EOF);
        out.write(b);
        b.le(out.crc, 8);
        out.write(b);
    }

    private static void aux(Bytes b, String key, String value) {
        b.put(OP_AUX);
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        Rdb.writeString(b, k, k.length);
        Rdb.writeString(b, v, v.length);
    }

    /** Forwards chunks to a stream, keeping the CRC-64 of everything written. */
    private static final class CrcStream {
        private final OutputStream os;
        long crc;

        CrcStream(OutputStream os) {
            this.os = os;
        }

        void write(Bytes b) throws IOException {
            crc = Crc64.update(crc, b.array(), 0, b.size());
            os.write(b.array(), 0, b.size());
            b.truncate(0);
        }
    }

    /**
     * Loads an RDB file's keys into {@code ks}; the caller holds every shard lock. Keys whose deadline passed are
     * skipped, as a Redis master skips them. A key already present is an error unless {@code merge} (DEBUG RELOAD
     * MERGE), which replaces it. Throws {@link RdbFormatException} for a file Redis would refuse; keys read before
     * the problem stay loaded, as in Redis (which then exits). Function libraries go to {@code functionLibraries}.
     */
    public static Loaded load(byte[] file, Keyspace ks, Config cfg, long now, boolean merge,
                              Consumer<byte[]> functionLibraries) {
        if (file.length < 9 || !java.util.Arrays.equals(file, 0, 5, MAGIC, 0, 5)) {
            throw new RdbFormatException("Wrong signature trying to load DB from file");
        }
        int version = 0;
        for (int i = 5; i < 9; i++) {
            int d = file[i] - '0';
            if (d < 0 || d > 9) throw new RdbFormatException("Can't handle RDB format version " + new String(file, 5, 4, StandardCharsets.US_ASCII));
            version = version * 10 + d;
        }
        if (version < 1 || version > Rdb.MAX_VERSION) throw new RdbFormatException("Can't handle RDB format version " + version);
        RdbInput in = new RdbInput(file, 9, file.length);
        Db db = ks.db(0);
        long expireAt = 0;
        int lfu = -1;
        long idle = -1;
        long keys = 0;
        long expired = 0;
        while (true) {
            int type = in.readByte();
            switch (type) {
                case OP_EXPIRETIME_MS -> {
                    expireAt = in.readLittleEndian(8);
                    continue;
                }
                case OP_EXPIRETIME -> {
                    expireAt = in.readLittleEndian(4) * 1000;
                    continue;
                }
                case OP_FREQ -> {
                    lfu = in.readByte();
                    continue;
                }
                case OP_IDLE -> {
                    idle = in.readLength();
                    continue;
                }
                case OP_SELECTDB -> {
                    long index = in.readLength();
                    if (index >= ks.databases()) {
                        throw new RdbFormatException("Data file was created with a Redis server configured to handle "
                                + "more than " + ks.databases() + " databases");
                    }
                    db = ks.db((int) index);
                    continue;
                }
                case OP_RESIZEDB -> {
                    in.readLength();
                    in.readLength();
                    continue;
                }
                case OP_AUX -> {
                    String key = new String(in.readString(), StandardCharsets.UTF_8);
                    String value = new String(in.readString(), StandardCharsets.UTF_8);
                    if (key.equals("redis-ver")) log.info("Loading RDB produced by version {}", value);
                    continue;
                }
                case OP_FUNCTION2 -> {
                    functionLibraries.accept(in.readString());
                    continue;
                }
                case OP_FUNCTION_PRE_GA, OP_MODULE_AUX -> throw new RdbFormatException(
                        "unsupported RDB opcode " + type + " (pre-GA functions or module data)");
                case OP_EOF -> {
                    verifyChecksum(file, in, version);
                    return new Loaded(keys, expired);
                }
                default -> {
                    if (!Rdb.isValueType(type)) throw new RdbFormatException("Unknown RDB encoding type " + type);
                }
            }
            byte[] key = in.readString();
            Object value = Rdb.readValue(in, type, cfg);
            if (expireAt != 0 && expireAt < now) {
                expired++;
            } else {
                if (db.peek(key, now) != null) {
                    if (!merge) throw new RdbFormatException("Duplicate key '" + new String(key, StandardCharsets.UTF_8) + "' found in RDB file");
                    db.delete(key, now);
                }
                db.setWithExpire(key, value, expireAt, now);
                if (cfg.maxmemoryPolicy.isLfu()) {
                    if (lfu >= 0) db.setAccessStamp(key, AccessClock.lfuStamp(lfu, now), now);
                } else if (idle >= 0) {
                    db.setAccessStamp(key, AccessClock.lruStampIdle(idle, now), now);
                }
                keys++;
            }
            expireAt = 0;
            lfu = -1;
            idle = -1;
        }
    }

    /** Versions 5 and later end with a CRC-64 of everything before it; 0 means the writer did not compute one. */
    private static void verifyChecksum(byte[] file, RdbInput in, int version) {
        if (version < 5) return;
        int end = in.position();
        long expected = in.readLittleEndian(8);
        if (expected != 0 && Crc64.update(0, file, 0, end) != expected) {
            throw new RdbFormatException("Wrong RDB checksum");
        }
    }
}
