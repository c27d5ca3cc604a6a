package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.pubsub.Message;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keyspace notifications compared with a real redis-server: every corpus file runs with
 * {@code notify-keyspace-events} set on both sides while a second connection is PSUBSCRIBEd to every keyspace and
 * keyevent channel; after each command a third connection publishes a marker, so that the notifications can be
 * attributed to the command that caused them. The sequence of (channel, payload) each command causes must be the
 * same on both sides, in the same order.
 *
 * <p>{@code KEA} covers every class but {@code n} and {@code m}; {@code KEn} the "new key" events alone; narrower
 * sets on the events corpus check the class filter and the K/E channel choice.
 */
class KeyspaceEventsTest {
    private static final String PATTERN = "__key*@*__:*";
    private static final String MARKER = "ferrite-events-marker";
    private static final int MAX_REPORTED = 40;

    static Stream<Arguments> runs() throws IOException {
        List<Arguments> runs = new ArrayList<>();
        for (CorpusFile f : CorpusFile.all()) {
            runs.add(Arguments.of(f, "KEA"));
            runs.add(Arguments.of(f, "KEn"));
            runs.add(Arguments.of(f, "KEm"));
            if (f.name().equals("events.txt")) {
                runs.add(Arguments.of(f, "Kl"));
                runs.add(Arguments.of(f, "Eh"));
                runs.add(Arguments.of(f, "Kgz$Es"));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} notify-keyspace-events {1}")
    @MethodSource("runs")
    void notificationsMatchRedis(CorpusFile file, String classes) throws IOException {
        RedisServerProcess server = RedisServerProcess.shared();
        List<String> problems = new ArrayList<>();
        int notifications = 0;
        try (RedisSide redis = new RedisSide(server, classes); FerriteSide ferrite = new FerriteSide(classes)) {
            for (Step step : file.steps()) {
                String marker = Integer.toString(step.line());
                List<String> want = redis.run(step.argv(), marker);
                List<String> got = ferrite.run(step.argv(), marker);
                notifications += want.size();
                if (!want.equals(got) && problems.size() < MAX_REPORTED) {
                    problems.add(file.name() + ":" + step.line() + " " + step.commandLine()
                            + "\n    redis:   " + want + "\n    ferrite: " + got);
                }
            }
        }
        // The events corpus writes under every class: a run that saw nothing compared nothing.
        if (file.name().equals("events.txt")) Assertions.assertTrue(notifications > 0, "no notification at all");
        if (!problems.isEmpty()) {
            Assertions.fail("notifications differ from redis-server " + server.version() + " in " + file.name()
                    + " with notify-keyspace-events " + classes + ":\n" + String.join("\n", problems));
        }
    }

    /** One notification as compared: its channel and payload. */
    private static String describe(String channel, String payload) {
        return channel + " " + payload;
    }

    /** The shared redis-server, flushed: a command connection, a subscriber and a marker publisher. */
    private static final class RedisSide implements AutoCloseable {
        private final RedisServerProcess server;
        private final RespTestClient main;
        private final RespTestClient subscriber;
        private final RespTestClient marker;
        private final String previousClasses;

        RedisSide(RedisServerProcess server, String classes) throws IOException {
            this.server = server;
            main = server.connect();
            subscriber = server.connect();
            marker = server.connect();
            main.call("FLUSHALL");
            previousClasses = main.call("CONFIG", "GET", "notify-keyspace-events").elements().get(1).text();
            main.call("CONFIG", "SET", "notify-keyspace-events", classes);
            subscriber.call("PSUBSCRIBE", PATTERN);
            subscriber.call("SUBSCRIBE", MARKER);
        }

        List<String> run(byte[][] argv, String line) throws IOException {
            main.call(argv);
            marker.call("PUBLISH", MARKER, line);
            List<String> seen = new ArrayList<>();
            while (true) {
                List<Reply> m = subscriber.read().elements();
                String kind = m.get(0).text();
                if (kind.equals("message")) {
                    if (m.get(2).text().equals(line)) return seen;
                    throw new IllegalStateException("marker " + m.get(2).text() + " while waiting for " + line);
                }
                seen.add(describe(m.get(2).text(), m.get(3).text()));
            }
        }

        @Override
        public void close() throws IOException {
            main.close();
            subscriber.close();
            marker.close();
            // A corpus file may leave the command connection in a transaction or subscribed: restore from another.
            try (RespTestClient c = server.connect()) {
                c.call("FLUSHALL");
                c.call("CONFIG", "SET", "notify-keyspace-events", previousClasses);
            }
        }
    }

    /** A fresh embedded engine with the same three sessions. */
    private static final class FerriteSide implements AutoCloseable {
        private final Ferrite engine = Ferrite.newBuilder().build();
        private final Session main = engine.newSession();
        private final Session subscriber = engine.newSession();
        private final Session marker = engine.newSession();

        FerriteSide(String classes) {
            main.call("CONFIG", "SET", "notify-keyspace-events", classes);
            subscriber.call("PSUBSCRIBE", PATTERN);
            subscriber.call("SUBSCRIBE", MARKER);
        }

        List<String> run(byte[][] argv, String line) {
            main.call(argv);
            marker.call("PUBLISH", MARKER, line);
            List<String> seen = new ArrayList<>();
            Message m;
            while ((m = subscriber.pollMessage()) != null) {
                if (m.pattern() == null) {
                    if (m.payloadString().equals(line)) return seen;
                    throw new IllegalStateException("marker " + m.payloadString() + " while waiting for " + line);
                }
                seen.add(describe(m.channelString(), m.payloadString()));
            }
            throw new IllegalStateException("no marker " + line + " after " + seen);
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
