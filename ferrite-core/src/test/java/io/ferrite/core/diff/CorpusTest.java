package io.ferrite.core.diff;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs every corpus file against Ferrite and a real redis-server, once in RESP2 and once in RESP3, and fails
 * with every differing reply of the file listed (file, line, command, both replies). The collection files run a
 * third time with tiny encoding thresholds on both servers, so that the compact encodings, the big ones and the
 * conversions between them are all compared with Redis.
 */
class CorpusTest {
    private static final List<String> COLLECTIONS = List.of("lists.txt", "hashes.txt", "sets.txt", "zsets.txt", "sort.txt", "geo.txt");
    private static final List<String> TINY = List.of(
            "hash-max-listpack-entries", "2", "hash-max-listpack-value", "4",
            "set-max-intset-entries", "2",
            "zset-max-listpack-entries", "2", "zset-max-listpack-value", "4",
            "list-max-listpack-size", "2");
    // Redis 7.0 has no listpack sets: small non-integer sets go straight to a hash table there.
    private static final List<String> TINY_FERRITE_ONLY = List.of("set-max-listpack-entries", "0");

    /**
     * With big encodings, replies come in hash-table order, which differs between Redis and Ferrite: exact
     * comparisons become order-insensitive, and SCAN-family replies (whose cursors are table positions) are
     * compared by kind.
     */
    private static List<Step> hashOrdered(List<Step> steps) {
        List<Step> out = new ArrayList<>(steps.size());
        for (Step s : steps) {
            Comparison c = s.comparison();
            if (c == Comparison.LISTPACK_EXACT) {
                c = Comparison.KIND;
            } else if (c == Comparison.EXACT || c == Comparison.SORTED) {
                String name = new String(s.argv()[0], java.nio.charset.StandardCharsets.US_ASCII).toLowerCase();
                c = name.endsWith("scan") ? Comparison.KIND : Comparison.DEEP_SORTED;
            }
            out.add(new Step(s.line(), s.argv(), c));
        }
        return out;
    }

    /** Every corpus file, or only the one {@code -Dferrite.corpus=name.txt} names. */
    static Stream<Arguments> files() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        String only = System.getProperty("ferrite.corpus", "").strip();
        for (CorpusFile f : CorpusFile.all()) {
            if (!only.isEmpty() && !only.equals(f.name())) continue;
            cases.add(Arguments.of(f, 2, false));
            cases.add(Arguments.of(f, 3, false));
            if (COLLECTIONS.contains(f.name())) cases.add(Arguments.of(f, 2, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} RESP{1} tiny encodings: {2}")
    @MethodSource("files")
    void repliesMatchRedis(CorpusFile file, int protocol, boolean tinyEncodings) {
        RedisServerProcess redis = RedisServerProcess.shared();
        List<Mismatch> mismatches;
        try (DualTarget target = DualTarget.open(redis, protocol)) {
            if (tinyEncodings) target.configure(TINY, TINY_FERRITE_ONLY);
            mismatches = new ArrayList<>(target.setupMismatches());
            List<Step> steps = tinyEncodings ? hashOrdered(file.steps()) : file.steps();
            mismatches.addAll(target.run(steps, 1000, false));
        }
        if (!mismatches.isEmpty()) {
            Assertions.fail(mismatches.size() + " of " + file.steps().size() + " replies differ from redis-server "
                    + redis.version() + " in " + file.name() + " (RESP" + protocol + "):\n"
                    + mismatches.stream().map(m -> m.report(file.name())).collect(Collectors.joining("\n")));
        }
    }
}
