package io.ferrite.core.rdb;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaveCommandsTest {
    @TempDir
    Path dir;

    private Ferrite engine(DumpCommandsTest.ManualTicker ticker) {
        return Ferrite.newBuilder().ticker(ticker).activeExpiry(false).config("dir", dir.toString()).build();
    }

    private static String info(Session s, String field) {
        for (String line : s.call("INFO", "persistence").text().split("\r\n")) {
            if (line.startsWith(field + ":")) return line.substring(field.length() + 1);
        }
        throw new AssertionError(field);
    }

    @Test
    void saveWritesDumpRdbAndResetsTheCounters() throws Exception {
        DumpCommandsTest.ManualTicker ticker = new DumpCommandsTest.ManualTicker();
        try (Ferrite f = engine(ticker)) {
            Session s = f.newSession();
            long started = ticker.currentTimeMillis() / 1000;
            assertEquals(started, s.call("LASTSAVE").asLong());
            s.call("SET", "a", "1");
            s.call("SET", "b", "2");
            s.call("DEL", "a");
            assertEquals("3", info(s, "rdb_changes_since_last_save"));
            assertEquals("0", info(s, "rdb_saves"));
            ticker.millis.addAndGet(5000);
            assertEquals("OK", s.call("SAVE").text());
            assertTrue(Files.exists(dir.resolve("dump.rdb")));
            assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith("temp-")));
            assertEquals(started + 5, s.call("LASTSAVE").asLong());
            assertEquals("0", info(s, "rdb_changes_since_last_save"));
            assertEquals("1", info(s, "rdb_saves"));
            assertEquals(Long.toString(started + 5), info(s, "rdb_last_save_time"));
            byte[] header = Files.readAllBytes(dir.resolve("dump.rdb"));
            assertArrayEquals("REDIS0010".getBytes(), java.util.Arrays.copyOf(header, 9));
            assertEquals("ERR wrong number of arguments for 'save' command", s.call("SAVE", "x").text());
        }
    }

    @Test
    void expiredKeysAreNotLoaded() {
        DumpCommandsTest.ManualTicker ticker = new DumpCommandsTest.ManualTicker();
        try (Ferrite f = engine(ticker)) {
            Session s = f.newSession();
            s.call("SET", "short", "x", "PX", "1000");
            s.call("SET", "long", "y", "EX", "1000");
            s.call("SAVE");
            ticker.millis.addAndGet(2000);
            assertEquals("OK", s.call("DEBUG", "RELOAD", "NOSAVE").text());
            assertEquals(1, s.call("DBSIZE").asLong());
            assertEquals(998, s.call("TTL", "long").asLong());
            assertEquals("1", info(s, "rdb_last_load_keys_loaded"));
            assertEquals("1", info(s, "rdb_last_load_keys_expired"), "saved, then expired before the load");
        }
    }

    @Test
    void debugReloadOptions() {
        try (Ferrite f = engine(new DumpCommandsTest.ManualTicker())) {
            Session s = f.newSession();
            s.call("SET", "k", "saved");
            assertEquals("OK", s.call("DEBUG", "RELOAD").text());
            assertEquals("saved", s.call("GET", "k").text());
            s.call("SET", "k", "changed");
            s.call("SET", "other", "kept");
            assertEquals("ERR Error trying to load the RDB dump, check server logs.",
                    s.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH").text(), "a duplicate key without MERGE");
            assertEquals("OK", s.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH", "MERGE").text());
            assertEquals("saved", s.call("GET", "k").text());
            assertEquals("kept", s.call("GET", "other").text());
            assertEquals("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.",
                    s.call("DEBUG", "RELOAD", "FAST").text());
        }
    }

    @Test
    void bgsaveRunsInTheBackgroundOneAtATime() throws Exception {
        try (Ferrite f = engine(new DumpCommandsTest.ManualTicker())) {
            Session s = f.newSession();
            s.call("RPUSH", "l", "a", "b");
            assertEquals("ERR syntax error", s.call("BGSAVE", "NOW").text());
            // Holding a shard lock keeps the background save from finishing.
            f.keyspace().lock(0);
            try {
                assertEquals("Background saving started", s.call("BGSAVE").text());
                assertEquals("1", info(s, "rdb_bgsave_in_progress"));
                assertEquals("ERR Background save already in progress", s.call("BGSAVE").text());
                // SCHEDULE waits only for another kind of job (an AOF rewrite), as in redis-server.
                assertEquals("ERR Background save already in progress", s.call("BGSAVE", "SCHEDULE").text());
                assertEquals("Background append only file rewriting scheduled", s.call("BGREWRITEAOF").text());
                assertEquals("1", info(s, "aof_rewrite_scheduled"));
            } finally {
                f.keyspace().unlock(0);
            }
            f.snapshots().awaitBackgroundSave();
            assertEquals("0", info(s, "rdb_bgsave_in_progress"));
            assertEquals("ok", info(s, "rdb_last_bgsave_status"));
            assertEquals("1", info(s, "rdb_saves"));
            assertEquals("OK", s.call("DEBUG", "RELOAD", "NOSAVE").text());
            assertEquals("[a, b]", s.call("LRANGE", "l", "0", "-1").toString().replace("array", "").replace("\"", ""));
        }
    }

    @Test
    void aFailedSaveIsReported() {
        try (Ferrite f = Ferrite.newBuilder().config("dir", dir.resolve("missing").toString()).build()) {
            Session s = f.newSession();
            s.call("SET", "k", "v");
            assertEquals("ERR", s.call("SAVE").text());
            assertEquals("Background saving started", s.call("BGSAVE").text());
            f.snapshots().awaitBackgroundSave();
            assertEquals("err", info(s, "rdb_last_bgsave_status"));
        }
    }

    @Test
    void anEmbeddedEngineWritesNothingUnlessAsked() throws Exception {
        DumpCommandsTest.ManualTicker ticker = new DumpCommandsTest.ManualTicker();
        try (Ferrite f = engine(ticker)) {
            Session s = f.newSession();
            assertEquals("3600 1 300 100 60 10000", s.call("CONFIG", "GET", "save").toString()
                    .replaceAll(".*\"save\", \"(.*)\"]", "$1"));
            for (int i = 0; i < 20_000; i++) s.call("SET", "k" + i, "v");
            ticker.millis.addAndGet(4_000_000);
            f.snapshots().cron(ticker.currentTimeMillis());
            f.snapshots().awaitBackgroundSave();
            assertFalse(Files.exists(dir.resolve("dump.rdb")), "default save rules are not armed");
            assertFalse(f.snapshots().rulesActive());
            // Rules set explicitly act.
            assertEquals("OK", s.call("CONFIG", "SET", "save", "10 5").text());
            assertTrue(f.snapshots().rulesActive());
            f.snapshots().cron(ticker.currentTimeMillis());
            f.snapshots().awaitBackgroundSave();
            assertTrue(Files.exists(dir.resolve("dump.rdb")));
            assertEquals("0", info(s, "rdb_changes_since_last_save"));
        }
    }

    @Test
    void dirAndDbfilenameAreConfigurable() throws Exception {
        try (Ferrite f = engine(new DumpCommandsTest.ManualTicker())) {
            Session s = f.newSession();
            assertEquals("ERR CONFIG SET failed (possibly related to argument 'dbfilename') - can't set protected config",
                    s.call("CONFIG", "SET", "dbfilename", "other.rdb").text());
            assertEquals("ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config",
                    s.call("CONFIG", "SET", "maxmemory", "1", "dir", "/").text());
            assertEquals("0", s.call("CONFIG", "GET", "maxmemory").elements().get(1).text(), "nothing was set");
            f.configTable().set("dbfilename", "other.rdb");
            s.call("SET", "k", "v");
            s.call("SAVE");
            assertTrue(Files.exists(dir.resolve("other.rdb")));
            assertEquals(dir.toString(), s.call("CONFIG", "GET", "dir").toString()
                    .replaceAll(".*\"dir\", \"(.*)\"]", "$1"));
        }
    }

    @Test
    void bgrewriteaofWritesABaseFileAndManifestAsRedisDoesWithoutAppendonly() throws Exception {
        try (Ferrite f = engine(new DumpCommandsTest.ManualTicker())) {
            Session s = f.newSession();
            s.call("SET", "k", "v");
            s.call("RPUSH", "l", "a", "b");
            for (int seq = 1; seq <= 2; seq++) {
                assertEquals("Background append only file rewriting started", s.call("BGREWRITEAOF").text());
                f.snapshots().awaitBackgroundSave();
                Path aofDir = dir.resolve("appendonlydir");
                assertEquals("file appendonly.aof." + seq + ".base.rdb seq " + seq + " type b\n",
                        Files.readString(aofDir.resolve("appendonly.aof.manifest")));
                try (var files = Files.list(aofDir)) {
                    assertEquals(java.util.Set.of("appendonly.aof.manifest", "appendonly.aof." + seq + ".base.rdb"),
                            files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                            "the previous base is deleted");
                }
                assertEquals(Integer.toString(seq), info(s, "aof_rewrites"));
            }
            assertEquals("ok", info(s, "aof_last_bgrewrite_status"));
            assertFalse(Files.exists(dir.resolve("dump.rdb")), "a rewrite is not a save");
            try (Ferrite loaded = Ferrite.newBuilder().activeExpiry(false)
                    .config("dir", dir.resolve("appendonlydir").toString())
                    .config("dbfilename", "appendonly.aof.2.base.rdb").build()) {
                Session l = loaded.newSession();
                assertEquals("OK", l.call("DEBUG", "RELOAD", "NOSAVE").text());
                assertEquals("v", l.call("GET", "k").text());
                assertEquals(2, l.call("LLEN", "l").asLong());
            }
            s.call("MULTI");
            s.call("BGREWRITEAOF");
            s.call("BGSAVE");
            assertEquals(java.util.List.of("Background append only file rewriting scheduled", "Background saving scheduled"),
                    s.call("EXEC").elements().stream().map(r -> r.text()).toList(), "deferred inside EXEC, as Redis");
            assertEquals("1", info(s, "aof_rewrite_scheduled"));
            assertEquals("ERR wrong number of arguments for 'bgrewriteaof' command", s.call("BGREWRITEAOF", "x").text());
        }
    }
}
