package io.restcost.bench.results;

import static io.restcost.bench.setting.Setting.RUNNER_INDEX;
import static io.restcost.bench.setting.Setting.SERVER_CPU;
import static io.restcost.bench.setting.Setting.START_AT;
import static io.restcost.bench.setting.Setting.MAX_SPREAD;

import io.restcost.bench.setting.SettingException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
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

    /** Default tolerance of the runners' start times. */
    public static final Duration DEFAULT_SPREAD = Duration.ofSeconds(1);

    private RunMerge() {
    }

    /** One runner's folder as read. */
    private record Input(Path dir, RunSummary summary, long startMillis, long endMillis, List<Histogram> corrected,
            List<Histogram> uncorrected, List<Histogram> failed) {
    }

    /**
     * Merges {@code dirs} into {@code out} (created) and renders nothing: the caller renders the report.
     *
     * @return the merged {@code summary.json}
     * @throws IllegalArgumentException naming the input that cannot be merged, and why
     */
    public static RunSummary merge(Path out, List<Path> dirs, Duration maxSpread) {
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
        RunSummary first = inputs.get(0).summary();
        RunSummary.Latency latency = mergeLatency(out, inputs, base, first.latencyMicros().correction());
        long requests = sum(inputs, RunSummary::requests);
        Map<String, Long> errors = new LinkedHashMap<>();
        for (String k : first.errors().keySet()) {
            errors.put(k, sum(inputs, x -> x.errors().getOrDefault(k, 0L)));
        }
        double window = (commonEnd - commonStart) / 1000.0;
        double clientCpu = 0;
        for (Input i : inputs) {
            Double c = i.summary().clientCpuMicrosPerRequest();
            clientCpu += (c == null ? 0 : c) * i.summary().requests();
        }
        // The one runner that read the server's CPU saw the server serve every runner.
        Input reader = inputs.stream().filter(i -> i.summary().serverCpu() != null).findFirst().orElse(null);
        Double cpuMicros = reader == null ? null : reader.summary().serverCpu().cpuMicros();
        RunSummary.Merged merged = new RunSummary.Merged(inputs.size(), commonStart - base, lastEnd - commonEnd, round(window),
                reader == null ? null : reader.dir().toString());
        RunSummary m = new RunSummary("merge of " + inputs.size() + " runners: " + first.label(), first.target(), first.serverSoftware(),
                first.path(),
                first.method(), first.policy(), first.engine(), first.auth(), first.tls(), first.timeouts(), (int) sum(inputs, RunSummary::concurrency),
                first.model(), first.rate() == null ? null : inputs.stream().mapToDouble(i -> i.summary().rate()).sum(),
                round((lastEnd - base) / 1000.0), first.warmup(), requests, errors,
                window > 0 ? round(answeredInWindow(inputs, commonStart, commonEnd) / window) : 0, latency,
                sum(inputs, RunSummary::connectionsOpened),
                new RunSummary.Handshakes(sum(inputs, x -> x.tlsHandshakes().full()), sum(inputs, x -> x.tlsHandshakes().resumed())),
                sum(inputs, RunSummary::logins), requests == 0 ? null : round(clientCpu / requests), first.clientJit(), null,
                cpuMicros == null || requests == 0 ? null : round(cpuMicros / requests), null, http2(inputs),
                traffic(inputs, RunSummary::preflight), traffic(inputs, RunSummary::sentToServer),
                reader == null ? null : reader.summary().serverCpu(), reader == null ? null : reader.summary().server(),
                first.versions(), first.gitCommit(), first.machine(), Instant.ofEpochMilli(base).toString(),
                inputs.stream().anyMatch(i -> i.summary().interrupted()), first.interruptedBy(), null,
                merged, inputs.stream().map(i -> runnerRow(i, base)).toList());
        RunFolder.writeJson(out.resolve(RunFolder.SUMMARY), m);
        return m;
    }

    /** The runners' HTTP/2 streams together; null when none had any. */
    private static RunSummary.Http2 http2(List<Input> inputs) {
        List<RunSummary.Http2> all = inputs.stream().map(i -> i.summary().http2()).filter(java.util.Objects::nonNull).toList();
        if (all.isEmpty()) {
            return null;
        }
        long n = all.stream().mapToLong(RunSummary.Http2::connections).sum();
        double mean = all.stream().mapToDouble(h -> h.meanMostStreamsInFlight() * h.connections()).sum() / n;
        Integer limit = all.stream().map(RunSummary.Http2::serverMaxConcurrentStreams).filter(java.util.Objects::nonNull)
                .min(Integer::compare).orElse(null);
        return new RunSummary.Http2(n, all.stream().mapToLong(RunSummary.Http2::mostStreamsInFlight).max().getAsLong(), round(mean), limit);
    }

    /**
     * The runners' interval logs added on absolute time into {@code out}'s (uncorrected only when
     * every runner ran the closed model), their percentile distributions, and the latency figures.
     */
    private static RunSummary.Latency mergeLatency(Path out, List<Input> inputs, long base, String correction) {
        String merge = "restcost merge of " + inputs.size() + " runners: ";
        Histogram corrected = mergeLog(out.resolve(RunFolder.HLOG), inputs, Input::corrected, base,
                merge + "latency in microseconds, intervals added on absolute time");
        Histogram failed = mergeLog(out.resolve(RunFolder.HLOG_FAILED), inputs, Input::failed, base,
                merge + "requests without a response, microseconds");
        boolean closed = inputs.stream().allMatch(i -> !i.uncorrected().isEmpty());
        Histogram uncorrected = closed ? mergeLog(out.resolve(RunFolder.HLOG_UNCORRECTED), inputs, Input::uncorrected, base,
                merge + "latency from send, uncorrected, microseconds") : null;
        RunFolder.writeHgrm(out.resolve(RunFolder.HGRM), corrected);
        RunFolder.writeHgrm(out.resolve(RunFolder.HGRM_FAILED), failed);
        if (uncorrected != null) {
            RunFolder.writeHgrm(out.resolve(RunFolder.HGRM_UNCORRECTED), uncorrected);
        }
        return new RunSummary.Latency(RunSummary.Percentiles.of(corrected),
                uncorrected == null ? null : RunSummary.Percentiles.of(uncorrected),
                failed.getTotalCount() == 0 ? null : RunSummary.Percentiles.of(failed), correction + "; merged: interval histograms added");
    }

    /**
     * Requests answered in the window every runner measured in: each interval's answered
     * requests, in the share of its time that falls inside the window.
     */
    private static double answeredInWindow(List<Input> inputs, long commonStart, long commonEnd) {
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
        return inWindow;
    }

    private static RunSummary.MergedRunner runnerRow(Input i, long base) {
        RunSummary s = i.summary();
        RunSummary.Runner r = s.runner();
        return new RunSummary.MergedRunner(r == null ? null : r.index(), r == null ? null : r.host(), i.dir().toString(), s.startedAt(),
                i.startMillis() - base, s.durationSeconds(), s.requests(), s.totalErrors(), s.throughputPerSecond(),
                s.latencyMicros().corrected().p99(), s.connectionsOpened(), s.serverCpu() != null);
    }

    private static Input read(Path dir) {
        if (RunFolder.isMatrix(dir)) {
            throw new IllegalArgumentException(dir + " is a matrix; merge takes run folders (merge a matrix's cells one by one)");
        }
        RunSummary s = Results.summary(dir);
        Instant start;
        try {
            start = Instant.parse(s.startedAt());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(dir.resolve(RunFolder.SUMMARY) + " has no startedAt time; was it written by restcost run?");
        }
        List<Histogram> corrected = RunFolder.readIntervals(dir.resolve(RunFolder.HLOG));
        // The measured window as its intervals were stamped: startedAt comes before the client is built, which
        // can take a few hundred milliseconds.
        long startMillis = corrected.isEmpty() ? start.toEpochMilli() : corrected.get(0).getStartTimeStamp();
        long endMillis = corrected.isEmpty() ? startMillis + Math.round(s.durationSeconds() * 1000)
                : corrected.get(corrected.size() - 1).getEndTimeStamp();
        return new Input(dir, s, startMillis, endMillis, corrected,
                RunFolder.readIntervals(dir.resolve(RunFolder.HLOG_UNCORRECTED)), RunFolder.readIntervals(dir.resolve(RunFolder.HLOG_FAILED)));
    }

    private static void check(List<Input> inputs, Duration maxSpread) {
        Input first = inputs.get(0);
        for (Input i : inputs) {
            int v = Results.formatVersion(i.dir(), RunFolder.SUMMARY);
            if (v != RunFolder.FORMAT_VERSION) {
                throw new IllegalArgumentException(i.dir() + " has results format " + v + ", this restcost writes "
                        + RunFolder.FORMAT_VERSION + "; merge runs of one restcost version");
            }
        }
        Map<String, Function<RunSummary, String>> fields = new LinkedHashMap<>();
        fields.put("target", RunSummary::target);
        fields.put("path", RunSummary::path);
        fields.put("method", RunSummary::method);
        fields.put("model", RunSummary::model);
        for (Map.Entry<String, Function<RunSummary, String>> field : fields.entrySet()) {
            String expected = field.getValue().apply(first.summary());
            for (Input i : inputs) {
                String value = field.getValue().apply(i.summary());
                if (!Objects.equals(value, expected)) {
                    throw new IllegalArgumentException(i.dir() + " ran " + field.getKey() + " " + value + ", " + first.dir() + " ran "
                            + expected + "; merge runners of one measurement");
                }
            }
        }
        for (Input i : inputs) {
            if (!Objects.equals(i.summary().policy(), first.summary().policy())) {
                throw new IllegalArgumentException(i.dir() + " ran policy " + policyText(i.summary().policy()) + ", " + first.dir()
                        + " ran " + policyText(first.summary().policy()) + "; merge runners of one policy");
            }
        }
        Map<Integer, Path> indexes = new TreeMap<>();
        for (Input i : inputs) {
            Integer index = i.summary().runner() == null ? null : i.summary().runner().index();
            if (index != null) {
                Path other = indexes.put(index, i.dir());
                if (other != null) {
                    Path dir = i.dir();
                    Integer both = index;
                    throw new SettingException(n -> dir + " and " + other + " are both runner " + both + "; give each runner its own "
                            + n.apply(RUNNER_INDEX));
                }
            }
        }
        List<Input> readers = inputs.stream().filter(i -> i.summary().serverCpu() != null).toList();
        if (readers.size() > 1) {
            String both = readers.get(1).dir() + " read the server's CPU too (" + readers.get(1).summary().serverCpu().source()
                    + "), as did " + readers.get(0).dir() + " (" + readers.get(0).summary().serverCpu().source() + ")";
            throw new SettingException(n -> both + "; give " + n.apply(SERVER_CPU) + " to one runner only, so the server is read once");
        }
        long earliest = inputs.stream().mapToLong(Input::startMillis).min().orElseThrow();
        for (Input i : inputs) {
            long off = i.startMillis() - earliest;
            if (off > maxSpread.toMillis()) {
                String late = i.dir() + " started " + off + " ms after the first runner (tolerance " + maxSpread.toMillis() + " ms)";
                throw new SettingException(n -> late + "; give every runner the same " + n.apply(START_AT) + ", or " + n.apply(MAX_SPREAD));
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

    private static long sum(List<Input> inputs, java.util.function.ToLongFunction<RunSummary> figure) {
        return inputs.stream().mapToLong(i -> figure.applyAsLong(i.summary())).sum();
    }

    private static RunSummary.Traffic traffic(List<Input> inputs, Function<RunSummary, RunSummary.Traffic> field) {
        return new RunSummary.Traffic(sum(inputs, s -> field.apply(s).requests()), sum(inputs, s -> field.apply(s).connections()));
    }

    /** As JSON, the one place a policy is shown raw: in an error that says two runners' policies differ. */
    private static String policyText(RunSummary.Policy p) {
        try {
            return RunFolder.JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(p);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
