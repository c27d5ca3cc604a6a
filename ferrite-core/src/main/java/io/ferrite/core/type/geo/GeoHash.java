package io.ferrite.core.type.geo;

/**
 * Geohash arithmetic as Redis does it (geohash.c, geohash_helper.c). A cell is {@code bits} at {@code step}
 * (1..26): latitude bits on even positions, longitude bits on odd ones, {@code 2*step} bits in all. Every double
 * operation follows Redis's order of evaluation, since its results are visible in replies.
 */
final class GeoHash {
    private GeoHash() {}

    static final double LONG_MIN = -180;
    static final double LONG_MAX = 180;
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;
    static final int STEP_MAX = 26;
    static final double EARTH_RADIUS_METERS = 6372797.560856;
    private static final double MERCATOR_MAX = 20037726.37;

    private static final long EVEN = 0x5555555555555555L;
    private static final long ODD = 0xaaaaaaaaaaaaaaaaL;

    /** Whether a coordinate pair is one a geo set can hold. */
    static boolean valid(double lon, double lat) {
        return lon >= LONG_MIN && lon <= LONG_MAX && lat >= LAT_MIN && lat <= LAT_MAX;
    }

    /** The cell of {@code step} holding the point within the given ranges; -1 when it is outside them. */
    static long encode(double lon, double lat, int step, double lonMin, double lonMax, double latMin, double latMax) {
        if (!valid(lon, lat) || lat < latMin || lat > latMax || lon < lonMin || lon > lonMax) return -1;
        double latOffset = (lat - latMin) / (latMax - latMin) * (double) (1L << step);
        double lonOffset = (lon - lonMin) / (lonMax - lonMin) * (double) (1L << step);
        return interleave(toUint32(latOffset), toUint32(lonOffset));
    }

    /** The cell of {@code step} holding the point in Redis's Mercator-limited ranges. */
    static long encode(double lon, double lat, int step) {
        return encode(lon, lat, step, LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX);
    }

    /** The sorted-set score of a valid point: its step-26 cell. */
    static double score(double lon, double lat) {
        return (double) encode(lon, lat, STEP_MAX);
    }

    /** The lowest 52-bit score inside a cell of {@code step}. */
    static long align52(long bits, int step) {
        return bits << (52 - step * 2);
    }

    /** The bounds {@code {lonMin, lonMax, latMin, latMax}} of a cell. */
    static double[] area(long bits, int step) {
        long lat = deinterleave(bits);
        long lon = deinterleave(bits >>> 1);
        double cells = (double) (1L << step);
        double latScale = LAT_MAX - LAT_MIN;
        double lonScale = LONG_MAX - LONG_MIN;
        return new double[] {
                LONG_MIN + (lon * 1.0 / cells) * lonScale,
                LONG_MIN + (((lon + 1) & 0xffffffffL) * 1.0 / cells) * lonScale,
                LAT_MIN + (lat * 1.0 / cells) * latScale,
                LAT_MIN + (((lat + 1) & 0xffffffffL) * 1.0 / cells) * latScale};
    }

    /** The {lon, lat} a score stands for: the centre of its step-26 cell, clamped to the valid ranges. */
    static double[] decode(double score) {
        double[] a = area(scoreBits(score), STEP_MAX);
        double lon = Math.min(LONG_MAX, Math.max(LONG_MIN, (a[0] + a[1]) / 2));
        double lat = Math.min(LAT_MAX, Math.max(LAT_MIN, (a[2] + a[3]) / 2));
        return new double[] {lon, lat};
    }

    /**
     * A score as C's double to unsigned 64-bit conversion gives on x86-64 (only ZADD can store scores that are
     * not geohashes): below 2^63 a signed truncation (negative scores wrap, the most negative saturate to
     * 2^63), from 2^63 a truncation of the excess with the top bit set, and 0 from 2^64 on.
     */
    private static long scoreBits(double score) {
        if (score >= 0x1p64) return 0;
        if (score >= 0x1p63) return (long) (score - 0x1p63) ^ Long.MIN_VALUE;
        return (long) score;
    }

    /** The 11-character standard geohash of a point (latitude range -90..90), as GEOHASH prints it. */
    static String standard(double lon, double lat) {
        long bits = encode(lon, lat, STEP_MAX, -180, 180, -90, 90);
        if (bits < 0) bits = 0;
        char[] out = new char[11];
        for (int i = 0; i < 11; i++) {
            int idx = i == 10 ? 0 : (int) ((bits >>> (52 - (i + 1) * 5)) & 0x1f);
            out[i] = ALPHABET.charAt(idx);
        }
        return new String(out);
    }

    private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

    /** The cell {@code dx} (longitude) and {@code dy} (latitude) cells away, wrapping around at the edges. */
    static long move(long bits, int step, int dx, int dy) {
        long lon = bits & ODD;
        long lat = bits & EVEN;
        int width = 64 - step * 2;
        if (dx != 0) {
            long zz = EVEN >>> width;
            lon = dx > 0 ? lon + (zz + 1) : (lon | zz) - (zz + 1);
            lon &= ODD >>> width;
        }
        if (dy != 0) {
            long zz = ODD >>> width;
            lat = dy > 0 ? lat + (zz + 1) : (lat | zz) - (zz + 1);
            lat &= EVEN >>> width;
        }
        return lon | lat;
    }

    /** Great-circle distance in meters (haversine), with Redis's shortcut for equal longitudes. */
    static double distance(double lon1, double lat1, double lon2, double lat2) {
        double lon1r = Math.toRadians(lon1);
        double lon2r = Math.toRadians(lon2);
        double v = Math.sin((lon2r - lon1r) / 2);
        if (v == 0.0) return latDistance(lat1, lat2);
        double lat1r = Math.toRadians(lat1);
        double lat2r = Math.toRadians(lat2);
        double u = Math.sin((lat2r - lat1r) / 2);
        double a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS_METERS * Trig.asin(Math.sqrt(a));
    }

    /** Degrees from radians as Redis computes them: dividing by the degree-to-radian factor. */
    static double degrees(double radians) {
        return radians / (Math.PI / 180.0);
    }

    static double latDistance(double lat1, double lat2) {
        return EARTH_RADIUS_METERS * Math.abs(Math.toRadians(lat2) - Math.toRadians(lat1));
    }

    /** The step whose cells are about as wide as {@code meters} at latitude {@code lat}. */
    static int stepsForRadius(double meters, double lat) {
        if (meters == 0) return STEP_MAX;
        int step = 1;
        while (meters < MERCATOR_MAX) {
            meters *= 2;
            step++;
        }
        step -= 2;
        if (lat > 66 || lat < -66) {
            step--;
            if (lat > 80 || lat < -80) step--;
        }
        return Math.max(1, Math.min(STEP_MAX, step));
    }

    private static long toUint32(double d) {
        return ((long) d) & 0xffffffffL;
    }

    private static long interleave(long lat, long lon) {
        return spread(lat) | (spread(lon) << 1);
    }

    /** Spreads the low 32 bits of {@code x} onto the even bit positions. */
    private static long spread(long x) {
        x &= 0xffffffffL;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        return x;
    }

    /** Gathers the even bit positions of {@code x} into a 32-bit value. */
    private static long deinterleave(long x) {
        x &= EVEN;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
        return x;
    }
}
