package io.ferrite.core.keyspace;

import io.ferrite.core.Ticker;
import io.ferrite.core.config.Config;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DbTest {
    private static final long T0 = 1_700_000_000_000L;

    private final long[] clock = {T0};
    private final Ticker ticker = new Ticker() {
        @Override public long currentTimeMillis() { return clock[0]; }
        @Override public long nanoTime() { return clock[0] * 1_000_000; }
    };
    private final Keyspace keyspace = new Keyspace(new Config(2), 8, ticker);
    private final Db db = keyspace.db(0);

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void lazyExpiryDeletesOnAccessAtTheDeadline() {
        db.setWithExpire(key(1), key(1), T0 + 100, T0);
        db.set(key(2), key(2), T0);
        assertEquals(1, db.volatileSize());
        assertEquals(T0 + 100, db.expireAt(key(1), T0 + 99));
        assertTrue(db.exists(key(1), T0 + 99));
        assertEquals(2, db.size());
        assertNull(db.lookupRead(key(1), T0 + 100, true), "a key is expired at its deadline");
        assertEquals(1, db.size(), "the expired key was deleted, not only hidden");
        assertEquals(0, db.volatileSize());
        assertEquals(1, keyspace.expiredKeys.sum());
        assertEquals(-1, db.expireAt(key(1), T0 + 100));
    }

    @Test
    void setClearsTheTtlAndReplaceKeepsIt() {
        db.setWithExpire(key(1), key(1), T0 + 100, T0);
        db.replace(key(1), key(2), T0);
        assertEquals(T0 + 100, db.expireAt(key(1), T0));
        db.set(key(1), key(3), T0);
        assertEquals(0, db.expireAt(key(1), T0));
        assertEquals(0, db.volatileSize());
    }

    @Test
    void activeExpiryReclaimsDueKeysWithoutAccess() {
        for (int i = 0; i < 5000; i++) db.setWithExpire(key(i), key(i), i < 4000 ? T0 + 10 : T0 + 60_000, T0);
        keyspace.db(1).setWithExpire(key(0), key(0), T0 + 10, T0);
        assertEquals(0, keyspace.activeExpireCycle(1 << 20), "nothing is due yet");
        clock[0] = T0 + 10;
        long deleted = 0;
        for (int cycle = 0; cycle < 1000 && db.size() > 1000; cycle++) deleted += keyspace.activeExpireCycle(64);
        assertEquals(1000, db.size());
        assertEquals(1000, db.volatileSize());
        assertEquals(0, keyspace.db(1).size(), "every database's shard is walked");
        assertEquals(4001, deleted);
        for (int i = 4000; i < 5000; i++) assertTrue(db.exists(key(i), clock[0]));
    }

    /** SCAN's guarantee across shards, with every shard's table growing and shrinking between calls. */
    @Test
    void scanReturnsEveryKeyPresentThroughoutTheIteration() {
        Random random = new Random(3);
        for (int round = 0; round < 10; round++) {
            db.clear();
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                db.set(key(i), key(i), T0);
                stable.add(text(key(i)));
            }
            List<byte[]> transients = new ArrayList<>();
            int next = 1_000_000;
            Set<String> seen = new HashSet<>();
            long cursor = 0;
            int calls = 0;
            do {
                cursor = db.scan(cursor, 1 + random.nextInt(20), T0, (k, v) -> seen.add(text(k)));
                if (random.nextBoolean()) {
                    for (int i = random.nextInt(800); i > 0; i--) {
                        byte[] k = key(next++);
                        db.set(k, k, T0);
                        transients.add(k);
                    }
                } else {
                    for (byte[] k : transients) db.delete(k, T0);
                    transients.clear();
                }
                calls++;
            } while (cursor != 0 && calls < 100_000);
            assertEquals(0, cursor);
            assertTrue(seen.containsAll(stable), "round " + round);
        }
    }

    @Test
    void scanSkipsExpiredKeysAndCoversASmallKeyspaceInOneCall() {
        db.set(key(1), key(1), T0);
        db.setWithExpire(key(2), key(2), T0 + 5, T0);
        List<String> seen = new ArrayList<>();
        assertEquals(0, db.scan(0, 10, T0 + 5, (k, v) -> seen.add(text(k))));
        assertEquals(List.of("key:1"), seen);
    }

    @Test
    void randomKeyFindsTheLiveKeyAmongManyExpiredOnes() {
        for (int i = 0; i < 3000; i++) db.setWithExpire(key(i), key(i), T0 + 1, T0);
        db.set(key(-1), key(-1), T0);
        assertEquals("key:-1", text(db.randomKey(T0 + 1)));
        db.delete(key(-1), T0 + 1);
        assertNull(db.randomKey(T0 + 1));
        assertEquals(0, db.size(), "the expired keys met on the way were deleted");
    }

    @Test
    void randomKeyReachesKeysOfEveryShard() {
        for (int i = 0; i < 64; i++) db.set(key(i), key(i), T0);
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 5000 && drawn.size() < 64; i++) drawn.add(text(db.randomKey(T0)));
        assertEquals(64, drawn.size());
    }

    @Test
    void forEachAndKeysHideExpiredKeys() {
        db.set(key(1), key(1), T0);
        db.setWithExpire(key(2), key(2), T0 + 5, T0);
        assertEquals(2, db.keys(T0 + 4).size());
        assertEquals(1, db.keys(T0 + 5).size());
        assertFalse(db.keys(T0 + 5).stream().anyMatch(k -> text(k).equals("key:2")));
    }

    @Test
    void databasesShareLockIndicesButNotKeys() {
        db.set(key(1), key(1), T0);
        assertFalse(keyspace.db(1).exists(key(1), T0));
        keyspace.swap(0, 1);
        assertTrue(keyspace.db(1).exists(key(1), T0));
    }
}
