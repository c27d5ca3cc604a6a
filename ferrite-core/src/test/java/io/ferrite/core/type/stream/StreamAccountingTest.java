package io.ferrite.core.type.stream;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StreamAccountingTest {
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build();
    private final Session s = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    @Test
    void usedMemoryFollowsAddsDeletesAndTrims() {
        long empty = ferrite.keyspace().usedMemory();
        for (int i = 1; i <= 300; i++) s.call("XADD", "s", i + "-0", "field", "value-" + "x".repeat(100));
        long full = ferrite.keyspace().usedMemory();
        assertTrue(full - empty > 300 * 100, "entries accounted: " + (full - empty));
        assertEquals(full - empty, s.call("MEMORY", "USAGE", "s").asLong(), 256);

        s.call("XDEL", "s", "1-0", "2-0", "3-0");
        long afterDel = ferrite.keyspace().usedMemory();
        assertTrue(afterDel < full);
        s.call("XTRIM", "s", "MAXLEN", "10");
        long trimmed = ferrite.keyspace().usedMemory();
        assertTrue(trimmed - empty < (full - empty) / 10, "trimmed to 10 of 300: " + (trimmed - empty));
        s.call("DEL", "s");
        assertEquals(empty, ferrite.keyspace().usedMemory());
    }

    @Test
    void aCopyIsIndependent() {
        s.call("XADD", "s", "1-0", "a", "1");
        s.call("XADD", "s", "2-0", "a", "2");
        s.call("COPY", "s", "c");
        s.call("XDEL", "s", "1-0");
        s.call("XADD", "c", "3-0", "a", "3");
        assertEquals(1, s.call("XLEN", "s").asLong());
        assertEquals(3, s.call("XLEN", "c").asLong());
        assertEquals(1, s.call("XDEL", "c", "1-0").asLong());
        assertEquals(0, s.call("XDEL", "s", "1-0").asLong());
    }

    @Test
    void entriesAddedBelowDeletedOnesAfterXsetidStayDeletable() {
        s.call("XADD", "s", "1-0", "a", "1");
        s.call("XADD", "s", "20-0", "a", "2");
        s.call("XDEL", "s", "20-0");
        s.call("XSETID", "s", "5-0");
        s.call("XADD", "s", "10-0", "a", "3");
        s.call("XADD", "s", "20-0", "a", "4");
        assertEquals(3, s.call("XLEN", "s").asLong());
        assertEquals(2, s.call("XDEL", "s", "10-0", "20-0").asLong());
        assertEquals(1, s.call("XDEL", "s", "1-0").asLong());
        assertEquals(0, s.call("XINFO", "STREAM", "s").elements().get(3).asLong(), "the node went with its last entry");
    }
}
