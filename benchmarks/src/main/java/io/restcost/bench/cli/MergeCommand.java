package io.restcost.bench.cli;

import io.restcost.bench.report.HtmlReport;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunMerge;
import io.restcost.bench.results.RunSummary;
import io.restcost.cli.DurationConverter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restcost merge OUT DIR...}: one run folder from N runners that measured the same window. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {"  restcost merge results/merged runners/runner-0 runners/runner-1", "  restcost merge results/merged runners/r0 runners/r1 --max-spread 2s"},
        description = {"One run folder from the folders of N runners that measured the same window (the same --start-at, "
                + "e.g. the pods of a Kubernetes Indexed Job): counts summed; latency histograms added interval by interval on "
                + "their absolute timestamps (HdrHistogram add: percentiles are never averaged); throughput over the window in "
                + "which every runner ran, with the runners' start and end spread; the server's CPU from the one runner that "
                + "read it, over all the runners' requests; a row per runner in the report.",
                "Refused, with one line naming the input: folders that are not runs, or whose results format, target, path, "
                        + "method, model or policy differ; two runners with one index; more than one runner that read the "
                        + "server's CPU; starts spread wider than --max-spread."})
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The merged run folder to write (new or empty).")
    Path out;

    @Parameters(index = "1..*", arity = "2..*", paramLabel = "DIR", description = "The runners' run folders.")
    List<Path> dirs;

    @Option(names = "--max-spread", defaultValue = "1s", converter = DurationConverter.class,
            description = "How far apart the runners' measured windows may start (default ${DEFAULT-VALUE}).")
    Duration maxSpread;

    @Override
    public Integer call() {
        if (Files.exists(out.resolve(RunFolder.SUMMARY)) || Files.exists(out.resolve(RunFolder.INDEX))) {
            throw new IllegalArgumentException(out + " already holds results; give a new folder to merge into");
        }
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new IllegalArgumentException(d + " is not a folder (give each runner's run folder)");
            }
            if (d.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException(out + " is one of the inputs; merge into a new folder");
            }
        }
        RunSummary m = RunMerge.merge(out, dirs, maxSpread);
        Path report = HtmlReport.render(out);
        PrintWriter w = spec.commandLine().getOut();
        RunSummary.Merged merged = m.merged();
        w.printf(Locale.ROOT, "%s: %,d requests from %d runners, %,.0f/s over the %.1f s all ran in (starts %d ms apart, ends %d ms)%n",
                m.label(), m.requests(), merged.runners(), m.throughputPerSecond(), merged.commonWindowSeconds(),
                merged.startSpreadMillis(), merged.endSpreadMillis());
        RunSummary.Percentiles l = m.latencyMicros().corrected();
        w.printf(Locale.ROOT, "  latency ms  p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f (histograms added, never averaged)%n",
                l.p50() / 1000.0, l.p90() / 1000.0, l.p99() / 1000.0, l.p999() / 1000.0, l.max() / 1000.0);
        w.printf("  server CPU us/request %s%n", m.serverCpuMicrosPerRequest() != null
                ? m.serverCpuMicrosPerRequest() + " (read by " + merged.serverCpuFrom() + ")" : "n/a");
        w.printf("  results: %s%n  report:  %s%n", out, report);
        w.flush();
        return 0;
    }
}
