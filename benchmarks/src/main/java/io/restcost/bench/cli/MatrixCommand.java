package io.restcost.bench.cli;

import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.client.EngineChoice;
import io.restcost.bench.client.HttpSpec;
import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.run.MatrixRun;
import io.restcost.bench.run.PolicyRates;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.run.RunSpec;
import io.restcost.bench.run.ServerCpuSpec;
import io.restcost.bench.results.RunFolder;
import io.restcost.cli.DurationConverter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code restcost matrix}: policies x engines x auth modes x TLS resumption x HTTP versions against one target. */
@Command(name = "matrix", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = SharedOptions.Defaults.class,
        footerHeading = "%nExamples:%n", footer = {"  restcost matrix --target https://127.0.0.1:9443 --ca-cert ca.pem", "  restcost matrix ... --policy one-shot --policy rotating:requests=50", "  restcost matrix ... --engine apache,okhttp --http 1.1,2 --rate one-shot=60,pooled=500"},
        description = "Run every combination of policies, engines, auth modes and TLS resumption against one target; "
                + "writes index.json, one run folder per cell and a combined report.html.")
final class MatrixCommand implements Callable<Integer> {

    /** The default matrix: one-shot, rotating 10/50/500 and pooled. */
    static final List<String> DEFAULT_POLICIES = List.of("one-shot", "rotating:requests=10", "rotating:requests=50",
            "rotating:requests=500", "pooled");

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--policy", description = "A policy; repeat for several (default: one-shot, rotating 10/50/500, pooled).")
    List<String> policies;

    @Mixin
    SharedOptions.Strategy strategy;

    @Option(names = "--tls-resumption", split = ",", defaultValue = "default",
            description = "on, off and/or default (the policy's own; default ${DEFAULT-VALUE}).")
    List<String> resumptions;

    @Option(names = "--tls-provider", split = ",", defaultValue = "jdk",
            description = "TLS providers of restcost's engines: jdk, conscrypt or both (default ${DEFAULT-VALUE}).")
    List<String> providers;

    @Option(names = "--client-warmup", defaultValue = "10s", converter = DurationConverter.class,
            description = "Before the first cell, warm the client's JIT with one-shot and pooled requests on each engine "
                    + "(default ${DEFAULT-VALUE}; 0s for none).")
    Duration clientWarmup;

    @Option(names = "--order", defaultValue = "listed",
            description = "listed (engine, auth, then policy, as given; default) or shuffled: a random order, so that "
                    + "a policy is not always measured at the same moment of the run (the seed is printed; repeat it with --seed).")
    String order;

    @Option(names = "--seed", description = "Seed of --order shuffled (default: a random one, printed).")
    Long seed;

    @Mixin
    LoadOptions load;

    @Override
    @SuppressWarnings("try") // the debug log is closed, never referenced
    public Integer call() throws Exception {
        String label = load.label("matrix");
        List<MatrixRun.Cell> cells = cells(connection, policies == null ? DEFAULT_POLICIES : policies, strategy.engines, strategy.auths,
                resumptions, providers, load, load.plan(), load.rates());
        long s = seed != null ? seed : new java.security.SecureRandom().nextLong();
        cells = ordered(cells, order, s);
        Path dir = RunFolder.create(load.outDir(label));
        PrintWriter out = spec.commandLine().getOut();
        if (order.equals("shuffled")) {
            out.printf("cells in shuffled order (--seed %d repeats it)%n", s);
            out.flush();
        }
        io.restcost.bench.run.RunnerSlot runner = load.runner();
        try (Logging debug = load.debugLog(dir); StopOnSignal stop = new StopOnSignal()) {
            // N runners begin the whole matrix together; each cell records which runner it was.
            runner.awaitStart(stop.control);
            MatrixRun.execute(label, connection.targetUri().toString(), cells, clientWarmup, dir, stop.control, load.output.progress(), out);
        }
        out.printf("matrix: %d cells%n  results: %s%n  report:  %s%n", cells.size(), dir, dir.resolve(RunFolder.REPORT));
        out.flush();
        return 0;
    }

    /**
     * The cells in the order asked for: {@code listed} as built, {@code shuffled} in the order
     * {@code seed} draws (the same seed, the same order).
     *
     * @throws IllegalArgumentException for any other order
     */
    static List<MatrixRun.Cell> ordered(List<MatrixRun.Cell> cells, String order, long seed) {
        return switch (order) {
            case "listed" -> cells;
            case "shuffled" -> {
                List<MatrixRun.Cell> shuffled = new ArrayList<>(cells);
                java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
                yield shuffled;
            }
            default -> throw new IllegalArgumentException("--order must be listed or shuffled, not '" + order + "'");
        };
    }

    /** Every combination, each checked before anything runs so a typo fails in the first second. */
    static List<MatrixRun.Cell> cells(ConnectionOptions connection, List<String> policies, List<String> engines, List<String> auths,
            List<String> resumptions, List<String> providers, LoadOptions load, LoadPlan plan, PolicyRates rates) {
        List<PolicySpec> parsed = new ArrayList<>();
        for (String p : policies) {
            PolicySpec spec = PolicySpec.parse(p);
            rates.rateFor(spec);
            parsed.add(spec);
        }
        boolean anyPassword = auths.stream().anyMatch(RunCommand::needsPassword);
        ClientSpec base = connection.spec(engines.get(0), auths.get(0), null, "jdk", anyPassword, HttpSpec.DEFAULT);
        io.restcost.bench.run.RunnerSlot runner = load.runner();
        ServerCpuSpec serverCpu = load.serverCpuFor(runner, connection.serverCpu());
        // The matrix waits for --start-at once, before its first cell; the cells only record the runner.
        io.restcost.bench.run.RunnerSlot cellRunner = new io.restcost.bench.run.RunnerSlot(runner.index(), runner.host(), null);
        List<MatrixRun.Cell> cells = new ArrayList<>();
        for (String engine : engines) {
            for (String auth : auths) {
                for (String r : resumptions) {
                    for (String provider : providers) {
                        ClientSpec client = base.with(ConnectionOptions.engine(engine), auth, ConnectionOptions.resumption(r),
                                ConnectionOptions.provider(provider));
                        for (HttpSpec http : httpFor(client.engine(), connection.httpSpecs())) {
                            for (PolicySpec p : parsed) {
                                String name = p.shortName() + "_" + engine.toLowerCase(Locale.ROOT) + "_" + auth.toLowerCase(Locale.ROOT)
                                        + (r.equalsIgnoreCase("default") ? "" : "_resume-" + r.toLowerCase(Locale.ROOT))
                                        + (provider.equalsIgnoreCase("jdk") ? "" : "_" + provider.toLowerCase(Locale.ROOT))
                                        + (http.http2() ? "_h2" : "");
                                cells.add(new MatrixRun.Cell(name, new RunSpec(client.with(http), p, load.path(), load.method(),
                                        load.body(), rates.planFor(p, plan), name, serverCpu, cellRunner)));
                            }
                        }
                    }
                }
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("--http 2 needs --engine okhttp, apache or okhttp-dropin in the matrix: "
                    + String.join(",", engines) + " speak HTTP/1.1 only");
        }
        return cells;
    }

    /** The HTTP versions asked for that {@code engine} speaks: an axis, where the HTTP/1.1-only engine (apache-dropin) sits out HTTP/2. */
    private static List<HttpSpec> httpFor(EngineChoice engine, List<HttpSpec> asked) {
        return asked.stream().filter(h -> !h.http2() || engine != EngineChoice.APACHE_DROPIN).toList();
    }
}
