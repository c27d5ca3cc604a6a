package io.ferrite.core.server;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class ServerCommandsTest {
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build();
    private final Session s = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    @Test
    void helloSwitchesProtocolAndRepliesInTheNewOne() {
        Reply r2 = s.call("HELLO");
        assertEquals(Reply.AggregateKind.ARRAY, ((Reply.Aggregate) r2).kind());
        assertEquals(14, r2.elements().size());
        Reply r3 = s.call("HELLO", "3");
        assertEquals(Reply.AggregateKind.MAP, ((Reply.Aggregate) r3).kind());
        List<Reply> e = r3.elements();
        assertEquals(List.of("server", "version", "proto", "id", "mode", "role", "modules"),
                List.of(e.get(0).text(), e.get(2).text(), e.get(4).text(), e.get(6).text(), e.get(8).text(),
                        e.get(10).text(), e.get(12).text()));
        assertEquals(3, e.get(5).asLong());
        assertEquals(s.id(), e.get(7).asLong());
        assertEquals(3, s.protocol());
        // Back to 2: the reply itself is already flattened.
        Reply back = s.call("HELLO", "2");
        assertEquals(Reply.AggregateKind.ARRAY, ((Reply.Aggregate) back).kind());
        assertEquals("NOPROTO unsupported protocol version", s.call("HELLO", "4").text());
        assertEquals("ERR Syntax error in HELLO option 'auth'", s.call("HELLO", "2", "auth", "a").text());
        s.call("HELLO", "2", "SETNAME", "conn1");
        assertEquals("conn1", s.call("CLIENT", "GETNAME").text());
    }

    @Test
    void authWithRequirepass() {
        assertEquals("ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?", s.call("AUTH", "x").text());
        assertEquals("OK", s.call("AUTH", "default", "anything").text());
        assertEquals("OK", s.call("CONFIG", "SET", "requirepass", "secret").text());
        Session other = ferrite.newSession();
        assertEquals("NOAUTH Authentication required.", other.call("PING").text());
        assertTrue(other.call("HELLO", "3").text().startsWith("NOAUTH HELLO must be called"));
        assertEquals(ConnectionCommands.WRONGPASS, other.call("AUTH", "wrong").text());
        assertEquals(ConnectionCommands.WRONGPASS, other.call("AUTH", "bob", "secret").text());
        assertEquals(ConnectionCommands.WRONGPASS, other.call("HELLO", "2", "AUTH", "default", "nope").text());
        assertEquals("OK", other.call("AUTH", "secret").text());
        assertEquals("PONG", other.call("PING").text());
        assertEquals("RESET", other.call("RESET").text());
        assertEquals("NOAUTH Authentication required.", other.call("PING").text());
        Reply hello = other.call("HELLO", "3", "AUTH", "default", "secret");
        assertEquals(Reply.AggregateKind.MAP, ((Reply.Aggregate) hello).kind());
        assertEquals("RESET", other.call("RESET").text());
        assertEquals(2, other.protocol());
    }

    @Test
    void configSetIsAtomic() {
        assertEquals("ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be "
                + "one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, "
                + "allkeys-lfu, allkeys-random, noeviction",
                s.call("CONFIG", "SET", "maxmemory", "1gb", "maxmemory-policy", "foo").text());
        assertEquals(0, ferrite.config().maxmemory);
        assertEquals("ERR Unknown option or number of arguments for CONFIG SET - 'foo'",
                s.call("CONFIG", "SET", "hz", "20", "foo", "1").text());
        assertEquals(10, ferrite.config().hz);
        assertEquals("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config",
                s.call("CONFIG", "SET", "databases", "4").text());
        assertEquals("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - duplicate parameter",
                s.call("CONFIG", "SET", "maxmemory", "1", "MAXMEMORY", "2").text());
        assertEquals("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer",
                s.call("CONFIG", "SET", "hz", "abc").text());
        assertEquals("OK", s.call("CONFIG", "SET", "maxmemory", "100mb", "maxmemory-policy", "ALLKEYS-LRU",
                "notify-keyspace-events", "Kx").text());
        assertEquals(100L * 1024 * 1024, ferrite.config().maxmemory);
        assertEquals(io.ferrite.core.keyspace.EvictionPolicy.ALLKEYS_LRU, ferrite.config().maxmemoryPolicy);
        assertEquals(List.of("notify-keyspace-events", "xK"), s.call("CONFIG", "GET", "notify-keyspace-events").texts());
        assertEquals("OK", s.call("CONFIG", "SET", "hz", "600").text());
        assertEquals(500, ferrite.config().hz);
    }

    @Test
    void configGetShapes() {
        assertEquals(List.of("maxmemory", "0"), s.call("CONFIG", "GET", "maxmemory").texts());
        assertEquals(List.of("HZ", "10"), s.call("CONFIG", "GET", "HZ").texts());
        assertEquals(2, s.call("CONFIG", "GET", "hz", "hz").elements().size());
        assertTrue(s.call("CONFIG", "GET", "*").elements().size() > 100);
        s.call("HELLO", "3");
        Reply r = s.call("CONFIG", "GET", "maxmemory*");
        assertEquals(Reply.AggregateKind.MAP, ((Reply.Aggregate) r).kind());
        assertTrue(r.texts().contains("maxmemory-policy"));
    }

    @Test
    void builderTakesRedisConfSettings() {
        try (Ferrite f = Ferrite.newBuilder().activeExpiry(false).config("databases", "4").config("maxmemory", "1mb")
                .config("save", "").build()) {
            assertEquals(4, f.keyspace().databases());
            assertEquals(1024 * 1024, f.config().maxmemory);
            assertEquals("", f.configTable().get("save"));
        }
        ConfigException e = assertThrows(ConfigException.class, () -> Ferrite.newBuilder().config("appendonly", "maybe"));
        assertEquals("argument must be 'yes' or 'no'", e.getMessage());
    }

    @Test
    void infoSectionsAndFormat() {
        s.call("SET", "k", "v");
        String all = s.call("INFO", "everything").text();
        for (String section : List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU",
                "Modules", "Commandstats", "Errorstats", "Cluster", "Keyspace")) {
            assertTrue(all.contains("# " + section + "\r\n"), section);
        }
        assertTrue(all.contains("\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n"));
        assertTrue(Pattern.compile("cmdstat_set:calls=1,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=0,failed_calls=0\r\n")
                .matcher(all).find(), all);
        assertFalse(s.call("INFO").text().contains("# Commandstats"));
        assertEquals("# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n", s.call("INFO", "keyspace").text());
        assertEquals("# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n",
                s.call("INFO", "keyspace", "CLUSTER").text());
        assertEquals("", s.call("INFO", "nosuch").text());
        s.call("GET");
        assertTrue(s.call("INFO", "errorstats").text().contains("errorstat_ERR:count=1\r\n"));
        assertTrue(s.call("INFO", "commandstats").text().contains("cmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0"));
        s.call("CONFIG", "RESETSTAT");
        assertFalse(s.call("INFO", "commandstats").text().contains("cmdstat_get"));
        s.call("HELLO", "3");
        assertInstanceOf(Reply.Verbatim.class, s.call("INFO"));
    }

    /** A connection as the network would describe it. */
    private static final class FakeTransport implements Session.Transport {
        final String addr;
        boolean killed;

        FakeTransport(String addr) { this.addr = addr; }
        @Override public String remoteAddress() { return addr; }
        @Override public String localAddress() { return "127.0.0.1:6379"; }
        @Override public int fd() { return 8; }
        @Override public void kill() { killed = true; }
    }

    /** What redis-server 7.0 shows: {@code d} once a watched key changed, until DISCARD, EXEC or UNWATCH. */
    @Test
    void clientFlagsShowAChangedWatchedKey() {
        Session net = ferrite.newSession(new FakeTransport("127.0.0.1:50001"));
        Session other = ferrite.newSession();
        net.call("WATCH", "k");
        assertTrue(net.call("CLIENT", "INFO").text().contains(" flags=N "));
        other.call("SET", "k", "v");
        assertTrue(net.call("CLIENT", "INFO").text().contains(" flags=d "));
        net.call("MULTI");
        net.call("PING");
        assertTrue(other.call("CLIENT", "LIST").text().contains(" flags=xd "));
        net.call("DISCARD");
        assertTrue(net.call("CLIENT", "INFO").text().contains(" flags=N "));
        net.call("WATCH", "k");
        net.call("SET", "k", "w");
        assertTrue(net.call("CLIENT", "INFO").text().contains(" flags=d "), "a client's own write counts too");
        net.call("UNWATCH");
        assertTrue(net.call("CLIENT", "INFO").text().contains(" flags=N "));
    }

    @Test
    void clientListLineFormat() {
        FakeTransport t = new FakeTransport("127.0.0.1:50000");
        Session net = ferrite.newSession(t);
        net.call("CLIENT", "SETNAME", "worker");
        net.call("CLIENT", "SETINFO", "LIB-NAME", "jedis");
        String line = net.call("CLIENT", "INFO").text();
        assertTrue(Pattern.matches("id=\\d+ addr=127\\.0\\.0\\.1:50000 laddr=127\\.0\\.0\\.1:6379 fd=8 name=worker age=\\d+ "
                + "idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=\\d+ multi-mem=0 rbs=0 "
                + "rbp=0 obl=0 oll=0 omem=0 tot-mem=\\d+ events=r cmd=client\\|info user=default redir=-1 resp=2 "
                + "lib-name=jedis lib-ver=\n", line), line);
        assertEquals(line.replace("cmd=client|info", "cmd=client|list").replaceAll("argv-mem=\\d+ ", "")
                        .replaceAll("tot-mem=\\d+ ", ""),
                net.call("CLIENT", "LIST").text().replaceAll("argv-mem=\\d+ ", "").replaceAll("tot-mem=\\d+ ", ""));
        assertEquals("", s.call("CLIENT", "LIST", "TYPE", "master").text());
        assertEquals("ERR Unknown client type 'foo'", s.call("CLIENT", "LIST", "TYPE", "foo").text());
        assertEquals("ERR lib-name cannot contain spaces, newlines or special characters.",
                net.call("CLIENT", "SETINFO", "lib-name", "a b").text());
        assertEquals("ERR Unrecognized option 'foo'", net.call("CLIENT", "SETINFO", "foo", "x").text());
        assertEquals(0, net.call("CLIENT", "KILL", "ID", Long.toString(net.id())).asLong());
        assertEquals(1, s.call("CLIENT", "KILL", "ADDR", "127.0.0.1:50000").asLong());
        assertTrue(t.killed);
        assertEquals("OK", net.call("CLIENT", "KILL", "127.0.0.1:50000").text());
        assertTrue(net.closeRequested());
    }

    @Test
    void clientReplyModes() {
        assertNull(s.call("CLIENT", "REPLY", "OFF"));
        assertNull(s.call("SET", "a", "1"));
        assertEquals("OK", s.call("CLIENT", "REPLY", "ON").text());
        assertNull(s.call("CLIENT", "REPLY", "SKIP"));
        assertNull(s.call("GET", "a"));
        assertEquals("1", s.call("GET", "a").text());
    }

    @Test
    void clientPauseIsRecorded() {
        assertEquals("OK", s.call("CLIENT", "PAUSE", "1000", "WRITE").text());
        assertTrue(ferrite.clients().pausedUntilMillis() > 0);
        assertTrue(ferrite.clients().pauseWritesOnly());
        assertEquals("OK", s.call("CLIENT", "UNPAUSE").text());
        assertEquals(0, ferrite.clients().pausedUntilMillis());
    }

    @Test
    void commandInfoShapes() {
        Reply info = s.call("COMMAND", "INFO", "get", "config", "nosuch").elements().get(0);
        assertEquals(10, info.elements().size());
        assertEquals("get", info.elements().get(0).text());
        assertEquals(2, info.elements().get(1).asLong());
        assertEquals(List.of("readonly", "fast"), info.elements().get(2).texts());
        assertEquals(List.of("@read", "@string", "@fast"), info.elements().get(6).texts());
        Reply config = s.call("COMMAND", "INFO", "config").elements().get(0);
        assertEquals(5, config.elements().get(9).elements().size());
        assertEquals(new Reply.Bulk(null), s.call("COMMAND", "INFO", "nosuch").elements().get(0));
        assertEquals(ferrite.commandTable().size(), s.call("COMMAND", "COUNT").asLong());
        assertEquals(ferrite.commandTable().size(), s.call("COMMAND").elements().size());
        assertEquals(List.of("a", "c"), s.call("COMMAND", "GETKEYS", "del", "a", "c").texts());
        assertEquals("ERR The command has no key arguments", s.call("COMMAND", "GETKEYS", "echo", "a").text());
        assertTrue(s.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "client|*").texts().contains("client|list"));
        s.call("HELLO", "3");
        Reply docs = s.call("COMMAND", "DOCS", "echo");
        assertEquals(Reply.AggregateKind.MAP, ((Reply.Aggregate) docs).kind());
        Reply r3 = s.call("COMMAND", "INFO", "get").elements().get(0);
        assertEquals(Reply.AggregateKind.SET, ((Reply.Aggregate) r3.elements().get(2)).kind());
    }

    @Test
    void flushSwapAndDebug() {
        s.call("SET", "a", "1");
        s.call("SELECT", "1");
        s.call("SET", "b", "2");
        s.call("SET", "c", "3");
        assertEquals("OK", s.call("SWAPDB", "0", "1").text());
        assertEquals(1, s.call("DBSIZE").asLong());
        assertEquals("ERR invalid second DB index", s.call("SWAPDB", "0", "x").text());
        assertEquals("OK", s.call("FLUSHDB", "ASYNC").text());
        assertEquals(0, s.call("DBSIZE").asLong());
        s.call("SELECT", "0");
        assertEquals(2, s.call("DBSIZE").asLong());
        assertTrue(s.call("DEBUG", "OBJECT", "b").text().matches("Value at:0x[0-9a-f]+ refcount:1 encoding:int "
                + "serializedlength:1 lru:\\d+ lru_seconds_idle:\\d+"));
        assertEquals("OK", s.call("FLUSHALL").text());
        assertEquals(0, s.call("DBSIZE").asLong());
        assertEquals("ERR syntax error", s.call("FLUSHALL", "foo").text());
        assertEquals("OK", s.call("DEBUG", "SET-ACTIVE-EXPIRE", "0").text());
        assertFalse(ferrite.config().activeExpireEnabled);
        assertEquals("ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.",
                s.call("DEBUG", "foo").text());
    }

    @Test
    void debugProtocolRepliesCarryNoAttributesInTheEmbeddedApi() {
        s.call("HELLO", "3");
        assertEquals("Some real reply following the attribute", s.call("DEBUG", "PROTOCOL", "attrib").text(),
                "the attribute describing the reply is dropped");
        assertEquals("1234567999999999999999999999999999999", s.call("DEBUG", "PROTOCOL", "bignum").text());
        assertEquals(Reply.AggregateKind.MAP, ((Reply.Aggregate) s.call("DEBUG", "PROTOCOL", "map")).kind());
    }

    @Test
    void debugPopulateSignalsWatchers() {
        Session watcher = ferrite.newSession();
        watcher.call("WATCH", "key:1");
        watcher.call("MULTI");
        watcher.call("PING");
        assertEquals("OK", s.call("DEBUG", "POPULATE", "2").text());
        assertEquals(Reply.NULL, watcher.call("EXEC"));
        assertEquals(2, s.call("DBSIZE").asLong());
    }
}
