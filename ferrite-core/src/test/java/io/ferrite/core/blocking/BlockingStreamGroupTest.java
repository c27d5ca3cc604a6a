package io.ferrite.core.blocking;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class BlockingStreamGroupTest {
    private final Ferrite ferrite = Ferrite.newBuilder().build();
    private final Session writer = ferrite.newSession();

    @BeforeEach
    void groupAtTheEnd() {
        writer.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
    }

    @AfterEach
    void close() {
        ferrite.close();
    }

    private static String text(CompletableFuture<Reply> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS).toString();
    }

    private CompletableFuture<Reply> readNew(String consumer, String... options) {
        String[] words = new String[4 + options.length + 3];
        int i = 0;
        words[i++] = "XREADGROUP";
        words[i++] = "GROUP";
        words[i++] = "g";
        words[i++] = consumer;
        for (String o : options) words[i++] = o;
        words[i++] = "STREAMS";
        words[i++] = "s";
        words[i] = ">";
        CompletableFuture<Reply> f = ferrite.newSession().callAsync(words);
        assertFalse(f.isDone());
        return f;
    }

    @Test
    void anXaddServesOneWaitingConsumerAndRecordsTheDeliveryInItsPel() throws Exception {
        CompletableFuture<Reply> first = readNew("alice", "BLOCK", "0");
        CompletableFuture<Reply> second = readNew("bob", "BLOCK", "0");
        assertEquals(2, ferrite.blocking().size());
        writer.call("XADD", "s", "1-0", "f", "v");
        assertEquals("array[array[\"s\", array[array[\"1-0\", array[\"f\", \"v\"]]]]]", text(first));
        // The group moved past 1-0: bob keeps waiting for the next entry.
        assertFalse(second.isDone());
        assertEquals("array[(integer) 1, \"1-0\", \"1-0\", array[array[\"alice\", \"1\"]]]",
                writer.call("XPENDING", "s", "g").toString());
        writer.call("XADD", "s", "2-0", "f", "w");
        assertEquals("array[array[\"s\", array[array[\"2-0\", array[\"f\", \"w\"]]]]]", text(second));
    }

    @Test
    void noAckAndCountApplyWhenServed() throws Exception {
        CompletableFuture<Reply> reader = readNew("alice", "COUNT", "1", "NOACK", "BLOCK", "0");
        writer.call("MULTI");
        writer.call("XADD", "s", "1-0", "f", "1");
        writer.call("XADD", "s", "2-0", "f", "2");
        writer.call("EXEC");
        assertEquals("array[array[\"s\", array[array[\"1-0\", array[\"f\", \"1\"]]]]]", text(reader));
        assertEquals(0, writer.call("XPENDING", "s", "g").elements().get(0).asLong());
    }

    @Test
    void deletingTheKeyUnblocksWithAnError() throws Exception {
        CompletableFuture<Reply> reader = readNew("alice", "BLOCK", "0");
        writer.call("SET", "other", "x");
        assertFalse(reader.isDone());
        writer.call("DEL", "s");
        assertEquals("(error) UNBLOCKED the stream key no longer exists", text(reader));
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void aKeyReplacedByAnotherTypeUnblocksWithAnError() throws Exception {
        CompletableFuture<Reply> reader = readNew("alice", "BLOCK", "0");
        writer.call("SET", "x", "string");
        writer.call("RENAME", "x", "s");
        assertEquals("(error) UNBLOCKED the stream key no longer exists", text(reader));
    }

    @Test
    void destroyingTheGroupUnblocksWithNogroup() throws Exception {
        CompletableFuture<Reply> reader = readNew("alice", "BLOCK", "0");
        writer.call("XGROUP", "CREATE", "s", "other", "0");
        assertFalse(reader.isDone());
        writer.call("XGROUP", "DESTROY", "s", "g");
        assertEquals("(error) NOGROUP the consumer group this client was blocked on no longer exists", text(reader));
    }

    @Test
    void timesOutWithANullArray() {
        assertEquals(Reply.NULL, ferrite.newSession().call("XREADGROUP", "GROUP", "g", "c", "BLOCK", "30", "STREAMS", "s", ">"));
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void flushingTheDatabaseUnblocksWithAnErrorAndLeavesOtherWaitersWaiting() throws Exception {
        CompletableFuture<Reply> group = readNew("alice", "BLOCK", "0");
        CompletableFuture<Reply> reader = ferrite.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        writer.call("MULTI");
        writer.call("FLUSHDB");
        writer.call("EXEC");
        assertEquals("(error) UNBLOCKED the stream key no longer exists", text(group));
        assertFalse(reader.isDone());
        writer.call("XADD", "s", "1-0", "f", "v");
        assertEquals("array[array[\"s\", array[array[\"1-0\", array[\"f\", \"v\"]]]]]", text(reader));
    }

    @Test
    void swapdbServesAListWaiterWithTheOtherDatabasesList() throws Exception {
        Session other = ferrite.newSession();
        other.call("SELECT", "1");
        other.call("RPUSH", "k", "a");
        CompletableFuture<Reply> popper = ferrite.newSession().callAsync("BLPOP", "k", "0");
        assertFalse(popper.isDone());
        writer.call("SWAPDB", "0", "1");
        assertEquals("array[\"k\", \"a\"]", text(popper));
    }

    @Test
    void anExpiredStreamUnblocksWithAnErrorOnceTheKeyspaceDeletesIt() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(1_000_000L);
        try (Ferrite f = Ferrite.newBuilder().activeExpiry(false).ticker(new io.ferrite.core.Ticker() {
            @Override public long currentTimeMillis() { return clock.get(); }
            @Override public long nanoTime() { return clock.get() * 1_000_000; }
        }).build()) {
            Session w = f.newSession();
            w.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            w.call("PEXPIRE", "s", "100");
            CompletableFuture<Reply> group = f.newSession().callAsync("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
            CompletableFuture<Reply> reader = f.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
            clock.addAndGet(100);
            assertFalse(group.isDone());
            assertEquals(0, w.call("EXISTS", "s").asLong()); // deletes the expired key
            assertEquals("(error) UNBLOCKED the stream key no longer exists", text(group));
            assertFalse(reader.isDone());
            assertEquals(1, f.blocking().size());
        }
    }

    // Redis 7.0.15 serves parked stream readers only for a key signalled ready (XADD, XGROUP DESTROY, the key stored
    // anew); each expectation below is what redis-server answered to the same two clients.

    @Test
    void xsetidPastTheGroupKeepsTheConsumerWaitingForTheNextEntry() throws Exception {
        writer.call("XADD", "s", "5-0", "f", "v");
        writer.call("XGROUP", "SETID", "s", "g", "$");
        CompletableFuture<Reply> reader = readNew("alice", "BLOCK", "0");
        // Redis: XSETID s 10-0 leaves the client blocked; XADD s 11-0 then delivers 11-0 alone.
        writer.call("XSETID", "s", "10-0");
        assertFalse(reader.isDone());
        assertEquals(1, ferrite.blocking().size());
        writer.call("XADD", "s", "11-0", "f", "w");
        assertEquals("array[array[\"s\", array[array[\"11-0\", array[\"f\", \"w\"]]]]]", text(reader));
    }

    @Test
    void groupSetidBackWaitsForTheNextEntryWhichDeliversTheOlderOnesToo() throws Exception {
        writer.call("XADD", "s", "5-0", "f", "v");
        writer.call("XGROUP", "SETID", "s", "g", "$");
        CompletableFuture<Reply> reader = readNew("alice", "BLOCK", "0");
        // Redis: XGROUP SETID s g 0 leaves the client blocked; XADD s 6-0 then delivers 5-0 and 6-0.
        writer.call("XGROUP", "SETID", "s", "g", "0");
        assertFalse(reader.isDone());
        writer.call("XADD", "s", "6-0", "f", "w");
        assertEquals("array[array[\"s\", array[array[\"5-0\", array[\"f\", \"v\"]], "
                + "array[\"6-0\", array[\"f\", \"w\"]]]]]", text(reader));
        assertEquals(2, writer.call("XPENDING", "s", "g").elements().get(0).asLong());
    }

    @Test
    void anotherGroupDestroyedAfterXsetidAnswersTheStreamWithNoEntries() throws Exception {
        writer.call("XADD", "s", "5-0", "f", "v");
        writer.call("XGROUP", "SETID", "s", "g", "$");
        writer.call("XGROUP", "CREATE", "s", "other", "$");
        CompletableFuture<Reply> group = readNew("alice", "BLOCK", "0");
        CompletableFuture<Reply> reader = ferrite.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        writer.call("XSETID", "s", "10-0");
        assertFalse(group.isDone());
        assertFalse(reader.isDone());
        // Redis: the destroy signals the key; both readers answer "s" with an empty list of entries.
        writer.call("XGROUP", "DESTROY", "s", "other");
        assertEquals("array[array[\"s\", array[]]]", text(group));
        assertEquals("array[array[\"s\", array[]]]", text(reader));
        // Redis: the consumer was created; the group's last id stays 5-0.
        assertEquals("alice", writer.call("XINFO", "CONSUMERS", "s", "g").elements().get(0).elements().get(1).text());
        assertEquals("5-0", writer.call("XINFO", "GROUPS", "s").elements().get(0).elements().get(7).text());
    }

    @Test
    void groupAndConsumerManagementLeavesTheConsumerWaiting() throws Exception {
        writer.call("XADD", "s", "5-0", "f", "v");
        writer.call("XGROUP", "SETID", "s", "g", "$");
        CompletableFuture<Reply> reader = readNew("alice", "BLOCK", "0");
        // Redis: none of these unblocks the client.
        writer.call("XGROUP", "CREATECONSUMER", "s", "g", "alice");
        writer.call("XGROUP", "CREATE", "s", "h", "0");
        writer.call("XCLAIM", "s", "g", "bob", "0", "5-0", "FORCE");
        writer.call("XGROUP", "SETID", "s", "g", "0");
        assertFalse(reader.isDone());
        assertEquals(1, ferrite.blocking().size());
    }

    @Test
    void aStreamDeletedAndCreatedAgainInOneTransactionKeepsTheConsumerWaiting() throws Exception {
        CompletableFuture<Reply> reader = readNew("alice", "BLOCK", "0");
        writer.call("MULTI");
        writer.call("DEL", "s");
        writer.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        writer.call("EXEC");
        // Redis: once EXEC is over the key is a stream with the group again, with nothing new: still blocked.
        assertFalse(reader.isDone());
        writer.call("XADD", "s", "1-0", "f", "v");
        assertEquals("array[array[\"s\", array[array[\"1-0\", array[\"f\", \"v\"]]]]]", text(reader));
    }

    @Test
    void aStreamWithTheGroupRenamedOverTheKeyServesTheConsumer() throws Exception {
        writer.call("XADD", "t", "5-0", "a", "b");
        writer.call("XGROUP", "CREATE", "t", "g", "0");
        CompletableFuture<Reply> reader = readNew("alice", "BLOCK", "0");
        // Redis: RENAME t s stores the key anew; the renamed stream's group delivers 5-0.
        writer.call("RENAME", "t", "s");
        assertEquals("array[array[\"s\", array[array[\"5-0\", array[\"a\", \"b\"]]]]]", text(reader));
    }
}
