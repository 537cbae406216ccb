package io.restcost.bench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * {@code restcost merge}: one run folder from the folders of N runners that measured the same
 * window ({@code --start-at}). Counts are summed; latency histograms are added interval by
 * interval on their absolute timestamps (HdrHistogram {@code add}: percentiles are never
 * averaged); throughput is taken over the window in which every runner ran; the server's CPU
 * comes from the one runner that read it, divided by all the runners' requests.
 *
 * <p>Refused, with one line naming the input: a folder that is not a run; format versions,
 * targets, paths, methods or policies that differ; two runners with one index; more than one
 * runner that read the server's CPU; starts spread wider than the tolerance.
 */
public final class RunMerge {

    /** The highest latency a merged histogram tracks, as the runners' own: one hour in microseconds. */

    /** Default tolerance of the runners' start times. */
    public static final Duration DEFAULT_SPREAD = Duration.ofSeconds(1);

    private RunMerge() {
    }

    /** One runner's folder as read. */
    private record Input(Path dir, JsonNode summary, long startMillis, long endMillis, List<Histogram> corrected,
            List<Histogram> uncorrected, List<Histogram> failed) {
    }

    /**
     * Merges {@code dirs} into {@code out} (created) and renders nothing: the caller renders the report.
     *
     * @return the merged {@code summary.json}
     * @throws IllegalArgumentException naming the input that cannot be merged, and why
     */
    public static ObjectNode merge(Path out, List<Path> dirs, Duration maxSpread) {
        if (dirs.size() < 2) {
            throw new IllegalArgumentException("give two or more runner folders to merge, not " + dirs.size());
        }
        List<Input> inputs = new ArrayList<>();
        for (Path d : dirs) {
            inputs.add(read(d));
        }
        check(inputs, maxSpread);

        long base = inputs.stream().mapToLong(Input::startMillis).min().orElseThrow();
        long commonStart = inputs.stream().mapToLong(Input::startMillis).max().orElseThrow();
        long commonEnd = inputs.stream().mapToLong(Input::endMillis).min().orElseThrow();
        long lastEnd = inputs.stream().mapToLong(Input::endMillis).max().orElseThrow();

        RunFolder.create(out);
        Histogram corrected = mergeLog(out.resolve(RunFolder.HLOG), inputs, Input::corrected, base,
                "restcost merge of " + inputs.size() + " runners: latency in microseconds, intervals added on absolute time");
        Histogram failed = mergeLog(out.resolve(RunFolder.HLOG_FAILED), inputs, Input::failed, base,
                "restcost merge of " + inputs.size() + " runners: requests without a response, microseconds");
        boolean closed = inputs.stream().allMatch(i -> !i.uncorrected().isEmpty());
        Histogram uncorrected = closed ? mergeLog(out.resolve(RunFolder.HLOG_UNCORRECTED), inputs, Input::uncorrected, base,
                "restcost merge of " + inputs.size() + " runners: latency from send, uncorrected, microseconds") : null;
        RunFolder.writeHgrm(out.resolve(RunFolder.HGRM), corrected);
        RunFolder.writeHgrm(out.resolve(RunFolder.HGRM_FAILED), failed);
        if (uncorrected != null) {
            RunFolder.writeHgrm(out.resolve(RunFolder.HGRM_UNCORRECTED), uncorrected);
        }

        JsonNode first = inputs.get(0).summary();
        ObjectNode m = first.deepCopy();
        long requests = sum(inputs, "/requests");
        m.put("label", "merge of " + inputs.size() + " runners: " + first.path("label").asText());
        m.put("requests", requests);
        ObjectNode errors = JsonNodeFactory.instance.objectNode();
        for (var it = first.path("errors").fieldNames(); it.hasNext(); ) {
            String k = it.next();
            long v = sum(inputs, "/errors/" + k);
            errors.put(k, v);
        }
        m.set("errors", errors);
        m.put("concurrency", sum(inputs, "/concurrency"));
        if (first.path("rate").isNumber()) {
            m.put("rate", inputs.stream().mapToDouble(i -> i.summary().path("rate").asDouble()).sum());
        }
        m.put("durationSeconds", round((lastEnd - base) / 1000.0));
        // Throughput over the window every runner measured in: each interval's answered requests, in the share of
        // its time that falls inside the window.
        double inWindow = 0;
        for (Input i : inputs) {
            for (Histogram h : i.corrected()) {
                long length = h.getEndTimeStamp() - h.getStartTimeStamp();
                long overlap = Math.min(h.getEndTimeStamp(), commonEnd) - Math.max(h.getStartTimeStamp(), commonStart);
                if (length > 0 && overlap > 0) {
                    inWindow += h.getTotalCount() * (double) overlap / length;
                }
            }
        }
        double window = (commonEnd - commonStart) / 1000.0;
        m.put("throughputPerSecond", window > 0 ? round(inWindow / window) : 0);
        ObjectNode latency = m.putObject("latencyMicros");
        latency.set("corrected", RunFolder.JSON.valueToTree(RunSummary.Percentiles.of(corrected)));
        latency.set("uncorrected", uncorrected == null ? null : RunFolder.JSON.valueToTree(RunSummary.Percentiles.of(uncorrected)));
        latency.set("failed", failed.getTotalCount() == 0 ? null : RunFolder.JSON.valueToTree(RunSummary.Percentiles.of(failed)));
        latency.put("correction", first.at("/latencyMicros/correction").asText() + "; merged: interval histograms added");
        m.put("connectionsOpened", sum(inputs, "/connectionsOpened"));
        ObjectNode hs = m.putObject("tlsHandshakes");
        hs.put("full", sum(inputs, "/tlsHandshakes/full"));
        hs.put("resumed", sum(inputs, "/tlsHandshakes/resumed"));
        m.put("logins", sum(inputs, "/logins"));
        double clientCpu = 0;
        for (Input i : inputs) {
            clientCpu += i.summary().path("clientCpuMicrosPerRequest").asDouble() * i.summary().path("requests").asLong();
        }
        m.put("clientCpuMicrosPerRequest", requests == 0 ? null : round(clientCpu / requests));
        m.set("requestsPerConnection", null);
        m.set("preflight", traffic(inputs, "preflight"));
        m.set("sentToServer", traffic(inputs, "sentToServer"));
        // The one runner that read the server's CPU saw the server serve every runner.
        Input reader = inputs.stream().filter(i -> i.summary().path("serverCpu").isObject()).findFirst().orElse(null);
        m.set("serverCpu", reader == null ? null : reader.summary().path("serverCpu").deepCopy());
        m.set("server", reader == null ? null : reader.summary().path("server").deepCopy());
        Double cpuMicros = reader == null || !reader.summary().at("/serverCpu/cpuMicros").isNumber() ? null
                : reader.summary().at("/serverCpu/cpuMicros").asDouble();
        m.put("serverCpuMicrosPerRequest", cpuMicros == null || requests == 0 ? null : round(cpuMicros / requests));
        m.put("startedAt", Instant.ofEpochMilli(base).toString());
        m.put("interrupted", inputs.stream().anyMatch(i -> i.summary().path("interrupted").asBoolean()));
        m.set("runner", null);

        ObjectNode merged = m.putObject("merged");
        merged.put("runners", inputs.size());
        merged.put("startSpreadMillis", commonStart - base);
        merged.put("endSpreadMillis", lastEnd - commonEnd);
        merged.put("commonWindowSeconds", round(window));
        merged.put("serverCpuFrom", reader == null ? null : reader.dir().toString());
        ArrayNode rows = m.putArray("runners");
        for (Input i : inputs) {
            JsonNode s = i.summary();
            ObjectNode row = rows.addObject();
            row.set("index", s.at("/runner/index").isNumber() ? s.at("/runner/index") : null);
            row.put("host", s.at("/runner/host").asText(null));
            row.put("folder", i.dir().toString());
            row.put("startedAt", s.path("startedAt").asText());
            row.put("startOffsetMillis", i.startMillis() - base);
            row.put("durationSeconds", s.path("durationSeconds").asDouble());
            row.put("requests", s.path("requests").asLong());
            long e = 0;
            for (JsonNode v : s.path("errors")) {
                e += v.asLong();
            }
            row.put("errors", e);
            row.put("throughputPerSecond", s.path("throughputPerSecond").asDouble());
            row.put("p99Micros", s.at("/latencyMicros/corrected/p99").asLong());
            row.put("connectionsOpened", s.path("connectionsOpened").asLong());
            row.put("serverCpu", s.path("serverCpu").isObject());
        }
        RunFolder.writeJson(out.resolve(RunFolder.SUMMARY), m);
        return m;
    }

    private static Input read(Path dir) {
        if (RunFolder.isMatrix(dir)) {
            throw new IllegalArgumentException(dir + " is a matrix; merge takes run folders (merge a matrix's cells one by one)");
        }
        JsonNode s = RunFolder.read(dir, RunFolder.SUMMARY);
        Instant start;
        try {
            start = Instant.parse(s.path("startedAt").asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(dir.resolve(RunFolder.SUMMARY) + " has no startedAt time; was it written by restcost run?");
        }
        List<Histogram> corrected = RunFolder.readIntervals(dir.resolve(RunFolder.HLOG));
        // The measured window as its intervals were stamped: startedAt comes before the client is built, which
        // can take a few hundred milliseconds.
        long startMillis = corrected.isEmpty() ? start.toEpochMilli() : corrected.get(0).getStartTimeStamp();
        long endMillis = corrected.isEmpty() ? startMillis + Math.round(s.path("durationSeconds").asDouble() * 1000)
                : corrected.get(corrected.size() - 1).getEndTimeStamp();
        return new Input(dir, s, startMillis, endMillis, corrected,
                RunFolder.readIntervals(dir.resolve(RunFolder.HLOG_UNCORRECTED)), RunFolder.readIntervals(dir.resolve(RunFolder.HLOG_FAILED)));
    }

    private static void check(List<Input> inputs, Duration maxSpread) {
        Input first = inputs.get(0);
        for (Input i : inputs) {
            int v = RunFolder.formatVersion(i.summary());
            if (v != RunFolder.FORMAT_VERSION) {
                throw new IllegalArgumentException(i.dir() + " has results format " + v + ", this restcost writes "
                        + RunFolder.FORMAT_VERSION + "; merge runs of one restcost version");
            }
        }
        for (String field : List.of("target", "path", "method", "model")) {
            for (Input i : inputs) {
                if (!Objects.equals(i.summary().path(field).asText(), first.summary().path(field).asText())) {
                    throw new IllegalArgumentException(i.dir() + " ran " + field + " " + i.summary().path(field).asText() + ", "
                            + first.dir() + " ran " + first.summary().path(field).asText() + "; merge runners of one measurement");
                }
            }
        }
        for (Input i : inputs) {
            if (!i.summary().path("policy").equals(first.summary().path("policy"))) {
                throw new IllegalArgumentException(i.dir() + " ran policy " + i.summary().path("policy") + ", " + first.dir() + " ran "
                        + first.summary().path("policy") + "; merge runners of one policy");
            }
        }
        Map<Integer, Path> indexes = new TreeMap<>();
        for (Input i : inputs) {
            JsonNode index = i.summary().at("/runner/index");
            if (index.isNumber()) {
                Path other = indexes.put(index.asInt(), i.dir());
                if (other != null) {
                    throw new IllegalArgumentException(i.dir() + " and " + other + " are both runner " + index.asInt()
                            + "; give each runner its own --runner-index");
                }
            }
        }
        List<Input> readers = inputs.stream().filter(i -> i.summary().path("serverCpu").isObject()).toList();
        if (readers.size() > 1) {
            throw new IllegalArgumentException(readers.get(1).dir() + " read the server's CPU too (" + readers.get(1).summary()
                    .at("/serverCpu/source").asText() + "), as did " + readers.get(0).dir() + " (" + readers.get(0).summary()
                    .at("/serverCpu/source").asText() + "); give --server-cpu to one runner only, so the server is read once");
        }
        long earliest = inputs.stream().mapToLong(Input::startMillis).min().orElseThrow();
        for (Input i : inputs) {
            long off = i.startMillis() - earliest;
            if (off > maxSpread.toMillis()) {
                throw new IllegalArgumentException(i.dir() + " started " + off + " ms after the first runner (tolerance "
                        + maxSpread.toMillis() + " ms); give every runner the same --start-at, or a wider --max-spread");
            }
        }
    }

    /** Adds every input's intervals into one log, interval by interval on absolute whole seconds from {@code base}; returns the total. */
    private static Histogram mergeLog(Path file, List<Input> inputs, java.util.function.Function<Input, List<Histogram>> log, long base,
            String comment) {
        TreeMap<Long, Histogram> bySecond = new TreeMap<>();
        Histogram total = newHistogram();
        for (Input i : inputs) {
            for (Histogram h : log.apply(i)) {
                long second = Math.max(0, Math.round((h.getStartTimeStamp() - base) / 1000.0));
                Histogram slot = bySecond.computeIfAbsent(second, s -> newHistogram());
                slot.add(h);
                total.add(h);
            }
        }
        try (IntervalLog out = new IntervalLog(file, base, comment)) {
            for (Map.Entry<Long, Histogram> e : bySecond.entrySet()) {
                long start = base + e.getKey() * 1000;
                out.append(e.getValue(), start, start + 1000);
            }
        }
        return total;
    }

    private static Histogram newHistogram() {
        Histogram h = Histograms.newHistogram();
        h.setAutoResize(true);
        return h;
    }

    private static long sum(List<Input> inputs, String pointer) {
        return inputs.stream().mapToLong(i -> i.summary().at(pointer).asLong()).sum();
    }

    private static ObjectNode traffic(List<Input> inputs, String field) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("requests", sum(inputs, "/" + field + "/requests"));
        t.put("connections", sum(inputs, "/" + field + "/connections"));
        return t;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
