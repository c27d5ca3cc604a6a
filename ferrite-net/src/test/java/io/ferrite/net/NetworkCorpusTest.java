package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.diff.Comparison;
import io.ferrite.core.diff.CorpusFile;
import io.ferrite.core.diff.Mismatch;
import io.ferrite.core.diff.RedisServerProcess;
import io.ferrite.core.diff.RespTestClient;
import io.ferrite.core.diff.Step;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The differential corpus through the network: every file runs on a Ferrite server (port 0) and on redis-server,
 * both through {@link RespTestClient}, in RESP2 and RESP3. Replies compare as in the embedded corpus test; replies
 * compared exactly must also be the same bytes, which checks {@code RespWriter}'s encoding against Redis's.
 *
 * <p>Lines that end or change the connection itself are not sent: QUIT, SHUTDOWN and MONITOR close it or turn it
 * into a feed, CLIENT REPLY OFF/SKIP leave commands without a reply to pair with.
 */
class NetworkCorpusTest {
    private static final int BATCH = 500;

    static Stream<Arguments> files() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (CorpusFile f : CorpusFile.all()) {
            cases.add(Arguments.of(f, 2));
            cases.add(Arguments.of(f, 3));
        }
        return cases.stream();
    }

    static boolean sharesTheConnection(Step s) {
        String cmd = word(s, 0);
        if (cmd.equals("quit") || cmd.equals("shutdown") || cmd.equals("monitor")) return false;
        return !(cmd.equals("client") && word(s, 1).equals("reply")
                && (word(s, 2).equals("off") || word(s, 2).equals("skip")));
    }

    private static String word(Step s, int i) {
        return i < s.argv().length ? new String(s.argv()[i], StandardCharsets.UTF_8).toLowerCase() : "";
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("files")
    void repliesAndTheirBytesMatchRedis(CorpusFile file, int protocol) throws IOException {
        RedisServerProcess redis = RedisServerProcess.shared();
        List<Step> steps = file.steps().stream().filter(NetworkCorpusTest::sharesTheConnection).toList();
        List<String> mismatches = new ArrayList<>();
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(1).build().start();
             RespTestClient ferrite = new RespTestClient("127.0.0.1", server.port());
             RespTestClient real = redis.connect()) {
            Assertions.assertEquals(Reply.OK, real.call("FLUSHALL"));
            Assertions.assertEquals(Reply.OK, real.call("SELECT", "0"));
            String hello = Integer.toString(protocol);
            Reply want = real.call("HELLO", hello);
            Reply got = ferrite.call("HELLO", hello);
            Assertions.assertTrue(Comparison.KIND.same(want, got), "HELLO " + hello + ": " + want + " vs " + got);
            for (int from = 0; from < steps.size(); from += BATCH) {
                List<Step> chunk = steps.subList(from, Math.min(steps.size(), from + BATCH));
                for (Step s : chunk) {
                    real.send(s.argv());
                    ferrite.send(s.argv());
                }
                real.flush();
                ferrite.flush();
                for (Step s : chunk) {
                    Reply r = real.read();
                    byte[] rawRedis = real.lastRaw();
                    Reply f = ferrite.read();
                    byte[] rawFerrite = ferrite.lastRaw();
                    if (!s.comparison().same(r, f)) {
                        mismatches.add(new Mismatch(s, protocol, r, f, null).report(file.name()));
                    } else if (s.comparison() == Comparison.EXACT && !Arrays.equals(rawRedis, rawFerrite)) {
                        mismatches.add(file.name() + ":" + s.line() + " " + s.commandLine() + " (RESP" + protocol
                                + ") same reply, different bytes:\n  redis:   " + escape(rawRedis)
                                + "\n  ferrite: " + escape(rawFerrite));
                    }
                }
            }
        }
        if (!mismatches.isEmpty()) {
            Assertions.fail(mismatches.size() + " of " + steps.size() + " replies differ from redis-server "
                    + redis.version() + " over the network in " + file.name() + " (RESP" + protocol + "):\n"
                    + String.join("\n", mismatches));
        }
    }

    private static String escape(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        if (s.length() > 300) s = s.substring(0, 300) + "...";
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
