package io.restcost.bench.cli;

import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.run.MeasuredRun;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.run.RunSpec;
import io.restcost.bench.report.HtmlReport;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code restcost run}: measures one connection strategy against one target and writes a run folder. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = SharedOptions.Defaults.class,
        footerHeading = "%nExamples:%n", footer = {"  restcost run --target https://127.0.0.1:9443 --ca-cert ca.pem --policy pooled", "  restcost run ... --auth ltpa --user mqadmin --password-env MQ_PASSWORD", "  restcost run ... --policy one-shot --rate 50 -d 60s --server-cpu pid:12345"},
        description = "Measure one connection strategy against a target; writes summary.json, latency.hgrm, latency.hlog, report.html.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--policy", required = true, description = "one-shot, pooled, rotating-50 (every 50 requests, as folders and --rate name it) "
            + "or rotating:requests=50,age=10m,jitter=0.2")
    String policy;

    @Mixin
    SharedOptions.Strategy strategy;

    @Option(names = "--tls-resumption", description = "on or off (default: off for one-shot, on otherwise).")
    String resumption;

    @Option(names = "--tls-provider", defaultValue = "jdk", description = "jdk (JSSE) or conscrypt (BoringSSL) for "
            + "restcost's engines (default ${DEFAULT-VALUE}).")
    String tlsProvider;

    @Mixin
    LoadOptions load;

    @Override
    @SuppressWarnings("try") // the debug log is closed, never referenced
    public Integer call() throws Exception {
        PolicySpec p = PolicySpec.parse(policy);
        String engine = strategy.engine("run");
        String auth = strategy.auth("run");
        ClientSpec client = connection.spec(engine, auth, resumption, tlsProvider, needsPassword(auth));
        String label = load.label(p.shortName() + "-" + engine.toLowerCase(Locale.ROOT) + "-" + auth.toLowerCase(Locale.ROOT)
                + (tlsProvider.equalsIgnoreCase("jdk") ? "" : "-" + tlsProvider.toLowerCase(Locale.ROOT))
                + (client.http().http2() ? "-h2" : ""));
        io.restcost.bench.run.RunnerSlot runner = load.runner();
        RunSpec run = new RunSpec(client, p, load.path(), load.method(), load.body(), load.rates().planFor(p, load.plan()), label,
                load.serverCpuFor(runner, connection.serverCpu()), runner);
        Path dir = RunFolder.create(load.outDir(label));
        PrintWriter out = spec.commandLine().getOut();
        try (Logging debug = load.debugLog(dir); StopOnSignal stop = new StopOnSignal()) {
            RunSummary s = MeasuredRun.execute(run, dir, stop.control, load.output.progress());
            Path report = HtmlReport.render(dir);
            print(out, s, dir, report);
        }
        return 0;
    }

    static boolean needsPassword(String auth) {
        return auth.equalsIgnoreCase("basic") || auth.equalsIgnoreCase("ltpa");
    }

    static void print(PrintWriter out, RunSummary s, Path dir, Path report) {
        RunSummary.Percentiles l = s.latencyMicros().corrected();
        out.printf(Locale.ROOT, "%s: %,d requests in %.1f s, %,.0f/s, %d errors%s%n", s.label(), s.requests(), s.durationSeconds(),
                s.throughputPerSecond(), s.errors().values().stream().mapToLong(Long::longValue).sum(),
                s.interrupted() ? " (INTERRUPTED: " + s.interruptedBy() + ")" : "");
        out.printf(Locale.ROOT, "  latency ms  p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n", l.p50() / 1000.0,
                l.p90() / 1000.0, l.p99() / 1000.0, l.p999() / 1000.0, l.max() / 1000.0);
        out.printf(Locale.ROOT, "  connections %d  TLS full %d resumed %d  logins %d  CPU us/request client %s server %s%n",
                s.connectionsOpened(), s.tlsHandshakes().full(), s.tlsHandshakes().resumed(), s.logins(),
                s.clientCpuMicrosPerRequest() == null ? "n/a" : s.clientCpuMicrosPerRequest(),
                s.serverCpuMicrosPerRequest() == null ? "n/a" : s.serverCpuMicrosPerRequest());
        if (s.http2() != null) {
            RunSummary.Http2 h = s.http2();
            out.printf(Locale.ROOT, "  HTTP/2 %d connection%s: at most %d streams at once on one (mean of each one's most %.1f); "
                    + "the server allows %s%n", h.connections(), h.connections() == 1 ? "" : "s", h.mostStreamsInFlight(),
                    h.meanMostStreamsInFlight(),
                    h.serverMaxConcurrentStreams() == null ? "no stated limit (or the engine does not say)" : h.serverMaxConcurrentStreams());
        }
        if (s.clientJit() != null && s.clientJit().busy()) {
            out.printf(Locale.ROOT, "  note: the client's JIT compiled for %.1f s of this %.1f s window (%.0f%%), warm-up %s: the client "
                    + "CPU above includes it and a closed model's rate is capped by it; --warmup auto waits for it%n",
                    s.clientJit().compileMillis() / 1000.0, s.durationSeconds(), s.clientJit().shareOfWindow() * 100,
                    s.warmup().endedBy().equals("none") ? "none" : s.warmup().seconds() + " s (" + s.warmup().endedBy() + ")");
        }
        out.printf("  results: %s%n  report:  %s%n", dir, report);
        out.flush();
    }
}
