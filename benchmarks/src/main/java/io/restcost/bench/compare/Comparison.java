package io.restcost.bench.compare;

import io.restcost.bench.results.Histograms;
import io.restcost.bench.results.MatrixIndex;
import io.restcost.bench.results.Results;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Two runs side by side: every figure, its change, whether the change is beyond run-to-run
 * noise, and whether it is a regression beyond the threshold.
 *
 * <p>Noise is estimated by a bootstrap over each run's one-second interval histograms: the
 * intervals are resampled with replacement, the figure recomputed, and the 95% interval of
 * the relative change B/A - 1 taken over {@value #RESAMPLES} paired resamples. A change whose
 * interval contains 0 is within noise, and called the same. The server's and the client's CPU
 * per request are resampled the same way over their once-a-second readings, each second with
 * its requests. Errors have no interval data, so no noise estimate, and are judged on the
 * threshold alone; counts and the maximum are shown but never judged: "higher" or "lower", and
 * "same" within {@value #COUNT_SAME} of each other or within one event (a count moves by whole
 * connections, handshakes and logins: one more in 20,000 requests is 0.05 per 1,000).
 */
public final class Comparison {

    static final int RESAMPLES = 400;

    /** A count, or a maximum, that moves by less than this share is the same. */
    static final double COUNT_SAME = 0.01;

    /**
     * One figure of the comparison. {@code noiseLow}/{@code noiseHigh} are NaN without an
     * estimate; {@code resolution} is the smallest step the figure can take (one event per 1,000
     * requests of the shorter run, for a count), NaN when it has none to speak of.
     */
    public record Row(String cell, String figure, Double a, Double b, double change, double noiseLow, double noiseHigh,
            boolean higherIsBetter, boolean judged, boolean regression, double resolution) {

        public boolean hasNoiseEstimate() {
            return !Double.isNaN(noiseLow);
        }

        /** This row, not judged: for figures of two servers, where "worse" would only say which hardware is faster. */
        public Row unjudged() {
            return new Row(cell, figure, a, b, change, noiseLow, noiseHigh, higherIsBetter, false, false, resolution);
        }

        /** Whether the change is outside the bootstrap interval of noise (always true without an estimate). */
        public boolean beyondNoise() {
            return !hasNoiseEstimate() || noiseLow > 0 || noiseHigh < 0;
        }
    }

    private enum Figure {
        THROUGHPUT("throughput/s", true, true, s -> s.throughputPerSecond()),
        P50("latency p50 us", false, true, s -> latency(s, RunSummary.Percentiles::p50)),
        P90("latency p90 us", false, true, s -> latency(s, RunSummary.Percentiles::p90)),
        P99("latency p99 us", false, true, s -> latency(s, RunSummary.Percentiles::p99)),
        P999("latency p99.9 us", false, true, s -> latency(s, RunSummary.Percentiles::p999)),
        MEAN("latency mean us", false, true, s -> latency(s, RunSummary.Percentiles::mean)),
        MAX("latency max us", false, false, s -> latency(s, RunSummary.Percentiles::max)),
        CLIENT_CPU("client CPU us/request", false, true, RunSummary::clientCpuMicrosPerRequest),
        SERVER_CPU("server CPU us/request", false, true, RunSummary::serverCpuMicrosPerRequest),
        // Counts per 1,000 requests: runs of different lengths are compared as equals.
        CONNECTIONS("connections per 1,000 requests", false, false, s -> (double) s.connectionsOpened()),
        FULL("TLS full handshakes per 1,000 requests", false, false,
                s -> s.tlsHandshakes() == null ? null : (double) s.tlsHandshakes().full()),
        RESUMED("TLS resumed handshakes per 1,000 requests", false, false,
                s -> s.tlsHandshakes() == null ? null : (double) s.tlsHandshakes().resumed()),
        LOGINS("logins per 1,000 requests", false, false, s -> (double) s.logins()),
        PER_CONNECTION("requests per connection", true, false,
                s -> s.requestsPerConnection() == null ? null : s.requestsPerConnection().mean()),
        ERRORS("errors per 1,000 requests", false, true, s -> (double) s.totalErrors());

        final String label;
        final boolean higherIsBetter;
        /** Speed, cost and errors can regress; counts describe the policy, and a maximum is one sample. */
        final boolean judged;
        private final Function<RunSummary, Double> figure;

        Figure(String label, boolean higherIsBetter, boolean judged, Function<RunSummary, Double> figure) {
            this.label = label;
            this.higherIsBetter = higherIsBetter;
            this.judged = judged;
            this.figure = figure;
        }

        Double read(RunSummary summary) {
            Double value = figure.apply(summary);
            if (value == null || !label.endsWith("per 1,000 requests")) {
                return value;
            }
            return summary.requests() > 0 ? value * 1000 / summary.requests() : null;
        }

        private static Double latency(RunSummary s, Function<RunSummary.Percentiles, Number> p) {
            return s.latencyMicros() == null || s.latencyMicros().corrected() == null ? null
                    : p.apply(s.latencyMicros().corrected()).doubleValue();
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
        int va = Results.formatVersion(a, ma ? RunFolder.INDEX : RunFolder.SUMMARY);
        int vb = Results.formatVersion(b, mb ? RunFolder.INDEX : RunFolder.SUMMARY);
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
        List<MatrixIndex.Cell> cellsB = Results.index(b).cells();
        for (MatrixIndex.Cell cell : Results.index(a).cells()) {
            for (MatrixIndex.Cell other : cellsB) {
                if (other.name().equals(cell.name()) && readable(a.resolve(cell.dir())) && readable(b.resolve(other.dir()))) {
                    rows.addAll(compareRuns(cell.name(), a.resolve(cell.dir()), b.resolve(other.dir()), threshold));
                }
            }
        }
        return rows;
    }

    private static boolean readable(Path runDir) {
        return runDir.resolve(RunFolder.SUMMARY).toFile().canRead();
    }

    static List<Row> compareRuns(String cell, Path a, Path b, double threshold) {
        RunSummary sa = Results.summary(a);
        RunSummary sb = Results.summary(b);
        List<Histogram> ia = RunFolder.readIntervals(a.resolve(RunFolder.HLOG));
        List<Histogram> ib = RunFolder.readIntervals(b.resolve(RunFolder.HLOG));
        double[][] noise = noise(ia, ib);
        double[] serverCpuNoise = cpuNoise(secondBySecond(sa.serverCpu() == null ? null : sa.serverCpu().perSecond(), ia),
                secondBySecond(sb.serverCpu() == null ? null : sb.serverCpu().perSecond(), ib));
        double[] clientCpuNoise = cpuNoise(secondBySecond(sa.clientCpuPerSecond(), ia), secondBySecond(sb.clientCpuPerSecond(), ib));
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
            } else if (f == Figure.SERVER_CPU && serverCpuNoise != null) {
                lo = serverCpuNoise[0];
                hi = serverCpuNoise[1];
            } else if (f == Figure.CLIENT_CPU && clientCpuNoise != null) {
                lo = clientCpuNoise[0];
                hi = clientCpuNoise[1];
            }
            boolean worse = !Double.isNaN(change) && (f.higherIsBetter ? change < -threshold : change > threshold);
            boolean regression = f.judged && worse && (Double.isNaN(lo) || lo > 0 || hi < 0);
            double resolution = f.label.endsWith("per 1,000 requests") && sa.requests() > 0 && sb.requests() > 0
                    ? 1000.0 / Math.min(sa.requests(), sb.requests()) : Double.NaN;
            rows.add(new Row(cell, f.label, va, vb, change, lo, hi, f.higherIsBetter, f.judged, regression, resolution));
        }
        return rows;
    }

    /**
     * Each whole second of the window: the CPU in it (from {@code readings}, a running total read
     * once a second: the server's {@code serverCpu.perSecond} or the client's
     * {@code clientCpuPerSecond}) and the requests answered in it (the interval log); empty
     * without both.
     */
    public static List<double[]> secondBySecond(List<double[]> readings, List<Histogram> intervals) {
        List<double[]> out = new ArrayList<>();
        if (readings == null) {
            return out;
        }
        double before = 0;
        double beforeMillis = 0;
        for (int i = 0; i < readings.size() && i < intervals.size(); i++) {
            double[] r = readings.get(i);
            // a whole second: the last, partial reading of a window is left out
            if (r[0] - beforeMillis < 900 || r[0] - beforeMillis > 1100) {
                break;
            }
            out.add(new double[] {r[1] - before, intervals.get(i).getTotalCount()});
            before = r[1];
            beforeMillis = r[0];
        }
        return out;
    }

    /**
     * 95% bootstrap interval of B/A - 1 for a CPU per request, the seconds of each
     * run resampled with replacement (a second's CPU stays with its requests); null when either
     * run has fewer than three whole seconds of both.
     */
    public static double[] cpuNoise(List<double[]> a, List<double[]> b) {
        if (a.size() < 3 || b.size() < 3) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(20261207L);
        double[] changes = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double fa = cpuPerRequest(a, random);
            double fb = cpuPerRequest(b, random);
            changes[r] = fa == 0 ? 0 : fb / fa - 1;
        }
        Arrays.sort(changes);
        return new double[] {changes[(int) (RESAMPLES * 0.025)], changes[(int) (RESAMPLES * 0.975) - 1]};
    }

    private static double cpuPerRequest(List<double[]> seconds, SplittableRandom random) {
        double cpu = 0;
        double requests = 0;
        for (int i = 0; i < seconds.size(); i++) {
            double[] s = seconds.get(random.nextInt(seconds.size()));
            cpu += s[0];
            requests += s[1];
        }
        return requests == 0 ? 0 : cpu / requests;
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
            return "same (within noise)";
        }
        if (!r.judged()) {
            // A count describes the policy and a maximum is one sample: neither is better or worse, and a count
            // that moves by a rounding (100 to 100.05 per 1,000 requests) or by one event has not changed.
            if (Math.abs(r.change()) < COUNT_SAME) {
                return "same";
            }
            if (r.a() != null && r.b() != null && Math.abs(r.b() - r.a()) <= r.resolution() * 1.000001) {
                return "same (within one event)";
            }
            return r.change() > 0 ? "higher" : "lower";
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
