package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * WATCH compared with a real redis-server: which writes by another client make a watching client's EXEC fail.
 * Redis invalidates a watched key only where a command did change it (SADD of an existing member, LREM removing
 * nothing, SET ... NX on an existing key leave watchers alone), so each case runs a write in its modifying or its
 * no-op form and compares EXEC's outcome (null or executed) with Redis's.
 *
 * <p>Cases ({@code src/test/resources/watch/cases.txt}) are blocks separated by blank lines: setup commands, one
 * {@code WATCH} line run by the watching client, then {@code > } lines run by another client; the watching client
 * then runs {@code MULTI}, {@code PING}, {@code EXEC}. Each block starts from an empty keyspace. The other
 * client's replies are compared too, so that a case cannot pass by taking a different path on each side.
 */
class WatchTest {
    private static final String CASES = "watch/cases.txt";

    record Case(int line, List<Step> setup, Step watch, List<Step> writes) {}

    @Test
    void execOutcomesMatchRedis() throws IOException {
        List<Case> cases = cases();
        RedisServerProcess server = RedisServerProcess.shared();
        List<String> problems = new ArrayList<>();
        int aborted = 0;
        try (Ferrite engine = Ferrite.newBuilder().build();
             RespTestClient redisWatcher = server.connect();
             RespTestClient redisOther = server.connect()) {
            Session watcher = engine.newSession();
            Session other = engine.newSession();
            for (Case k : cases) {
                redisOther.call("SELECT", "0");
                redisOther.call("FLUSHALL");
                other.call("SELECT", "0");
                other.call("FLUSHALL");
                for (Step s : k.setup()) compare(k, s, redisOther.call(s.argv()), other.call(s.argv()), problems);
                compare(k, k.watch(), redisWatcher.call(k.watch().argv()), watcher.call(k.watch().argv()), problems);
                for (Step s : k.writes()) compare(k, s, redisOther.call(s.argv()), other.call(s.argv()), problems);
                Reply want = exec(redisWatcher);
                Reply got = exec(watcher);
                if (outcome(want).equals("aborted")) aborted++;
                if (!outcome(want).equals(outcome(got))) {
                    problems.add("case at line " + k.line() + ": " + describe(k) + "\n    redis EXEC:   " + want
                            + "\n    ferrite EXEC: " + got);
                }
            }
            redisOther.call("FLUSHALL");
        }
        // The cases must exercise both outcomes, or they compare nothing.
        Assertions.assertTrue(aborted > 0 && aborted < cases.size(), aborted + " of " + cases.size() + " aborted");
        if (!problems.isEmpty()) {
            Assertions.fail(problems.size() + " differences from redis-server " + server.version() + " in "
                    + CASES + ":\n" + String.join("\n", problems));
        }
    }

    private static void compare(Case k, Step s, Reply want, Reply got, List<String> problems) {
        if (!s.comparison().same(want, got)) {
            problems.add("case at line " + k.line() + ", line " + s.line() + " " + s.commandLine()
                    + "\n    redis:   " + want + "\n    ferrite: " + got);
        }
    }

    private static Reply exec(RespTestClient c) throws IOException {
        c.call("MULTI");
        c.call("PING");
        return c.call("EXEC");
    }

    private static Reply exec(Session s) {
        s.call("MULTI");
        s.call("PING");
        return s.call("EXEC");
    }

    /** "aborted" for EXEC's null reply, "executed" for its array, else the reply itself. */
    private static String outcome(Reply exec) {
        if (exec instanceof Reply.Null || (exec instanceof Reply.Bulk b && b.value() == null)) return "aborted";
        if (exec instanceof Reply.Aggregate) return "executed";
        return exec.toString();
    }

    private static String describe(Case k) {
        StringBuilder sb = new StringBuilder();
        for (Step s : k.setup()) sb.append(s.commandLine()).append("; ");
        sb.append(k.watch().commandLine());
        for (Step s : k.writes()) sb.append("; > ").append(s.commandLine());
        return sb.toString();
    }

    static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = WatchTest.class.getClassLoader().getResourceAsStream(CASES)) {
            if (in == null) throw new IOException("no " + CASES + " on the test class path");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n", -1);
        List<Case> cases = new ArrayList<>();
        List<Step> setup = new ArrayList<>();
        List<Step> writes = new ArrayList<>();
        Step watch = null;
        int first = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i].strip() : "";
            if (line.startsWith("#")) continue;
            if (line.isEmpty()) {
                if (watch != null) cases.add(new Case(first, List.copyOf(setup), watch, List.copyOf(writes)));
                else if (!setup.isEmpty() || !writes.isEmpty()) {
                    throw new IllegalArgumentException(CASES + ":" + first + ": a case without WATCH");
                }
                setup.clear();
                writes.clear();
                watch = null;
                first = 0;
                continue;
            }
            if (first == 0) first = i + 1;
            boolean write = line.startsWith("> ");
            Step step = step(write ? line.substring(2) : line, i + 1);
            String name = new String(step.argv()[0], StandardCharsets.US_ASCII);
            if (write) {
                if (watch == null) throw new IllegalArgumentException(CASES + ":" + (i + 1) + ": '>' before WATCH");
                writes.add(step);
            } else if (name.equalsIgnoreCase("WATCH")) {
                watch = step;
            } else {
                if (watch != null) throw new IllegalArgumentException(CASES + ":" + (i + 1) + ": setup after WATCH");
                setup.add(step);
            }
        }
        return cases;
    }

    /** One line in corpus syntax ({@code ~ } and {@code !sort } prefixes included), numbered {@code line}. */
    private static Step step(String text, int line) {
        Step parsed = CorpusFile.parse(CASES, text).steps().get(0);
        return new Step(line, parsed.argv(), parsed.comparison());
    }
}
