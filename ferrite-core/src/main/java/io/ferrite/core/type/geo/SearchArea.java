package io.ferrite.core.type.geo;

/**
 * The cells a search scans (Redis's {@code geohashCalculateAreasByShapeWGS84}): the centre's cell at a step sized
 * to the area and its eight neighbours, minus the neighbours the area's bounding box cannot reach. Cells are
 * ordered centre, N, S, E, W, NE, NW, SE, SW.
 */
final class SearchArea {
    final int step;
    final long[] cells = new long[9];
    final boolean[] skipped = new boolean[9];

    private SearchArea(int step) {
        this.step = step;
    }

    static SearchArea of(GeoCommands.Shape s) {
        double height = s.toMeters * (s.box ? s.height / 2 : s.radius);
        double width = s.toMeters * (s.box ? s.width / 2 : s.radius);
        double latDelta = GeoHash.degrees(height / GeoHash.EARTH_RADIUS_METERS);
        double lonDeltaTop = GeoHash.degrees(width / GeoHash.EARTH_RADIUS_METERS / Math.cos(Math.toRadians(s.lat + latDelta)));
        double lonDeltaBottom = GeoHash.degrees(width / GeoHash.EARTH_RADIUS_METERS / Math.cos(Math.toRadians(s.lat - latDelta)));
        boolean south = s.lat < 0;
        double minLon = south ? s.lon - lonDeltaBottom : s.lon - lonDeltaTop;
        double maxLon = south ? s.lon + lonDeltaBottom : s.lon + lonDeltaTop;
        double minLat = s.lat - latDelta;
        double maxLat = s.lat + latDelta;

        double radiusMeters = s.box ? Math.sqrt((s.width / 2) * (s.width / 2) + (s.height / 2) * (s.height / 2)) : s.radius;
        radiusMeters *= s.toMeters;
        int step = GeoHash.stepsForRadius(radiusMeters, s.lat);
        SearchArea a = at(s, step);
        double[] north = GeoHash.area(a.cells[1], step);
        double[] southCell = GeoHash.area(a.cells[2], step);
        double[] east = GeoHash.area(a.cells[3], step);
        double[] west = GeoHash.area(a.cells[4], step);
        boolean tooCoarse = north[3] < maxLat || southCell[2] > minLat || east[1] < maxLon || west[0] > minLon;
        if (step > 1 && tooCoarse) a = at(s, step - 1);

        if (a.step >= 2) {
            double[] centre = GeoHash.area(a.cells[0], a.step);
            if (centre[2] < minLat) a.skip(SOUTH, SOUTH_WEST, SOUTH_EAST);
            if (centre[3] > maxLat) a.skip(NORTH, NORTH_EAST, NORTH_WEST);
            if (centre[0] < minLon) a.skip(WEST, SOUTH_WEST, NORTH_WEST);
            if (centre[1] > maxLon) a.skip(EAST, SOUTH_EAST, NORTH_EAST);
        }
        return a;
    }

    private static final int NORTH = 1, SOUTH = 2, EAST = 3, WEST = 4, NORTH_EAST = 5, NORTH_WEST = 6,
            SOUTH_EAST = 7, SOUTH_WEST = 8;

    private static SearchArea at(GeoCommands.Shape s, int step) {
        SearchArea a = new SearchArea(step);
        long h = GeoHash.encode(s.lon, s.lat, step);
        a.cells[0] = h;
        a.cells[NORTH] = GeoHash.move(h, step, 0, 1);
        a.cells[SOUTH] = GeoHash.move(h, step, 0, -1);
        a.cells[EAST] = GeoHash.move(h, step, 1, 0);
        a.cells[WEST] = GeoHash.move(h, step, -1, 0);
        a.cells[NORTH_EAST] = GeoHash.move(h, step, 1, 1);
        a.cells[NORTH_WEST] = GeoHash.move(h, step, -1, 1);
        a.cells[SOUTH_EAST] = GeoHash.move(h, step, 1, -1);
        a.cells[SOUTH_WEST] = GeoHash.move(h, step, -1, -1);
        return a;
    }

    private void skip(int... which) {
        for (int i : which) skipped[i] = true;
    }
}
