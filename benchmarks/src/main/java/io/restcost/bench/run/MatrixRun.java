package io.restcost.bench.run;

import io.restcost.bench.load.RunControl;
import io.restcost.bench.client.EngineChoice;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.report.HtmlReport;
import io.restcost.bench.results.MatrixIndex;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of runs against one target, one folder per cell plus {@code index.json} and a
 * combined {@code report.html}. The index is rewritten after every cell, so an interrupted
 * or failed matrix keeps every cell it measured.
 */
public final class MatrixRun {

    /** One cell: its name (also its folder's name) and what it runs. */
    public record Cell(String name, RunSpec spec) {
    }

    private MatrixRun() {
    }

    /**
     * Runs the cells in order; stops early on Ctrl-C or when a cell cannot reach the target.
     *
     * @throws MeasuredRun.TargetException after writing the index and reports of the cells done
     */
    public static void execute(String label, String target, List<Cell> cells, Path dir, RunControl control, PrintStream progress,
            PrintWriter out) throws InterruptedException {
        execute(label, target, cells, Duration.ZERO, dir, control, progress, out);
    }

    /**
     * As {@link #execute(String, String, List, Path, RunControl, PrintStream, PrintWriter)},
     * after warming the client up: {@code warmUp} split over one-shot and pooled runs of each
     * engine in the matrix, measured nowhere, so that the first cells are not measured on a
     * JVM that is still compiling its TLS code.
     */
    public static void execute(String label, String target, List<Cell> cells, Duration warmUp, Path dir, RunControl control,
            PrintStream progress, PrintWriter out) throws InterruptedException {
        if (!warmUp.isZero() && !cells.isEmpty()) {
            Map<EngineChoice, RunSpec> byEngine = new LinkedHashMap<>();
            cells.forEach(c -> byEngine.putIfAbsent(c.spec().client().engine(), c.spec()));
            Duration each = warmUp.dividedBy(2L * byEngine.size());
            if (out != null) {
                out.printf("warming the client up for %d s (one-shot and pooled, %s)%n", warmUp.toSeconds(),
                        byEngine.keySet().stream().map(EngineChoice::tag).toList());
                out.flush();
            }
            for (RunSpec s : byEngine.values()) {
                for (String policy : List.of("one-shot", "pooled")) {
                    MeasuredRun.warmUp(new RunSpec(s.client(), PolicySpec.parse(policy), s.path(), s.method(), s.body(), s.plan(),
                            "warm-up"), each, control);
                }
            }
        }
        String startedAt = Instant.now().toString();
        List<MatrixIndex.Cell> done = new ArrayList<>();
        MeasuredRun.TargetException failed = null;
        for (int i = 0; i < cells.size() && !control.stopping(); i++) {
            Cell cell = cells.get(i);
            Path cellDir = RunFolder.create(dir.resolve(cell.name()));
            try {
                if (out != null) {
                    out.printf("cell %d/%d: %s%n", i + 1, cells.size(), cell.name());
                    out.flush();
                }
                RunSummary s = MeasuredRun.execute(cell.spec(), cellDir, control, progress);
                HtmlReport.render(cellDir);
                done.add(new MatrixIndex.Cell(cell.name(), cell.name(), s.interrupted() ? "interrupted" : "done", null));
            } catch (MeasuredRun.TargetException e) {
                done.add(new MatrixIndex.Cell(cell.name(), cell.name(), "failed", e.getMessage()));
                failed = e;
                break;
            } finally {
                RunFolder.writeJson(dir.resolve(RunFolder.INDEX), new MatrixIndex(label, target, startedAt, done, control.interrupted()));
            }
        }
        HtmlReport.render(dir);
        if (failed != null) {
            throw failed.withNote(" [cells measured before it are in " + dir + "]");
        }
    }
}
