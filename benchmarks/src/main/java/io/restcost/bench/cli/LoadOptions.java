package io.restcost.bench.cli;

import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.run.PolicyRates;
import io.restcost.bench.results.RunFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What to send, how much load, and where results go; shared by run and matrix. */
final class LoadOptions {

    @Mixin
    RequestOptions request = new RequestOptions(); // picocli fills this one; suite builds its LoadOptions by hand

    @Option(names = {"-n", "--requests"}, description = "Stop after this many requests.")
    Long requests;

    @Mixin
    SharedOptions.Pace pace;

    @Mixin
    SharedOptions.WarmupOption warmup;

    /** The command these options belong to: whether -d was given, or is its default. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--label", description = "Name for the run in folders and reports.")
    String label;

    @Mixin
    SharedOptions.Output output;

    /** The debug log of the run in {@code dir} when --debug-log was given, else null (try-with-resources skips it). */
    Logging debugLog(Path dir) {
        return output.debugLog(dir);
    }


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
        if (pace.concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be >= 1: " + pace.concurrency);
        }
        boolean durationGiven = mixee.commandLine() != null && mixee.commandLine().getParseResult() != null
                && mixee.commandLine().getParseResult().hasMatchedOption("--duration");
        if (requests != null && durationGiven) {
            throw new IllegalArgumentException("give --requests or --duration, not both");
        }
        return new LoadPlan(pace.concurrency, requests == null ? 0 : requests, requests == null ? pace.duration : null, 0, warmup.warmup);
    }

    /** --rate, checked. */
    PolicyRates rates() {
        return pace.rates();
    }

    String path() {
        return request.path;
    }

    String method() {
        return request.method();
    }

    byte[] body() {
        return request.body();
    }

    /** The results folder: --out, or results/<UTC yyyyMMdd-HHmmss>-<label> under the working folder. */
    Path outDir(String defaultLabel) {
        return output.dir(label(defaultLabel));
    }

    String label(String defaultLabel) {
        return label != null ? label : defaultLabel;
    }
}
