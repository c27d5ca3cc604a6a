package io.ferrite.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The typed geo methods answer what the same commands answer through {@link Session#call}. */
class TypedGeoTest {
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build();
    private final FerriteCommands<String, String> redis = ferrite.connect();
    private final Session session = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    private static GeoCoordinates coordinates(Reply pair) {
        List<String> lonLat = pair.texts();
        return new GeoCoordinates(Double.parseDouble(lonLat.get(0)), Double.parseDouble(lonLat.get(1)));
    }

    @Test
    void positionsDistancesHashesAndSearchesMatchTheCommands() {
        assertEquals(1L, redis.geoadd("Sicily", 13.361389, 38.115556, "Palermo"));
        assertEquals(1L, redis.geoadd("Sicily", 15.087269, 37.502669, "Catania"));
        assertEquals(0L, redis.geoadd("Sicily", 15.087269, 37.502669, "Catania"));

        List<GeoCoordinates> positions = redis.geopos("Sicily", "Palermo", "Nowhere", "Catania");
        List<Reply> expected = ((Reply.Aggregate) session.call("GEOPOS", "Sicily", "Palermo", "Nowhere", "Catania"))
                .elements();
        assertEquals(3, positions.size());
        assertNull(positions.get(1));
        assertEquals(coordinates(expected.get(0)), positions.get(0));
        assertEquals(coordinates(expected.get(2)), positions.get(2));

        assertEquals(Double.parseDouble(session.call("GEODIST", "Sicily", "Palermo", "Catania", "km").text()),
                redis.geodist("Sicily", "Palermo", "Catania", GeoUnit.KM));
        assertNull(redis.geodist("Sicily", "Palermo", "Nowhere", GeoUnit.M));

        assertEquals(Arrays.asList("sqc8b49rny0", null), redis.geohash("Sicily", "Palermo", "Nowhere"));

        assertEquals(List.of("Catania", "Palermo"), redis.geosearch("Sicily", 15, 37, 200, GeoUnit.KM));
        assertEquals(List.of("Catania"), redis.geosearch("Sicily", 15, 37, 100, GeoUnit.KM));
        assertEquals(List.of(), redis.geosearch("Missing", 15, 37, 100, GeoUnit.KM));
    }
}
