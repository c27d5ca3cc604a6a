package io.ferrite.net;

import io.ferrite.core.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerOptionsTest {

    private static Config apply(ServerOptions o) {
        Config c = new Config(o.databases);
        o.applyTo(c);
        return c;
    }

    @Test
    void commandLineOptionsUseRedisNames() throws Exception {
        ServerOptions o = ServerOptions.parse(new String[] {"--port", "6380", "--bind", "127.0.0.1", "--maxclients", "7",
                "--requirepass", "s3cr\"t x", "--timeout", "30", "--databases", "4", "--protected-mode", "no",
                "--maxmemory", "100mb", "--save", "", "--appendonly", "no", "--proto-max-bulk-len", "2gb",
                "--io-threads", "1", "--jit-warmup", "no"});
        Config c = apply(o);
        assertFalse(o.jitWarmup);
        assertTrue(ServerOptions.parse(new String[0]).jitWarmup, "warm-up is on by default");
        assertEquals(50, ServerOptions.parse(new String[0]).busyPollMicros, "the standalone server polls 50 us");
        assertEquals(0, ServerOptions.parse(new String[] {"--busy-poll", "0"}).busyPollMicros);
        assertEquals(6380, c.port);
        assertEquals("127.0.0.1", c.bind);
        assertEquals(7, c.maxclients);
        assertEquals("s3cr\"t x", c.requirepass);
        assertEquals(30, c.timeout);
        assertEquals(4, o.databases);
        assertEquals(1, o.loops);
        assertFalse(c.protectedMode);
        assertEquals(100L * 1024 * 1024, c.maxmemory);
        assertEquals(2L * 1024 * 1024 * 1024, c.protoMaxBulkLen);
    }

    @Test
    void configFileThenOptionsWhichOverrideIt(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "# a comment\n\nport 7000\nbind 127.0.0.1 -::1\nmaxmemory-policy allkeys-lru\n"
                + "requirepass \"with space\"\n");
        Config c = apply(ServerOptions.parse(new String[] {conf.toString(), "--port", "7001"}));
        assertEquals(7001, c.port);
        assertEquals("127.0.0.1", c.bind);
        assertEquals("with space", c.requirepass);
        assertEquals("allkeys-lru", c.maxmemoryPolicy.configName());
    }

    @Test
    void unknownDirectivesAndBadValuesAreRejectedClearly() {
        String unknown = assertThrows(ServerOptions.ConfigException.class,
                () -> ServerOptions.parse(new String[] {"--port", "1", "--frobnicate", "yes"})).getMessage();
        assertTrue(unknown.contains("at line 2"), unknown);
        assertTrue(unknown.contains("'frobnicate' is not a directive"), unknown);
        String bad = assertThrows(ServerOptions.ConfigException.class,
                () -> ServerOptions.parse(new String[] {"--port", "99999"})).getMessage();
        assertTrue(bad.contains("argument must be between 0 and 65535"), bad);
        assertThrows(ServerOptions.ConfigException.class, () -> ServerOptions.parse(new String[] {"--port"}));
        assertThrows(ServerOptions.ConfigException.class, () -> ServerOptions.parse(new String[] {"--appendonly", "yes"}));
        assertThrows(ServerOptions.ConfigException.class, () -> ServerOptions.parse(new String[] {"/no/such/redis.conf"}));
        assertThrows(ServerOptions.ConfigException.class, () -> ServerOptions.parse(new String[] {"--port", "1", "2"}));
        assertThrows(ServerOptions.ConfigException.class, () -> ServerOptions.parse(new String[] {"--busy-poll", "-1"}));
    }

    @Test
    void aRedisConfWithLaterOverridesAndRepeatedLimitsStarts(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "daemonize yes\nappendonly no\nappendfsync everysec\nrdbcompression yes\n"
                + "client-output-buffer-limit normal 0 0 0\nclient-output-buffer-limit pubsub 1mb 2kb 5\n"
                + "oom-score-adj-values 0 200 800\nmin-slaves-to-write 0\n");
        ServerOptions o = ServerOptions.parse(new String[] {conf.toString(), "--daemonize", "no"});
        assertEquals("normal 0 0 0 pubsub 1mb 2kb 5", o.engineSettings.get("client-output-buffer-limit"));
        try (io.ferrite.core.Ferrite engine = ServerMain.engine(o)) {
            io.ferrite.core.Session s = engine.newSession();
            assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 1048576 2048 5",
                    s.call("CONFIG", "GET", "client-output-buffer-limit").elements().get(1).text());
            assertEquals("0", s.call("CONFIG", "GET", "min-replicas-to-write").elements().get(1).text());
        }
        String stillYes = assertThrows(ServerOptions.ConfigException.class,
                () -> ServerOptions.parse(new String[] {conf.toString()})).getMessage();
        assertTrue(stillYes.contains("at line 1") && stillYes.contains("daemonize yes is not supported"), stillYes);
    }

    @Test
    void protectedCommandDirectives() throws Exception {
        ServerOptions o = ServerOptions.parse(new String[] {"--enable-debug-command", "no", "--enable-module-command", "LOCAL"});
        assertEquals("no", o.engineSettings.get("enable-debug-command"));
        assertEquals("LOCAL", o.engineSettings.get("enable-module-command"));
        String bad = assertThrows(ServerOptions.ConfigException.class,
                () -> ServerOptions.parse(new String[] {"--enable-debug-command", "sometimes"})).getMessage();
        assertTrue(bad.contains("must be one of the following: no, yes, local"), bad);
    }

    @Test
    void snapshotDirectivesAsRedisConfReadsThem(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "save 900 1\nsave 300 10\ndir " + dir + "\ndbfilename snap.rdb\n");
        ServerOptions o = ServerOptions.parse(new String[] {conf.toString()});
        assertEquals("900 1 300 10", o.engineSettings.get("save"), "the first save line replaces, later ones add");
        assertEquals(dir.toAbsolutePath().normalize().toString(), o.engineSettings.get("dir"));
        assertEquals("snap.rdb", o.engineSettings.get("dbfilename"));
        assertEquals("3600 1 300 100", ServerOptions.parse(new String[] {"--save", "3600 1 300 100"}).engineSettings.get("save"));
        assertEquals("", ServerOptions.parse(new String[] {conf.toString(), "--save", ""}).engineSettings.get("save"));
        assertFalse(ServerOptions.parse(new String[0]).engineSettings.containsKey("save"), "Redis's default rules");
        String odd = assertThrows(ServerOptions.ConfigException.class,
                () -> ServerOptions.parse(new String[] {"--save", "900"})).getMessage();
        assertTrue(odd.contains("Invalid save parameters"), odd);
        String missing = assertThrows(ServerOptions.ConfigException.class,
                () -> ServerOptions.parse(new String[] {"--dir", dir.resolve("nope").toString()})).getMessage();
        assertTrue(missing.contains("Can't chdir to"), missing);
        String path = assertThrows(ServerOptions.ConfigException.class,
                () -> ServerOptions.parse(new String[] {"--dbfilename", "a/b.rdb"})).getMessage();
        assertTrue(path.contains("dbfilename can't be a path, just a filename"), path);
    }

    @Test
    void memoryUnitsAsRedisReadsThem() {
        assertEquals(1000, ServerOptions.memory("1k"));
        assertEquals(1024, ServerOptions.memory("1KB"));
        assertEquals(5_000_000, ServerOptions.memory("5m"));
        assertEquals(3L << 30, ServerOptions.memory("3gb"));
        assertEquals(42, ServerOptions.memory("42"));
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.memory("-1"));
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.memory("lots"));
    }
}
