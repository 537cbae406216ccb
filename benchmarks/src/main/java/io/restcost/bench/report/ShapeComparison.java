package io.restcost.bench.report;

import io.restcost.bench.compare.Comparison;
import io.restcost.bench.results.MatrixIndex;
import io.restcost.bench.results.Results;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two matrices compared by shape, not by absolute figures: two servers on different hardware
 * differ in every figure, and what a user carries from one to the other is what one-shot and
 * rotating cost relative to pooled on each. For every engine and auth mode both measured, it
 * gives one-shot : pooled on each (the server's CPU, with its 95% interval, where it was read),
 * and what rotating every {@value HtmlReport#ADVICE_REQUESTS}
 * costs over pooled on each with its 95% interval (from the fits of {@link RotationCost}); their
 * difference is a finding only when its interval leaves out zero.
 */
public final class ShapeComparison {

    /**
     * One-shot : pooled on one matrix: the server's CPU per request, with its 95% interval from
     * the two cells' once-a-second readings, when the server's CPU was read; otherwise the
     * client's and the server's together, without an interval. NaN when not measured.
     */
    public record OneShot(double ratio, double low, double high, boolean serverOnly) {

        static final OneShot NONE = new OneShot(Double.NaN, Double.NaN, Double.NaN, false);

        /** Whether both intervals are known and do not meet: a difference no resample explains. */
        boolean apartFrom(OneShot other) {
            return !Double.isNaN(low) && !Double.isNaN(other.low) && (high < other.low || other.high < low);
        }

        String words() {
            String range = Double.isNaN(low) ? "" : String.format(Locale.ROOT, " (%.1fx to %.1fx)", low, high);
            return String.format(Locale.ROOT, "%.1fx%s", ratio, range);
        }
    }

    /** One engine and auth mode on both matrices; NaN where a matrix cannot tell. */
    public record Row(String group, OneShot oneShotA, OneShot oneShotB, double extraA, double errorA, double extraB, double errorB) {

        /** B's extra cost minus A's, in shares of pooled, and one standard error; NaN without both. */
        double difference() {
            return extraB - extraA;
        }

        double differenceError() {
            return Math.sqrt(errorA * errorA + errorB * errorB);
        }

        /** The line for the terminal: both shapes, and whether they differ. */
        public String words() {
            String oneShot = Double.isNaN(oneShotA.ratio()) || Double.isNaN(oneShotB.ratio()) ? "one-shot : pooled not measured on both"
                    : "one-shot costs " + (oneShotA.serverOnly() && oneShotB.serverOnly() ? "the server " : "")
                            + oneShotA.words() + " pooled on A, " + oneShotB.words() + " on B";
            if (Double.isNaN(extraA) || Double.isNaN(extraB)) {
                return group + ": " + oneShot + "; rotating every " + HtmlReport.ADVICE_REQUESTS + " not measured on both";
            }
            String rotating = String.format(Locale.ROOT, "rotating every %d costs %s over pooled on A, %s on B", HtmlReport.ADVICE_REQUESTS,
                    withInterval(extraA, errorA), withInterval(extraB, errorB));
            String oneShotVerdict = oneShotA.apartFrom(oneShotB)
                    ? "one-shot costs B's server relatively " + (oneShotB.ratio() > oneShotA.ratio() ? "more" : "less")
                            + " than A's (the intervals do not meet)"
                    : null;
            if (Double.isNaN(errorA) || Double.isNaN(errorB)) {
                return group + ": " + oneShot + "; " + rotating + "; one rotating cell on a side, so no verdict on the difference"
                        + (oneShotVerdict == null ? "" : "; " + oneShotVerdict);
            }
            double low = (difference() - 1.96 * differenceError()) * 100;
            double high = (difference() + 1.96 * differenceError()) * 100;
            boolean rotatingSame = low <= 0 && high >= 0;
            String rotatingVerdict = rotatingSame
                    ? String.format(Locale.ROOT, "rotating: no measurable difference (B - A %+.1f to %+.1f points)", low, high)
                    : String.format(Locale.ROOT, "rotating costs B %s points %s than A (%+.1f to %+.1f)",
                            String.format(Locale.ROOT, "%.1f", Math.abs(difference() * 100)), difference() > 0 ? "more" : "less", low, high);
            if (rotatingSame && oneShotVerdict == null) {
                return group + ": " + oneShot + "; " + rotating + "; same shape: no measurable difference (B - A "
                        + String.format(Locale.ROOT, "%+.1f to %+.1f points)", low, high);
            }
            return group + ": " + oneShot + "; " + rotating + "; " + (oneShotVerdict == null ? "" : oneShotVerdict + "; ") + rotatingVerdict;
        }

        private static String withInterval(double value, double error) {
            return Double.isNaN(error) ? String.format(Locale.ROOT, "%+.1f%%", value * 100)
                    : String.format(Locale.ROOT, "%+.1f%% (%+.1f to %+.1f)", value * 100, (value - 1.96 * error) * 100,
                            (value + 1.96 * error) * 100);
        }
    }

    private ShapeComparison() {
    }

    /**
     * @throws IllegalArgumentException naming the folder when it is not a matrix, or when the two share no engine and auth mode
     */
    public static List<Row> compare(Path a, Path b) {
        List<Row> rows = rows(costs(a), costs(b));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(a + " and " + b + " share no engine and auth mode measured with pooled and a rotating "
                    + "cell; compare by shape needs the same matrix on both servers");
        }
        return rows;
    }

    /** A row for every curve both have, in A's order. */
    static List<Row> rows(Map<String, Curve> costsA, Map<String, Curve> costsB) {
        List<Row> rows = new ArrayList<>();
        costsA.forEach((group, ca) -> {
            Curve cb = costsB.get(group);
            if (cb != null) {
                RotationCost.Extra ea = RotationCost.Extra.at(HtmlReport.ADVICE_REQUESTS, ca.cost().clientFit(), ca.cost().serverFit());
                RotationCost.Extra eb = RotationCost.Extra.at(HtmlReport.ADVICE_REQUESTS, cb.cost().clientFit(), cb.cost().serverFit());
                rows.add(new Row(group, ca.oneShot(), cb.oneShot(), ea == null ? Double.NaN : ea.value(), ea == null ? Double.NaN : ea.error(),
                        eb == null ? Double.NaN : eb.value(), eb == null ? Double.NaN : eb.error()));
            }
        });
        return rows;
    }

    /** One curve of a matrix: its costs against N, and one-shot : pooled. */
    record Curve(RotationCost cost, OneShot oneShot) {
    }

    private static Map<String, Curve> costs(Path matrix) {
        if (!io.restcost.bench.results.RunFolder.isMatrix(matrix)) {
            throw new IllegalArgumentException(matrix + " is not a matrix folder (no index.json); compare by shape takes two matrices");
        }
        Map<MatrixIndex.Cell, RunSummary> cells = HtmlReport.cellSummaries(matrix, Results.index(matrix));
        Map<RunSummary, Path> dirs = new IdentityHashMap<>();
        cells.forEach((cell, s) -> dirs.put(s, matrix.resolve(cell.dir())));
        Map<String, Curve> out = new LinkedHashMap<>();
        HtmlReport.rotationGroups(new ArrayList<>(cells.values())).forEach((group, runs) -> {
            RotationCost rc = RotationCost.of(runs);
            if (rc.points().size() >= 2) {
                out.put(group, new Curve(rc, oneShot(rc, runs, dirs)));
            }
        });
        return out;
    }

    private static OneShot oneShot(RotationCost c, List<RunSummary> runs, Map<RunSummary, Path> dirs) {
        RunSummary one = runs.stream().filter(HtmlReport::isOneShot).findFirst().orElse(null);
        RunSummary pooled = runs.stream().filter(s -> s.policy() != null && s.policy().is(RunSummary.Policy.POOLED)).findFirst().orElse(null);
        if (one != null && pooled != null && one.serverCpuMicrosPerRequest() != null && pooled.serverCpuMicrosPerRequest() != null
                && pooled.serverCpuMicrosPerRequest() > 0) {
            double ratio = one.serverCpuMicrosPerRequest() / pooled.serverCpuMicrosPerRequest();
            double[] noise = Comparison.cpuNoise(seconds(pooled, dirs.get(pooled)), seconds(one, dirs.get(one)));
            return noise == null ? new OneShot(ratio, Double.NaN, Double.NaN, true) : new OneShot(ratio, 1 + noise[0], 1 + noise[1], true);
        }
        Double n1 = c.points().get(1);
        return n1 == null || c.pooled() == null || c.pooled() <= 0 ? OneShot.NONE : new OneShot(n1 / c.pooled(), Double.NaN, Double.NaN, false);
    }

    /** A cell's seconds: the server's CPU in each, with its requests. */
    private static List<double[]> seconds(RunSummary s, Path dir) {
        return Comparison.secondBySecond(s.serverCpu() == null ? null : s.serverCpu().perSecond(),
                RunFolder.readIntervals(dir.resolve(RunFolder.HLOG)));
    }
}
