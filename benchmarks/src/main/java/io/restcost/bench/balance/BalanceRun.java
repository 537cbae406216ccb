package io.restcost.bench.balance;

import io.restcost.bench.client.ClientCounters;
import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.client.EngineChoice;
import io.restcost.bench.client.HttpSpec;
import io.restcost.bench.load.LatencyRecorder;
import io.restcost.bench.client.LoadClient;
import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.load.LoadRunner;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.load.RunControl;
import io.restcost.bench.client.Timeouts;
import io.restcost.bench.results.BalanceResults;
import io.restcost.cli.TempFolders;
import io.restcost.client.http.HostResolver;
import io.restcost.client.http.RestRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What rotation buys: one policy at a fixed rate against K instances ({@link BackendSet}),
 * K - 1 of them up at the start, reached either through one host name that the client
 * resolves again at each session, or through a real HAProxy ({@link HaproxyFront}). A third of the way in the last one
 * comes up; two thirds of the way in the first one is taken out and stopped. Once a second
 * it reads every instance's own request and login counts and the client's errors, so the
 * result shows, per instance and per second, who carried the work, how soon the added
 * instance got its fair share, and what the removal cost.
 *
 * <p>Each of the C threads sends through a client of its own, as C application instances
 * would, so each holds exactly one session and carries an equal part of the rate. One client
 * shared by the threads would hand its work to whichever session was used last, and open a
 * session when requests happen to overlap: then how many connections pooled held, and which
 * instance carried the work, would depend on timing (a warm JVM's first requests overlap
 * less; adding an instance in this JVM stalls the threads, which then send together), and a
 * pooled client could reach the added instance by chance.
 */
public final class BalanceRun {

    /** "Within 10% of a fair share": at least 90% of an equal part of the requests (see {@link #equalPart}). */
    public static final double FAIR = 0.9;
    /** The added instance's share is judged over windows of this many seconds. */
    public static final int HOLD_SECONDS = 3;


    /** How the client reaches the instances. */
    public sealed interface Route {

        /** In words, for the report: e.g. "client resolver, round-robin". */
        String text();

        /** One host name that resolves to the instances that are up, ordered at each session. */
        record Resolver(HostResolverOrder order) implements Route {
            @Override
            public String text() {
                return "client resolver, " + (order == HostResolverOrder.ROUND_ROBIN ? "round-robin" : "random");
            }
        }

        /** A real HAProxy in TCP mode, round-robin, its binary at {@code binary}. */
        record Haproxy(Path binary) implements Route {
            @Override
            public String text() {
                return "HAProxy, TCP mode, round-robin";
            }
        }
    }

    private BalanceRun() {
    }

    /**
     * Runs one scenario on a new set of {@code instances} instances. Their state (generated
     * passwords, keys, the shared LTPA key) lives in a temporary folder deleted afterwards,
     * never among the results; HAProxy's configuration and log go to {@code frontDir}.
     */
    public static BalanceResults.Scenario run(PolicySpec policy, HttpSpec http, EngineChoice engine, String auth, double rate, int concurrency,
            Duration duration, int instances, Route route, Timeouts timeouts, Path frontDir, RunControl control, PrintStream progress)
            throws InterruptedException, IOException {
        Path stateDir = Files.createTempDirectory("restcost-balance");
        try {
            return run(policy, http, engine, auth, rate, concurrency, duration, instances, route, timeouts, stateDir, frontDir, control,
                    progress);
        } finally {
            TempFolders.deleteTree(stateDir);
        }
    }

    private static BalanceResults.Scenario run(PolicySpec policy, HttpSpec http, EngineChoice engine, String auth, double rate, int concurrency,
            Duration duration, int instances, Route route, Timeouts timeouts, Path stateDir, Path frontDir, RunControl control,
            PrintStream progress)
            throws InterruptedException, IOException {
        try (BackendSet set = BackendSet.create(instances, stateDir).startAllButLast();
             HaproxyFront front = route instanceof Route.Haproxy h ? HaproxyFront.start(h.binary(), set, frontDir) : null) {
            int port = front == null ? set.port() : front.port();
            ClientSpec spec = new ClientSpec(URI.create("https://" + BackendSet.HOST + ":" + port), engine, auth, "mqadmin",
                    set.password("mqadmin").toCharArray(), set.caPem(), null, null, null, null, null, null, false, null, null, timeouts, http);
            ClientCounters counters = new ClientCounters();
            HostResolver resolver = route instanceof Route.Resolver r ? r.order().apply(set.resolver())
                    : HostResolver.fixed(Map.of(BackendSet.HOST, List.of(InetAddress.getByName("127.0.0.1"))), HostResolver.system());
            RestRequest request = RestRequest.get("/ibmmq/rest/v2/admin/qmgr");
            double seconds = duration.toMillis() / 1000.0;
            double addAt = seconds / 3;
            double removeAt = 2 * seconds / 3;
            Timeline timeline = new Timeline(set, counters, instances, policy.shortName(), progress);
            ScheduledExecutorService events = null;
            LoadRunner.Result r;
            List<LoadClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < concurrency; i++) {
                    clients.add(spec.build(policy.policy(), counters, resolver));
                }
                AtomicInteger nextClient = new AtomicInteger();
                ThreadLocal<LoadClient> own = ThreadLocal.withInitial(() -> clients.get(nextClient.getAndIncrement() % clients.size()));
                events = addThenRemove(set, front, instances, addAt, removeAt);
                LoadPlan plan = new LoadPlan(concurrency, 0, duration, rate, Duration.ZERO);
                // every session carries rate / concurrency: none idles out of its connection
                r = LoadRunner.run(() -> own.get().send(request), plan, new LatencyRecorder(concurrency, 0), control, timeline,
                        LoadRunner.Schedule.PER_WORKER);
            } finally {
                if (events != null) {
                    events.shutdownNow();
                }
                clients.forEach(LoadClient::close);
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                names.add(set.address(i));
            }
            Double toFair = secondsToFairShare(timeline.requests, instances - 1, (int) Math.floor(addAt), (int) Math.floor(removeAt),
                    instances, concurrency);
            long afterRemoval = 0;
            for (int s = (int) Math.floor(removeAt); s < timeline.errors.size(); s++) {
                afterRemoval += timeline.errors.get(s);
            }
            String name = policy.shortName() + (http != null && http.http2() ? " HTTP/2" : "");
            return new BalanceResults.Scenario(name, policy.text(), engine.tag(), auth, rate, concurrency, names,
                    timeline.requests, timeline.logins, timeline.errors, addAt, removeAt, toFair, afterRemoval, r.errors().asMap(),
                    r.requests(), r.errors().total(), counters.connectionsOpened(), timeline.connections,
                    front == null ? route.text() : front.version() + ", TCP mode, round-robin", front == null ? null : front.sessions(),
                    http == null ? HttpSpec.HTTP_1_1 : http.version());
        }
    }

    /**
     * The scenario's two events: the last instance comes up at {@code addAt} seconds; at
     * {@code removeAt} the first is drained, as an operator does (out of the name, or out of
     * HAProxy's rotation), then stopped.
     */
    private static ScheduledExecutorService addThenRemove(BackendSet set, HaproxyFront front, int instances, double addAt, double removeAt) {
        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "balance-events");
            t.setDaemon(true);
            return t;
        });
        events.schedule(() -> set.start(instances - 1), Math.round(addAt * 1000), TimeUnit.MILLISECONDS);
        events.schedule(() -> {
            if (front != null) {
                front.drain(0);
            }
            set.stop(0);
        }, Math.round(removeAt * 1000), TimeUnit.MILLISECONDS);
        return events;
    }

    /** Second by second: each instance's requests and logins as it counted them, and the client's errors and new connections. */
    private static final class Timeline implements LoadRunner.IntervalListener {

        final List<long[]> requests = new ArrayList<>();
        final List<long[]> logins = new ArrayList<>();
        final List<Long> errors = new ArrayList<>();
        final List<Long> connections = new ArrayList<>();
        private final BackendSet set;
        private final ClientCounters counters;
        private final String policy;
        private final PrintStream progress;
        private final long[] lastRequests;
        private final long[] lastLogins;
        private long lastErrors;
        private long lastConnections;

        Timeline(BackendSet set, ClientCounters counters, int instances, String policy, PrintStream progress) {
            this.set = set;
            this.counters = counters;
            this.policy = policy;
            this.progress = progress;
            this.lastRequests = new long[instances];
            this.lastLogins = new long[instances];
        }

        @Override
        public void interval(LoadRunner.Interval interval) {
            long[] req = new long[lastRequests.length];
            long[] log = new long[lastRequests.length];
            for (int i = 0; i < req.length; i++) {
                long now = set.requests(i);
                req[i] = now - lastRequests[i];
                lastRequests[i] = now;
                long l = set.logins(i);
                log[i] = l - lastLogins[i];
                lastLogins[i] = l;
            }
            requests.add(req);
            logins.add(log);
            errors.add(interval.errorsSoFar() - lastErrors);
            lastErrors = interval.errorsSoFar();
            long opened = counters.connectionsOpened();
            connections.add(opened - lastConnections);
            lastConnections = opened;
            if (progress != null) {
                progress.printf("[balance %-12s %3.0fs] %s  errors %d%n", policy, interval.elapsedSeconds(), java.util.Arrays.toString(req),
                        interval.errorsSoFar());
            }
        }
    }

    /**
     * An equal part of the requests for one of {@code instances} instances, when {@code clients}
     * clients of one session each carry equal parts: what the instance with the fewest clients
     * gets under the most even spread, {@code floor(C / K) / C}. That is {@code 1 / K} when C is
     * a multiple of K; 8 clients over 3 instances spread 3, 3 and 2, so an equal part is 2 of 8.
     * With fewer clients than instances, {@code 1 / K}.
     */
    public static double equalPart(int clients, int instances) {
        int least = clients / instances;
        return least == 0 ? 1.0 / instances : (double) least / clients;
    }

    /**
     * Seconds from {@code addedSecond} until instance {@code added} carried at least
     * {@link #FAIR} of {@link #equalPart} of the requests over a window of
     * {@link #HOLD_SECONDS} seconds (one second's share swings with which sessions happen to
     * rotate in it), counted to the end of the window's first second; null if no such window
     * ends by {@code removedSecond}.
     */
    public static Double secondsToFairShare(List<long[]> requests, int added, int addedSecond, int removedSecond, int instances,
            int clients) {
        double fair = FAIR * equalPart(clients, instances);
        int end = Math.min(removedSecond, requests.size());
        for (int s = Math.max(0, addedSecond); s + HOLD_SECONDS <= end; s++) {
            long total = 0;
            long mine = 0;
            for (int k = s; k < s + HOLD_SECONDS; k++) {
                for (long v : requests.get(k)) {
                    total += v;
                }
                mine += requests.get(k)[added];
            }
            if (total > 0 && (double) mine / total >= fair) {
                return (double) (s + 1 - addedSecond);
            }
        }
        return null;
    }

    /** How the client orders the name's addresses at each session. */
    public enum HostResolverOrder {
        ROUND_ROBIN, RANDOM;

        HostResolver apply(HostResolver source) {
            return this == ROUND_ROBIN ? HostResolver.roundRobin(source) : HostResolver.random(source, new java.util.SplittableRandom());
        }
    }
}
