package io.restcost.client.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.restcost.client.Origin;
import io.restcost.client.RestClientListener;
import io.restcost.client.RestRequest;
import io.restcost.client.RestResponse;
import io.restcost.client.session.CloseReason;
import io.restcost.client.session.SessionInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A client's meters, under {@code restcost.client.}: bound once to a registry, then fed by the
 * client's events. Every meter is registered in {@link #bindTo}, none per request, so
 * recording costs a lookup in an array and the meter's own update.
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
public final class ClientMetrics extends RestClientListener implements MeterBinder {

    /** Status classes a request timer is kept for; index 0 is "none" (no response). */
    private static final String[] STATUS_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final String[] OUTCOMES = {"success", "client_error", "server_error", "io_error"};

    private final String policy;
    private final String engine;
    private final IntSupplier activeSessions;

    private Timer[] requestTimers;
    private Counter openedFull;
    private Counter openedResumed;
    private Counter openedPlain;
    private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);
    private DistributionSummary requestsPerConnection;
    private Timer loginSuccess;
    private Timer loginFailure;

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
    public void bindTo(MeterRegistry registry) {
        Tags base = Tags.of(MetricTag.POLICY.key(), policy, MetricTag.ENGINE.key(), engine);
        Timer[] timers = new Timer[OUTCOMES.length * STATUS_CLASSES.length];
        for (int o = 0; o < OUTCOMES.length; o++) {
            for (int s = 0; s < STATUS_CLASSES.length; s++) {
                boolean possible = o == 3 ? s == 0 : s != 0;
                if (possible) {
                    timers[o * STATUS_CLASSES.length + s] = Timer.builder("restcost.client.requests")
                            .description("Requests from start to whole response (or failure), retries and logins included")
                            .tags(base).tag(MetricTag.OUTCOME.key(), OUTCOMES[o]).tag(MetricTag.STATUS.key(), STATUS_CLASSES[s])
                            .register(registry);
                }
            }
        }
        requestTimers = timers;
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
        loginSuccess = login(registry, base, "success");
        loginFailure = login(registry, base, "failure");
        Gauge.builder("restcost.client.sessions.active", activeSessions, IntSupplier::getAsInt)
                .description("Sessions open now, idle or in use")
                .baseUnit("sessions").tags(base).register(registry);
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
        Timer t = requestTimers[outcome * STATUS_CLASSES.length + cls];
        if (t != null) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void requestFailed(RestRequest request, IOException cause, long nanos) {
        requestTimers[3 * STATUS_CLASSES.length].record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void connectEnd(SessionInfo session, InetSocketAddress address) {
        if (!session.secure()) {
            openedPlain.increment();
        }
    }

    @Override
    public void secureConnectEnd(SessionInfo session, boolean resumed, String protocol) {
        (resumed ? openedResumed : openedFull).increment();
    }

    @Override
    public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
        closed.get(reason).increment();
        requestsPerConnection.record(exchanges);
    }

    @Override
    public void loginEnd(Origin origin, long nanos) {
        loginSuccess.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void loginFailed(Origin origin, IOException cause, long nanos) {
        loginFailure.record(nanos, TimeUnit.NANOSECONDS);
    }
}
