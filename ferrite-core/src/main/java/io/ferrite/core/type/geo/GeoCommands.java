package io.ferrite.core.type.geo;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.Config;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.type.zset.ZSetValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.ferrite.core.command.AclCategory.GEO;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;
import static io.ferrite.core.resp.RespFormat.fixed;

/**
 * GEOADD, GEOPOS, GEODIST, GEOHASH and the searches (GEOSEARCH, GEOSEARCHSTORE and the older GEORADIUS family),
 * over ordinary sorted sets. Searches scan the score ranges of the centre cell and its eight neighbours at a step
 * sized to the search area, then filter by exact distance, as Redis does, so that results, their order before
 * sorting and COUNT ANY's choice all match.
 */
public final class GeoCommands {
    private GeoCommands() {}

    static final String NO_MEMBER = "ERR could not decode requested zset member";

    public static void register(CommandTable t) {
        t.add(spec("geoadd", -5).flags(WRITE, DENYOOM).acl(GEO).keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Adds one or more members to a geospatial index. The key is created if it doesn't exist.")
                .handler(GeoCommands::geoadd));
        t.add(spec("geopos", -2).flags(READONLY).acl(GEO).keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Returns the longitude and latitude of members from a geospatial index.")
                .handler(GeoCommands::geopos));
        t.add(spec("geodist", -4).flags(READONLY).acl(GEO).keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Returns the distance between two members of a geospatial index.")
                .handler(GeoCommands::geodist));
        t.add(spec("geohash", -2).flags(READONLY).acl(GEO).keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Returns members from a geospatial index as geohash strings.")
                .handler(GeoCommands::geohash));
        t.add(spec("geosearch", -7).flags(READONLY).acl(GEO).keys(1, 1, 1).group("geo").since("6.2.0")
                .summary("Queries a geospatial index for members inside an area of a box or a circle.")
                .handler(c -> search(c, Mode.SEARCH)));
        t.add(spec("geosearchstore", -8).flags(WRITE, DENYOOM).acl(GEO).keys(1, 2, 1).group("geo").since("6.2.0")
                .summary("Queries a geospatial index for members inside an area of a box or a circle, optionally stores the result.")
                .handler(c -> search(c, Mode.SEARCH_STORE)));
        t.add(spec("georadius", -6).flags(WRITE, DENYOOM).acl(GEO).keys(1, 1, 1, (a, out) -> radiusKeys(a, out, 6))
                .group("geo").since("3.2.0")
                .summary("Queries a geospatial index for members within a distance from a coordinate, optionally stores the result.")
                .handler(c -> search(c, Mode.RADIUS)));
        t.add(spec("georadius_ro", -6).flags(READONLY).acl(GEO).keys(1, 1, 1).group("geo").since("3.2.10")
                .summary("Returns members from a geospatial index that are within a distance from a coordinate.")
                .handler(c -> search(c, Mode.RADIUS_RO)));
        t.add(spec("georadiusbymember", -5).flags(WRITE, DENYOOM).acl(GEO).keys(1, 1, 1, (a, out) -> radiusKeys(a, out, 5))
                .group("geo").since("3.2.0")
                .summary("Queries a geospatial index for members within a distance from a member, optionally stores the result.")
                .handler(c -> search(c, Mode.MEMBER)));
        t.add(spec("georadiusbymember_ro", -5).flags(READONLY).acl(GEO).keys(1, 1, 1).group("geo").since("3.2.10")
                .summary("Returns members from a geospatial index that are within a distance from a member.")
                .handler(c -> search(c, Mode.MEMBER_RO)));
    }

    /** The searched key and every STORE/STOREDIST destination of a GEORADIUS-style command. */
    static int radiusKeys(Args a, int[] out, int optionsFrom) {
        int n = 0;
        out[n++] = 1;
        for (int i = optionsFrom; i < a.count(); i++) {
            boolean hasValue = i + 1 < a.count();
            if ((a.is(i, "STORE") || a.is(i, "STOREDIST")) && hasValue) out[n++] = ++i;
            else if (a.is(i, "COUNT") && hasValue) i++;
        }
        return n;
    }

    // ---- GEOADD, GEOPOS, GEODIST, GEOHASH --------------------------------------------------------------------

    static void geoadd(CommandContext c) {
        Args a = c.args;
        boolean nx = false, xx = false, ch = false;
        int i = 2;
        for (; i < c.argc(); i++) {
            if (a.is(i, "NX")) nx = true;
            else if (a.is(i, "XX")) xx = true;
            else if (a.is(i, "CH")) ch = true;
            else break;
        }
        if ((c.argc() - i) % 3 != 0 || (nx && xx)) throw Errors.syntax();
        int elements = (c.argc() - i) / 3;
        double[] scores = new double[elements];
        long maxLen = 0;
        for (int e = 0; e < elements; e++) {
            double[] xy = lonLat(a, i + 3 * e);
            scores[e] = GeoHash.score(xy[0], xy[1]);
            maxLen = Math.max(maxLen, a.bytes(i + 3 * e + 2).length);
        }
        byte[] key = c.arg(1);
        Config cfg = c.engine.config();
        ZSetValue z = c.write(key, ZSetValue.class);
        if (z == null) {
            if (xx) {
                c.out.integer(0);
                return;
            }
            z = ZSetValue.create(elements, maxLen, cfg);
            c.db().set(key, z, c.now);
        } else {
            z.reserve(elements, cfg);
        }
        long added = 0, updated = 0;
        for (int e = 0; e < elements; e++) {
            byte[] member = a.bytes(i + 3 * e + 2);
            double cur = z.score(member);
            if (Double.isNaN(cur)) {
                if (xx) continue;
                z.add(member, scores[e], cfg);
                added++;
            } else if (!nx && cur != scores[e]) {
                z.setScore(member, scores[e]);
                updated++;
            }
        }
        if (added + updated > 0) c.changed(KeyspaceEvents.ZSET, "zadd", key);
        c.out.integer(ch ? added + updated : added);
    }

    static void geopos(CommandContext c) {
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        c.out.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            double score = z == null ? Double.NaN : z.score(c.arg(i));
            if (Double.isNaN(score)) {
                c.out.nilArray();
                continue;
            }
            double[] xy = GeoHash.decode(score);
            c.out.array(2);
            coordinate(c, xy[0]);
            coordinate(c, xy[1]);
        }
    }

    static void geodist(CommandContext c) {
        double toMeters = 1;
        if (c.argc() == 5) toMeters = unit(c.arg(4));
        else if (c.argc() > 5) throw Errors.syntax();
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        double s1 = z == null ? Double.NaN : z.score(c.arg(2));
        double s2 = z == null ? Double.NaN : z.score(c.arg(3));
        if (Double.isNaN(s1) || Double.isNaN(s2)) {
            c.out.nil();
            return;
        }
        double[] p = GeoHash.decode(s1);
        double[] q = GeoHash.decode(s2);
        distance(c, GeoHash.distance(p[0], p[1], q[0], q[1]) / toMeters);
    }

    static void geohash(CommandContext c) {
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        c.out.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            double score = z == null ? Double.NaN : z.score(c.arg(i));
            if (Double.isNaN(score)) {
                c.out.nil();
                continue;
            }
            double[] xy = GeoHash.decode(score);
            c.out.bulk(GeoHash.standard(xy[0], xy[1]));
        }
    }

    // ---- searches --------------------------------------------------------------------------------------------

    enum Mode {
        RADIUS(6, true, false), RADIUS_RO(6, false, false), MEMBER(5, true, false), MEMBER_RO(5, false, false),
        SEARCH(2, false, true), SEARCH_STORE(3, false, true);

        final int optionsFrom;
        final boolean storeOption;
        final boolean search;

        Mode(int optionsFrom, boolean storeOption, boolean search) {
            this.optionsFrom = optionsFrom;
            this.storeOption = storeOption;
            this.search = search;
        }

        boolean byCoordinates() { return this == RADIUS || this == RADIUS_RO; }
        boolean byMember() { return this == MEMBER || this == MEMBER_RO; }
    }

    /** A search area: a circle of {@code radius}, or a {@code width} x {@code height} box, in the request's unit. */
    static final class Shape {
        double lon, lat;
        boolean box;
        double radius, width, height;
        double toMeters = 1;
    }

    record Point(byte[] member, double score, double lon, double lat, double dist) {}

    static void search(CommandContext c, Mode mode) {
        Args a = c.args;
        int src = mode == Mode.SEARCH_STORE ? 2 : 1;
        byte[] store = mode == Mode.SEARCH_STORE ? c.arg(1) : null;
        ZSetValue z = c.read(c.arg(src), ZSetValue.class);
        Shape shape = new Shape();
        if (mode.byCoordinates()) {
            double[] xy = lonLat(a, 2);
            shape.lon = xy[0];
            shape.lat = xy[1];
            radius(a, 4, shape);
        } else if (mode.byMember() && z != null) {
            memberPosition(z, c.arg(2), shape);
            radius(a, 3, shape);
        }
        boolean withDist = false, withHash = false, withCoord = false, any = false, storeDist = false;
        boolean fromMember = false, fromLonLat = false, byRadius = false, byBox = false;
        int sort = 0; // 0 unsorted, 1 ascending, -1 descending
        long count = 0;
        int argc = c.argc();
        for (int i = mode.optionsFrom; i < argc; i++) {
            int left = argc - i - 1;
            if (a.is(i, "WITHDIST")) withDist = true;
            else if (a.is(i, "WITHHASH")) withHash = true;
            else if (a.is(i, "WITHCOORD")) withCoord = true;
            else if (a.is(i, "ANY")) any = true;
            else if (a.is(i, "ASC")) sort = 1;
            else if (a.is(i, "DESC")) sort = -1;
            else if (a.is(i, "COUNT") && left >= 1) {
                count = a.longValue(++i);
                if (count <= 0) throw new CommandException("ERR COUNT must be > 0");
            } else if ((a.is(i, "STORE") || a.is(i, "STOREDIST")) && left >= 1 && mode.storeOption) {
                storeDist = a.is(i, "STOREDIST");
                store = a.bytes(++i);
            } else if (a.is(i, "STOREDIST") && mode == Mode.SEARCH_STORE) {
                storeDist = true;
            } else if (a.is(i, "FROMMEMBER") && left >= 1 && mode.search && !fromLonLat) {
                if (z != null) memberPosition(z, a.bytes(i + 1), shape);
                fromMember = true;
                i++;
            } else if (a.is(i, "FROMLONLAT") && left >= 2 && mode.search && !fromMember) {
                double[] xy = lonLat(a, i + 1);
                shape.lon = xy[0];
                shape.lat = xy[1];
                fromLonLat = true;
                i += 2;
            } else if (a.is(i, "BYRADIUS") && left >= 2 && mode.search && !byBox) {
                radius(a, i + 1, shape);
                byRadius = true;
                i += 2;
            } else if (a.is(i, "BYBOX") && left >= 3 && mode.search && !byRadius) {
                box(a, i + 1, shape);
                byBox = true;
                i += 3;
            } else {
                throw Errors.syntax();
            }
        }
        if (store != null && (withDist || withHash || withCoord)) {
            throw new CommandException("ERR " + (mode == Mode.SEARCH_STORE ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                    + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
        }
        if (mode.search && !(fromMember || fromLonLat)) {
            throw new CommandException("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + a.string(0));
        }
        if (mode.search && !(byRadius || byBox)) {
            throw new CommandException("ERR exactly one of BYRADIUS and BYBOX can be specified for " + a.string(0));
        }
        if (any && count == 0) throw new CommandException("ERR the ANY argument requires COUNT argument");

        if (z == null) {
            if (store == null) {
                c.out.array(0);
            } else {
                if (c.db().delete(store, c.now)) c.changed(KeyspaceEvents.GENERIC, "del", store);
                c.out.integer(0);
            }
            return;
        }
        if (count != 0 && sort == 0 && !any) sort = 1;
        List<Point> found = collect(z, shape, any ? count : 0);
        if (sort != 0) {
            Comparator<Point> byDist = Comparator.comparingDouble(Point::dist);
            found.sort(sort > 0 ? byDist : byDist.reversed());
        }
        int n = count == 0 || found.size() < count ? found.size() : (int) count;
        if (store == null) {
            reply(c, found, n, shape.toMeters, withDist, withHash, withCoord);
        } else {
            store(c, store, found, n, shape.toMeters, storeDist, mode.search ? "geosearchstore" : "georadiusstore");
        }
    }

    private static void reply(CommandContext c, List<Point> found, int n, double toMeters,
                              boolean withDist, boolean withHash, boolean withCoord) {
        int extras = (withDist ? 1 : 0) + (withHash ? 1 : 0) + (withCoord ? 1 : 0);
        c.out.array(n);
        for (int i = 0; i < n; i++) {
            Point p = found.get(i);
            if (extras > 0) c.out.array(extras + 1);
            c.out.bulk(p.member());
            if (withDist) distance(c, p.dist() / toMeters);
            if (withHash) c.out.integer((long) p.score());
            if (withCoord) {
                c.out.array(2);
                coordinate(c, p.lon());
                coordinate(c, p.lat());
            }
        }
    }

    private static void store(CommandContext c, byte[] dst, List<Point> found, int n, double toMeters,
                              boolean storeDist, String event) {
        if (n == 0) {
            if (c.db().delete(dst, c.now)) c.changed(KeyspaceEvents.GENERIC, "del", dst);
            c.out.integer(0);
            return;
        }
        Config cfg = c.engine.config();
        long maxLen = 0;
        for (int i = 0; i < n; i++) maxLen = Math.max(maxLen, found.get(i).member().length);
        ZSetValue z = ZSetValue.create(n, maxLen, cfg);
        for (int i = 0; i < n; i++) {
            Point p = found.get(i);
            z.add(p.member(), storeDist ? p.dist() / toMeters : p.score(), cfg);
        }
        c.db().set(dst, z, c.now);
        c.changed(KeyspaceEvents.ZSET, event, dst);
        c.out.integer(n);
    }

    /**
     * The members inside {@code shape}, cell by cell (centre, N, S, E, W, NE, NW, SE, SW) in score order within
     * a cell; with {@code limit} > 0, stops once that many are found.
     */
    static List<Point> collect(ZSetValue z, Shape shape, long limit) {
        List<Point> found = new ArrayList<>();
        SearchArea area = SearchArea.of(shape);
        int lastProcessed = 0;
        for (int i = 0; i < 9; i++) {
            if (area.skipped[i]) continue;
            // As Redis: a huge area can make adjacent cells equal; the centre cell never counts as "previous".
            if (lastProcessed != 0 && area.cells[i] == area.cells[lastProcessed]) continue;
            if (!found.isEmpty() && limit > 0 && found.size() >= limit) break;
            long min = GeoHash.align52(area.cells[i], area.step);
            long max = GeoHash.align52(area.cells[i] + 1, area.step);
            long from = z.countBefore((s, m) -> s < min);
            long to = z.countBefore((s, m) -> s < max);
            if (to > from) {
                z.walk(from, false, to - from, (m, s) -> {
                    if (limit > 0 && found.size() >= limit) return;
                    Point p = within(shape, m, s);
                    if (p != null) found.add(p);
                });
            }
            lastProcessed = i;
        }
        return found;
    }

    private static Point within(Shape shape, byte[] member, double score) {
        double[] xy = GeoHash.decode(score);
        double dist;
        if (shape.box) {
            if (GeoHash.latDistance(xy[1], shape.lat) > shape.height * shape.toMeters / 2) return null;
            if (GeoHash.distance(xy[0], xy[1], shape.lon, xy[1]) > shape.width * shape.toMeters / 2) return null;
            dist = GeoHash.distance(shape.lon, shape.lat, xy[0], xy[1]);
        } else {
            dist = GeoHash.distance(shape.lon, shape.lat, xy[0], xy[1]);
            if (dist > shape.radius * shape.toMeters) return null;
        }
        return new Point(member, score, xy[0], xy[1], dist);
    }

    // ---- argument parsing ------------------------------------------------------------------------------------

    private static double[] lonLat(Args a, int at) {
        double lon = number(a, at, Errors.NOT_FLOAT);
        double lat = number(a, at + 1, Errors.NOT_FLOAT);
        if (!GeoHash.valid(lon, lat)) {
            throw new CommandException("ERR invalid longitude,latitude pair " + fixed(lon, 6) + "," + fixed(lat, 6));
        }
        return new double[] {lon, lat};
    }

    private static void memberPosition(ZSetValue z, byte[] member, Shape shape) {
        double score = z.score(member);
        if (Double.isNaN(score)) throw new CommandException(NO_MEMBER);
        double[] xy = GeoHash.decode(score);
        shape.lon = xy[0];
        shape.lat = xy[1];
    }

    private static void radius(Args a, int at, Shape shape) {
        double r = number(a, at, "ERR need numeric radius");
        if (r < 0) throw new CommandException("ERR radius cannot be negative");
        shape.toMeters = unit(a.bytes(at + 1));
        shape.box = false;
        shape.radius = r;
    }

    private static void box(Args a, int at, Shape shape) {
        double w = number(a, at, "ERR need numeric width");
        double h = number(a, at + 1, "ERR need numeric height");
        if (h < 0 || w < 0) throw new CommandException("ERR height or width cannot be negative");
        shape.toMeters = unit(a.bytes(at + 2));
        shape.box = true;
        shape.width = w;
        shape.height = h;
    }

    /** A double as Redis's {@code getDoubleFromObject} reads it ({@link Numbers#parseDouble}), with {@code error}. */
    private static double number(Args a, int at, String error) {
        byte[] b = a.bytes(at);
        double d = Numbers.parseDoubleOrNaN(b);
        if (Double.isNaN(d) || Numbers.outOfRange(b, d)) throw new CommandException(error);
        return d;
    }

    /** Meters per unit. */
    static double unit(byte[] u) {
        if (Args.equalsIgnoreCase(u, "M")) return 1;
        if (Args.equalsIgnoreCase(u, "KM")) return 1000;
        if (Args.equalsIgnoreCase(u, "FT")) return 0.3048;
        if (Args.equalsIgnoreCase(u, "MI")) return 1609.34;
        throw new CommandException("ERR unsupported unit provided. please use M, KM, FT, MI");
    }

    // ---- reply formatting ------------------------------------------------------------------------------------

    /** A distance with four decimals, as a bulk string in both protocols. */
    private static void distance(CommandContext c, double d) {
        c.out.bulk(fixed(d, 4));
    }

    /** A coordinate: 17 decimals without trailing zeros (Redis's human long double format). */
    private static void coordinate(CommandContext c, double d) {
        c.out.doubleText(human(d));
    }

    static String human(double d) {
        String s = fixed(d, 17);
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') end--;
            if (s.charAt(end - 1) == '.') end--;
            s = s.substring(0, end);
        }
        return s.equals("-0") ? "0" : s;
    }
}
