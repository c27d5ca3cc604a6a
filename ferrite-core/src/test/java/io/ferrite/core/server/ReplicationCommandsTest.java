package io.ferrite.core.server;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Redis 7.2 added to the replication and cluster commands, which the 7.0 oracle of the differential suite
 * does not know, and WAIT's blocking, which the suite sees only as a reply (the rest of the family is compared with
 * redis-server in {@code diff/replication.txt}).
 */
class ReplicationCommandsTest {
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build();
    private final Session s = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    @Test
    void waitaofChecksItsArgumentsInRedisOrderAndHasNoAofToWaitFor() {
        assertEquals(List.of(0L, 0L), s.call("WAITAOF", "0", "0", "0").elements().stream().map(Reply::asLong).toList());
        assertEquals(List.of(0L, 0L), s.call("WAITAOF", "0", "2", "10").elements().stream().map(Reply::asLong).toList());
        assertEquals("ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled.",
                s.call("WAITAOF", "1", "0", "0").text());
        assertEquals("ERR value is not an integer or out of range", s.call("WAITAOF", "x", "0", "0").text());
        assertEquals("ERR value is out of range, value must between 0 and 1", s.call("WAITAOF", "2", "0", "0").text());
        assertEquals("ERR value is out of range, value must between 0 and 1", s.call("WAITAOF", "-1", "0", "0").text());
        assertEquals("ERR value is out of range, must be positive", s.call("WAITAOF", "0", "-1", "0").text());
        assertEquals("ERR value is out of range, must be positive", s.call("WAITAOF", "1", "x", "0").text());
        assertEquals("ERR timeout is not an integer or out of range", s.call("WAITAOF", "0", "0", "x").text());
        assertEquals("ERR timeout is negative", s.call("WAITAOF", "1", "0", "-5").text(),
                "the timeout is checked before the append-only file");
        assertEquals("ERR wrong number of arguments for 'waitaof' command", s.call("WAITAOF", "0", "0").text());
        s.call("MULTI");
        s.call("WAITAOF", "0", "0", "0");
        assertEquals(List.of(0L, 0L), s.call("EXEC").elements().get(0).elements().stream().map(Reply::asLong).toList());
    }

    @Test
    void waitForReplicasThatCannotComeBlocksUntilItsTimeout() {
        long start = System.nanoTime();
        assertEquals(0, s.call("WAIT", "1", "120").asLong());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(120), "answered before its timeout");
        start = System.nanoTime();
        assertEquals(List.of(0L, 0L), s.call("WAITAOF", "0", "1", "120").elements().stream().map(Reply::asLong).toList());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(120), "answered before its timeout");
        assertEquals(0, ferrite.blocking().size());
    }

    @Test
    void waitForeverEndsWhenUnblocked() throws Exception {
        for (String mode : List.of("TIMEOUT", "ERROR")) {
            Session waiter = ferrite.newSession();
            CompletableFuture<Reply> reply = CompletableFuture.supplyAsync(() -> waiter.call("WAIT", "1", "0"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ferrite.blocking().size() == 0 && System.nanoTime() < deadline) Thread.sleep(2);
            assertEquals(1, ferrite.blocking().size());
            assertFalse(reply.isDone());
            assertTrue(waiter.unblock(mode.equals("ERROR")));
            Reply r = reply.get(10, TimeUnit.SECONDS);
            if (mode.equals("ERROR")) assertEquals("UNBLOCKED client unblocked via CLIENT UNBLOCK", r.text());
            else assertEquals(0, r.asLong());
            assertEquals(0, ferrite.blocking().size());
        }
    }

    @Test
    void clusterMyshardidIsAKnownSubcommandWithoutClusterSupport() {
        assertEquals("ERR This instance has cluster support disabled", s.call("CLUSTER", "MYSHARDID").text());
        assertEquals("ERR wrong number of arguments for 'cluster|myshardid' command",
                s.call("CLUSTER", "MYSHARDID", "x").text());
    }

    @Test
    void becomingAReplicaIsRefusedAfterRedisPortCheck() {
        assertEquals("OK", s.call("REPLICAOF", "no", "one").text());
        assertEquals("ERR Invalid master port", s.call("REPLICAOF", "127.0.0.1", "65536").text());
        assertEquals("ERR replication is not supported: this server cannot become a replica",
                s.call("SLAVEOF", "127.0.0.1", "6380").text());
    }
}
