package io.restcost.bench.advise;

import io.restcost.bench.client.ClientCounters;
import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.client.LoadClient;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.load.LatencyRecorder;
import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.load.LoadRunner;
import io.restcost.bench.load.RunControl;
import io.restcost.bench.results.Environment;
import io.restcost.bench.servercpu.ServerCpuSource;
import io.restcost.client.http.RestRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@code restcost advise}'s experiment: the server's CPU at idle, then rounds of short
 * slices, one per strategy, interleaved (A B C, B C A, C A B ...: each strategy takes each place
 * in turn), so that the machine's drift and the server's own rhythm fall on every strategy
 * alike. Round 0 warms the client and the server and is not counted. Each strategy keeps one
 * client for the whole run, so pooled stays pooled and a rotation carries on across its slices.
 * Once a strategy's answer is in ({@code settled}), later rounds leave it out and measure the
 * undecided ones against pooled more often. It stops when the judge says it is decided, before a round
 * would end past the time limit, or when {@code control} is stopped (Ctrl-C): what was measured
 * is kept.
 */
public final class InterleavedRun {

    /**
     * What was measured, why it stopped (decided, time-limit or interrupted), how long its last
     * round took, and the server's CPU per second at idle (before the load, and after it).
     */
    public record Measured(List<Slice> slices, double seconds, String endedBy, double roundSeconds, List<Double> idleReadings) {
    }

    /** What the slices so far settle: whether the answer is decided, and the strategies later rounds can leave out. */
    public record Progress(boolean decided, java.util.Set<String> settled) {
    }

    /**
     * @param policies the strategies, in their first round's order
     * @param rates each policy's open-model rate
     * @param source the server's CPU, or null
     */
    public record Plan(ClientSpec client, RestRequest request, List<PolicySpec> policies, List<Double> rates, int concurrency,
            Duration slice, Duration timeLimit, Duration idle) {
    }

    private final Plan plan;
    private final ServerCpuSource source;
    private final RunControl control;
    private final PrintStream progress;

    public InterleavedRun(Plan plan, ServerCpuSource source, RunControl control, PrintStream progress) {
        this.plan = plan;
        this.source = source;
        this.control = control;
        this.progress = progress;
    }

    /**
     * @param judge after each round, what the slices so far settle
     * @throws IOException when the server's CPU cannot be read (the message names the source)
     */
    public Measured run(java.util.function.Function<Measured, Progress> judge) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Double idle = idle("before any load");
        List<Slice> slices = new ArrayList<>();
        List<ClientCounters> counters = new ArrayList<>();
        List<LoadClient> clients = new ArrayList<>();
        String endedBy = "time-limit";
        double roundSeconds = 0; // the last round's: what one more round of the strategies still measured takes
        try {
            for (PolicySpec p : plan.policies()) {
                ClientCounters c = new ClientCounters();
                counters.add(c);
                clients.add(plan.client().build(p.policy(), c, plan.concurrency()));
            }
            java.util.Set<String> done = java.util.Set.of();
            for (int round = 0; !control.stopping(); round++) {
                long roundStart = System.nanoTime();
                runRound(round, clients, counters, slices, done);
                roundSeconds = (System.nanoTime() - roundStart) / 1e9;
                if (control.stopping()) {
                    break;
                }
                Progress p = judge.apply(new Measured(List.copyOf(slices), (System.nanoTime() - start) / 1e9, endedBy, roundSeconds,
                        idle == null ? List.of() : List.of(idle)));
                if (p.decided()) {
                    endedBy = "decided";
                    break;
                }
                done = p.settled();
                long left = plan.timeLimit().toNanos() - (System.nanoTime() - start);
                if (left < System.nanoTime() - roundStart) {
                    break;
                }
            }
        } finally {
            for (LoadClient c : clients) {
                c.close();
            }
        }
        if (control.stopping()) {
            endedBy = "interrupted";
        }
        // A server just started is still compiling at idle: the idle after the load tells its background too (the judge takes the lower).
        Double after = control.stopping() ? null : idle("after the load");
        List<Double> readings = new ArrayList<>();
        if (idle != null) {
            readings.add(idle);
        }
        if (after != null) {
            readings.add(after);
        }
        return new Measured(List.copyOf(slices), (System.nanoTime() - start) / 1e9, endedBy, roundSeconds, List.copyOf(readings));
    }

    /** The server's CPU per second over an idle window; null without a source or with no idle window. */
    private Double idle(String when) throws IOException, InterruptedException {
        if (source == null || plan.idle().isZero()) {
            return null;
        }
        say("reading the server's CPU at idle for " + plan.idle().toSeconds() + " s, " + when);
        long t0 = System.nanoTime();
        long c0 = source.cpuNanos();
        long end = t0 + plan.idle().toNanos();
        while (System.nanoTime() < end && !control.stopping()) {
            Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        long c1 = source.cpuNanos();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return Math.round((c1 - c0) / 1000.0 / seconds * 10) / 10.0;
    }

    /** One slice of each strategy not yet {@code settled}, each taking each place in the round in turn. */
    private void runRound(int round, List<LoadClient> clients, List<ClientCounters> counters, List<Slice> slices,
            java.util.Set<String> settled) throws IOException, InterruptedException {
        int n = plan.policies().size();
        for (int i = 0; i < n && !control.stopping(); i++) {
            int k = (i + round) % n;
            if (!settled.contains(plan.policies().get(k).shortName())) {
                slices.add(slice(round, k, clients.get(k), counters.get(k)));
            }
        }
    }

    private Slice slice(int round, int k, LoadClient client, ClientCounters c) throws IOException, InterruptedException {
        PolicySpec p = plan.policies().get(k);
        double rate = plan.rates().get(k);
        LoadPlan load = new LoadPlan(plan.concurrency(), 0, plan.slice(), rate, Duration.ZERO);
        long conns = c.connectionsOpened();
        long full = c.fullHandshakes();
        long resumed = c.resumedHandshakes();
        long logins = c.logins();
        String what = (round == 0 ? "warm-up, " : "round " + round + ", ") + p.shortName();
        long server0 = source == null ? 0 : source.cpuNanos();
        long client0 = Environment.processCpuNanos();
        LoadRunner.Result r = LoadRunner.run(() -> client.send(plan.request()), load, new LatencyRecorder(plan.concurrency(), 0), control,
                interval -> { });
        long client1 = Environment.processCpuNanos();
        Double server = source == null ? null : (source.cpuNanos() - server0) / 1000.0;
        Slice s = new Slice(round, p.shortName(), rate, r.elapsedNanos() / 1e9, r.requests(), r.errors().total(), server,
                (client1 - client0) / 1000.0, c.connectionsOpened() - conns, c.fullHandshakes() - full, c.resumedHandshakes() - resumed,
                c.logins() - logins);
        say(String.format(Locale.ROOT, "[%s] %,d requests in %.1f s%s, server %s, client %.0f us/request", what, s.requests(), s.seconds(),
                s.errors() > 0 ? ", " + s.errors() + " errors" : "", s.serverPerRequest() == null ? "n/a"
                        : String.format(Locale.ROOT, "%.0f", s.serverPerRequest()), s.clientPerRequest()));
        return s;
    }

    private void say(String line) {
        if (progress != null) {
            progress.println(line);
        }
    }
}
