package io.ferrite.core.tracking;

import io.ferrite.core.Ferrite;
import io.ferrite.core.ReplyBuilder;
import io.ferrite.core.Session;
import io.ferrite.core.Ticker;
import io.ferrite.core.pubsub.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client-side caching through two embedded sessions: invalidation pushes (RESP3) and redirects (RESP2). */
class TrackingTest {
    private static final String INVALIDATE_K = "push[\"invalidate\", array[\"k\"]]";
    private static final String INVALIDATE_ALL = "push[\"invalidate\", (nil)]";

    private final ManualTicker ticker = new ManualTicker();
    private final Ferrite engine = Ferrite.newBuilder().activeExpiry(false).ticker(ticker).build();
    private final Session reader = resp3(engine.newSession());
    private final Session writer = engine.newSession();

    @AfterEach
    void close() {
        engine.close();
    }

    static final class ManualTicker implements Ticker {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
        @Override public long currentTimeMillis() { return millis.get(); }
        @Override public long nanoTime() { return millis.get() * 1_000_000; }
    }

    private static Session resp3(Session s) {
        s.call("HELLO", "3");
        return s;
    }

    /** The messages queued for {@code s}, each as its reply in {@code s}'s protocol would print. */
    private static List<String> drain(Session s) {
        List<String> out = new ArrayList<>();
        for (Message m; (m = s.pollMessage()) != null; ) {
            ReplyBuilder b = new ReplyBuilder(s.protocol());
            m.writeTo(b);
            out.add(b.reply().toString());
        }
        return out;
    }

    private void ok(Session s, String... command) {
        assertEquals("OK", s.call(command).toString(), String.join(" ", command));
    }

    @Test
    void aReadKeyIsInvalidatedOnceWhenAnotherClientWritesIt() {
        ok(reader, "CLIENT", "TRACKING", "ON");
        writer.call("SET", "k", "1");
        reader.call("GET", "k");
        writer.call("SET", "k", "2");
        assertEquals(List.of(INVALIDATE_K), drain(reader));
        writer.call("SET", "k", "3");
        assertEquals(List.of(), drain(reader), "forgotten after one invalidation");
    }

    @Test
    void everyKeyOfAReadOnlyCommandIsTrackedButNotThoseOfWrites() {
        ok(reader, "CLIENT", "TRACKING", "ON");
        reader.call("MGET", "a", "b");
        reader.call("GETDEL", "c");
        writer.call("MSET", "a", "1", "b", "2", "c", "3");
        assertEquals(List.of("push[\"invalidate\", array[\"a\"]]", "push[\"invalidate\", array[\"b\"]]"),
                drain(reader));
    }

    @Test
    void ownWritesInvalidateUnlessNoloop() {
        ok(reader, "CLIENT", "TRACKING", "ON");
        reader.call("GET", "k");
        reader.call("SET", "k", "1");
        assertEquals(List.of(INVALIDATE_K), drain(reader));
        ok(reader, "CLIENT", "TRACKING", "ON", "NOLOOP");
        reader.call("GET", "k");
        reader.call("SET", "k", "2");
        assertEquals(List.of(), drain(reader));
        writer.call("SET", "k", "3");
        assertEquals(List.of(), drain(reader), "the own write consumed the tracking");
    }

    @Test
    void flushesSendTheNullInvalidationToEveryTrackingClient() {
        ok(reader, "CLIENT", "TRACKING", "ON");
        reader.call("GET", "k");
        writer.call("FLUSHDB");
        assertEquals(List.of(INVALIDATE_ALL), drain(reader));
        writer.call("FLUSHALL");
        assertEquals(List.of(INVALIDATE_ALL), drain(reader));
        writer.call("SET", "k", "1");
        assertEquals(List.of(), drain(reader), "the flush emptied the table");
        assertEquals("0", writer.call("INFO", "stats").toString().lines()
                .filter(l -> l.startsWith("tracking_total_keys:")).findFirst().orElseThrow().substring(20).trim());
    }

    @Test
    void expiredAndEvictedKeysInvalidate() {
        ok(reader, "CLIENT", "TRACKING", "ON");
        writer.call("SET", "k", "1", "PX", "100");
        reader.call("GET", "k");
        ticker.millis.addAndGet(200);
        writer.call("EXISTS", "k");
        assertEquals(List.of(INVALIDATE_K), drain(reader));
    }

    @Test
    void evictedKeysInvalidate() {
        try (Ferrite f = Ferrite.newBuilder().activeExpiry(false)
                .evictionPolicy(io.ferrite.core.keyspace.EvictionPolicy.ALLKEYS_RANDOM).build()) {
            Session tracker = resp3(f.newSession());
            Session s = f.newSession();
            ok(tracker, "CLIENT", "TRACKING", "ON");
            for (int i = 0; i < 1000; i++) s.call("SET", "key:" + i, "value:" + i);
            for (int i = 0; i < 1000; i++) tracker.call("GET", "key:" + i);
            f.config().maxmemory = f.keyspace().usedMemory() / 2;
            s.call("SET", "one-more", "v");
            long evicted = f.keyspace().evictedKeys.sum();
            assertTrue(evicted > 100, "evicted: " + evicted);
            assertEquals(evicted, drain(tracker).size());
        }
    }

    @Test
    void trackingOnInsideATransactionWhileTheLimitRuns() {
        ok(writer, "CONFIG", "SET", "tracking-table-max-keys", "1");
        ok(reader, "CLIENT", "TRACKING", "ON");
        reader.call("MULTI");
        reader.call("MGET", "a", "b", "c");
        reader.call("CLIENT", "TRACKING", "ON", "NOLOOP");
        assertEquals("array[array[(nil), (nil), (nil)], OK]", reader.call("EXEC").toString());
        assertEquals(2, drain(reader).size(), "the limit ran after EXEC, not inside it");
    }

    @Test
    void resp2ClientsHearThroughARedirectToASubscriber() {
        Session tracker = engine.newSession();
        Session subscriber = engine.newSession();
        subscriber.call("SUBSCRIBE", "__redis__:invalidate");
        ok(tracker, "CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(subscriber.id()));
        assertEquals("(integer) " + subscriber.id(), tracker.call("CLIENT", "GETREDIR").toString());
        tracker.call("GET", "k");
        writer.call("SET", "k", "1");
        assertEquals(List.of("array[\"message\", \"__redis__:invalidate\", array[\"k\"]]"), drain(subscriber));
        tracker.call("GET", "k");
        writer.call("FLUSHALL");
        assertEquals(List.of("array[\"message\", \"__redis__:invalidate\", (nil)]"), drain(subscriber));
    }

    @Test
    void aRedirectTargetThatWentIsReportedOnTheNextInvalidation() {
        Session target = resp3(engine.newSession());
        ok(reader, "CLIENT", "TRACKING", "ON", "REDIRECT", Long.toString(target.id()));
        reader.call("GET", "k");
        target.close();
        assertEquals(List.of(), drain(reader));
        writer.call("SET", "k", "1");
        assertEquals(List.of("push[\"tracking-redir-broken\", (integer) " + target.id() + "]"), drain(reader));
        assertTrue(reader.call("CLIENT", "TRACKINGINFO").toString().contains("broken_redirect"));
    }

    @Test
    void optinTracksOnlyAfterCachingYesAndOptoutSkipsAfterCachingNo() {
        ok(reader, "CLIENT", "TRACKING", "ON", "OPTIN");
        reader.call("GET", "a");
        ok(reader, "CLIENT", "CACHING", "YES");
        reader.call("GET", "b");
        reader.call("GET", "c");
        writer.call("MSET", "a", "1", "b", "1", "c", "1");
        assertEquals(List.of("push[\"invalidate\", array[\"b\"]]"), drain(reader));

        ok(reader, "CLIENT", "TRACKING", "OFF");
        ok(reader, "CLIENT", "TRACKING", "ON", "OPTOUT");
        ok(reader, "CLIENT", "CACHING", "NO");
        reader.call("GET", "a");
        reader.call("GET", "b");
        writer.call("MSET", "a", "2", "b", "2");
        assertEquals(List.of("push[\"invalidate\", array[\"b\"]]"), drain(reader));
    }

    @Test
    void cachingYesCoversAWholeTransaction() {
        ok(reader, "CLIENT", "TRACKING", "ON", "OPTIN");
        ok(reader, "CLIENT", "CACHING", "YES");
        reader.call("MULTI");
        reader.call("GET", "a");
        reader.call("GET", "b");
        reader.call("EXEC");
        writer.call("MSET", "a", "1", "b", "1");
        assertEquals(2, drain(reader).size());
    }

    @Test
    void bcastAnnouncesEveryModifiedKeyUnderItsPrefixes() {
        ok(reader, "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "user:", "PREFIX", "job:");
        writer.call("SET", "user:1", "x");
        writer.call("SET", "other", "x");
        writer.call("DEL", "job:7");
        writer.call("SET", "job:7", "x");
        assertEquals(List.of("push[\"invalidate\", array[\"user:1\"]]", "push[\"invalidate\", array[\"job:7\"]]"),
                drain(reader));
        assertEquals("map[\"flags\", set[\"on\", \"bcast\"], \"redirect\", (integer) 0, \"prefixes\", "
                + "array[\"job:\", \"user:\"]]", reader.call("CLIENT", "TRACKINGINFO").toString());
    }

    @Test
    void theTableLimitInvalidatesKeysToFit() {
        ok(writer, "CONFIG", "SET", "tracking-table-max-keys", "2");
        ok(reader, "CLIENT", "TRACKING", "ON");
        reader.call("MGET", "a", "b", "c");
        assertEquals(1, drain(reader).size());
        assertTrue(writer.call("INFO", "stats").toString().contains("tracking_total_keys:2"));
    }

    @Test
    void trackingClientsAreCountedAndListed() {
        ok(reader, "CLIENT", "TRACKING", "ON");
        assertTrue(writer.call("INFO", "clients").toString().contains("tracking_clients:1"));
        assertTrue(reader.call("CLIENT", "INFO").toString().contains(" flags=t "));
        assertTrue(reader.call("CLIENT", "INFO").toString().contains(" redir=0 "));
        reader.call("RESET");
        assertTrue(writer.call("INFO", "clients").toString().contains("tracking_clients:0"));
    }
}
