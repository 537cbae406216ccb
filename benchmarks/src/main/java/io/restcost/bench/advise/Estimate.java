package io.restcost.bench.advise;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A figure measured over interleaved rounds, with its 95% interval: a percentile bootstrap over
 * the rounds, each round resampled whole, so the strategies measured in one round stay paired
 * and the machine's drift, which moves a round's strategies alike, cancels out of their ratio.
 *
 * @param value the estimate from all rounds
 * @param low the interval's lower end (2.5th percentile of the resamples)
 * @param high its upper end (97.5th percentile)
 */
public record Estimate(double value, double low, double high) {

    /** Resamples per interval: enough that its ends move by well under their own noise between runs. */
    static final int RESAMPLES = 4000;

    /** The interval holds {@code x}: no difference from {@code x} is measured. */
    public boolean holds(double x) {
        return low <= x && x <= high;
    }

    /** Half the interval's width. */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /** The same estimate, each figure as {@code f} maps it (which must keep their order). */
    Estimate map(java.util.function.DoubleUnaryOperator f) {
        return new Estimate(f.applyAsDouble(value), f.applyAsDouble(low), f.applyAsDouble(high));
    }

    /**
     * The ratio of {@code a}'s sum to {@code b}'s over the rounds (a ratio of means, which one
     * noisy round moves less than a mean of ratios), with its paired bootstrap interval. The
     * resamples are drawn from a fixed seed: the same rounds give the same interval.
     *
     * @param a one figure per round, e.g. one-shot's server CPU per request
     * @param b the figure it is compared with, from the same rounds
     */
    public static Estimate ratio(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("paired rounds needed: " + a.length + " against " + b.length);
        }
        double value = sum(a) / sum(b);
        int n = a.length;
        double[] resampled = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(n * 31L + 7);
        for (int r = 0; r < RESAMPLES; r++) {
            double sa = 0;
            double sb = 0;
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                sa += a[k];
                sb += b[k];
            }
            resampled[r] = sa / sb;
        }
        Arrays.sort(resampled);
        return new Estimate(value, resampled[(int) Math.floor(0.025 * (RESAMPLES - 1))], resampled[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
