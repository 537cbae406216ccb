package io.restcost.bench.compare;

import io.restcost.bench.results.Histograms;
import com.fasterxml.jackson.databind.JsonNode;
import io.restcost.bench.results.RunFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Two runs side by side: every figure, its change, whether the change is beyond run-to-run
 * noise, and whether it is a regression beyond the threshold.
 *
 * <p>Noise is estimated by a bootstrap over each run's one-second interval histograms: the
 * intervals are resampled with replacement, the figure recomputed, and the 95% interval of
 * the relative change B/A - 1 taken over {@value #RESAMPLES} paired resamples. A change whose
 * interval contains 0 is within noise. CPU per request and errors have no interval data, so
 * no noise estimate, and are judged on the threshold alone; counts and the maximum are shown
 * but never judged.
 */
public final class Comparison {

    static final int RESAMPLES = 400;

    /** One figure of the comparison. {@code noiseLow}/{@code noiseHigh} are NaN without an estimate. */
    public record Row(String cell, String figure, Double a, Double b, double change, double noiseLow, double noiseHigh,
            boolean higherIsBetter, boolean regression) {

        public boolean hasNoiseEstimate() {
            return !Double.isNaN(noiseLow);
        }

        /** Whether the change is outside the bootstrap interval of noise (always true without an estimate). */
        public boolean beyondNoise() {
            return !hasNoiseEstimate() || noiseLow > 0 || noiseHigh < 0;
        }
    }

    private enum Figure {
        THROUGHPUT("throughput/s", true, true, "throughputPerSecond"),
        P50("latency p50 us", false, true, "latencyMicros", "corrected", "p50"),
        P90("latency p90 us", false, true, "latencyMicros", "corrected", "p90"),
        P99("latency p99 us", false, true, "latencyMicros", "corrected", "p99"),
        P999("latency p99.9 us", false, true, "latencyMicros", "corrected", "p999"),
        MEAN("latency mean us", false, true, "latencyMicros", "corrected", "mean"),
        MAX("latency max us", false, false, "latencyMicros", "corrected", "max"),
        CLIENT_CPU("client CPU us/request", false, true, "clientCpuMicrosPerRequest"),
        SERVER_CPU("server CPU us/request", false, true, "serverCpuMicrosPerRequest"),
        // Counts per 1,000 requests: runs of different lengths are compared as equals.
        CONNECTIONS("connections per 1,000 requests", false, false, "connectionsOpened"),
        FULL("TLS full handshakes per 1,000 requests", false, false, "tlsHandshakes", "full"),
        RESUMED("TLS resumed handshakes per 1,000 requests", false, false, "tlsHandshakes", "resumed"),
        LOGINS("logins per 1,000 requests", false, false, "logins"),
        PER_CONNECTION("requests per connection", true, false, "requestsPerConnection", "mean"),
        ERRORS("errors per 1,000 requests", false, true, "errors");

        final String label;
        final boolean higherIsBetter;
        /** Speed, cost and errors can regress; counts describe the policy, and a maximum is one sample. */
        final boolean judged;
        final String[] path;

        Figure(String label, boolean higherIsBetter, boolean judged, String... path) {
            this.label = label;
            this.higherIsBetter = higherIsBetter;
            this.judged = judged;
            this.path = path;
        }

        Double read(JsonNode summary) {
            JsonNode n = summary;
            for (String p : path) {
                n = n.path(p);
            }
            Double value;
            if (this == ERRORS) {
                long sum = 0;
                for (JsonNode e : n) {
                    sum += e.asLong();
                }
                value = (double) sum;
            } else {
                value = n.isNumber() ? n.asDouble() : null;
            }
            if (value == null || !label.endsWith("per 1,000 requests")) {
                return value;
            }
            JsonNode requests = summary.path("requests");
            return requests.isNumber() && requests.asLong() > 0 ? value * 1000 / requests.asLong() : null;
        }
    }

    private Comparison() {
    }

    /**
     * Compares two run folders, or two matrix folders cell by cell (cells matched by name).
     *
     * @param threshold e.g. 0.05: a judged figure worse by more than this (and beyond noise) is a regression
     * @throws IllegalArgumentException naming the folder when it is not a run or matrix, or when one is a run and the other a matrix
     */
    public static List<Row> compare(Path a, Path b, double threshold) {
        boolean ma = RunFolder.isMatrix(a);
        boolean mb = RunFolder.isMatrix(b);
        if (ma != mb) {
            throw new IllegalArgumentException("cannot compare a " + (ma ? "matrix" : "run") + " (" + a + ") with a "
                    + (mb ? "matrix" : "run") + " (" + b + "); compare two runs or two matrices");
        }
        int va = RunFolder.formatVersion(RunFolder.read(a, ma ? RunFolder.INDEX : RunFolder.SUMMARY));
        int vb = RunFolder.formatVersion(RunFolder.read(b, mb ? RunFolder.INDEX : RunFolder.SUMMARY));
        if (va != vb) {
            throw new IllegalArgumentException("cannot compare " + a + " (results format " + va + ") with " + b + " (results format "
                    + vb + "): different restcost versions count differently; re-run the older one with this restcost");
        }
        if (va > RunFolder.FORMAT_VERSION) {
            throw new IllegalArgumentException(a + " and " + b + " are in results format " + va + ", newer than this restcost's "
                    + RunFolder.FORMAT_VERSION + "; compare them with the restcost that wrote them");
        }
        List<Row> rows = new ArrayList<>();
        if (!ma) {
            rows.addAll(compareRuns("", a, b, threshold));
            return rows;
        }
        JsonNode cellsB = RunFolder.read(b, RunFolder.INDEX).path("cells");
        for (JsonNode cell : RunFolder.read(a, RunFolder.INDEX).path("cells")) {
            String name = cell.path("name").asText();
            for (JsonNode other : cellsB) {
                if (other.path("name").asText().equals(name) && readable(a.resolve(cell.path("dir").asText()))
                        && readable(b.resolve(other.path("dir").asText()))) {
                    rows.addAll(compareRuns(name, a.resolve(cell.path("dir").asText()), b.resolve(other.path("dir").asText()),
                            threshold));
                }
            }
        }
        return rows;
    }

    private static boolean readable(Path runDir) {
        return runDir.resolve(RunFolder.SUMMARY).toFile().canRead();
    }

    static List<Row> compareRuns(String cell, Path a, Path b, double threshold) {
        JsonNode sa = RunFolder.read(a, RunFolder.SUMMARY);
        JsonNode sb = RunFolder.read(b, RunFolder.SUMMARY);
        List<Histogram> ia = RunFolder.readIntervals(a.resolve(RunFolder.HLOG));
        List<Histogram> ib = RunFolder.readIntervals(b.resolve(RunFolder.HLOG));
        double[][] noise = noise(ia, ib);
        List<Row> rows = new ArrayList<>();
        for (Figure f : Figure.values()) {
            Double va = f.read(sa);
            Double vb = f.read(sb);
            double change = va == null || vb == null ? Double.NaN : va == 0 ? (vb == 0 ? 0 : Double.POSITIVE_INFINITY) : vb / va - 1;
            double lo = Double.NaN;
            double hi = Double.NaN;
            if (noise != null && f.ordinal() <= Figure.MEAN.ordinal()) {
                lo = noise[f.ordinal()][0];
                hi = noise[f.ordinal()][1];
            }
            boolean worse = !Double.isNaN(change) && (f.higherIsBetter ? change < -threshold : change > threshold);
            boolean regression = f.judged && worse && (Double.isNaN(lo) || lo > 0 || hi < 0);
            rows.add(new Row(cell, f.label, va, vb, change, lo, hi, f.higherIsBetter, regression));
        }
        return rows;
    }

    /** 95% bootstrap intervals of B/A - 1 for throughput, p50, p90, p99, p99.9 and mean; null without intervals. */
    private static double[][] noise(List<Histogram> a, List<Histogram> b) {
        if (a.size() < 3 || b.size() < 3) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(20261127L);
        int figures = Figure.MEAN.ordinal() + 1;
        double[][] changes = new double[figures][RESAMPLES];
        Histogram ha = Histograms.newHistogram();
        Histogram hb = Histograms.newHistogram();
        for (int r = 0; r < RESAMPLES; r++) {
            double[] fa = resample(a, ha, random);
            double[] fb = resample(b, hb, random);
            for (int f = 0; f < figures; f++) {
                changes[f][r] = fa[f] == 0 ? 0 : fb[f] / fa[f] - 1;
            }
        }
        double[][] out = new double[figures][];
        for (int f = 0; f < figures; f++) {
            Arrays.sort(changes[f]);
            out[f] = new double[] {changes[f][(int) (RESAMPLES * 0.025)], changes[f][(int) (RESAMPLES * 0.975) - 1]};
        }
        return out;
    }

    private static double[] resample(List<Histogram> intervals, Histogram merged, SplittableRandom random) {
        merged.reset();
        long count = 0;
        long millis = 0;
        for (int i = 0; i < intervals.size(); i++) {
            Histogram h = intervals.get(random.nextInt(intervals.size()));
            merged.add(h);
            count += h.getTotalCount();
            millis += h.getEndTimeStamp() - h.getStartTimeStamp();
        }
        return new double[] {millis == 0 ? 0 : count * 1000.0 / millis, merged.getValueAtPercentile(50),
                merged.getValueAtPercentile(90), merged.getValueAtPercentile(99), merged.getValueAtPercentile(99.9),
                merged.getMean()};
    }

    /** The table as text, one row per figure. */
    public static String format(List<Row> rows, double threshold) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-36s %-24s %14s %14s %9s %19s  %s%n", "cell", "figure", "A", "B", "change",
                "noise (95%)", "verdict"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-36s %-24s %14s %14s %9s %19s  %s%n", r.cell().isEmpty() ? "-" : r.cell(),
                    r.figure(), num(r.a()), num(r.b()), pct(r.change()),
                    r.hasNoiseEstimate() ? "[" + pct(r.noiseLow()) + ", " + pct(r.noiseHigh()) + "]" : "n/a",
                    verdict(r, threshold)));
        }
        return sb.toString();
    }

    private static String verdict(Row r, double threshold) {
        if (r.regression()) {
            return "REGRESSION (worse by more than " + pct(threshold).replace("+", "") + ")";
        }
        if (Double.isNaN(r.change()) || r.change() == 0) {
            return r.a() == null || r.b() == null ? "not measured in both" : "same";
        }
        if (!r.beyondNoise()) {
            return "within noise";
        }
        boolean better = r.higherIsBetter() == r.change() > 0;
        return better ? "better" : "worse";
    }

    private static String num(Double v) {
        if (v == null) {
            return "n/a";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", v.longValue())
                : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String pct(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "new";
        }
        return String.format(Locale.ROOT, "%+.1f%%", v * 100);
    }
}
