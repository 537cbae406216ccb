package io.restcost.client.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A client's meters, under {@code restcost.client.}, fed by the client's events. Each
 * {@link #bindTo} registers a full set of meters in that registry, and every event is then
 * recorded in every registry bound so far. No meter is registered per request, so recording
 * costs a lookup in an array and the meter's own update.
 *
 * <p>Clients with the same tags in one registry share their meters, as Micrometer does for an
 * identical id: counters and timers are the totals of all of them, and the
 * {@code sessions.active} gauge reads the sum of the clients still open. {@link #close()} takes
 * this client out of that sum; the gauge leaves the registry with the last client of its tags,
 * so that it never reads a closed client. Counters and timers stay: they are totals that a
 * rebuilt client goes on adding to, and they keep what the close itself counted.
 *
 * <ul>
 *   <li>{@code restcost.client.requests} (timer): policy, engine, outcome, status class</li>
 *   <li>{@code restcost.client.connections.opened} (counter): tls = full | resumed | none</li>
 *   <li>{@code restcost.client.connections.closed} (counter): reason</li>
 *   <li>{@code restcost.client.connection.requests} (summary): exchanges a connection carried, at close</li>
 *   <li>{@code restcost.client.logins} (timer): outcome</li>
 *   <li>{@code restcost.client.sessions.active} (gauge)</li>
 * </ul>
 */
public final class ClientMetrics extends RestClientListener implements MeterBinder, AutoCloseable {

    /** Status classes a request timer is kept for; index 0 is "none" (no response). */
    private static final String[] STATUS_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final String[] OUTCOMES = {"success", "client_error", "server_error", "io_error"};
    private static final int IO_ERROR = 3;

    private final String policy;
    private final String engine;
    private final IntSupplier activeSessions;
    // Copied on each bind, read on every event: binding is rare, recording is not.
    private volatile Meters[] bound = new Meters[0];
    private final List<Runnable> gaugesToLeave = new ArrayList<>(); // guarded by this

    /**
     * @param policy the policy's tag, e.g. {@code rotating}
     * @param engine the engine's tag, e.g. {@code okhttp}
     * @param activeSessions reads the sessions open now
     */
    public ClientMetrics(String policy, String engine, IntSupplier activeSessions) {
        this.policy = policy;
        this.engine = engine;
        this.activeSessions = activeSessions;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Meters[] next = Arrays.copyOf(bound, bound.length + 1);
        next[bound.length] = new Meters(registry, base());
        bound = next;
        gaugesToLeave.add(SessionsGauge.join(registry, base(), activeSessions));
    }

    /** Takes this client out of the {@code sessions.active} gauges it joined; idempotent. */
    @Override
    public synchronized void close() {
        gaugesToLeave.forEach(Runnable::run);
        gaugesToLeave.clear();
    }

    private Tags base() {
        return Tags.of(MetricTag.POLICY.key(), policy, MetricTag.ENGINE.key(), engine);
    }

    /** One registry's meters. */
    private final class Meters {
        final Timer[] requestTimers = new Timer[OUTCOMES.length * STATUS_CLASSES.length];
        final Counter openedFull;
        final Counter openedResumed;
        final Counter openedPlain;
        final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);
        final DistributionSummary requestsPerConnection;
        final DistributionSummary streamsPerConnection;
        final Timer loginSuccess;
        final Timer loginFailure;

        Meters(MeterRegistry registry, Tags base) {
            for (int o = 0; o < OUTCOMES.length; o++) {
                for (int s = 0; s < STATUS_CLASSES.length; s++) {
                    boolean possible = o == IO_ERROR ? s == 0 : s != 0;
                    if (possible) {
                        requestTimers[o * STATUS_CLASSES.length + s] = Timer.builder("restcost.client.requests")
                                .description("Requests from start to whole response (or failure), retries and logins included")
                                .tags(base).tag(MetricTag.OUTCOME.key(), OUTCOMES[o]).tag(MetricTag.STATUS.key(), STATUS_CLASSES[s])
                                .register(registry);
                    }
                }
            }
            openedFull = opened(registry, base, "full");
            openedResumed = opened(registry, base, "resumed");
            openedPlain = opened(registry, base, "none");
            for (CloseReason r : CloseReason.values()) {
                closed.put(r, Counter.builder("restcost.client.connections.closed")
                        .description("Connections closed, by why")
                        .tags(base).tag(MetricTag.REASON.key(), r.tag()).register(registry));
            }
            requestsPerConnection = DistributionSummary.builder("restcost.client.connection.requests")
                    .description("Exchanges (requests and logins) a connection carried, recorded when it closed")
                    .baseUnit("requests").tags(base).register(registry);
            streamsPerConnection = DistributionSummary.builder("restcost.client.connection.streams")
                    .description("The most streams an HTTP/2 connection carried at once, recorded when it closed")
                    .baseUnit("streams").tags(base).register(registry);
            loginSuccess = login(registry, base, "success");
            loginFailure = login(registry, base, "failure");
        }
    }

    /**
     * One {@code sessions.active} gauge per registry and tags, reading the sum of the clients
     * that share them: Micrometer keeps the first gauge registered for an id, so a gauge of one
     * client's own would go on reading it after it closed.
     */
    private static final class SessionsGauge {
        private static final Map<MeterRegistry, Map<Tags, SessionsGauge>> ALL = new WeakHashMap<>();

        private final List<IntSupplier> clients = new CopyOnWriteArrayList<>();
        private Gauge gauge;

        private double value() {
            int n = 0;
            for (IntSupplier c : clients) {
                n += c.getAsInt();
            }
            return n;
        }

        /** Adds {@code client} to the gauge of {@code tags} in {@code registry}; returns what takes it out again. */
        static Runnable join(MeterRegistry registry, Tags tags, IntSupplier client) {
            synchronized (ALL) {
                Map<Tags, SessionsGauge> byTags = ALL.computeIfAbsent(registry, r -> new HashMap<>());
                SessionsGauge g = byTags.get(tags);
                if (g == null) {
                    g = new SessionsGauge();
                    g.gauge = Gauge.builder("restcost.client.sessions.active", g, SessionsGauge::value)
                            .description("Sessions open now, idle or in use")
                            .baseUnit("sessions").tags(tags).strongReference(true).register(registry);
                    byTags.put(tags, g);
                }
                g.clients.add(client);
                SessionsGauge joined = g;
                return () -> joined.leave(registry, tags, client);
            }
        }

        private void leave(MeterRegistry registry, Tags tags, IntSupplier client) {
            synchronized (ALL) {
                if (!clients.remove(client) || !clients.isEmpty()) {
                    return;
                }
                registry.remove(gauge);
                Map<Tags, SessionsGauge> byTags = ALL.get(registry);
                if (byTags != null && byTags.get(tags) == this) {
                    byTags.remove(tags);
                }
            }
        }
    }

    private static Counter opened(MeterRegistry registry, Tags base, String tls) {
        return Counter.builder("restcost.client.connections.opened")
                .description("Connections opened, by TLS handshake kind (full, resumed, or none for plain HTTP)")
                .tags(base).tag(MetricTag.TLS.key(), tls).register(registry);
    }

    private static Timer login(MeterRegistry registry, Tags base, String outcome) {
        return Timer.builder("restcost.client.logins")
                .description("Logins (POST /login) and how long they took")
                .tags(base).tag(MetricTag.OUTCOME.key(), outcome).register(registry);
    }

    @Override
    public void requestEnd(RestRequest request, RestResponse response, long nanos) {
        int status = response.status();
        int cls = status >= 100 && status < 600 ? status / 100 : 0;
        int outcome = status >= 500 ? 2 : status >= 400 ? 1 : 0;
        int index = outcome * STATUS_CLASSES.length + cls;
        for (Meters m : bound) {
            Timer t = m.requestTimers[index];
            if (t != null) {
                t.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    @Override
    public void requestFailed(RestRequest request, IOException cause, long nanos) {
        for (Meters m : bound) {
            m.requestTimers[IO_ERROR * STATUS_CLASSES.length].record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void connectEnd(SessionInfo session, InetSocketAddress address) {
        if (!session.secure()) {
            for (Meters m : bound) {
                m.openedPlain.increment();
            }
        }
    }

    @Override
    public void secureConnectEnd(SessionInfo session, boolean resumed, String protocol, String applicationProtocol) {
        for (Meters m : bound) {
            (resumed ? m.openedResumed : m.openedFull).increment();
        }
    }

    @Override
    public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
        for (Meters m : bound) {
            m.closed.get(reason).increment();
            m.requestsPerConnection.record(exchanges);
        }
    }

    @Override
    public void streamsOnConnection(SessionInfo session, int mostInFlight, int serverMaxConcurrentStreams) {
        for (Meters m : bound) {
            m.streamsPerConnection.record(mostInFlight);
        }
    }

    @Override
    public void loginEnd(Origin origin, long nanos) {
        for (Meters m : bound) {
            m.loginSuccess.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void loginFailed(Origin origin, IOException cause, long nanos) {
        for (Meters m : bound) {
            m.loginFailure.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
