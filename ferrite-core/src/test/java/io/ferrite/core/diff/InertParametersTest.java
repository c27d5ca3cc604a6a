package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Redis parameters Ferrite accepts without acting on them ({@code inert-parameters.tsv}), each under its name
 * and its legacy alias, compared with redis-server: CONFIG GET's default, and CONFIG SET with the default, a value
 * of the wrong type and a value out of range (a string parameter that takes anything is set back at once).
 */
class InertParametersTest {
    @Test
    void typesBoundsDefaultsAndErrorsAreRedis() throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream in = Ferrite.class.getResourceAsStream("config/inert-parameters.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                names.add(f[0]);
                if (!f[1].equals("-")) names.add(f[1]);
            }
        }
        assertTrue(names.size() > 100, "parameters listed: " + names.size());
        List<String> mismatches = new ArrayList<>();
        try (RespTestClient redis = RedisServerProcess.shared().connect(); Ferrite f = Ferrite.newBuilder().build()) {
            Session ferrite = f.newSession();
            for (String name : names) {
                Reply get = redis.call("CONFIG", "GET", name);
                compare(mismatches, get, ferrite.call("CONFIG", "GET", name), "CONFIG GET " + name);
                String initial = get.elements().get(1).text();
                for (String value : List.of(initial, "notavalue!", "-9223372036854775807", "9223372036854775807")) {
                    Reply r = redis.call("CONFIG", "SET", name, value);
                    compare(mismatches, r, ferrite.call("CONFIG", "SET", name, value), "CONFIG SET " + name + " " + value);
                    if (!(r instanceof Reply.Error)) {
                        redis.call("CONFIG", "SET", name, initial);
                        ferrite.call("CONFIG", "SET", name, initial);
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static void compare(List<String> mismatches, Reply redis, Reply ferrite, String command) {
        if (!redis.equals(ferrite)) mismatches.add(command + ": redis " + redis + ", ferrite " + ferrite);
    }
}
