package io.restcost.bench.cli;

import io.restcost.bench.advise.Advice;
import io.restcost.bench.advise.AdviceJudge;
import io.restcost.bench.advise.InterleavedRun;
import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.report.HtmlReport;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.run.MeasuredRun;
import io.restcost.bench.run.PolicyRates;
import io.restcost.bench.run.RunSpec;
import io.restcost.bench.run.ServerCpuSpec;
import io.restcost.bench.server.ServerStatsProbe;
import io.restcost.bench.servercpu.ServerCpuSource;
import io.restcost.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code restcost advise}: the answer for the user's own server. One-shot, pooled and rotating at
 * a few lengths, in short interleaved slices at gentle rates, until the answer is decided or the
 * time limit; then what each costs, what reuse saves, and the rotation to configure, with how
 * sure each figure is. Exit code 0 when decided, 1 when not (time limit or Ctrl-C: the best
 * guess so far is printed and written), 2 for what the user can fix, before any load.
 */
@Command(name = "advise", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = SharedOptions.Defaults.class,
        footerHeading = "%nExamples:%n",
        footer = {"  restcost advise --target https://mqhost:9443 --ca-cert ca.pem --user app --password-env MQ_PASSWORD --server-cpu pid:12345",
                "  restcost advise ... --server-cpu 'exec:ssh mqhost cat /proc/1234/stat' --app-rate 20",
                "  restcost advise ... --lengths 50,200,1000 --time-limit 20m --rate one-shot=2,rotating=20,pooled=20"},
        description = {"Should your application reuse connections, how many requests per session, and what would that save on "
                + "your server? Measures one-shot, pooled and rotating sessions against your target in short interleaved slices, "
                + "at gentle rates, until the answer is decided or the time limit; prints the answer with 95%% intervals and "
                + "writes advice.json.",
                "Exit code 0 when the answer is decided, 1 when it is not (time limit or Ctrl-C: the best guess is given), "
                + "2 for a setting or a target that cannot be measured (before any load)."})
final class AdviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SharedOptions.Strategy strategy;

    @Mixin
    RequestOptions request;

    @Mixin
    SharedOptions.Rate rate;

    @Option(names = "--lengths", split = ",", paramLabel = "N[,N...]", defaultValue = "20,50,200",
            description = "Rotation lengths to measure, in requests per session (default ${DEFAULT-VALUE}).")
    List<Integer> lengths;

    @Option(names = "--max-extra", paramLabel = "PERCENT", defaultValue = "10",
            description = "The most extra server cost over pooled that a recommended rotation may carry (default ${DEFAULT-VALUE}%%).")
    double maxExtra;

    @Option(names = "--app-rate", paramLabel = "RATE", description = "Your application's requests per second to this server: "
            + "gives the rotation in minutes and the CPU-seconds per hour saved.")
    Double appRate;

    @Option(names = "--slice", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "Each strategy's turn in a round (default ${DEFAULT-VALUE}).")
    Duration slice;

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
            description = "Stop by then, decided or not (default ${DEFAULT-VALUE}).")
    Duration timeLimit;

    @Option(names = "--idle", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "Read the server's CPU at idle this long before any load, 0s for none (default ${DEFAULT-VALUE}).")
    Duration idle;

    @Option(names = "--server-name", paramLabel = "NAME", description = "What to call the server in the answer and the report, "
            + "e.g. 'mqweb on QM1 prod' (default: its Server header, which mqweb does not send; then the target's host and port).")
    String serverName;

    @Mixin
    SharedOptions.Output output;

    /** Threads, each with its own session: enough for rotation to show, few enough to be gentle. */
    static final int CONCURRENCY = 2;

    @Override
    public Integer call() throws Exception {
        List<PolicySpec> policies = policies();
        List<Double> rates = rates(policies);
        String engine = strategy.engine("advise");
        String auth = strategy.auth("advise");
        ClientSpec client = connection.spec(engine, auth, null, "jdk", RunCommand.needsPassword(auth));
        ServerCpuSpec cpu = connection.serverCpu();
        PolicySpec pooled = policies.get(policies.size() - 1);
        RunSpec check = new RunSpec(client, pooled, request.path, request.method(), request.body(),
                new LoadPlan(CONCURRENCY, 0, slice, rates.get(rates.size() - 1), Duration.ZERO), "advise", cpu);
        String software = MeasuredRun.check(check);
        Path dir = RunFolder.create(output.dir("advise"));
        try (ServerStatsProbe probe = cpu != null && cpu.mock() ? new ServerStatsProbe(client.buildProbe()) : null;
             ServerCpuSource source = MeasuredRun.openServerCpu(check, probe);
             Logging debug = output.debugLog(dir); StopOnSignal stop = new StopOnSignal()) {
            Advice.Settings settings = new Advice.Settings(client.target().toString(), serverName != null ? serverName : software,
                    request.path, engine, auth,
                    source == null ? null : source.name(), source == null ? null : source.resolution().toNanos() / 1e6, policies.stream().map(PolicySpec::shortName).toList(), rate.rates().toString(),
                    CONCURRENCY, slice.toMillis() / 1000.0, timeLimit.toMillis() / 1000.0, maxExtra, appRate);
            String started = Instant.now().toString();
            InterleavedRun run = new InterleavedRun(new InterleavedRun.Plan(client, check.request(), policies, rates, CONCURRENCY, slice,
                    timeLimit, idle), source, stop.control, output.progress());
            InterleavedRun.Measured m;
            try {
                m = run.run(so -> {
                    Advice interim = AdviceJudge.judge(settings, so.slices(), so.idleReadings(), started, so.seconds(), "decided",
                            so.roundSeconds());
                    return new InterleavedRun.Progress(interim.recommendation().decided(), AdviceJudge.settled(interim));
                });
            } catch (IOException e) {
                throw new IllegalArgumentException("--server-cpu " + settings.serverCpuSource() + ": " + e.getMessage());
            }
            Advice a = AdviceJudge.judge(settings, m.slices(), m.idleReadings(), started, m.seconds(), m.endedBy(), m.roundSeconds());
            RunFolder.writeJson(dir.resolve(RunFolder.ADVICE), a);
            Path report = HtmlReport.render(dir);
            PrintWriter out = spec.commandLine().getOut();
            a.words().forEach(out::println);
            out.println("written: " + dir.resolve(RunFolder.ADVICE) + " and " + report);
            out.flush();
            return a.partial() ? 1 : 0;
        }
    }

    /** one-shot, rotating at each length (with 20% jitter, as recommended), pooled. */
    private List<PolicySpec> policies() {
        List<PolicySpec> out = new ArrayList<>();
        out.add(PolicySpec.parse("one-shot"));
        for (int n : lengths.stream().sorted().distinct().toList()) {
            if (n < 2) {
                throw new IllegalArgumentException("--lengths " + n + ": a rotation length is 2 requests or more (e.g. --lengths 20,50,200)");
            }
            out.add(PolicySpec.parse("rotating:requests=" + n + ",jitter=0.2"));
        }
        out.add(PolicySpec.parse("pooled"));
        if (maxExtra <= 0) {
            throw new IllegalArgumentException("--max-extra " + maxExtra + ": give a percentage above 0, e.g. --max-extra 10");
        }
        if (appRate != null && !(appRate > 0)) {
            throw new IllegalArgumentException("--app-rate " + appRate + ": give your application's requests per second, above 0");
        }
        return out;
    }

    private List<Double> rates(List<PolicySpec> policies) {
        PolicyRates r = rate.rates();
        List<Double> out = new ArrayList<>();
        for (PolicySpec p : policies) {
            double x = r.rateFor(p);
            if (x <= 0) {
                throw new IllegalArgumentException("--rate " + r + ": advise paces every strategy at a rate safe for your server; give "
                        + "rates, e.g. --rate one-shot=5,rotating=50,pooled=50");
            }
            out.add(x);
        }
        return out;
    }
}
