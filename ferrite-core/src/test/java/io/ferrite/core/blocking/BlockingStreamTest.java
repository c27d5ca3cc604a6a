package io.ferrite.core.blocking;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class BlockingStreamTest {
    private final Ferrite ferrite = Ferrite.newBuilder().build();
    private final Session writer = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private static String text(CompletableFuture<Reply> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS).toString();
    }

    @Test
    void anXaddServesAReaderWaitingOnDollarWithTheNewEntryOnly() throws Exception {
        writer.call("XADD", "s", "1-0", "old", "1");
        CompletableFuture<Reply> reader = ferrite.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        assertFalse(reader.isDone());
        assertEquals(1, ferrite.blocking().size());
        writer.call("XADD", "s", "2-0", "new", "2");
        assertEquals("array[array[\"s\", array[array[\"2-0\", array[\"new\", \"2\"]]]]]", text(reader));
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void everyReaderOfTheKeyIsServedAndCountApplies() throws Exception {
        CompletableFuture<Reply> first = ferrite.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "a", "s", "$", "$");
        CompletableFuture<Reply> second = ferrite.newSession().callAsync("XREAD", "COUNT", "1", "BLOCK", "0", "STREAMS", "s", "0");
        assertEquals(2, ferrite.blocking().size());
        writer.call("MULTI");
        writer.call("XADD", "s", "1-0", "f", "1");
        writer.call("XADD", "s", "2-0", "f", "2");
        writer.call("EXEC");
        assertEquals("array[array[\"s\", array[array[\"1-0\", array[\"f\", \"1\"]], array[\"2-0\", array[\"f\", \"2\"]]]]]",
                text(first));
        assertEquals("array[array[\"s\", array[array[\"1-0\", array[\"f\", \"1\"]]]]]", text(second));
        assertEquals(2, writer.call("XLEN", "s").asLong());
    }

    @Test
    void aReaderKeepsWaitingForAnIdPastTheOneItAskedFor() throws Exception {
        CompletableFuture<Reply> reader = ferrite.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "s", "5-0");
        writer.call("XADD", "s", "3-0", "f", "v");
        writer.call("SET", "other", "x");
        assertFalse(reader.isDone());
        writer.call("DEL", "s");
        writer.call("SET", "s", "not a stream");
        assertFalse(reader.isDone());
        writer.call("DEL", "s");
        writer.call("XADD", "s", "6-0", "f", "v");
        assertEquals("array[array[\"s\", array[array[\"6-0\", array[\"f\", \"v\"]]]]]", text(reader));
    }

    @Test
    void timesOutWithANullArrayAndAnswersAtOnceWithoutBlock() {
        assertEquals(Reply.NULL, ferrite.newSession().call("XREAD", "BLOCK", "50", "STREAMS", "s", "$"));
        assertEquals(Reply.NULL, ferrite.newSession().call("XREAD", "STREAMS", "s", "0"));
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void resp3ServesAMapOfKeyToEntries() throws Exception {
        Session reader = ferrite.newSession();
        reader.call("HELLO", "3");
        CompletableFuture<Reply> r = reader.callAsync("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        writer.call("XADD", "s", "1-0", "f", "v");
        assertEquals("map[\"s\", array[array[\"1-0\", array[\"f\", \"v\"]]]]", text(r));
    }

    @Test
    void aServedReaderGetsTheWrittenStreamAlone() throws Exception {
        CompletableFuture<Reply> reader = ferrite.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "a", "b", "$", "$");
        writer.call("MULTI");
        writer.call("XADD", "a", "1-0", "f", "v");
        writer.call("XADD", "b", "1-0", "g", "w");
        writer.call("EXEC");
        assertEquals("array[array[\"a\", array[array[\"1-0\", array[\"f\", \"v\"]]]]]", text(reader));
    }

    @Test
    void servedOnceTheLastIdPassesEvenIfTheEntriesWentAgain() throws Exception {
        CompletableFuture<Reply> reader = ferrite.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "a", "b", "$", "$");
        writer.call("MULTI");
        writer.call("XADD", "a", "1-0", "f", "v");
        writer.call("XDEL", "a", "1-0");
        writer.call("EXEC");
        assertEquals("array[array[\"a\", array[]]]", text(reader));
    }

    @Test
    void anotherKeyOfTheWrongTypeDoesNotStopTheServing() throws Exception {
        CompletableFuture<Reply> reader = ferrite.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "a", "b", "$", "$");
        writer.call("MULTI");
        writer.call("XADD", "b", "1-0", "f", "v");
        writer.call("SET", "a", "str");
        writer.call("EXEC");
        assertEquals("array[array[\"b\", array[array[\"1-0\", array[\"f\", \"v\"]]]]]", text(reader));
    }

    // Redis 7.0.15 serves a parked XREAD only for a key signalled ready (XADD, XGROUP DESTROY, the key stored anew);
    // each expectation below is what redis-server answered to the same two clients.

    /** XREAD BLOCK 0 STREAMS s {@code id}, parked. */
    private CompletableFuture<Reply> readStream(String id) {
        CompletableFuture<Reply> f = ferrite.newSession().callAsync("XREAD", "BLOCK", "0", "STREAMS", "s", id);
        assertFalse(f.isDone());
        return f;
    }

    @Test
    void xreadIgnoresXsetidXdelAndXtrimAndIsServedByTheNextXadd() throws Exception {
        writer.call("XADD", "s", "5-0", "f", "v");
        writer.call("XADD", "s", "6-0", "f", "v");
        CompletableFuture<Reply> reader = readStream("$");
        // Redis: each of these leaves XREAD BLOCK 0 STREAMS s $ blocked.
        writer.call("XDEL", "s", "6-0");
        writer.call("XTRIM", "s", "MAXLEN", "0");
        writer.call("XSETID", "s", "10-0");
        assertFalse(reader.isDone());
        writer.call("XADD", "s", "11-0", "a", "b");
        assertEquals("array[array[\"s\", array[array[\"11-0\", array[\"a\", \"b\"]]]]]", text(reader));
    }

    @Test
    void everyXreadWaiterIsTriedNotOnlyTheFirst() throws Exception {
        writer.call("XADD", "s", "5-0", "f", "v");
        CompletableFuture<Reply> ahead = readStream("10-0");
        CompletableFuture<Reply> atTheEnd = readStream("$");
        assertFalse(ahead.isDone());
        // Redis: XADD s 7-0 serves the second client; the first stays blocked.
        writer.call("XADD", "s", "7-0", "a", "b");
        assertEquals("array[array[\"s\", array[array[\"7-0\", array[\"a\", \"b\"]]]]]", text(atTheEnd));
        assertFalse(ahead.isDone());
        assertEquals(1, ferrite.blocking().size());
    }

    @Test
    void aStreamRenamedOverTheKeyServesXread() throws Exception {
        writer.call("XADD", "s", "1-0", "f", "v");
        writer.call("XADD", "t", "7-0", "f", "v");
        CompletableFuture<Reply> reader = readStream("5");
        assertFalse(reader.isDone());
        // Redis: RENAME t s stores the key anew, which signals it: 7-0 is served.
        writer.call("RENAME", "t", "s");
        assertEquals("array[array[\"s\", array[array[\"7-0\", array[\"f\", \"v\"]]]]]", text(reader));
    }
}
