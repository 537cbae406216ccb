package io.restcost.bench.cli;

import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.run.MatrixRun;
import io.restcost.bench.run.PolicyRates;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.report.HtmlReport;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.server.MockProcess;
import io.restcost.liberty.LibertyServer;
import io.restcost.liberty.OpenLibertyRuntime;
import io.restcost.cli.DurationConverter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.restcost.bench.jmh.ClientCpuProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code restcost suite}: what {@code mvn verify -Pbench} runs. Starts the mock in its own
 * JVM (unless {@code --target} names a real server), runs a quick JMH pass of the handshake,
 * authentication and session-policy benchmarks, then the default matrix (one-shot, rotating
 * 10/50/500, pooled; basic and ltpa; both engines; on the mock, OkHttp on HTTP/2 too), all into
 * one folder under results/.
 */
@Command(name = "suite", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = SharedOptions.Defaults.class,
        footerHeading = "%nExamples:%n", footer = {"  restcost suite                (what mvn -B verify -Pbench runs)", "  restcost suite --jmh off -d 30s --engine okhttp --auth ltpa"},
        description = "The benchmark suite behind 'mvn verify -Pbench': quick JMH pass plus the default matrix, one results folder.")
final class SuiteCommand implements Callable<Integer> {

    static final String JMH_BENCHMARKS = "io\\.restcost\\.bench\\.jmh\\.(TlsHandshake|Authentication|SessionPolicy)Benchmark";

    @Spec
    CommandSpec spec;

    /** --target names a real server instead of the mock (then JMH is skipped: it needs the mock). */
    @Mixin
    ConnectionOptions connection;

    @Mixin
    RequestOptions request;

    @Mixin
    SharedOptions.Strategy strategy;

    /** Each cell's: results/reference was run at --rate one-shot=60,rotating=500,pooled=500, rates both servers keep. */
    @Mixin
    SharedOptions.Pace pace;

    @Mixin
    SharedOptions.WarmupOption warmup;

    @Option(names = "--client-warmup", defaultValue = "40s", converter = DurationConverter.class,
            description = "Warm both JITs (client and server) before the first cell (default ${DEFAULT-VALUE}).")
    Duration clientWarmup;

    @Option(names = "--jmh", defaultValue = "quick", description = "quick or off (default ${DEFAULT-VALUE}).")
    String jmh;

    @Option(names = "--pin-server", paramLabel = "CPUS", description = "Pin the server the suite starts to these CPUs "
            + "(taskset -c CPUS, e.g. 0); run the suite itself under taskset -c 1 to keep client and server apart, as server "
            + "CPU figures on a small machine need. Default: not pinned.")
    String serverCpus;

    /** The old spelling of --pin-server, one letter from --server-cpu (where to read the server's CPU); kept for one version. */
    @Option(names = "--server-cpus", hidden = true)
    void oldPinServer(String cpus) {
        serverCpus = cpus;
    }

    @Option(names = "--server", defaultValue = "mock", description = "The server the suite starts when --target is not given: "
            + "mock (restcost's mock in its own JVM) or liberty (a real Open Liberty serving mqweb's API, from the runtime "
            + "-Pliberty fetched; its CPU read from /proc and from its mpMetrics, the two compared) (default ${DEFAULT-VALUE}).")
    String server;

    @Mixin
    SharedOptions.Output output;

    @Override
    public Integer call() throws Exception {
        if (!jmh.equals("quick") && !jmh.equals("off")) {
            throw new IllegalArgumentException("--jmh " + jmh + ": use quick or off");
        }
        connection.ignoreBlankValues();
        if (!server.equals("mock") && !server.equals("liberty")) {
            throw new IllegalArgumentException("--server " + server + ": use mock or liberty");
        }
        PolicyRates rates = pace.rates();
        MatrixCommand.DEFAULT_POLICIES.forEach(p -> rates.rateFor(PolicySpec.parse(p)));
        boolean liberty = connection.target == null && server.equals("liberty");
        if (serverCpus != null && !serverCpus.isBlank()) {
            io.restcost.liberty.ServerCpus.pin(serverCpus.strip());
        }
        boolean mock = connection.target == null && !liberty;
        Path dir = RunFolder.create(output.dir("bench"));
        PrintWriter w = spec.commandLine().getOut();
        long started = System.nanoTime();
        MockProcess server = null;
        LibertyServer libertyServer = null;
        try {
            ServerCpuCheck cpuCheck = null;
            if (liberty) {
                libertyServer = startLiberty(w);
                cpuCheck = ServerCpuCheck.start(libertyServer);
            }
            if (mock) {
                server = startMock(w);
            }
            measure(dir, rates, mock, liberty, w);
            if (cpuCheck != null) {
                cpuCheck.finish(dir, w);
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (libertyServer != null) {
                libertyServer.close();
            }
        }
        HtmlReport.render(dir);
        w.printf(Locale.ROOT, "%nbench finished in %.1f min%n  results: %s%n  report:  %s%n",
                (System.nanoTime() - started) / 60e9, dir.toAbsolutePath(), dir.resolve(RunFolder.REPORT).toAbsolutePath());
        HtmlReport.printVerdicts(dir, w);
        w.flush();
        return 0;
    }

    /** Open Liberty with mqweb's API, its state in a temporary folder (deleted when it stops: never in results/), as the target. */
    private LibertyServer startLiberty(PrintWriter w) throws Exception {
        w.println("starting Open Liberty " + OpenLibertyRuntime.VERSION + " with mqweb's API ...");
        w.flush();
        LibertyServer libertyServer = LibertyServer.builder().start();
        connection.target = libertyServer.baseUri().toString();
        connection.caCert = libertyServer.caPem();
        connection.user = "mqadmin";
        connection.password = libertyServer.password("mqadmin").toCharArray();
        if (connection.serverCpu == null) {
            connection.serverCpu = "pid:" + libertyServer.pid();
        }
        w.printf("  Liberty up in %.1f s at %s (pid %d)%n", libertyServer.readyMillis() / 1000.0, connection.target,
                libertyServer.pid());
        return libertyServer;
    }

    /** The mock mqweb in a JVM of its own, as the target. */
    private MockProcess startMock(PrintWriter w) throws Exception {
        w.println("starting the mock mqweb in its own JVM ...");
        w.flush();
        MockProcess server = MockProcess.start();
        connection.target = server.baseUri().toString();
        connection.caCert = server.caPem();
        connection.user = "mqadmin";
        connection.password = server.password("mqadmin");
        if (connection.serverCpu == null) {
            // The mock restcost started itself: its own stats are the server's bill.
            connection.serverCpu = "mock";
        }
        return server;
    }

    /** JMH's quick pass where it applies, then the matrix of every policy, engine and auth mode. */
    @SuppressWarnings("try") // the debug log is closed, never referenced
    private void measure(Path dir, PolicyRates rates, boolean mock, boolean liberty, PrintWriter w) throws Exception {
        LoadOptions load = new LoadOptions();
        load.request = request;
        LoadPlan plan = new LoadPlan(pace.concurrency, 0, pace.duration, 0, warmup.warmup);
        if (mock && connection.httpOptions.http == null) {
            connection.httpOptions.http = "1.1,2"; // the mock speaks both, as Liberty does; another server only what --http says
        }
        List<MatrixRun.Cell> cells = new java.util.ArrayList<>(MatrixCommand.cells(connection, MatrixCommand.DEFAULT_POLICIES,
                strategy.engines, strategy.auths, List.of("default"), List.of("jdk"), load, plan, rates));
        // The suite's time is budgeted: its HTTP/2 cells are OkHttp's (`matrix --engine apache --http 2` measures Apache's).
        cells.removeIf(c -> c.spec().client().http().http2() && c.spec().client().engine() == io.restcost.bench.client.EngineChoice.APACHE
                && strategy.engines.size() > 1);
        if (mock && jmh.equals("quick")) {
            runJmh(dir, w);
        } else if (liberty) {
            w.println("JMH skipped: its benchmarks start the mock in their own JVMs (run `mvn -Pbench` for them)");
        } else if (!mock) {
            w.println("JMH skipped: its benchmarks run against the mock in their own JVMs, not against " + connection.target);
        }
        w.printf("matrix: %d cells of %d s + warm-up %s, %s, against %s%n", cells.size(), pace.duration.toSeconds(),
                warmup.warmup, pace.rate.rates == null || pace.rate.rates.toString().equals(SharedOptions.CLOSED) ? "closed model" : "rates " + rates,
                connection.target);
        w.flush();
        try (Logging debug = output.debugLog(dir); StopOnSignal stop = new StopOnSignal()) {
            MatrixRun.execute("bench", connection.targetUri().toString(), cells, clientWarmup, dir, stop.control, output.progress(), w);
        }
    }

    private static void runJmh(Path dir, PrintWriter w) throws Exception {
        w.println("JMH quick pass (1 fork, 1 x 1 s warm-up, 3 x 1 s measured; log in jmh.log) ...");
        w.flush();
        // The quick pass keeps to HTTP/1.1's engines: the matrix measures HTTP/2, and the suite's time is budgeted.
        var opts = new OptionsBuilder().include(JMH_BENCHMARKS).forks(1).addProfiler(ClientCpuProfiler.class).param("engine", "apache", "okhttp")
                .warmupIterations(1).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .resultFormat(ResultFormatType.JSON).result(dir.resolve(RunFolder.JMH).toString())
                .output(dir.resolve("jmh.log").toString()).build();
        for (RunResult r : new Runner(opts).run()) {
            var p = r.getParams();
            StringBuilder params = new StringBuilder();
            for (String k : p.getParamsKeys()) {
                params.append(k).append('=').append(p.getParam(k)).append(' ');
            }
            var cpu = r.getSecondaryResults().get(ClientCpuProfiler.LABEL);
            w.printf(Locale.ROOT, "  %-26s %-58s %,12.1f %s%s%n", p.getBenchmark().replaceAll(".*\\.(\\w+Benchmark)\\..*", "$1"),
                    params.toString().strip(), r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit(),
                    cpu == null ? "" : String.format(Locale.ROOT, "  (client CPU %,.1f %s)", cpu.getScore(), cpu.getScoreUnit()));
            w.flush();
        }
    }
}
