package io.restcost.bench.cli;

import io.restcost.bench.balance.BackendSet;
import io.restcost.bench.results.BalanceResults;
import io.restcost.bench.balance.BalanceRun;
import io.restcost.bench.balance.HaproxyFront;
import io.restcost.bench.client.EngineChoice;
import io.restcost.bench.client.HttpSpec;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.report.HtmlReport;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.run.PolicyRates;
import io.restcost.cli.DurationConverter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code restcost balance}: what rotation buys. Starts K mock instances behind one host name,
 * runs each policy at a fixed rate while an instance is added a third of the way in and one
 * removed two thirds in, and reports per instance and per second who carried the work.
 */
@Command(name = "balance", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = SharedOptions.Defaults.class,
        footerHeading = "%nExamples:%n", footer = {"  restcost balance", "  restcost balance --via haproxy -d 30s", "  restcost balance --instances 4 -c 8 --rate 200 --policy pooled"},
        description = {"What rotation buys: K mock instances behind one host name (127.0.0.1, .2, ...; one port, one certificate, "
                + "one token key), each policy at a fixed rate; a third of the way in an instance is added, two thirds in one is "
                + "removed. Reports each instance's share of the requests per second, how soon the added one carried a fair share "
                + "(within 10%%, held 3 s), and the errors around the removal; writes balance.json and report.html."})
final class BalanceCommand implements Callable<Integer> {

    static final List<String> DEFAULT_POLICIES = List.of("one-shot", "rotating:requests=50", "pooled");

    @Spec
    CommandSpec spec;

    @Option(names = "--instances", defaultValue = "3", description = "Mock instances, 2 to 8; all but the last are up at the start "
            + "(default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--policy", description = "A policy; repeat for several (default: one-shot, rotating:requests=50, pooled).")
    List<String> policies;

    @picocli.CommandLine.Mixin
    TimeoutOptions timeouts;

    @picocli.CommandLine.Mixin
    HttpOptions http;

    @picocli.CommandLine.Mixin
    SharedOptions.Strategy strategy;

    @Option(names = "--via", defaultValue = "resolver", description = "How the client reaches the instances: resolver (one host name "
            + "that client-lib's resolver turns into the instances that are up, again at each session) or haproxy (a real HAProxy in "
            + "TCP mode, TLS end to end, round-robin, each instance health-checked every 250 ms; its configuration is written to the "
            + "results folder) (default ${DEFAULT-VALUE}).")
    String via;

    @Option(names = "--haproxy", paramLabel = "PATH", description = "The haproxy binary for --via haproxy (default: haproxy on the PATH, "
            + "or in /usr/sbin).")
    Path haproxy;

    // No defaultValue: picocli would apply it over what the old spelling's setter set.
    @Option(names = "--resolver-order", description = "With --via resolver, how the client orders the "
            + "name's addresses at each session: round-robin or random (default round-robin).")
    String order = "round-robin";

    /** The old spelling of --resolver-order, which meant cell order in matrix; kept for one version. */
    @Option(names = "--order", hidden = true)
    void oldResolverOrder(String value) {
        order = value;
    }

    /** Each session carries an equal part of a policy's rate; at the default 100/s one-shot costs this machine's client and three in-process mocks about 8 ms of CPU a request. */
    @picocli.CommandLine.Mixin
    SharedOptions.Pace pace;


    @picocli.CommandLine.Mixin
    SharedOptions.Output output;

    @Override
    @SuppressWarnings("try") // the debug log is closed, never referenced
    public Integer call() throws Exception {
        List<PolicySpec> parsed = new ArrayList<>();
        for (String p : policies == null ? DEFAULT_POLICIES : policies) {
            parsed.add(PolicySpec.parse(p));
        }
        String engine = strategy.engine("balance");
        EngineChoice e = ConnectionOptions.engine(engine);
        if (e.stock()) {
            throw new IllegalArgumentException("--engine " + engine + ": balance needs restcost's engines (apache or okhttp)");
        }
        String auth = strategy.auth("balance");
        String a = auth;
        if (!a.equals("basic") && !a.equals("ltpa")) {
            throw new IllegalArgumentException("--auth " + auth + ": balance takes basic or ltpa");
        }
        BalanceRun.Route route = route();
        PolicyRates rates = checkedPace(parsed);
        List<HttpSpec> versions = http.specs();
        versions.forEach(h -> h.checkedFor(e));
        Path dir = RunFolder.create(output.dir("balance"));
        PrintWriter w = spec.commandLine().getOut();
        List<BalanceResults.Scenario> done = new ArrayList<>();
        try (Logging debug = output.debugLog(dir); StopOnSignal stop = new StopOnSignal()) {
            for (HttpSpec h : versions) {
                for (PolicySpec p : parsed) {
                    if (stop.control.stopping()) {
                        break;
                    }
                    done.add(scenario(p, h, e, a, rates.rateFor(p), route, dir, stop, w));
                    write(dir, done, stop.control.interrupted());
                }
            }
        }
        HtmlReport.render(dir);
        w.println();
        w.println(table(done));
        w.printf("results: %s%nreport:  %s%n", dir.resolve(RunFolder.BALANCE), dir.resolve(RunFolder.REPORT));
        w.flush();
        return 0;
    }

    /** One policy on one HTTP version, its line printed first. */
    private BalanceResults.Scenario scenario(PolicySpec p, HttpSpec h, EngineChoice e, String auth, double rate, BalanceRun.Route route,
            Path dir, StopOnSignal stop, PrintWriter w) throws InterruptedException {
        Duration duration = pace.duration;
        String name = p.shortName() + (h.http2() ? "-h2" : "");
        w.printf("%s: %d instances via %s, %s%s at %.0f/s for %d s (added at %.0f s, one removed at %.0f s)%n", p.shortName(),
                instances, route.text(), e.tag(), h.http2() ? " on HTTP/2" : "", rate, duration.toSeconds(), duration.toSeconds() / 3.0,
                2 * duration.toSeconds() / 3.0);
        w.flush();
        try {
            return BalanceRun.run(p, h, e, auth, rate, pace.concurrency, duration, instances, route, timeouts.value(),
                    dir.resolve("haproxy-" + name), stop.control, output.progress());
        } catch (java.io.IOException ex) {
            // HAProxy did not start: the scenarios before are written; this one never ran.
            throw new IllegalStateException("--via haproxy: " + ex.getMessage(), ex);
        }
    }

    /** --rate for every policy, --concurrency, --duration and --instances, checked; the rates. */
    private PolicyRates checkedPace(List<PolicySpec> policies) {
        PolicyRates rates = pace.rates();
        for (PolicySpec p : policies) {
            if (!(rates.rateFor(p) > 0)) {
                throw new IllegalArgumentException("--rate " + rates + ": balance paces every policy; give requests per second, "
                        + "e.g. --rate 100 or --rate one-shot=60,pooled=200");
            }
        }
        if (pace.concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be >= 1: " + pace.concurrency);
        }
        if (pace.duration.toSeconds() < 9) {
            throw new IllegalArgumentException("--duration " + pace.duration.toSeconds() + "s: give 9s or more (three thirds of 3 s at least)");
        }
        BackendSet.checkCount(instances);
        return rates;
    }

    /** {@code --via}: the client's resolver in {@code --resolver-order}, or HAProxy. */
    private BalanceRun.Route route() {
        BalanceRun.HostResolverOrder o = switch (order.toLowerCase(Locale.ROOT)) {
            case "round-robin" -> BalanceRun.HostResolverOrder.ROUND_ROBIN;
            case "random" -> BalanceRun.HostResolverOrder.RANDOM;
            default -> throw new IllegalArgumentException("--resolver-order " + order + ": use round-robin or random");
        };
        return switch (via.toLowerCase(Locale.ROOT)) {
            case "resolver" -> new BalanceRun.Route.Resolver(o);
            case "haproxy" -> new BalanceRun.Route.Haproxy(haproxyBinary());
            default -> throw new IllegalArgumentException("--via " + via + ": use resolver or haproxy");
        };
    }

    /** --haproxy, else haproxy on the PATH or in /usr/sbin; one line naming the fix when there is none. */
    private Path haproxyBinary() {
        if (haproxy != null) {
            if (!java.nio.file.Files.isExecutable(haproxy)) {
                throw new IllegalArgumentException("--haproxy " + haproxy + ": not an executable file; give the haproxy binary");
            }
            return haproxy;
        }
        return HaproxyFront.find().orElseThrow(() -> new IllegalArgumentException(
                "--via haproxy: no haproxy on the PATH or in /usr/sbin; install it (apt-get install haproxy) or give --haproxy PATH"));
    }

    private static void write(Path dir, List<BalanceResults.Scenario> done, boolean interrupted) {
        RunFolder.writeJson(dir.resolve(RunFolder.BALANCE), new BalanceResults(interrupted, BalanceRun.FAIR, done));
    }

    /** The table for the terminal, the closing note and the README. */
    static String table(List<BalanceResults.Scenario> done) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-22s %7s %9s %11s  %-28s %-28s %-16s %s%n", "policy", "rate/s",
                "requests", "connections", "share before (each instance)", "share after the addition", "to a fair share",
                "errors after the removal"));
        for (BalanceResults.Scenario s : done) {
            int before = (int) Math.floor(s.addedAt());
            int after = (int) Math.floor(s.removedAt());
            sb.append(String.format(Locale.ROOT, "%-22s %7.0f %,9d %,11d  %-28s %-28s %-16s %d%n", s.policy(), s.rate(), s.totalRequests(),
                    s.connectionsOpened(), shares(s.requests(), 0, before), shares(s.requests(), before, after),
                    s.secondsToFairShare() == null ? "not before removal" : String.format(Locale.ROOT, "%.0f s", s.secondsToFairShare()),
                    s.errorsAfterRemoval()));
        }
        return sb.toString().stripTrailing();
    }

    /** Each instance's share of the requests in seconds [from, to), e.g. "50/50/0%". */
    static String shares(List<long[]> requests, int from, int to) {
        if (requests.isEmpty()) {
            return "n/a";
        }
        long[] sum = new long[requests.get(0).length];
        long total = 0;
        for (int s = Math.max(0, from); s < Math.min(to, requests.size()); s++) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += requests.get(s)[i];
                total += requests.get(s)[i];
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sum.length; i++) {
            sb.append(i == 0 ? "" : "/").append(total == 0 ? "0" : String.format(Locale.ROOT, "%.0f", 100.0 * sum[i] / total));
        }
        return sb.append('%').toString();
    }
}
