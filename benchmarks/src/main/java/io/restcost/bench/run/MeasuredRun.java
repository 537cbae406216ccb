package io.restcost.bench.run;

import io.restcost.bench.load.LatencyRecorder;
import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.load.LoadRunner;
import io.restcost.bench.load.RunControl;
import io.restcost.bench.load.Warmup;
import io.restcost.bench.client.ClientCounters;
import io.restcost.bench.client.DropInClient;
import io.restcost.bench.client.LoadClient;
import io.restcost.bench.results.Environment;
import io.restcost.bench.results.IntervalLog;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import io.restcost.bench.setting.Setting;
import io.restcost.bench.setting.SettingException;
import io.restcost.mock.stats.StatsSnapshot;
import io.restcost.bench.server.ServerStatsProbe;
import io.restcost.bench.servercpu.ServerCpuSampler;
import io.restcost.bench.servercpu.ServerCpuSource;
import io.restcost.bench.servercpu.ServerCpuSources;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.RestRequest;
import io.restcost.client.tls.TlsResumption;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One {@code restcost run}: checks the target with one request, warms up on a throw-away
 * client, then measures on a fresh client (so connections and handshakes are counted from
 * zero, as the server counts them after its stats are reset) and writes the run folder.
 * The interval logs are written as the run goes; the summary and percentile files at the
 * end, also when the run was interrupted.
 */
public final class MeasuredRun {

    /**
     * Thrown when the target cannot be measured at all: its {@link #problem()} (null when the
     * message says all) and a {@link #note()} after it; the message is both in plain words.
     */
    public static final class TargetException extends IllegalArgumentException {

        private final transient TargetProblem problem;
        private final String note;

        public TargetException(String message) {
            super(message);
            this.problem = null;
            this.note = "";
        }

        /** A setting that turned out not to work once the run began, e.g. a server-CPU source that cannot be read. */
        public TargetException(SettingException cause) {
            super(cause.getMessage(), cause);
            this.problem = null;
            this.note = "";
        }

        public TargetException(TargetProblem problem, String note) {
            super(problem + note);
            this.problem = problem;
            this.note = note;
        }

        /** What could not be measured and the fix, for the command line to word; null when the message is all. */
        public TargetProblem problem() {
            return problem;
        }

        /** What follows the problem, e.g. where the cells measured before it are; empty when nothing does. */
        public String note() {
            return note;
        }

        /** The same failure with {@code more} after its note. */
        public TargetException withNote(String more) {
            if (problem == null && getCause() instanceof SettingException s) {
                return new TargetException(s.withTail(more));
            }
            return problem == null ? new TargetException(getMessage() + more) : new TargetException(problem, note + more);
        }
    }

    private MeasuredRun() {
    }

    /**
     * @param progress where the once-a-second progress line goes, or null for quiet
     * @throws TargetException when the first request fails (nothing measured; the folder is left empty)
     * @throws InterruptedException if this thread is interrupted
     */
    public static RunSummary execute(RunSpec spec, Path dir, RunControl control, PrintStream progress)
            throws InterruptedException {
        ServerCpuSpec cpuSpec = spec.serverCpu();
        // The mock's stats are asked for only when they are the server-CPU source: on any other
        // server that request would be a stray one in its log.
        try (ServerStatsProbe probe = cpuSpec != null && cpuSpec.mock() ? new ServerStatsProbe(spec.client().buildProbe()) : null;
             ServerCpuSource source = openServerCpu(spec, cpuSpec, probe)) {
            return execute(spec, dir, control, progress, probe, source);
        }
    }

    /**
     * Sends {@code spec}'s request once on a client of its own, which is then closed: the check
     * every run makes before any load.
     *
     * @return what the server calls itself in its {@code Server} header, or null when it sends none
     * @throws TargetException when the target refuses the request, its certificate or the credentials
     */
    public static String check(RunSpec spec) {
        try (LoadClient c = spec.client().build(spec.policy().policy(), RestClientListener.NONE, 1)) {
            return preflight(spec, c, spec.request());
        }
    }

    /**
     * Opens {@code spec}'s server-CPU source, or returns null when it has none; {@code probe} reads
     * the mock's stats when that is the source.
     *
     * @throws TargetException when the source cannot be opened, in one line
     */
    public static ServerCpuSource openServerCpu(RunSpec spec, ServerStatsProbe probe) {
        return openServerCpu(spec, spec.serverCpu(), probe);
    }

    /** Opens the server-CPU source before any load is sent, so a bad one costs nothing but one line. */
    private static ServerCpuSource openServerCpu(RunSpec spec, ServerCpuSpec cpuSpec, ServerStatsProbe probe) {
        if (cpuSpec == null) {
            return null;
        }
        try {
            return ServerCpuSources.open(cpuSpec.source(), probe, cpuSpec.user(), cpuSpec.password(),
                    DropInClient.metricsTls(spec.client(), cpuSpec.caCert()));
        } catch (SettingException e) {
            throw new TargetException(e);
        } catch (IllegalArgumentException e) {
            throw new TargetException(e.getMessage());
        }
    }

    private static RunSummary execute(RunSpec spec, Path dir, RunControl control, PrintStream progress, ServerStatsProbe probe,
            ServerCpuSource source) throws InterruptedException {
        RestRequest request = spec.request();
        LoadPlan plan = spec.plan();
        ClientCounters before = new ClientCounters();
        RunSummary.Traffic preflight;
        String serverSoftware;
        WarmedUp warmup;
        try (LoadClient warm = spec.client().build(spec.policy().policy(), before, plan.concurrency())) {
            serverSoftware = preflight(spec, warm, request);
            preflight = new RunSummary.Traffic(1, before.connectionsOpened());
            // N runners: each checked its target above; each warms up so as to be measuring at the start time.
            spec.runner().awaitWarmupStart(plan.warmup().max(), control);
            warmup = warmUp(spec, warm, before, control, progress);
        }
        long expectedIntervalMicros = warmup.expectedIntervalMicros();
        long warmupRequests = warmup.run().requests();

        String correction = correction(plan, expectedIntervalMicros);
        LatencyRecorder recorder = new LatencyRecorder(plan.concurrency(), expectedIntervalMicros);
        ClientCounters counters = new ClientCounters();
        Instant started = Instant.now();
        try (ServerCpuSampler sampler = source == null ? null : new ServerCpuSampler(source);
                IntervalLogs logs = IntervalLogs.open(dir, spec.label(), plan, started, correction)) {
            if (probe != null) {
                probe.reset();
            }
            long cpuStart = Environment.processCpuNanos();
            long jitStart = Warmup.jitMillis();
            Window w = measure(spec, counters, recorder, control, progress, sampler, source, logs);
            LoadRunner.Result r = w.result();
            ServerCpuSampler.Result cpu = sampler == null ? null : sampler.finish();
            long cpuNanos = Environment.processCpuNanos() - cpuStart;
            RunSummary.ClientJit jit = jit(jitStart, Warmup.jitMillis(), r.elapsedNanos());
            StatsSnapshot server = probe == null ? null : probe.read(Duration.ofSeconds(2));
            writeHistograms(dir, plan, r);
            RunSummary.Traffic sent = new RunSummary.Traffic(1 + warmupRequests + r.requests(),
                    before.connectionsOpened() + counters.connectionsOpened());
            RunSummary s = summary(spec, serverSoftware, r, counters, cpuNanos, jit, w.clientPerSecond(), warmup.run(), server, source,
                    cpu, preflight, sent, correction, w.engineVersion(), started, control);
            RunFolder.writeJson(dir.resolve(RunFolder.SUMMARY), s);
            return s;
        }
    }

    /** What the measured window gave: the runner's result, the engine, and the client's CPU second by second. */
    private record Window(LoadRunner.Result result, String engineVersion, List<double[]> clientPerSecond) {
    }

    /** The measured window: on a client of its own, the server's CPU sampled beside it, each second logged as it ends. */
    private static Window measure(RunSpec spec, ClientCounters counters, LatencyRecorder recorder, RunControl control,
            PrintStream progress, ServerCpuSampler sampler, ServerCpuSource source, IntervalLogs logs) throws InterruptedException {
        LoadPlan plan = spec.plan();
        RestRequest request = spec.request();
        List<double[]> clientPerSecond = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LoadClient client = spec.client().build(spec.policy().policy(), counters, plan.concurrency())) {
            // N runners: the measured windows begin together, however long each took to build its client.
            spec.runner().awaitMeasuredStart(control);
            if (sampler != null) {
                startSampler(sampler, source);
            }
            long windowCpu = Environment.processCpuNanos();
            long windowStart = System.nanoTime();
            LoadRunner.Result r = LoadRunner.run(() -> client.send(request), plan, recorder, control, i -> {
                // Read where the interval ends, so each second's CPU pairs with its requests.
                clientPerSecond.add(new double[] {round((System.nanoTime() - windowStart) / 1e6),
                        round((Environment.processCpuNanos() - windowCpu) / 1000.0)});
                logs.append(i);
                progress(progress, spec.label(), i);
            });
            return new Window(r, client.engineVersion(), List.copyOf(clientPerSecond));
        }
    }

    /** The measured window's interval logs, written a second at a time: corrected, uncorrected (closed model only) and failed. */
    private record IntervalLogs(IntervalLog corrected, IntervalLog uncorrected, IntervalLog failed) implements AutoCloseable {

        /** Opens all three, or none: one that cannot be opened closes those opened before it. */
        static IntervalLogs open(Path dir, String label, LoadPlan plan, Instant started, String correction) {
            long start = started.toEpochMilli();
            IntervalLog corrected = new IntervalLog(dir.resolve(RunFolder.HLOG), start,
                    "restcost " + label + ": latency in microseconds, " + correction);
            IntervalLog uncorrected = null;
            try {
                uncorrected = plan.openModel() ? null : new IntervalLog(dir.resolve(RunFolder.HLOG_UNCORRECTED), start,
                        "restcost " + label + ": latency from send, uncorrected, microseconds");
                return new IntervalLogs(corrected, uncorrected, new IntervalLog(dir.resolve(RunFolder.HLOG_FAILED), start,
                        "restcost " + label + ": requests without a response, latency from intended start, microseconds"));
            } catch (RuntimeException e) {
                try (IntervalLog a = corrected; IntervalLog b = uncorrected) {
                    throw e;
                }
            }
        }

        void append(LoadRunner.Interval i) {
            corrected.append(i.corrected(), i.startEpochMillis(), i.endEpochMillis());
            if (uncorrected != null) {
                uncorrected.append(i.uncorrected(), i.startEpochMillis(), i.endEpochMillis());
            }
            failed.append(i.failed(), i.startEpochMillis(), i.endEpochMillis());
        }

        @Override
        public void close() {
            try (IntervalLog a = corrected; IntervalLog b = uncorrected; IntervalLog c = failed) {
                // closed in reverse order, each even if another fails
            }
        }
    }

    /** How the latency histograms were corrected for coordinated omission, in words for the summary and the logs. */
    private static String correction(LoadPlan plan, long expectedIntervalMicros) {
        return plan.openModel() ? "open model: latency from each request's scheduled start"
                : expectedIntervalMicros > 0 ? "closed model: HdrHistogram expected-interval correction, "
                        + expectedIntervalMicros + " us (mean latency in warm-up)"
                : "closed model without warm-up: no correction (corrected equals uncorrected)";
    }

    /** The JIT's compiling time over the measured window, and its share of the window; null fields when the JVM does not tell it. */
    private static RunSummary.ClientJit jit(long startMillis, long endMillis, long windowNanos) {
        if (startMillis < 0 || endMillis < 0) {
            return new RunSummary.ClientJit(null, null);
        }
        return new RunSummary.ClientJit(endMillis - startMillis, windowNanos == 0 ? null
                : Math.round((endMillis - startMillis) * 1e6 / windowNanos * 1000) / 1000.0);
    }

    /** The whole window's percentile distributions: corrected, uncorrected (closed model only) and failed. */
    private static void writeHistograms(Path dir, LoadPlan plan, LoadRunner.Result r) {
        RunFolder.writeHgrm(dir.resolve(RunFolder.HGRM), r.corrected());
        if (!plan.openModel()) {
            RunFolder.writeHgrm(dir.resolve(RunFolder.HGRM_UNCORRECTED), r.uncorrected());
        }
        RunFolder.writeHgrm(dir.resolve(RunFolder.HGRM_FAILED), r.failed());
    }

    /** The warm-up as run, and the closed model's expected interval it measured (0: none). */
    private record WarmedUp(RunSummary.WarmupRun run, long expectedIntervalMicros) {
    }

    /**
     * Warms up on throw-away clients, {@code first} the one that checked the target. A fixed warm-up
     * runs on it alone. An {@code auto} one runs on it until the JIT settles, then on a new client,
     * and on, until a new client's warm-up settles by its third second. Each new client's
     * first connections and handshakes take branches that the compiled hot path, compiled over
     * reused connections, never saw: measured here, the switch to the measuring client sent half
     * that path back to the compiler, and the JIT compiled for 3 to 6 s of an 8 s window that
     * followed a settled warm-up. So the switch is rehearsed before the window.
     */
    private static WarmedUp warmUp(RunSpec spec, LoadClient first, ClientCounters counters, RunControl control,
            PrintStream progress) throws InterruptedException {
        LoadPlan plan = spec.plan();
        Warmup asked = plan.warmup();
        if (asked.isZero() || control.stopping()) {
            return new WarmedUp(new RunSummary.WarmupRun(asked.toString(), 0, 0, 0, "none"), 0);
        }
        RestRequest request = spec.request();
        long deadlineNanos = System.nanoTime() + asked.max().toNanos();
        long elapsedNanos = 0;
        long requests = 0;
        long expectedIntervalMicros = 0;
        int clients = 0;
        Warmup phase = asked;
        LoadClient client = first;
        String endedBy;
        try {
            while (true) {
                clients++;
                LoadClient c = client;
                Warmup.Gate gate = phase.gate();
                String label = clients == 1 ? "warm-up" : "warm-up, client " + clients;
                LoadRunner.Result w = LoadRunner.run(() -> c.send(request), plan.withWarmupPhase(phase),
                        new LatencyRecorder(plan.concurrency(), expectedIntervalMicros), control, i -> progress(progress, label, i),
                        LoadRunner.Schedule.SHARED, gate);
                requests += w.requests();
                elapsedNanos += w.elapsedNanos();
                if (clients == 1 && !plan.openModel()) {
                    // later clients record with the correction the measured one will use: the same code path
                    expectedIntervalMicros = Math.round(w.uncorrected().getMean());
                }
                long leftNanos = deadlineNanos - System.nanoTime();
                if (control.stopping()) {
                    endedBy = "stopped";
                } else if (!asked.untilJitSettles()) {
                    endedBy = "time";
                } else if (clients > 1 && gate.settledSoon()) {
                    endedBy = "jit-settled";
                } else if (!gate.settled() || leftNanos < TimeUnit.SECONDS.toNanos(1)) {
                    endedBy = "longest";
                } else {
                    if (client != first) {
                        client.close();
                    }
                    client = null; // closed: if the next build throws, finally has nothing to close
                    client = spec.client().build(spec.policy().policy(), counters, plan.concurrency());
                    Duration left = Duration.ofNanos(leftNanos);
                    phase = new Warmup(left.compareTo(Warmup.QUIET_WINDOW) < 0 ? left : Warmup.QUIET_WINDOW, left, true);
                    continue;
                }
                break;
            }
        } finally {
            if (client != null && client != first) {
                client.close();
            }
        }
        return new WarmedUp(new RunSummary.WarmupRun(asked.toString(), round(elapsedNanos / 1e9), requests, clients, endedBy),
                expectedIntervalMicros);
    }

    private static void startSampler(ServerCpuSampler sampler, ServerCpuSource source) {
        try {
            sampler.start();
        } catch (java.io.IOException e) {
            String why = e.getMessage();
            throw new TargetException(new SettingException(n -> n.apply(Setting.SERVER_CPU) + " " + source.name() + ": " + why));
        }
    }

    /**
     * Sends {@code spec}'s request for {@code duration} on a throw-away client and records
     * nothing: compiles the client's hot paths (TLS handshakes above all) before anything is
     * measured, so the first cells of a matrix do not pay for the JIT.
     *
     * @throws TargetException when the target cannot be reached
     */
    public static void warmUp(RunSpec spec, Duration duration, RunControl control) throws InterruptedException {
        RestRequest request = spec.request();
        try (LoadClient warm = spec.client().build(spec.policy().policy(), RestClientListener.NONE, spec.plan().concurrency())) {
            preflight(spec, warm, request);
            LoadPlan plan = new LoadPlan(spec.plan().concurrency(), 0, duration, 0, Duration.ZERO);
            LoadRunner.run(() -> warm.send(request), plan, new LatencyRecorder(plan.concurrency(), 0), control, i -> { });
        }
    }

    /** Sends the check request; returns the server's {@code Server} header, or null. */
    private static String preflight(RunSpec spec, LoadClient client, RestRequest request) {
        LoadClient.Answer answer;
        try {
            answer = client.answer(request);
        } catch (IOException e) {
            throw new TargetException(TargetErrors.describe(spec.client(), e), "");
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new TargetException("cannot run against " + spec.client().target() + ": " + e.getMessage());
        }
        TargetProblem problem = TargetErrors.describeStatus(spec, answer.status());
        if (problem != null) {
            throw new TargetException(problem, "");
        }
        return answer.server();
    }

    private static RunSummary summary(RunSpec spec, String serverSoftware, LoadRunner.Result r, ClientCounters c, long cpuNanos, RunSummary.ClientJit jit,
            List<double[]> clientPerSecond,
            RunSummary.WarmupRun warmup, StatsSnapshot server,
            ServerCpuSource source, ServerCpuSampler.Result cpu, RunSummary.Traffic preflight, RunSummary.Traffic sent,
            String correction, String engineVersion, Instant started, RunControl control) {
        LoadPlan plan = spec.plan();
        ClientCounters.PerConnection pc = c.requestsPerConnection();
        Double serverCpu = null;
        RunSummary.ServerCpu serverCpuBlock = null;
        if (cpu != null) {
            if (cpu.cpuMicros() != null && r.requests() > 0) {
                serverCpu = round(cpu.cpuMicros() / r.requests());
            }
            serverCpuBlock = new RunSummary.ServerCpu(source.name(), source.resolution().toNanos() / 1e6, source.includes(),
                    cpu.cpuMicros(), cpu.counterWentBack(), cpu.error(),
                    cpu.perSecond().stream().map(x -> new double[] {x.atMillis(), round(x.cpuMicros())}).toList());
        }
        String engine = spec.client().engine().tag();
        return new RunSummary(spec.label(), spec.client().target().toString(), serverSoftware, spec.path(), spec.method(),
                spec.policy().parameters(), engine, spec.client().authMode(),
                new RunSummary.Tls(spec.client().protocolName(), resumption(spec),
                        spec.client().https() ? spec.client().tlsProvider().name().toLowerCase(java.util.Locale.ROOT) : null,
                        spec.client().https() && !spec.client().tlsGroups().isEmpty() ? spec.client().tlsGroups() : null,
                        spec.client().https() ? c.applicationProtocols() : null,
                        spec.client().https() ? (spec.client().insecure() ? "off" : "on") : null,
                        spec.client().https() ? c.connectionsByProtocol() : null),
                new RunSummary.Timeouts(spec.client().timeouts().connect().toMillis(), spec.client().timeouts().response().toMillis()),
                plan.concurrency(), plan.openModel() ? "open" : "closed", plan.openModel() ? plan.ratePerSecond() : null,
                round(r.elapsedNanos() / 1e9), warmup, r.requests(), r.errors().asMap(), round(r.throughputPerSecond()),
                new RunSummary.Latency(RunSummary.Percentiles.of(r.corrected()),
                        plan.openModel() ? null : RunSummary.Percentiles.of(r.uncorrected()),
                        r.failed().getTotalCount() == 0 ? null : RunSummary.Percentiles.of(r.failed()), correction),
                c.connectionsOpened(), new RunSummary.Handshakes(c.fullHandshakes(), c.resumedHandshakes()), c.logins(),
                r.requests() == 0 ? null : round(cpuNanos / 1000.0 / r.requests()), jit, clientPerSecond, serverCpu,
                pc == null ? null : new RunSummary.PerConnection(round(pc.mean()), pc.min(), pc.max()), http2(c.streams()), preflight, sent,
                serverCpuBlock, server,
                Environment.versions(engine, engineVersion), Environment.gitCommit(Path.of("").toAbsolutePath()),
                Environment.machine(), started.toString(), control.interrupted(), control.interruptedBy(),
                spec.runner().index() == null && spec.runner().startAt() == null ? null
                        : new RunSummary.Runner(spec.runner().index(), spec.runner().host(),
                                spec.runner().startAt() == null ? null : spec.runner().startAt().toString()),
                null, null); // a run of one runner: no merge
    }

    private static RunSummary.Http2 http2(ClientCounters.Streams s) {
        return s == null ? null : new RunSummary.Http2(s.connections(), s.mostInFlight(), round(s.meanMostInFlight()),
                s.serverMaxConcurrentStreams());
    }

    /** on or off as the client ran it; null for plain HTTP. */
    private static String resumption(RunSpec spec) {
        if (!spec.client().https()) {
            return null;
        }
        TlsResumption r = spec.client().resumption();
        // A stock client resumes as its SSLContext does: always.
        boolean on = spec.client().engine().stock()
                || (r == null ? spec.policy().policy().resumesTlsByDefault() : r == TlsResumption.RESUME);
        return on ? "on" : "off";
    }

    private static void progress(PrintStream out, String what, LoadRunner.Interval i) {
        if (out == null) {
            return;
        }
        Histogram h = i.corrected();
        double seconds = (i.endEpochMillis() - i.startEpochMillis()) / 1000.0;
        out.printf(Locale.ROOT, "[%s %5.0fs] %,d requests  %,.0f/s  p99 %.2f ms  errors %,d%n", what, i.elapsedSeconds(),
                i.requestsSoFar(), seconds > 0 ? i.requestsInInterval() / seconds : 0,
                h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0, i.errorsSoFar());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
