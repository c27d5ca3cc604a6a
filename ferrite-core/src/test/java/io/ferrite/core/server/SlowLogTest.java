package io.ferrite.core.server;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlowLogTest {
    /** Wall time stands still at a known second; durations come from the real clock. */
    private static final long NOW = 1_700_000_000_123L;
    private static final Ticker FIXED = new Ticker() {
        @Override public long currentTimeMillis() { return NOW; }
        @Override public long nanoTime() { return System.nanoTime(); }
    };

    private final Ferrite ferrite = Ferrite.newBuilder().ticker(FIXED).activeExpiry(false).build();
    private final Session s = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private void logEverything() {
        assertEquals(Reply.OK, s.call("CONFIG", "SET", "slowlog-log-slower-than", "0"));
        assertEquals(Reply.OK, s.call("SLOWLOG", "RESET"));
    }

    /** The argument lists of the newest {@code n} entries, newest first. */
    private List<List<String>> argvs(int n) {
        List<List<String>> out = new ArrayList<>();
        for (Reply entry : s.call("SLOWLOG", "GET", Integer.toString(n)).elements()) {
            out.add(entry.elements().get(3).elements().stream().map(Reply::text).toList());
        }
        return out;
    }

    @Test
    void entryHoldsIdTimeDurationArgumentsAddressAndName() {
        logEverything();
        s.call("CLIENT", "SETNAME", "worker");
        s.call("SET", "k", "v");
        List<Reply> entries = s.call("SLOWLOG", "GET").elements();
        assertEquals(3, entries.size());
        List<Reply> newest = entries.get(0).elements();
        assertEquals(6, newest.size());
        assertEquals(entries.get(1).elements().get(0).asLong() + 1, newest.get(0).asLong());
        assertEquals(NOW / 1000, newest.get(1).asLong());
        assertEquals(true, newest.get(2).asLong() >= 0);
        assertEquals(List.of("SET", "k", "v"), newest.get(3).elements().stream().map(Reply::text).toList());
        assertEquals("", newest.get(4).text());
        assertEquals("worker", newest.get(5).text());
        assertEquals("", entries.get(2).elements().get(5).text());
    }

    @Test
    void idsOutliveReset() {
        logEverything();
        s.call("GET", "k");
        long before = s.call("SLOWLOG", "GET", "1").elements().get(0).elements().get(0).asLong();
        // The SLOWLOG GET above, then the RESET itself, are the next two entries.
        s.call("SLOWLOG", "RESET");
        assertEquals(before + 2, s.call("SLOWLOG", "GET", "1").elements().get(0).elements().get(0).asLong());
    }

    @Test
    void argumentsTruncatedAsRedisDoes() {
        logEverything();
        String[] push = new String[42];
        push[0] = "RPUSH";
        push[1] = "l";
        for (int i = 2; i < push.length; i++) push[i] = Integer.toString(i - 1);
        s.call(push);
        List<String> argv = argvs(1).get(0);
        assertEquals(32, argv.size());
        assertEquals("29", argv.get(30));
        assertEquals("... (11 more arguments)", argv.get(31));

        String exactly = "b".repeat(128);
        s.call("SET", exactly, "a".repeat(200));
        assertEquals(List.of("SET", exactly, "a".repeat(128) + "... (72 more bytes)"), argvs(1).get(0));

        String[] fits = new String[32];
        fits[0] = "RPUSH";
        for (int i = 1; i < fits.length; i++) fits[i] = "x";
        s.call(fits);
        assertEquals(List.of(fits), argvs(1).get(0));
    }

    @Test
    void credentialsRedacted() {
        logEverything();
        s.call("AUTH", "user", "pass");
        s.call("HELLO", "2", "AUTH", "default", "secret", "SETNAME", "n");
        s.call("ACL", "SETUSER", "bob", "on", ">pw");
        s.call("CONFIG", "SET", "requirepass", "", "maxmemory", "0");
        s.call("CONFIG", "SET", "maxmemory", "0", "slowlog-max-len", "128");
        String r = "(redacted)";
        assertEquals(List.of(
                List.of("CONFIG", "SET", "maxmemory", "0", "slowlog-max-len", "128"),
                List.of("CONFIG", "SET", "requirepass", r, "maxmemory", "0"),
                List.of("ACL", "SETUSER", r, r, r),
                List.of("HELLO", "2", "AUTH", r, r, "SETNAME", "n"),
                List.of("AUTH", r, r)), argvs(5));
    }

    @Test
    void transactionsAndScriptsLogTheirCommands() {
        logEverything();
        s.call("MULTI");
        s.call("SET", "a", "1");
        s.call("EXEC");
        s.call("CLIENT", "SETNAME", "app");
        s.call("EVAL", "return redis.call('get', KEYS[1])", "1", "a");
        List<Reply> fromScript = s.call("SLOWLOG", "GET", "2").elements().get(1).elements();
        assertEquals(List.of("?:0", ""), List.of(fromScript.get(4).text(), fromScript.get(5).text()));
        assertEquals(List.of(
                List.of("SLOWLOG", "GET", "2"),
                List.of("EVAL", "return redis.call('get', KEYS[1])", "1", "a"),
                List.of("get", "a"),
                List.of("CLIENT", "SETNAME", "app"),
                List.of("SET", "a", "1"),
                List.of("MULTI"),
                List.of("SLOWLOG", "RESET")), argvs(10));
    }

    @Test
    void thresholdAndLength() {
        // The default threshold (10 ms) is far above these commands.
        s.call("SLOWLOG", "RESET");
        s.call("SET", "a", "1");
        assertEquals(0, s.call("SLOWLOG", "LEN").asLong());

        logEverything();
        s.call("CONFIG", "SET", "slowlog-max-len", "2");
        s.call("GET", "a");
        s.call("GET", "b");
        assertEquals(List.of(List.of("GET", "b"), List.of("GET", "a")), argvs(-1));
        s.call("CONFIG", "SET", "slowlog-log-slower-than", "-1");
        s.call("GET", "c");
        assertEquals(2, s.call("SLOWLOG", "LEN").asLong());
        assertEquals("-1", s.call("CONFIG", "GET", "slowlog-log-slower-than").elements().get(1).text());
    }

    @Test
    void errors() {
        assertEquals("ERR count should be greater than or equal to -1", s.call("SLOWLOG", "GET", "-2").text());
        assertEquals("ERR count should be greater than or equal to -1", s.call("SLOWLOG", "GET", "x").text());
        assertEquals("ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP.",
                s.call("SLOWLOG", "GET", "1", "2").text());
        assertEquals("ERR wrong number of arguments for 'slowlog|len' command", s.call("SLOWLOG", "LEN", "x").text());
        assertEquals(12, s.call("SLOWLOG", "HELP").elements().size());
    }
}
