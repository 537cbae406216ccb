package io.restcost.bench.cli;

import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.run.PolicyRates;
import io.restcost.bench.load.Warmup;
import io.restcost.bench.results.RunFolder;
import io.restcost.cli.DurationConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Option;

/** What to send, how much load, and where results go; shared by run and matrix. */
final class LoadOptions {

    @Option(names = "--path", defaultValue = "/ibmmq/rest/v2/admin/qmgr", description = "Request path (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--method", defaultValue = "GET", description = "GET, POST or DELETE (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--body", paramLabel = "FILE", description = "JSON body for POST.")
    Path body;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "4", description = "Threads, each with its own session (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = {"-n", "--requests"}, description = "Stop after this many requests.")
    Long requests;

    @Option(names = {"-d", "--duration"}, converter = DurationConverter.class, description = "Run this long, e.g. 30s (default 30s unless --requests).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "RATE", description = "Open model: start this many requests per second whatever the "
            + "server does; one number, or one per policy (a matrix's one-shot cannot keep pooled's rate), e.g. "
            + "one-shot=60,rotating=500,pooled=500 (a policy's short name, rotating-50=N, beats its kind). Default: closed model.")
    String rate;

    @Option(names = "--warmup", defaultValue = "auto", converter = WarmupConverter.class, paramLabel = "auto|auto:MAX|DURATION",
            description = "Warm-up on throw-away clients before measuring: auto (default) warms up until this JVM's JIT "
                    + "compiler has settled (under 5%% of the last 2 s spent compiling), then on new clients until moving "
                    + "to a new one no longer sets it compiling, 5 s at least and 60 s at most (auto:120s for another "
                    + "longest); or a fixed length on one client such as 10s, 0s for none. A window that opens while the "
                    + "JIT compiles counts its CPU as the client's and, flat out, caps the client's rate; summary.json's "
                    + "clientJit says how much it compiled in the window.")
    Warmup warmup;

    /** Reads --warmup: {@link Warmup#parse(String)}. */
    static final class WarmupConverter implements picocli.CommandLine.ITypeConverter<Warmup> {
        @Override
        public Warmup convert(String value) {
            try {
                return Warmup.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default results/<UTC time>-<label>).")
    Path out;

    @Option(names = "--label", description = "Name for the run in folders and reports.")
    String label;

    @Option(names = {"-q", "--quiet"}, description = "No progress line on stderr.")
    boolean quiet;

    @Option(names = "--debug-log", description = "Write debug.log into the results folder: sessions opening and retiring, "
            + "handshakes, logins and failures, and the HTTP engine's own debug lines; never a password, token or header "
            + "(the engines' header, cookie and wire loggers stay off).")
    boolean debugLog;

    /** The debug log of the run in {@code dir} when --debug-log was given, else null (try-with-resources skips it). */
    Logging debugLog(Path dir) {
        return debugLog ? Logging.debugTo(dir.resolve(DEBUG_LOG)) : null;
    }

    static final String DEBUG_LOG = "debug.log";

    @Option(names = "--start-at", paramLabel = "TIME", description = "An ISO instant, e.g. 2026-11-30T10:15:00Z: run's measured "
            + "window begins then (it checks the target at once, and warms up just before), a matrix begins then; N runners "
            + "given the same time measure the same window, for restcost merge. A time more than 5 s past is refused.")
    String startAt;

    @Option(names = "--runner-index", paramLabel = "N", description = "Which of N runners this is, recorded in summary.json "
            + "(default: JOB_COMPLETION_INDEX, set by a Kubernetes Indexed Job).")
    Integer runnerIndex;

    @Option(names = "--server-cpu-runner", paramLabel = "N", description = "With --server-cpu: read the server's CPU only on runner N "
            + "(the others leave it to that one), so that N runners given one command line read the server once, as restcost merge "
            + "needs.")
    Integer serverCpuRunner;

    /**
     * {@code cpu} unless --server-cpu-runner names another runner than this one.
     *
     * @throws IllegalArgumentException naming the option when it is given without a source or a runner index
     */
    io.restcost.bench.run.ServerCpuSpec serverCpuFor(io.restcost.bench.run.RunnerSlot runner, io.restcost.bench.run.ServerCpuSpec cpu) {
        if (serverCpuRunner == null) {
            return cpu;
        }
        if (cpu == null) {
            throw new IllegalArgumentException("--server-cpu-runner " + serverCpuRunner + " says which runner reads --server-cpu; give --server-cpu too");
        }
        if (runner.index() == null) {
            throw new IllegalArgumentException("--server-cpu-runner " + serverCpuRunner + " needs this runner's index: give --runner-index "
                    + "(or run as a Kubernetes Indexed Job, which sets JOB_COMPLETION_INDEX)");
        }
        return runner.index().equals(serverCpuRunner) ? cpu : null;
    }

    /** --start-at and --runner-index (or JOB_COMPLETION_INDEX), checked. */
    io.restcost.bench.run.RunnerSlot runner() {
        return io.restcost.bench.run.RunnerSlot.of(startAt, runnerIndex, System.getenv("JOB_COMPLETION_INDEX"));
    }

    /** The plan, closed model: each policy's rate comes from {@link #rates()}. */
    LoadPlan plan() {
        if (requests != null && requests < 1) {
            throw new IllegalArgumentException("--requests must be >= 1: " + requests);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be >= 1: " + concurrency);
        }
        if (requests != null && duration != null) {
            throw new IllegalArgumentException("give --requests or --duration, not both");
        }
        Duration d = requests == null && duration == null ? Duration.ofSeconds(30) : duration;
        return new LoadPlan(concurrency, requests == null ? 0 : requests, d, 0, warmup);
    }

    /** --rate, checked. */
    PolicyRates rates() {
        return PolicyRates.parse(rate);
    }

    String method() {
        return method.toUpperCase(Locale.ROOT);
    }

    byte[] body() {
        if (body == null) {
            return null;
        }
        try {
            return Files.readAllBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("--body " + body + ": not found or not readable");
        }
    }

    /** The results folder: --out, or results/<UTC yyyyMMdd-HHmmss>-<label> under the working folder. */
    Path outDir(String defaultLabel) {
        return out != null ? out : RunFolder.newRunDir(Path.of("results"), Instant.now(), label(defaultLabel));
    }

    String label(String defaultLabel) {
        return label != null ? label : defaultLabel;
    }
}
