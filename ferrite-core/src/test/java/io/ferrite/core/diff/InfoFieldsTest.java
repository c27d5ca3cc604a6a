package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * INFO's sections and their fields, by name and in order, as redis-server's: monitoring tools read fields by name.
 * Values are not compared (they are measurements); the per-command and per-database sections, whose lines depend on
 * what each server ran, are compared by their headers only. Ferrite reports the JVM where Redis reports its compiler.
 */
class InfoFieldsTest {
    private static final Map<String, String> SAME_PLACE_OTHER_NAME = Map.of("gcc_version", "java_version");
    private static final List<String> HISTORY_SECTIONS = List.of("# Commandstats", "# Errorstats", "# Latencystats",
            "# Keyspace");

    @Test
    void everySectionHasRedisFieldsInRedisOrder() throws Exception {
        String redis;
        try (RespTestClient c = RedisServerProcess.shared().connect()) {
            redis = c.call("INFO", "everything").text();
        }
        String ferrite;
        try (Ferrite f = Ferrite.newBuilder().build()) {
            ferrite = f.newSession().call("INFO", "everything").text();
        }
        assertEquals(fields(redis, true), fields(ferrite, false));
    }

    /** Section headers and, outside the history sections, field names. */
    private static Map<String, List<String>> fields(String info, boolean renameRedis) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        boolean history = false;
        for (String line : info.split("\r\n")) {
            if (line.isEmpty()) continue;
            if (line.startsWith("# ")) {
                current = new ArrayList<>();
                out.put(line, current);
                history = HISTORY_SECTIONS.contains(line);
                continue;
            }
            if (history || current == null) continue;
            String name = line.substring(0, line.indexOf(':'));
            current.add(renameRedis ? SAME_PLACE_OTHER_NAME.getOrDefault(name, name) : name);
        }
        return out;
    }
}
