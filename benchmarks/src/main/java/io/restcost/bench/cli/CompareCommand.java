package io.restcost.bench.cli;

import io.restcost.bench.compare.Comparison;
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
                "Exit code 1 when a throughput, latency, CPU or error figure of B is worse than A's by more than the "
                + "threshold and beyond noise; 0 otherwise."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR_A", description = "The baseline run or matrix.")
    Path a;

    @Parameters(index = "1", paramLabel = "DIR_B", description = "The run or matrix to judge against it.")
    Path b;

    @Option(names = "--threshold", defaultValue = "5%", description = "Change that counts as a regression, e.g. 5%% or 0.05 (default 5%%).")
    String threshold;

    @Option(names = "--shape", description = "Compare two matrices by shape, as two servers are compared: one-shot : pooled and "
            + "what rotating every 50 costs over pooled on each, with their intervals, instead of absolute figures.")
    boolean shape;

    @Override
    public Integer call() {
        if (shape) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("A: %s%nB: %s%n", a, b);
            io.restcost.bench.report.ShapeComparison.compare(a, b).forEach(r -> out.println("  " + r.words()));
            out.flush();
            return 0;
        }
        double t = parseThreshold(threshold);
        List<Comparison.Row> rows = Comparison.compare(a, b, t);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("A: %s%nB: %s%n", a, b);
        out.print(Comparison.format(rows, t));
        long regressions = rows.stream().filter(Comparison.Row::regression).count();
        out.printf("%d regression(s) beyond %s%n", regressions, threshold);
        out.flush();
        return regressions > 0 ? 1 : 0;
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
