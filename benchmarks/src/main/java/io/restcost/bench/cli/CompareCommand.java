package io.restcost.bench.cli;

import io.restcost.bench.compare.Comparison;
import io.restcost.bench.report.ShapeComparison;
import io.restcost.bench.results.Results;
import io.restcost.bench.results.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code restcost compare A B}: every figure side by side; exit code 1 on a regression beyond the threshold. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {"  restcost compare results/20261201-101500-run results/20261202-101500-run", "  restcost compare results/before results/after --threshold 10%%",
                "  restcost compare --shape results/reference/mock results/reference/liberty"},
        description = {"Compare two run folders (or two matrix folders, cell by cell): every figure, its change, "
                + "whether the change is beyond run-to-run noise (bootstrap over the 1 s intervals), and regressions.",
                "Two runs or matrices from different targets are two servers: they are compared by shape first, and their "
                + "absolute figures are shown without verdicts.",
                "Exit code 1 when a throughput, latency, CPU or error figure of B is worse than A's by more than the "
                + "threshold and beyond noise, on one server; 0 otherwise."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR_A", description = "The baseline run or matrix.")
    Path a;

    @Parameters(index = "1", paramLabel = "DIR_B", description = "The run or matrix to judge against it.")
    Path b;

    @Option(names = "--threshold", defaultValue = "5%", description = "Change that counts as a regression, e.g. 5%% or 0.05 (default 5%%).")
    String threshold;

    @Option(names = "--shape", description = "Compare two matrices by shape only, as two servers are compared: one-shot : pooled "
            + "and what rotating every 50 costs over pooled on each, with their intervals. Two matrices from different targets "
            + "get this first anyway.")
    boolean shape;

    @Option(names = "--same-server", description = "Judge regressions even though A and B name different targets (the same server "
            + "at a new address or port).")
    boolean sameServer;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("A: %s%nB: %s%n", a, b);
        boolean matrices = RunFolder.isMatrix(a) && RunFolder.isMatrix(b);
        if (shape) {
            ShapeComparison.compare(a, b).forEach(r -> out.println("  " + r.words()));
            out.flush();
            return 0;
        }
        double t = parseThreshold(threshold);
        List<Comparison.Row> rows = Comparison.compare(a, b, t);
        String[] targets = targets(matrices);
        boolean acrossServers = !sameServer && !java.util.Objects.equals(targets[0], targets[1]) && !(Results.mockStats(a) && Results.mockStats(b));
        if (!acrossServers) {
            out.print(Comparison.format(rows, t));
            long regressions = rows.stream().filter(Comparison.Row::regression).count();
            out.printf("%d regression(s) beyond %s%n", regressions, threshold);
            out.flush();
            return regressions > 0 ? 1 : 0;
        }
        out.printf("A ran against %s and B against %s: two servers. Each server's hardware sets its absolute figures, so what "
                + "carries from one to the other is the shape: what one-shot and rotating cost relative to pooled on each.%n",
                targets[0], targets[1]);
        if (matrices) {
            List<ShapeComparison.Row> shapes = shapes();
            if (shapes != null) {
                out.println("Shape:");
                shapes.forEach(r -> out.println("  " + r.words()));
            }
        }
        out.println("Absolute figures (hardware-dependent: no regressions are judged across servers; --same-server judges them):");
        out.print(Comparison.format(rows.stream().map(Comparison.Row::unjudged).toList(), t));
        out.flush();
        return 0;
    }

    /** The shapes, or null (said in one line) when the two matrices share no curve. */
    private List<ShapeComparison.Row> shapes() {
        try {
            return ShapeComparison.compare(a, b);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getOut().println("Shape: " + e.getMessage());
            return null;
        }
    }

    private String[] targets(boolean matrices) {
        return matrices ? new String[] {Results.index(a).target(), Results.index(b).target()}
                : new String[] {Results.summary(a).target(), Results.summary(b).target()};
    }

    static double parseThreshold(String s) {
        String v = s.strip();
        try {
            double t = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
            if (t < 0 || t >= 10 || Double.isNaN(t)) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threshold " + s + " is not a percentage (write e.g. 5% or 0.05)");
        }
    }
}
