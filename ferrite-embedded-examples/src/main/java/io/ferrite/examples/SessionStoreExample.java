package io.ferrite.examples;

import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Web sessions stored as hashes ({@code session:<id>} → user, role, request count) with a sliding idle timeout:
 * each request bumps a counter with {@code HINCRBY} and pushes the expiry back with {@code EXPIRE}; logout is a
 * {@code DEL}; an idle session simply expires.
 */
public final class SessionStoreExample {
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    /** Sessions over one shared connection; thread-safe. */
    static final class SessionStore {
        private final FerriteCommands<String, String> redis;

        SessionStore(FerriteCommands<String, String> redis) {
            this.redis = redis;
        }

        String login(String user, String role) {
            String id = UUID.randomUUID().toString();
            String key = "session:" + id;
            redis.hset(key, Map.of("user", user, "role", role, "requests", "0"));
            redis.expire(key, IDLE_TIMEOUT);
            return id;
        }

        /** The session's fields after recording one request, or an empty map if it expired or never existed. */
        Map<String, String> onRequest(String id) {
            String key = "session:" + id;
            if (!redis.expire(key, IDLE_TIMEOUT)) return Map.of();
            redis.hincrby(key, "requests", 1);
            return redis.hgetall(key);
        }

        void logout(String id) {
            redis.del("session:" + id);
        }
    }

    public static void main(String[] args) {
        ManualClock clock = new ManualClock(System.currentTimeMillis());
        try (Ferrite ferrite = Ferrite.newBuilder().ticker(clock).activeExpiry(false).build()) {
            SessionStore sessions = new SessionStore(ferrite.connect());

            String alice = sessions.login("alice", "admin");
            sessions.onRequest(alice);
            clock.advance(Duration.ofMinutes(20));
            Map<String, String> state = sessions.onRequest(alice);          // 20 min idle: still alive
            System.out.println("alice: " + state);
            Check.equal("2", state.get("requests"), "alice's requests");
            Check.equal("admin", state.get("role"), "alice's role");

            String bob = sessions.login("bob", "reader");
            clock.advance(Duration.ofMinutes(31));                          // both idle past the timeout
            Check.equal(Map.of(), sessions.onRequest(bob), "bob after idling");
            System.out.println("bob: expired");

            String carol = sessions.login("carol", "reader");
            sessions.logout(carol);
            Check.equal(Map.of(), sessions.onRequest(carol), "carol after logout");
            System.out.println("carol: logged out");
        }
    }
}
