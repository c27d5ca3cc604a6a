package io.ferrite.core.pubsub;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import io.ferrite.core.Ticker;
import io.ferrite.core.keyspace.EvictionPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyspaceNotificationsTest {
    static final class ManualTicker implements Ticker {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
        @Override public long currentTimeMillis() { return millis.get(); }
        @Override public long nanoTime() { return millis.get() * 1_000_000; }
    }

    private static List<String> drain(Session s) {
        List<String> out = new ArrayList<>();
        for (Message m; (m = s.pollMessage()) != null; ) out.add(m.channelString() + " " + m.payloadString());
        return out;
    }

    @Test
    void nothingIsPublishedWhileNotificationsAreOff() {
        try (Ferrite f = Ferrite.newBuilder().build()) {
            Session sub = f.newSession();
            sub.call("PSUBSCRIBE", "__key*");
            Session s = f.newSession();
            s.call("SET", "k", "v");
            s.call("DEL", "k");
            assertNull(sub.pollMessage());
        }
    }

    @Test
    void expiredOnAccessAndByTheActiveCycle() {
        ManualTicker ticker = new ManualTicker();
        try (Ferrite f = Ferrite.newBuilder().activeExpiry(false).ticker(ticker).build()) {
            Session s = f.newSession();
            assertEquals("OK", s.call("CONFIG", "SET", "notify-keyspace-events", "Ex").text());
            Session sub = f.newSession();
            sub.call("SUBSCRIBE", "__keyevent@0__:expired");
            s.call("SET", "lazy", "v", "PX", "100");
            s.call("SET", "active", "v", "PX", "100");
            assertEquals(List.of(), drain(sub), "set is class $, not enabled");
            ticker.millis.addAndGet(101);
            s.call("GET", "lazy");
            assertEquals(List.of("__keyevent@0__:expired lazy"), drain(sub));
            f.keyspace().activeExpireCycle(1000);
            assertEquals(List.of("__keyevent@0__:expired active"), drain(sub));
        }
    }

    @Test
    void evictedUnderMaxmemory() {
        try (Ferrite f = Ferrite.newBuilder().activeExpiry(false)
                .configure(c -> c.maxmemoryPolicy = EvictionPolicy.ALLKEYS_RANDOM).build()) {
            Session s = f.newSession();
            s.call("CONFIG", "SET", "notify-keyspace-events", "Ee");
            Session sub = f.newSession();
            sub.call("SUBSCRIBE", "__keyevent@0__:evicted");
            for (int i = 0; i < 1000; i++) s.call("SET", "key:" + i, "value:" + i);
            f.config().maxmemory = f.keyspace().usedMemory() / 2;
            s.call("SET", "one-more", "v");
            List<String> events = drain(sub);
            assertTrue(events.size() > 100, "evictions: " + events.size());
            long evicted = f.keyspace().evictedKeys.sum();
            assertEquals(evicted, events.size());
            for (String e : events) {
                String key = e.substring("__keyevent@0__:evicted ".length());
                assertEquals(0, s.call("EXISTS", key).asLong(), key);
            }
        }
    }

    @Test
    void genericAndStringEventsOnBothChannels() {
        try (Ferrite f = Ferrite.newBuilder().activeExpiry(false).build()) {
            Session s = f.newSession();
            s.call("CONFIG", "SET", "notify-keyspace-events", "KEA");
            Session sub = f.newSession();
            sub.call("PSUBSCRIBE", "__key*@0__:*");
            s.call("SET", "a", "1", "EX", "100");
            s.call("PERSIST", "a");
            s.call("EXPIRE", "a", "100");
            s.call("RENAME", "a", "b");
            s.call("DEL", "b", "missing");
            s.call("SETEX", "x", "10", "v");
            s.call("SETNX", "y", "1");
            s.call("GETSET", "y", "2");
            s.call("GETDEL", "y");
            s.call("EXPIRE", "x", "0");
            // The sequence redis-server 7.0 publishes for the same commands.
            assertEquals(List.of(
                    "__keyspace@0__:a set", "__keyevent@0__:set a",
                    "__keyspace@0__:a expire", "__keyevent@0__:expire a",
                    "__keyspace@0__:a persist", "__keyevent@0__:persist a",
                    "__keyspace@0__:a expire", "__keyevent@0__:expire a",
                    "__keyspace@0__:a rename_from", "__keyevent@0__:rename_from a",
                    "__keyspace@0__:b rename_to", "__keyevent@0__:rename_to b",
                    "__keyspace@0__:b del", "__keyevent@0__:del b",
                    "__keyspace@0__:x set", "__keyevent@0__:set x",
                    "__keyspace@0__:x expire", "__keyevent@0__:expire x",
                    "__keyspace@0__:y set", "__keyevent@0__:set y",
                    "__keyspace@0__:y set", "__keyevent@0__:set y",
                    "__keyspace@0__:y del", "__keyevent@0__:del y",
                    "__keyspace@0__:x del", "__keyevent@0__:del x"), drain(sub));
            s.call("SELECT", "3");
            s.call("SET", "c", "1");
            assertEquals(List.of(), drain(sub), "database 3 is not matched by @0");
        }
    }
}
