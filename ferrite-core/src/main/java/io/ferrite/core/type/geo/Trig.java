package io.ferrite.core.type.geo;

/**
 * The arc sine as the C library Redis links computes it, as nearly as can be had cheaply. Java's {@code Math.asin}
 * (fdlibm) is an ulp away from glibc's for about 3% of arguments, and an ulp shows: GEOSEARCHSTORE ... STOREDIST
 * stores distances at full precision, and near antipodal points the arc sine magnifies any difference. This one is
 * correctly rounded (one Newton step on fdlibm's estimate with sine and cosine in double-double arithmetic), which
 * matches glibc for all but about 0.1% of arguments. Sine and cosine use {@code Math}'s, whose intrinsics agree
 * with glibc as often.
 */
final class Trig {
    private Trig() {}

    static double asin(double x) {
        if (!(Math.abs(x) < 1) || x == 0) return StrictMath.asin(x);
        double y = StrictMath.asin(x);
        // y² as a double-double
        double y2h = y * y;
        double y2l = Math.fma(y, y, -y2h);
        // sin(y) and cos(y) as double-double Taylor sums; |y| < pi/2 keeps the terms small.
        double sh = y, sl = 0, th = y, tl = 0;
        double ch = 1, cl = 0, uh = 1, ul = 0;
        for (int k = 1; k < 40; k++) {
            // t *= y² / ((2k)(2k+1)), u *= y² / ((2k-1)(2k)), both negated
            double ph = th * y2h;
            double pl = Math.fma(th, y2h, -ph) + (th * y2l + tl * y2h);
            double d = -(2.0 * k) * (2.0 * k + 1);
            double q = ph / d;
            double r = (Math.fma(-q, d, ph) + pl) / d;
            th = q + r;
            tl = r - (th - q);
            double[] s = add(sh, sl, th, tl);
            sh = s[0];
            sl = s[1];

            ph = uh * y2h;
            pl = Math.fma(uh, y2h, -ph) + (uh * y2l + ul * y2h);
            d = -(2.0 * k - 1) * (2.0 * k);
            q = ph / d;
            r = (Math.fma(-q, d, ph) + pl) / d;
            uh = q + r;
            ul = r - (uh - q);
            double[] c = add(ch, cl, uh, ul);
            ch = c[0];
            cl = c[1];
            if (Math.abs(th) < 0x1p-110 && Math.abs(uh) < 0x1p-110) break;
        }
        // Newton: y - (sin(y) - x) / cos(y); the correction is tiny, so double precision suffices for it.
        double eh = sh - x;
        double el = sl - ((eh + x) - sh);
        double correction = (eh + el) / ch;
        return y - correction;
    }

    private static double[] add(double ah, double al, double bh, double bl) {
        double s = ah + bh;
        double v = s - ah;
        double e = (ah - (s - v)) + (bh - v) + al + bl;
        double h = s + e;
        return new double[] {h, e - (h - s)};
    }
}
