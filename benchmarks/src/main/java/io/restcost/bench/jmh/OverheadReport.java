package io.restcost.bench.jmh;

import io.restcost.bench.results.JmhResult;
import io.restcost.bench.results.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JMH JSON of {@link ClientOverheadBenchmark} and prints, per engine, restcost's
 * throughput and the drop-in-rotated stock client's ({@code dropin}) as ratios of the raw engine's (medians over every measured iteration of every
 * fork, and means) and the difference in bytes allocated per request, against the targets:
 * ratio at least 0.97, at most 256 B/op more. Exit code 0 when every engine meets both, 1
 * when one does not, 2 on bad input.
 *
 * <p>Usage: {@code java -cp restcost.jar io.restcost.bench.jmh.OverheadReport JMH.json}
 */
public final class OverheadReport {

    static final double MIN_THROUGHPUT_RATIO = 0.97;
    static final double MAX_EXTRA_BYTES_PER_OP = 256;

    private OverheadReport() {
    }

    /** One client/engine cell. */
    record Cell(double[] iterations, double mean, double error, double allocPerOp) {
        double median() {
            double[] sorted = iterations.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: OverheadReport JMH_RESULT.json... (written by -rf json -rff FILE)");
            System.exit(2);
        }
        Map<String, Map<String, Cell>> byEngine = new java.util.LinkedHashMap<>();
        for (String file : args) {
            try {
                byEngine.putAll(read(Path.of(file)));
            } catch (NoSuchFileException e) {
                System.err.println("JMH result " + file + ": not found (run benchmarks/scripts/client-overhead.sh, or JMH with -rf json -rff "
                        + file + ")");
                System.exit(2);
                return;
            }
        }
        boolean allMet = true;
        System.out.printf(Locale.ROOT, "%-16s %22s %22s %8s %8s %14s  %s%n",
                "engine/client", "client ops/s (med)", "raw ops/s (med)", "ratio", "ratio", "extra B/op", "verdict");
        System.out.printf(Locale.ROOT, "%-16s %22s %22s %8s %8s %14s%n", "", "", "", "median", "mean", "");
        for (Map.Entry<String, Map<String, Cell>> e : byEngine.entrySet()) {
            Cell raw = e.getValue().get("raw");
            if (raw == null || e.getValue().size() < 2) {
                System.err.println("engine " + e.getKey() + ": the result lacks client=raw or a client to compare with it; run both");
                System.exit(2);
            }
            for (Map.Entry<String, Cell> c : e.getValue().entrySet()) {
                if (c.getKey().equals("raw")) {
                    continue;
                }
                Cell measured = c.getValue();
                double medianRatio = measured.median() / raw.median();
                double meanRatio = measured.mean() / raw.mean();
                double extra = measured.allocPerOp() - raw.allocPerOp();
                boolean met = medianRatio >= MIN_THROUGHPUT_RATIO && (Double.isNaN(extra) || extra <= MAX_EXTRA_BYTES_PER_OP);
                allMet &= met;
                System.out.printf(Locale.ROOT, "%-16s %22s %22s %8.3f %8.3f %14s  %s%n", e.getKey() + "/" + c.getKey(),
                        String.format(Locale.ROOT, "%.0f ± %.0f", measured.median(), measured.error()),
                        String.format(Locale.ROOT, "%.0f ± %.0f", raw.median(), raw.error()),
                        medianRatio, meanRatio, Double.isNaN(extra) ? "n/a (no -prof gc)" : String.format(Locale.ROOT, "%+.0f", extra),
                        met ? "meets" : "MISSES");
            }
        }
        System.out.printf(Locale.ROOT, "targets: median ratio >= %.2f, extra allocation <= %.0f B/op%n",
                MIN_THROUGHPUT_RATIO, MAX_EXTRA_BYTES_PER_OP);
        System.exit(allMet ? 0 : 1);
    }

    static Map<String, Map<String, Cell>> read(Path json) throws IOException {
        if (!Files.isReadable(json)) {
            throw new NoSuchFileException(json.toString());
        }
        Map<String, Map<String, Cell>> byEngine = new LinkedHashMap<>();
        for (JmhResult run : Results.jmh(json)) {
            if (!run.benchmark().endsWith("ClientOverheadBenchmark.request")) {
                continue;
            }
            JmhResult.Metric primary = run.primaryMetric();
            double[] iterations = primary.rawData() == null ? new double[0]
                    : Arrays.stream(primary.rawData()).flatMapToDouble(Arrays::stream).toArray();
            JmhResult.Metric alloc = run.secondaryMetrics() == null ? null : run.secondaryMetrics().get("gc.alloc.rate.norm");
            byEngine.computeIfAbsent(run.params().get("engine"), k -> new LinkedHashMap<>()).put(run.params().get("client"), new Cell(
                    iterations, primary.score(), primary.scoreError(), alloc == null ? Double.NaN : alloc.score()));
        }
        return byEngine;
    }
}
