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
 * with every differing reply of the file listed (file, line, command, both replies).
 */
class CorpusTest {

    static Stream<Arguments> files() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (CorpusFile f : CorpusFile.all()) {
            cases.add(Arguments.of(f, 2));
            cases.add(Arguments.of(f, 3));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("files")
    void repliesMatchRedis(CorpusFile file, int protocol) {
        RedisServerProcess redis = RedisServerProcess.shared();
        List<Mismatch> mismatches;
        try (DualTarget target = DualTarget.open(redis, protocol)) {
            mismatches = new ArrayList<>(target.setupMismatches());
            mismatches.addAll(target.run(file.steps(), 1000, false));
        }
        if (!mismatches.isEmpty()) {
            Assertions.fail(mismatches.size() + " of " + file.steps().size() + " replies differ from redis-server "
                    + redis.version() + " in " + file.name() + " (RESP" + protocol + "):\n"
                    + mismatches.stream().map(m -> m.report(file.name())).collect(Collectors.joining("\n")));
        }
    }
}
