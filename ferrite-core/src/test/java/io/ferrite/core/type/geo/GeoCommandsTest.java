package io.ferrite.core.type.geo;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import io.ferrite.core.diff.RedisServerProcess;
import io.ferrite.core.diff.ReplyText;
import io.ferrite.core.diff.RespTestClient;
import io.ferrite.core.resp.RespWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the corpus cannot cover line by line: many random points and searches compared with a real redis-server
 * (which cells are scanned, in which order, what the exact distance filter keeps, stored distances), known
 * geohash values, and
 * the RESP3 wire text of coordinates.
 */
class GeoCommandsTest {
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build();
    private final Session s = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    @Test
    void knownScoresAndHashes() {
        s.call("GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        assertEquals("3479099956230698", s.call("ZSCORE", "g", "Palermo").text());
        assertEquals("3479447370796909", s.call("ZSCORE", "g", "Catania").text());
        Reply hashes = s.call("GEOHASH", "g", "Palermo", "Catania");
        assertEquals("sqc8b49rny0", hashes.elements().get(0).text());
        assertEquals("sqdtr74hyu0", hashes.elements().get(1).text());
        assertEquals("166274.1516", s.call("GEODIST", "g", "Palermo", "Catania").text());
        assertEquals("13.36138933897018433", s.call("GEOPOS", "g", "Palermo").elements().get(0).elements().get(0).text());
    }

    @Test
    void coordinatesKeepTheirTextOnTheWire() {
        RespWriter resp3 = new RespWriter(3);
        resp3.doubleText("13.36138933897018433");
        assertEquals(",13.36138933897018433\r\n", new String(resp3.toByteArray(), StandardCharsets.US_ASCII));
        RespWriter resp2 = new RespWriter(2);
        resp2.doubleText("-0.5");
        assertEquals("$4\r\n-0.5\r\n", new String(resp2.toByteArray(), StandardCharsets.US_ASCII));
    }

    @Test
    void randomSearchesMatchRedis() throws IOException {
        RedisServerProcess redis = RedisServerProcess.shared();
        Random rnd = new Random(20260101);
        try (RespTestClient r = redis.connect()) {
            r.call("FLUSHALL");
            List<String[]> commands = new ArrayList<>();
            for (int batch = 0; batch < 4; batch++) {
                List<String> add = new ArrayList<>(List.of("GEOADD", "g"));
                for (int i = 0; i < 100; i++) {
                    double lon = rnd.nextInt(8) == 0 ? (rnd.nextBoolean() ? 179.9 : -179.9) + rnd.nextDouble() * 0.1 * (rnd.nextBoolean() ? 1 : -1)
                            : rnd.nextDouble() * 360 - 180;
                    double lat = rnd.nextInt(8) == 0 ? (rnd.nextBoolean() ? 84 : -84) + rnd.nextDouble() * (rnd.nextBoolean() ? 1 : -1)
                            : rnd.nextDouble() * 170 - 85;
                    lon = Math.max(-180, Math.min(180, lon));
                    add.add(coordinate(lon));
                    add.add(coordinate(lat));
                    add.add("m" + batch + "_" + i);
                }
                commands.add(add.toArray(String[]::new));
            }
            for (int i = 0; i < 300; i++) commands.add(search(rnd));
            // Stored distances keep the haversine's result at full precision.
            for (int i = 0; i < 100; i++) {
                String[] search = search(rnd);
                int options = search.length;
                while (!search[options - 1].equals("WITHDIST")) options--;
                List<String> store = new ArrayList<>(List.of("GEOSEARCHSTORE", "d"));
                store.addAll(List.of(search).subList(1, options - 1));
                store.add("STOREDIST");
                commands.add(store.toArray(String[]::new));
                commands.add(new String[] {"ZRANGE", "d", "0", "-1", "WITHSCORES"});
            }
            int found = 0;
            for (String[] cmd : commands) {
                Reply expected = r.call(cmd);
                Reply actual = s.call(cmd);
                if (cmd[0].equals("ZRANGE")) {
                    assertSameStoredDistances(expected, actual);
                } else {
                    assertEquals(ReplyText.describe(expected), ReplyText.describe(actual), String.join(" ", cmd));
                }
                if (cmd[0].equals("GEOSEARCH")) found += expected.elements().size();
            }
            // Searches that mostly came back empty would compare little.
            assertTrue(found > 1000, "only " + found + " points found");
        }
    }

    /**
     * Same members in the same order, distances equal to within an ulp or two: glibc's sine and cosine are not
     * correctly rounded, and Java's differ from them in the last bit for a fraction of a percent of arguments.
     */
    private static void assertSameStoredDistances(Reply expected, Reply actual) {
        List<Reply> e = expected.elements();
        List<Reply> a = actual.elements();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i += 2) {
            assertEquals(e.get(i).text(), a.get(i).text());
            double x = Double.parseDouble(e.get(i + 1).text());
            double y = Double.parseDouble(a.get(i + 1).text());
            assertTrue(Math.abs(x - y) <= 4 * Math.ulp(x), x + " vs " + y + " for " + e.get(i).text());
        }
    }

    private static String[] search(Random rnd) {
        List<String> w = new ArrayList<>(List.of("GEOSEARCH", "g"));
        if (rnd.nextInt(4) == 0) {
            w.addAll(List.of("FROMMEMBER", "m" + rnd.nextInt(4) + "_" + rnd.nextInt(100)));
        } else {
            w.addAll(List.of("FROMLONLAT", coordinate(rnd.nextDouble() * 360 - 180), coordinate(rnd.nextDouble() * 170 - 85)));
        }
        String unit = new String[] {"m", "km", "mi", "ft"}[rnd.nextInt(4)];
        double scale = unit.equals("m") || unit.equals("ft") ? 1000 : 1;
        if (rnd.nextBoolean()) {
            w.addAll(List.of("BYRADIUS", coordinate(Math.pow(10, rnd.nextDouble() * 4) * scale), unit));
        } else {
            w.addAll(List.of("BYBOX", coordinate(Math.pow(10, rnd.nextDouble() * 4) * scale),
                    coordinate(Math.pow(10, rnd.nextDouble() * 4) * scale), unit));
        }
        w.add("WITHDIST");
        w.add("WITHHASH");
        w.add("WITHCOORD");
        switch (rnd.nextInt(4)) {
            case 0 -> w.add("ASC");
            case 1 -> w.add("DESC");
            case 2 -> w.addAll(List.of("COUNT", "3", "ANY"));
            default -> { }
        }
        return w.toArray(String[]::new);
    }

    private static String coordinate(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }
}
