package io.restcost.bench.report;

import java.util.Map;

/**
 * Cost per request against rotation length N, fitted to {@code pooled + R / N}: a session costs
 * R once (a TLS handshake, perhaps a login), spread over its N requests, on top of what every
 * request costs on a kept connection. A weighted least-squares line through
 * (1/N, cost), with pooled as the point at 1/N = 0, gives P (the intercept) and R (the slope)
 * and their standard errors, each point weighted by 1 / cost^2 (its noise is a share of its
 * value). One-shot is not a point: it pays a full handshake and a fresh
 * login, where a rotating session resumes TLS and reuses its token, so its R is another one.
 *
 * @param pooled P, the fitted cost per request of a kept connection
 * @param perSession R, the fitted cost of opening one session
 * @param pooledError standard error of P (NaN with fewer than three points)
 * @param perSessionError standard error of R (NaN with fewer than three points)
 * @param covariance covariance of P and R (NaN with fewer than three points)
 * @param longestMeasured the longest rotation length among the points
 */
record RotationFit(double pooled, double perSession, double pooledError, double perSessionError, double covariance,
        int longestMeasured) {

    /**
     * @param rotating cost per request by rotation length N (N >= 2), at least one
     * @param pooled the pooled cell's cost per request
     * @throws IllegalArgumentException without a rotating point
     */
    static RotationFit of(Map<Integer, Double> rotating, double pooled) {
        if (rotating.isEmpty()) {
            throw new IllegalArgumentException("no rotating cell to fit");
        }
        int n = rotating.size() + 1;
        double[] x = new double[n];
        double[] y = new double[n];
        x[0] = 0;
        y[0] = pooled;
        int i = 1;
        int longest = 0;
        for (Map.Entry<Integer, Double> e : rotating.entrySet()) {
            x[i] = 1.0 / e.getKey();
            y[i++] = e.getValue();
            longest = Math.max(longest, e.getKey());
        }
        // Weighted by 1 / cost^2: a cell's noise is a share of its value (one cell of a matrix
        // moves by 20-30% between runs here), so the short rotations, far from pooled, must not
        // pass for more certain than they are.
        double[] w = new double[n];
        double sw = 0;
        double mx = 0;
        double my = 0;
        for (int k = 0; k < n; k++) {
            w[k] = y[k] > 0 ? 1 / (y[k] * y[k]) : 1;
            sw += w[k];
        }
        for (int k = 0; k < n; k++) {
            mx += w[k] * x[k] / sw;
            my += w[k] * y[k] / sw;
        }
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            sxx += w[k] * (x[k] - mx) * (x[k] - mx);
            sxy += w[k] * (x[k] - mx) * (y[k] - my);
        }
        double r = sxy / sxx;
        double p = my - r * mx;
        if (n < 3) {
            return new RotationFit(p, r, Double.NaN, Double.NaN, Double.NaN, longest);
        }
        double rss = 0;
        for (int k = 0; k < n; k++) {
            double res = y[k] - p - r * x[k];
            rss += w[k] * res * res;
        }
        double s2 = rss / (n - 2);
        double varR = s2 / sxx;
        double varP = s2 * (1.0 / sw + mx * mx / sxx);
        double cov = -mx * s2 / sxx;
        return new RotationFit(p, r, Math.sqrt(varP), Math.sqrt(varR), cov, longest);
    }

    /** True when the fit has an uncertainty (three points or more). */
    boolean hasError() {
        return !Double.isNaN(perSessionError);
    }

    /**
     * The smallest N whose fitted cost is within {@code fraction} of P: R / (fraction * P),
     * rounded up; 1 when a session costs nothing measurable (R <= 0).
     */
    long smallestWithin(double fraction) {
        if (perSession <= 0 || pooled <= 0) {
            return 1;
        }
        return Math.max(1, (long) Math.ceil(perSession / (fraction * pooled) - 1e-9));
    }

    /**
     * One standard error of {@link #smallestWithin(double)}, by the delta method over R / P
     * (their covariance included); NaN when the fit has none.
     */
    double smallestWithinError(double fraction) {
        if (!hasError() || perSession <= 0 || pooled <= 0) {
            return Double.NaN;
        }
        double n = perSession / (fraction * pooled);
        double rel2 = Math.pow(perSessionError / perSession, 2) + Math.pow(pooledError / pooled, 2)
                - 2 * covariance / (perSession * pooled);
        return n * Math.sqrt(Math.max(0, rel2));
    }

    /** True when the N that {@code fraction} asks for is longer than any length measured. */
    boolean beyondMeasured(double fraction) {
        return smallestWithin(fraction) > longestMeasured;
    }
}
