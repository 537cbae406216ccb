package io.restcost.bench.report;

import io.restcost.bench.results.Histograms;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode data = Files.isReadable(dir.resolve(RunFolder.BALANCE)) ? balanceData(dir)
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

    private static ObjectNode balanceData(Path dir) {
        ObjectNode data = NODES.objectNode().put("kind", "balance");
        JsonNode b = RunFolder.read(dir, RunFolder.BALANCE);
        data.set("scenarios", b.path("scenarios"));
        data.put("interrupted", b.path("interrupted").asBoolean());
        // what "a fair share" meant when the run was made; 0.9 before balance.json said
        data.put("fair", b.path("fair").asDouble(0.9));
        return data;
    }

    private static ObjectNode runData(Path dir) {
        ObjectNode data = NODES.objectNode().put("kind", "run");
        data.set("run", run(dir, RunFolder.read(dir, RunFolder.SUMMARY)));
        return data;
    }

    private static ObjectNode run(Path dir, JsonNode summary) {
        ObjectNode run = NODES.objectNode();
        run.set("summary", summary);
        run.putObject("words").put("policy", RunWords.policy(summary.path("policy")))
                .put("errors", RunWords.errors(summary.path("errors"))).put("versions", RunWords.versions(summary.path("versions")))
                .put("jitBusy", summary.at("/clientJit/shareOfWindow").isNumber()
                        && summary.at("/clientJit/shareOfWindow").asDouble() > RunSummary.ClientJit.BUSY_SHARE);
        List<Histogram> intervals = RunFolder.readIntervals(dir.resolve(RunFolder.HLOG));
        ObjectNode percentiles = distribution(merge(intervals), "x", "corrected");
        List<Histogram> raw = RunFolder.readIntervals(dir.resolve(RunFolder.HLOG_UNCORRECTED));
        if (!raw.isEmpty()) {
            ObjectNode u = distribution(merge(raw), "x", "y");
            percentiles.set("uncorrectedX", u.get("x"));
            percentiles.set("uncorrected", u.get("y"));
        }
        Histogram failed = merge(RunFolder.readIntervals(dir.resolve(RunFolder.HLOG_FAILED)));
        if (failed.getTotalCount() > 0) {
            ObjectNode f = distribution(failed, "x", "y");
            percentiles.set("failedX", f.get("x"));
            percentiles.set("failed", f.get("y"));
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

    private static ObjectNode matrixData(Path dir) {
        JsonNode index = RunFolder.read(dir, RunFolder.INDEX);
        ObjectNode data = NODES.objectNode().put("kind", "matrix");
        data.put("label", index.path("label").asText());
        data.put("target", index.path("target").asText());
        data.put("startedAt", index.path("startedAt").asText());
        data.put("interrupted", index.path("interrupted").asBoolean());
        data.put("advice", ADVICE_REQUESTS);
        ArrayNode cells = data.putArray("cells");
        List<JsonNode> summaries = new ArrayList<>();
        for (JsonNode cell : index.path("cells")) {
            Path cellDir = dir.resolve(cell.path("dir").asText());
            if (!Files.isReadable(cellDir.resolve(RunFolder.SUMMARY))) {
                continue;
            }
            JsonNode s = RunFolder.read(cellDir, RunFolder.SUMMARY);
            ObjectNode c = cells.addObject();
            c.put("name", cell.path("name").asText());
            c.put("throughput", s.path("throughputPerSecond").asDouble());
            JsonNode lat = s.path("latencyMicros").path("corrected");
            c.put("p50", lat.path("p50").asLong());
            c.put("p99", lat.path("p99").asLong());
            c.put("connections", s.path("connectionsOpened").asLong());
            c.put("full", s.path("tlsHandshakes").path("full").asLong());
            c.put("resumed", s.path("tlsHandshakes").path("resumed").asLong());
            c.put("logins", s.path("logins").asLong());
            c.set("clientCpu", s.get("clientCpuMicrosPerRequest"));
            c.set("serverCpu", s.get("serverCpuMicrosPerRequest"));
            long errors = 0;
            for (JsonNode e : s.path("errors")) {
                errors += e.asLong();
            }
            c.put("errors", errors);
            c.set("percentiles", distribution(merge(RunFolder.readIntervals(cellDir.resolve(RunFolder.HLOG))), "x", "corrected"));
            summaries.add(s);
        }
        Map<String, List<JsonNode>> byGroup = rotationGroups(summaries);
        data.set("jmh", jmhRows(dir));
        ArrayNode rotation = data.putArray("rotation");
        ArrayNode verdicts = data.putArray("verdicts");
        for (Map.Entry<String, List<JsonNode>> g : byGroup.entrySet()) {
            RotationCost rc = RotationCost.of(g.getValue());
            if (rc.points().size() < 2) {
                continue;
            }
            ObjectNode r = rotation.addObject();
            r.put("series", g.getKey());
            ArrayNode points = r.putArray("points");
            rc.points().forEach((n, cost) -> points.addArray().add(n).add(round(cost)));
            putNullable(r, "pooled", rc.pooled());
            putNullable(r, "atAdvice", rc.points().get(ADVICE_REQUESTS));
            String verdict = rc.verdict(g.getKey());
            r.put("verdict", verdict);
            verdicts.add(verdict);
        }
        return data;
    }

    /** Prints the matrix's verdicts (cheapest rotation within 5% of pooled, per engine and auth). */
    public static void printVerdicts(Path dir, java.io.PrintWriter out) {
        for (JsonNode v : matrixData(dir).path("verdicts")) {
            out.println("  " + v.asText());
        }
    }

    /** JMH results of the folder's {@code jmh.json}: benchmark, parameters, score, error, unit; empty without one. */
    private static ArrayNode jmhRows(Path dir) {
        ArrayNode rows = NODES.arrayNode();
        Path file = dir.resolve(RunFolder.JMH);
        if (!Files.isReadable(file)) {
            return rows;
        }
        JsonNode results;
        try {
            results = RunFolder.JSON.readTree(file.toFile());
        } catch (IOException e) {
            return rows;
        }
        for (JsonNode r : results) {
            StringBuilder params = new StringBuilder();
            r.path("params").fields().forEachRemaining(e -> params.append(e.getKey()).append('=').append(e.getValue().asText()).append(' '));
            JsonNode m = r.path("primaryMetric");
            rows.addArray().add(r.path("benchmark").asText().replaceAll(".*\\.(\\w+Benchmark)\\.(\\w+)$", "$1.$2"))
                    .add(params.toString().strip()).add(round(m.path("score").asDouble()))
                    .add(round(m.path("scoreError").asDouble())).add(m.path("scoreUnit").asText());
        }
        return rows;
    }

    /**
     * Cells that form one cost-against-N curve: same engine, auth and TLS resumption. One-shot
     * never resumes by design, so it joins every curve of its engine and auth.
     */
    private static Map<String, List<JsonNode>> rotationGroups(List<JsonNode> summaries) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode s : summaries) {
            if (!s.path("policy").path("kind").asText().equals("one-shot")) {
                groups.computeIfAbsent(group(s) + resumptionSuffix(s), k -> new ArrayList<>()).add(s);
            }
        }
        for (JsonNode s : summaries) {
            if (s.path("policy").path("kind").asText().equals("one-shot")) {
                groups.forEach((k, v) -> {
                    if (k.startsWith(group(s))) {
                        v.add(s);
                    }
                });
            }
        }
        return groups;
    }

    private static String group(JsonNode s) {
        return s.path("engine").asText() + " / " + s.path("auth").asText();
    }

    private static String resumptionSuffix(JsonNode s) {
        JsonNode r = s.path("tls").path("resumption");
        return r.isNull() || r.isMissingNode() ? "" : " / resumption " + r.asText();
    }

    /** Percentile distribution of {@code h}: x = 1/(1-p) (so a log axis spreads the tail), latency in ms. */
    private static ObjectNode distribution(Histogram h, String xName, String yName) {
        ObjectNode d = NODES.objectNode();
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
