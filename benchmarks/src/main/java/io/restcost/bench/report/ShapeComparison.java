package io.restcost.bench.report;

import io.restcost.bench.results.Results;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two matrices compared by shape, not by absolute figures: two servers on different hardware
 * differ in every figure, and what a user carries from one to the other is what one-shot and
 * rotating cost relative to pooled on each. For every engine and auth mode both measured, it
 * gives one-shot : pooled on each, and what rotating every {@value HtmlReport#ADVICE_REQUESTS}
 * costs over pooled on each with its 95% interval (from the fits of {@link RotationCost}); their
 * difference is a finding only when its interval leaves out zero.
 */
public final class ShapeComparison {

    /** One engine and auth mode on both matrices; NaN where a matrix cannot tell. */
    public record Row(String group, double oneShotA, double oneShotB, double extraA, double errorA, double extraB, double errorB) {

        /** B's extra cost minus A's, in shares of pooled, and one standard error; NaN without both. */
        double difference() {
            return extraB - extraA;
        }

        double differenceError() {
            return Math.sqrt(errorA * errorA + errorB * errorB);
        }

        /** The line for the terminal: both shapes, and whether they differ. */
        public String words() {
            String oneShot = Double.isNaN(oneShotA) || Double.isNaN(oneShotB) ? "one-shot : pooled not measured on both"
                    : String.format(Locale.ROOT, "one-shot costs %.1fx pooled on A, %.1fx on B", oneShotA, oneShotB);
            if (Double.isNaN(extraA) || Double.isNaN(extraB)) {
                return group + ": " + oneShot + "; rotating every " + HtmlReport.ADVICE_REQUESTS + " not measured on both";
            }
            String rotating = String.format(Locale.ROOT, "rotating every %d costs %s over pooled on A, %s on B", HtmlReport.ADVICE_REQUESTS,
                    withInterval(extraA, errorA), withInterval(extraB, errorB));
            if (Double.isNaN(errorA) || Double.isNaN(errorB)) {
                return group + ": " + oneShot + "; " + rotating + "; one rotating cell on a side, so no verdict on the difference";
            }
            double low = (difference() - 1.96 * differenceError()) * 100;
            double high = (difference() + 1.96 * differenceError()) * 100;
            String verdict = low <= 0 && high >= 0
                    ? String.format(Locale.ROOT, "same shape: no measurable difference (B - A %+.1f to %+.1f points)", low, high)
                    : String.format(Locale.ROOT, "rotating costs B %s points %s than A (%+.1f to %+.1f)",
                            String.format(Locale.ROOT, "%.1f", Math.abs(difference() * 100)), difference() > 0 ? "more" : "less", low, high);
            return group + ": " + oneShot + "; " + rotating + "; " + verdict;
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
    static List<Row> rows(Map<String, RotationCost> costsA, Map<String, RotationCost> costsB) {
        List<Row> rows = new ArrayList<>();
        costsA.forEach((group, ca) -> {
            RotationCost cb = costsB.get(group);
            if (cb != null) {
                RotationCost.Extra ea = RotationCost.Extra.at(HtmlReport.ADVICE_REQUESTS, ca.clientFit(), ca.serverFit());
                RotationCost.Extra eb = RotationCost.Extra.at(HtmlReport.ADVICE_REQUESTS, cb.clientFit(), cb.serverFit());
                rows.add(new Row(group, oneShot(ca), oneShot(cb), ea == null ? Double.NaN : ea.value(), ea == null ? Double.NaN : ea.error(),
                        eb == null ? Double.NaN : eb.value(), eb == null ? Double.NaN : eb.error()));
            }
        });
        return rows;
    }

    private static Map<String, RotationCost> costs(Path matrix) {
        if (!io.restcost.bench.results.RunFolder.isMatrix(matrix)) {
            throw new IllegalArgumentException(matrix + " is not a matrix folder (no index.json); compare by shape takes two matrices");
        }
        return HtmlReport.rotationCosts(HtmlReport.cellSummaries(matrix, Results.index(matrix)).values());
    }

    private static double oneShot(RotationCost c) {
        Double one = c.points().get(1);
        return one == null || c.pooled() == null || c.pooled() <= 0 ? Double.NaN : one / c.pooled();
    }
}
