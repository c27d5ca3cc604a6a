package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.ReplyBuilder;
import io.ferrite.core.Session;
import io.ferrite.core.pubsub.Message;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client-side caching compared with a real redis-server over several connections: the scenario
 * ({@code src/test/resources/tracking/sessions.txt}) runs line by line on both, and after each line every client's
 * reply and every invalidation any client received (RESP3 pushes, messages on {@code __redis__:invalidate},
 * {@code tracking-redir-broken}) must be the same, in the same order.
 *
 * <p>On redis-server the pushes a command caused are collected by PINGing each client after it: the PONG comes
 * after anything the server queued for that client before. Ferrite's embedded sessions queue them for polling.
 */
class TrackingDifferentialTest {
    private static final String SCENARIO = "tracking/sessions.txt";
    private static final List<String> CLIENTS = List.of("r", "w", "s", "t", "u");

    record Line(int number, String client, String command) {}

    /**
     * Whether {@code client}'s pushes are to be collected after {@code line}: not inside its transaction (a PING
     * would be queued), nor right after its CLIENT CACHING (a PING would be the command the choice applies to).
     */
    private static boolean collects(String client, Line line, java.util.Set<String> inMulti) {
        if (inMulti.contains(client)) return false;
        return !(client.equals(line.client()) && line.command().toLowerCase(java.util.Locale.ROOT).startsWith("client caching"));
    }

    /** Client ids differ between the servers: where a reply shows one, it is shown as the client's name. */
    private static String named(String reply, Map<String, Long> ids) {
        if (!reply.contains("redirect") && !reply.contains("tracking-redir-broken")) return reply;
        for (Map.Entry<String, Long> e : ids.entrySet()) {
            reply = reply.replace("(integer) " + e.getValue() + "]", "(integer) $" + e.getKey() + "]")
                    .replace("(integer) " + e.getValue() + ",", "(integer) $" + e.getKey() + ",");
        }
        return reply;
    }

    /**
     * Clients between MULTI and EXEC, whose PING would be queued: their pushes are collected after EXEC, on both
     * sides alike.
     */
    private static void trackMulti(java.util.Set<String> inMulti, Line line) {
        String word = line.command().split(" ")[0].toLowerCase(java.util.Locale.ROOT);
        if (word.equals("multi")) inMulti.add(line.client());
        else if (word.equals("exec") || word.equals("discard")) inMulti.remove(line.client());
    }

    @Test
    void invalidationsMatchRedis() throws IOException {
        RedisServerProcess server = RedisServerProcess.shared();
        List<String> problems = new ArrayList<>();
        int pushes = 0;
        try (RedisSide redis = new RedisSide(server); FerriteSide ferrite = new FerriteSide()) {
            for (Line line : scenario()) {
                List<String> want = redis.run(line);
                List<String> got = ferrite.run(line);
                pushes += want.size() - 1;
                if (!want.equals(got)) {
                    problems.add(SCENARIO + ":" + line.number() + " " + line.client() + ": " + line.command()
                            + "\n    redis:   " + want + "\n    ferrite: " + got);
                }
            }
        }
        Assertions.assertTrue(pushes > 20, "the scenario caused only " + pushes + " invalidations");
        if (!problems.isEmpty()) {
            Assertions.fail("tracking differs from redis-server " + server.version() + ":\n"
                    + String.join("\n", problems));
        }
    }

    private static List<Line> scenario() throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = TrackingDifferentialTest.class.getClassLoader().getResourceAsStream(SCENARIO)) {
            if (in == null) throw new IllegalStateException("missing " + SCENARIO);
            String[] text = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < text.length; i++) {
                String l = text[i].strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int colon = l.indexOf(':');
                lines.add(new Line(i + 1, l.substring(0, colon), l.substring(colon + 1).strip()));
            }
        }
        return lines;
    }

    /** The command with the {@code $s} / {@code $u} placeholders replaced by those clients' ids. */
    private static byte[][] argv(String command, Map<String, Long> ids) {
        for (Map.Entry<String, Long> e : ids.entrySet()) command = command.replace("$" + e.getKey(), e.getValue().toString());
        return CliWords.split(command);
    }

    private static final class RedisSide implements AutoCloseable {
        private final Map<String, RespTestClient> clients = new LinkedHashMap<>();
        private final Map<String, Long> ids = new LinkedHashMap<>();
        private final java.util.Set<String> inMulti = new java.util.HashSet<>();
        private final RedisServerProcess server;

        RedisSide(RedisServerProcess server) throws IOException {
            this.server = server;
            for (String name : CLIENTS) {
                RespTestClient c = server.connect();
                clients.put(name, c);
                ids.put(name, c.call("CLIENT", "ID").toString().replace("(integer) ", "").transform(Long::parseLong));
            }
            clients.get("w").call("FLUSHALL");
            clients.get("r").call("HELLO", "3");
            clients.get("u").call("HELLO", "3");
        }

        /** The command's reply, then every push each still-connected client received, by client. */
        List<String> run(Line line) throws IOException {
            List<String> seen = new ArrayList<>();
            RespTestClient c = clients.get(line.client());
            if (line.command().equals("close")) {
                c.close();
                clients.remove(line.client());
                awaitGone(ids.get(line.client()));
                seen.add("closed");
            } else {
                seen.add(named(c.call(argv(line.command(), ids)).toString(), ids));
            }
            trackMulti(inMulti, line);
            for (Map.Entry<String, RespTestClient> e : clients.entrySet()) {
                if (!collects(e.getKey(), line, inMulti)) continue;
                RespTestClient other = e.getValue();
                other.send(CliWords.split("PING"));
                other.flush();
                while (true) {
                    Reply r = other.read();
                    if (isPong(r)) break;
                    seen.add(e.getKey() + " " + named(r.toString(), ids));
                }
            }
            return seen;
        }

        private static boolean isPong(Reply r) {
            if (r instanceof Reply.Status s) return s.value().equals("PONG");
            return r instanceof Reply.Aggregate a && a.kind() == Reply.AggregateKind.ARRAY
                    && !a.elements().isEmpty() && "pong".equals(a.elements().get(0).toString().replace("\"", ""));
        }

        /** Redis notices a disconnect asynchronously: wait until the client is no longer listed. */
        private void awaitGone(long id) throws IOException {
            for (int i = 0; i < 200; i++) {
                if (!clients.get("w").call("CLIENT", "LIST", "ID", Long.toString(id)).toString().contains("id=")) return;
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            throw new IllegalStateException("client " + id + " still connected");
        }

        @Override
        public void close() throws IOException {
            for (RespTestClient c : clients.values()) c.close();
            try (RespTestClient c = server.connect()) {
                c.call("FLUSHALL");
            }
        }
    }

    private static final class FerriteSide implements AutoCloseable {
        private final Ferrite engine = Ferrite.newBuilder().build();
        private final Map<String, Session> sessions = new LinkedHashMap<>();
        private final Map<String, Long> ids = new LinkedHashMap<>();
        private final java.util.Set<String> inMulti = new java.util.HashSet<>();

        FerriteSide() {
            for (String name : CLIENTS) {
                Session s = engine.newSession();
                sessions.put(name, s);
                ids.put(name, s.id());
            }
            sessions.get("r").call("HELLO", "3");
            sessions.get("u").call("HELLO", "3");
        }

        List<String> run(Line line) {
            List<String> seen = new ArrayList<>();
            Session s = sessions.get(line.client());
            if (line.command().equals("close")) {
                s.close();
                sessions.remove(line.client());
                seen.add("closed");
            } else {
                seen.add(named(s.call(argv(line.command(), ids)).toString(), ids));
            }
            trackMulti(inMulti, line);
            for (Map.Entry<String, Session> e : sessions.entrySet()) {
                if (!collects(e.getKey(), line, inMulti)) continue;
                for (Message m; (m = e.getValue().pollMessage()) != null; ) {
                    ReplyBuilder b = new ReplyBuilder(e.getValue().protocol());
                    m.writeTo(b);
                    seen.add(e.getKey() + " " + named(b.reply().toString(), ids));
                }
            }
            return seen;
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
