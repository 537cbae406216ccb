package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.Listeners;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.FakeTransport;
import io.restcost.client.testing.FakeTransport.FakeResponse;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.tls.TlsResumption;
import io.restcost.mock.MockMqWeb;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Errors and metrics tell the truth: a refused login surfaces as a login failure whatever the
 * request, every request that started ends in exactly one of end or failed, a gauge reads the
 * client it was registered for, and every connection opened is reported closed.
 */
class FailureReportingTest {

    static final URI BASE = URI.create("https://mqweb.test:9443");
    static final String LOGIN = "/ibmmq/rest/v2/login";

    /** Counts requestStart, requestEnd and requestFailed, and keeps the failures. */
    static final class Outcomes extends RestClientListener {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        final List<IOException> failed = new CopyOnWriteArrayList<>();

        @Override
        public void requestStart(RestRequest request) {
            started.incrementAndGet();
        }

        @Override
        public void requestEnd(RestRequest request, RestResponse response, long nanos) {
            ended.incrementAndGet();
        }

        @Override
        public void requestFailed(RestRequest request, IOException cause, long nanos) {
            failed.add(cause);
        }
    }

    static RestClient fakeClient(FakeTransport engine, Auth auth, RestClientListener... listeners) {
        return new RestClient(Origin.of(BASE), engine, SessionPolicy.pooled(), Engine.OKHTTP, auth, true,
                Listeners.of(listeners), new FakeTicker(), null, TlsResumption.RESUME);
    }

    @Test
    void aPostOnAReusedSessionWhoseReLoginIsRefusedFailsAsALoginFailure() throws Exception {
        AtomicInteger logins = new AtomicInteger();
        FakeTransport engine = new FakeTransport(sent -> {
            if (sent.method().equals("POST") && sent.path().equals(LOGIN)) {
                return logins.incrementAndGet() == 1 ? FakeResponse.of(204, "LtpaToken2_1=first; Secure; HttpOnly") : FakeResponse.of(401);
            }
            // The token expired on the server between the GET and the POST.
            return FakeResponse.of(sent.method().equals("GET") ? 200 : 401);
        });
        RecordingListener events = new RecordingListener();
        Outcomes outcomes = new Outcomes();
        try (RestClient client = fakeClient(engine, Auth.ltpa("mqadmin", "pw".toCharArray()), events, outcomes)) {
            assertThat(client.get("/ibmmq/rest/v2/admin/qmgr").status()).isEqualTo(200);
            assertThatThrownBy(() -> client.execute(RestRequest.postJson("/ibmmq/rest/v2/admin/action/qmgr/QM1/mqsc", "{}")))
                    .isInstanceOf(LoginFailedException.class).hasMessageContaining("HTTP 401")
                    .hasMessageNotContaining("reused connection");
            // The session's connection is fine: the server answered the login. It stays.
            assertThat(events.retired(CloseReason.ERROR)).isZero();
            assertThat(engine.sessionsClosed()).isZero();
            assertThat(outcomes.failed).singleElement().isInstanceOf(LoginFailedException.class);
        }
    }

    @Test
    void anUncheckedExceptionFromTheEngineEndsTheRequestAsFailed() throws Exception {
        FakeTransport engine = new FakeTransport(sent -> {
            throw new IllegalStateException("the engine broke");
        });
        Outcomes outcomes = new Outcomes();
        RecordingListener events = new RecordingListener();
        MeterRegistry registry = new SimpleMeterRegistry();
        io.restcost.client.internal.metrics.ClientMetrics metrics =
                new io.restcost.client.internal.metrics.ClientMetrics("pooled", "okhttp", () -> 0);
        metrics.bindTo(registry);
        try (RestClient client = fakeClient(engine, Auth.none(), outcomes, events, metrics)) {
            assertThatThrownBy(() -> client.get("/x")).isInstanceOf(IllegalStateException.class).hasMessage("the engine broke");
            assertThat(outcomes.started).hasValue(1);
            assertThat(outcomes.ended).hasValue(0);
            assertThat(outcomes.failed).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("the engine broke"));
            assertThat(registry.get("restcost.client.requests").tag("outcome", "io_error").timer().count()).isEqualTo(1);
            // Not given back as healthy: the session is retired as failed.
            assertThat(events.retired(CloseReason.ERROR)).isEqualTo(1);
            assertThat(engine.sessionsClosed()).isEqualTo(1);
        }
    }

    @Test
    void aHeaderNeitherEngineCanSendIsRefusedByTheRequestNamingTheHeader() {
        assertThatThrownBy(() -> RestRequest.builder("GET", "/x").header("X-Queue", "café"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header X-Queue: its value has a character that is not printable ASCII at index 3"
                        + " (HTTP headers are ASCII: encode the value, e.g. with URLEncoder)");
        assertThatThrownBy(() -> RestRequest.builder("GET", "/x").header("X-Queue", "a\r\nInjected: yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("header X-Queue: its value has a character");
        assertThatThrownBy(() -> RestRequest.builder("GET", "/x").header("X Queue", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header name \"X Queue\" has a character not allowed in a header name at index 1");
        assertThatThrownBy(() -> RestRequest.builder("GE T", "/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("method \"GE T\" has a character not allowed in a method at index 2");
        assertThatThrownBy(() -> RestRequest.builder("POST", "/x").body("json", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("contentType json is not a media type: write type/subtype, e.g. application/json");
        // What both engines send is still allowed.
        RestRequest ok = RestRequest.builder("post", "/x").header("X-Tab", "a\tb ~").body("application/json; charset=utf-8", new byte[0])
                .build();
        assertThat(ok.headerValue(0)).isEqualTo("a\tb ~");
    }

    @Test
    void aGaugeReadsTheClientItWasRegisteredForNotAClosedOneWithTheSameTags() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            RestClient first = RestClient.builder().baseUri(mq.baseUri()).tls(Mqweb.trust(mq)).auth(Mqweb.basic(mq))
                    .meterRegistry(registry).build();
            first.get(QMGR_PATH);
            first.close();
            try (RestClient second = RestClient.builder().baseUri(mq.baseUri()).tls(Mqweb.trust(mq)).auth(Mqweb.basic(mq))
                    .meterRegistry(registry).build()) {
                second.get(QMGR_PATH);
                assertThat(second.openSessions()).isEqualTo(1);
                assertThat(registry.get("restcost.client.sessions.active").gauge().value()).isEqualTo(1);
                // Two live clients with the same tags: the gauge counts both.
                try (RestClient third = RestClient.builder().baseUri(mq.baseUri()).tls(Mqweb.trust(mq)).auth(Mqweb.basic(mq))
                        .meterRegistry(registry).build()) {
                    third.get(QMGR_PATH);
                    assertThat(registry.get("restcost.client.sessions.active").gauge().value()).isEqualTo(2);
                }
                assertThat(registry.get("restcost.client.sessions.active").gauge().value()).isEqualTo(1);
                // Counters are shared by clients with the same tags, and outlive any one of them.
                assertThat(registry.get("restcost.client.requests").tag("outcome", "success").timer().count()).isEqualTo(3);
            }
            // The last client with those tags is closed: no gauge is left to read a closed client. The
            // counters are totals of every client with those tags, and keep what the closes counted.
            assertThat(registry.find("restcost.client.sessions.active").gauge()).isNull();
            assertThat(registry.get("restcost.client.requests").tag("outcome", "success").timer().count()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyConnectionOpenedIsReportedClosedWhenAStaleOneIsReplacedMidExchange(Engine engine) throws Exception {
        RecordingListener events = new RecordingListener();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).tls(Mqweb.trust(mq))
                    .auth(Mqweb.basic(mq)).policy(SessionPolicy.rotating().maxRequests(2).build())
                    .listener(events).meterRegistry(registry).build()) {
                assertThat(client.get(QMGR_PATH).status()).isEqualTo(200);
                // The server drops the idle connection; the client has not noticed. The session's second
                // (last) request meets it, is sent again on a new connection, which closes after it.
                mq.closeConnections();
                await().atMost(Duration.ofSeconds(10)).until(() -> mq.stats().closed() == 1);
                assertThat(client.get(QMGR_PATH).status()).isEqualTo(200);
            }
            Mqweb.awaitAllClosed(mq);
            assertThat(mq.stats().accepted()).isEqualTo(2);
            int closed = events.closedConnections.values().stream().mapToInt(List::size).sum();
            assertThat(closed).as("connections reported closed, by reason: %s", events.closedConnections)
                    .isEqualTo(events.connects.get()).isEqualTo(2);
            double opened = registry.find("restcost.client.connections.opened").counters().stream().mapToDouble(c -> c.count()).sum();
            double closedMeter = registry.find("restcost.client.connections.closed").counters().stream().mapToDouble(c -> c.count()).sum();
            assertThat(closedMeter).isEqualTo(opened).isEqualTo(2);
        }
    }
}
