package io.restcost.bench.report;

import io.restcost.bench.results.Histograms;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restcost.bench.results.BalanceResults;
import io.restcost.bench.results.JmhResult;
import io.restcost.bench.results.MatrixIndex;
import io.restcost.bench.results.Results;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * {@code report.html}: one self-contained page (uPlot and the data inlined, so it opens
 * offline from disk) for a run or a matrix, rendered from the files in the folder alone, so
 * {@code restcost report DIR} can redraw it any time.
 */
public final class HtmlReport {

    /** Where the seed's advice sits: rotate after about 50 requests. */
    public static final int ADVICE_REQUESTS = 50;
    /** "As cheap as pooled" means within this much of pooled's cost per request. */
    public static final double WITHIN_POOLED = 0.05;

    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HtmlReport() {
    }

    /**
     * Renders {@code dir/report.html} for the run or matrix in {@code dir}.
     *
     * @throws IllegalArgumentException naming the folder when it is not a run or matrix folder
     */
    public static Path render(Path dir) {
        ObjectNode data = Files.isReadable(dir.resolve(RunFolder.ADVICE)) ? adviceData(dir)
                : Files.isReadable(dir.resolve(RunFolder.BALANCE)) ? balanceData(dir)
                : RunFolder.isMatrix(dir) ? matrixData(dir) : runData(dir);
        String html = template()
                .replace("/*UPLOT_CSS*/", resource(UPLOT + "uPlot.min.css"))
                .replace("/*UPLOT_JS*/", resource(UPLOT + "uPlot.iife.min.js"))
                .replace("/*DATA*/", data.toString().replace("</", "<\\/"));
        Path out = dir.resolve(RunFolder.REPORT);
        try {
            Files.writeString(out, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The advice and the server's name: {@code --server-name} or its {@code Server} header, else the target's host and port. */
    private static ObjectNode adviceData(Path dir) {
        io.restcost.bench.advise.Advice a = Results.read(dir, RunFolder.ADVICE, io.restcost.bench.advise.Advice.class);
        ObjectNode data = NODES.objectNode().put("kind", "advice");
        data.set("advice", RunFolder.JSON.valueToTree(a));
        data.put("server", a.settings().serverName() != null ? a.settings().serverName() : authority(a.settings().target()));
        return data;
    }

    private static ObjectNode balanceData(Path dir) {
        ObjectNode data = NODES.objectNode().put("kind", "balance");
        BalanceResults b = BalanceResults.read(dir);
        data.set("scenarios", RunFolder.JSON.valueToTree(b.scenarios()));
        data.put("interrupted", b.interrupted());
        // what "a fair share" meant when the run was made
        data.put("fair", b.fair());
        return data;
    }

    private static ObjectNode runData(Path dir) {
        ObjectNode data = NODES.objectNode().put("kind", "run");
        data.set("run", run(dir, Results.summary(dir)));
        return data;
    }

    private static ObjectNode run(Path dir, RunSummary summary) {
        ObjectNode run = NODES.objectNode();
        run.set("summary", RunFolder.JSON.valueToTree(summary));
        run.putObject("words").put("policy", RunWords.policy(summary.policy()))
                .put("errors", RunWords.errors(summary.errors())).put("versions", RunWords.versions(summary.versions()))
                .put("jitBusy", summary.clientJit() != null && summary.clientJit().busy());
        List<Histogram> intervals = RunFolder.readIntervals(dir.resolve(RunFolder.HLOG));
        ObjectNode percentiles = distribution(NODES.objectNode(), merge(intervals), "x", "corrected");
        List<Histogram> raw = RunFolder.readIntervals(dir.resolve(RunFolder.HLOG_UNCORRECTED));
        if (!raw.isEmpty()) {
            distribution(percentiles, merge(raw), "uncorrectedX", "uncorrected");
        }
        Histogram failed = merge(RunFolder.readIntervals(dir.resolve(RunFolder.HLOG_FAILED)));
        if (failed.getTotalCount() > 0) {
            distribution(percentiles, failed, "failedX", "failed");
        }
        run.set("percentiles", percentiles);
        ObjectNode timeline = NODES.objectNode();
        ArrayNode t = timeline.putArray("t");
        ArrayNode rate = timeline.putArray("rate");
        ArrayNode p50 = timeline.putArray("p50");
        ArrayNode p99 = timeline.putArray("p99");
        ArrayNode max = timeline.putArray("max");
        long base = intervals.isEmpty() ? 0 : intervals.get(0).getStartTimeStamp();
        for (Histogram h : intervals) {
            double seconds = (h.getEndTimeStamp() - h.getStartTimeStamp()) / 1000.0;
            t.add(round((h.getEndTimeStamp() - base) / 1000.0));
            rate.add(seconds > 0 ? round(h.getTotalCount() / seconds) : 0);
            addMillis(p50, h, 50);
            addMillis(p99, h, 99);
            if (h.getTotalCount() == 0) {
                max.addNull();
            } else {
                max.add(h.getMaxValue() / 1000.0);
            }
        }
        run.set("timeline", timeline);
        return run;
    }

    /** What the server calls itself (its {@code Server} header, from any cell), else the target's host and port. */
    static String serverName(String target, java.util.Collection<RunSummary> summaries) {
        for (RunSummary s : summaries) {
            if (s.serverSoftware() != null) {
                return s.serverSoftware() + " at " + authority(target);
            }
        }
        return authority(target);
    }

    private static String authority(String target) {
        try {
            String a = java.net.URI.create(target).getAuthority();
            return a == null ? target : a;
        } catch (IllegalArgumentException e) {
            return target;
        }
    }

    private static ObjectNode matrixData(Path dir) {
        MatrixIndex index = Results.index(dir);
        ObjectNode data = NODES.objectNode().put("kind", "matrix");
        data.put("label", index.label());
        data.put("target", index.target());
        data.put("startedAt", index.startedAt());
        data.put("interrupted", index.interrupted());
        data.put("advice", ADVICE_REQUESTS);
        ArrayNode cells = data.putArray("cells");
        Map<MatrixIndex.Cell, RunSummary> summaries = cellSummaries(dir, index);
        data.put("server", serverName(index.target(), summaries.values()));
        summaries.forEach((cell, s) -> cells.add(cell(dir.resolve(cell.dir()), cell.name(), s)));
        data.set("jmh", jmhRows(dir));
        ArrayNode rotation = data.putArray("rotation");
        ArrayNode verdicts = data.putArray("verdicts");
        rotationCosts(summaries.values()).forEach((group, rc) -> {
            ObjectNode r = rotation.addObject();
            r.put("series", group);
            ArrayNode points = r.putArray("points");
            rc.points().forEach((n, cost) -> points.addArray().add(n).add(round(cost)));
            putNullable(r, "pooled", rc.pooled());
            putNullable(r, "atAdvice", rc.points().get(ADVICE_REQUESTS));
            String verdict = rc.verdict(group);
            r.put("verdict", verdict);
            verdicts.add(verdict);
        });
        return data;
    }

    /** Each measured cell's folder and summary, in the matrix's order; cells that wrote no summary left out. */
    static Map<MatrixIndex.Cell, RunSummary> cellSummaries(Path dir, MatrixIndex index) {
        Map<MatrixIndex.Cell, RunSummary> out = new LinkedHashMap<>();
        for (MatrixIndex.Cell cell : index.cells()) {
            Path cellDir = dir.resolve(cell.dir());
            if (Files.isReadable(cellDir.resolve(RunFolder.SUMMARY))) {
                out.put(cell, Results.summary(cellDir));
            }
        }
        return out;
    }

    /** One row of the matrix table, and its latency distribution. */
    private static ObjectNode cell(Path cellDir, String name, RunSummary s) {
        ObjectNode c = NODES.objectNode();
        c.put("name", name);
        c.put("throughput", s.throughputPerSecond());
        RunSummary.Percentiles lat = s.latencyMicros() == null ? null : s.latencyMicros().corrected();
        c.put("p50", lat == null ? 0 : lat.p50());
        c.put("p99", lat == null ? 0 : lat.p99());
        c.put("connections", s.connectionsOpened());
        c.put("full", s.tlsHandshakes() == null ? 0 : s.tlsHandshakes().full());
        c.put("resumed", s.tlsHandshakes() == null ? 0 : s.tlsHandshakes().resumed());
        c.put("logins", s.logins());
        putNumber(c, "clientCpu", s.clientCpuMicrosPerRequest());
        putNumber(c, "serverCpu", s.serverCpuMicrosPerRequest());
        c.put("errors", s.totalErrors());
        c.set("percentiles", distribution(NODES.objectNode(), merge(RunFolder.readIntervals(cellDir.resolve(RunFolder.HLOG))), "x", "corrected"));
        return c;
    }

    /** The cost-against-N curve of each engine and auth mode that has at least two points. */
    static Map<String, RotationCost> rotationCosts(java.util.Collection<RunSummary> summaries) {
        Map<String, RotationCost> out = new LinkedHashMap<>();
        rotationGroups(new ArrayList<>(summaries)).forEach((group, runs) -> {
            RotationCost rc = RotationCost.of(runs);
            if (rc.points().size() >= 2) {
                out.put(group, rc);
            }
        });
        return out;
    }

    /** Prints the matrix's verdicts (cheapest rotation within 5% of pooled, per engine and auth). */
    public static void printVerdicts(Path dir, java.io.PrintWriter out) {
        rotationCosts(cellSummaries(dir, Results.index(dir)).values()).forEach((group, rc) -> out.println("  " + rc.verdict(group)));
    }

    /** JMH results of the folder's {@code jmh.json}: benchmark, parameters, score, error, unit; empty without one. */
    private static ArrayNode jmhRows(Path dir) {
        ArrayNode rows = NODES.arrayNode();
        List<JmhResult> results;
        try {
            results = Results.jmh(dir.resolve(RunFolder.JMH));
        } catch (IllegalArgumentException e) {
            return rows; // a JMH run that did not finish its file: the report goes without it
        }
        for (JmhResult r : results) {
            StringBuilder params = new StringBuilder();
            if (r.params() != null) {
                r.params().forEach((k, v) -> params.append(k).append('=').append(v).append(' '));
            }
            JmhResult.Metric m = r.primaryMetric();
            rows.addArray().add(r.benchmark().replaceAll(".*\\.(\\w+Benchmark)\\.(\\w+)$", "$1.$2"))
                    .add(params.toString().strip()).add(round(m.score()))
                    .add(round(m.scoreError())).add(m.scoreUnit());
        }
        return rows;
    }

    /**
     * Cells that form one cost-against-N curve: same engine, auth and TLS resumption. One-shot
     * never resumes by design, so it joins every curve of its engine and auth.
     */
    static Map<String, List<RunSummary>> rotationGroups(List<RunSummary> summaries) {
        Map<String, List<RunSummary>> groups = new LinkedHashMap<>();
        for (RunSummary s : summaries) {
            if (!isOneShot(s)) {
                groups.computeIfAbsent(group(s) + resumptionSuffix(s), k -> new ArrayList<>()).add(s);
            }
        }
        for (RunSummary s : summaries) {
            if (isOneShot(s)) {
                groups.forEach((k, v) -> {
                    if (k.startsWith(group(s))) {
                        v.add(s);
                    }
                });
            }
        }
        return groups;
    }

    static boolean isOneShot(RunSummary s) {
        return s.policy() != null && s.policy().is(RunSummary.Policy.ONE_SHOT);
    }

    /** Engine, protocol and auth: {@code okhttp / basic}, or {@code okhttp HTTP/2 / basic}, never a prefix of another's. */
    private static String group(RunSummary s) {
        boolean h2 = s.tls() != null && "h2".equals(s.tls().applicationProtocol());
        return s.engine() + (h2 ? " HTTP/2" : "") + " / " + s.auth();
    }

    private static String resumptionSuffix(RunSummary s) {
        return s.tls() == null || s.tls().resumption() == null ? "" : " / resumption " + s.tls().resumption();
    }

    /** Percentile distribution of {@code h} into {@code d} as two arrays: x = 1/(1-p) (so a log axis spreads the tail), latency in ms. */
    private static ObjectNode distribution(ObjectNode d, Histogram h, String xName, String yName) {
        ArrayNode x = d.putArray(xName);
        ArrayNode y = d.putArray(yName);
        if (h.getTotalCount() == 0) {
            return d;
        }
        for (HistogramIterationValue v : h.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo();
            if (p >= 100.0) {
                break;
            }
            x.add(1.0 / (1.0 - p / 100.0));
            y.add(Math.max(v.getValueIteratedTo(), 1) / 1000.0);
        }
        return d;
    }

    private static Histogram merge(List<Histogram> intervals) {
        Histogram all = Histograms.newHistogram();
        intervals.forEach(all::add);
        return all;
    }

    private static void addMillis(ArrayNode a, Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            a.addNull();
        } else {
            a.add(Math.max(h.getValueAtPercentile(percentile), 1) / 1000.0);
        }
    }

    private static void putNumber(ObjectNode o, String key, Double v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, v.doubleValue());
        }
    }

    private static void putNullable(ObjectNode o, String key, Double v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, round(v));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String template() {
        return resource("io/restcost/bench/report/report.html");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the restcost jar (rebuild it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uplotVersion() {
        try (InputStream in = HtmlReport.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "1.6.30").toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "1.6.30";
        }
    }
}
