package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restcost.client.auth.Auth;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.FakeTransport;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.tls.TlsResumption;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The builder keeps only what was set; a listener's failure never reaches a request. */
class RestClientBuilderTest {

    static final URI BASE = URI.create("https://localhost:9443");

    @Test
    void buildLeavesDefaultsOutOfTheBuilderSoItCanBeChangedAndBuiltAgain() {
        RestClientBuilder builder = RestClient.builder().baseUri(BASE);
        try (RestClient first = builder.build()) {
            assertThat(first.engine()).isEqualTo(Engine.APACHE_HTTPCLIENT5);
            assertThat(first.policy()).isEqualTo(SessionPolicy.pooled());
        }
        // The user never set an engine: setting one now is no conflict.
        builder.engine(Engine.OKHTTP).policy(SessionPolicy.oneShot());
        try (RestClient second = builder.build()) {
            assertThat(second.engine()).isEqualTo(Engine.OKHTTP);
            assertThat(second.policy()).isEqualTo(SessionPolicy.oneShot());
            assertThat(second.tlsResumption()).isEqualTo(TlsResumption.FULL_HANDSHAKE);
        }
        assertThatThrownBy(() -> builder.engine(Engine.APACHE_HTTPCLIENT5))
                .isInstanceOf(IllegalStateException.class).hasMessage("engine was already set to OKHTTP");
    }

    @Test
    void everySettingMayBeGivenOnce() {
        assertThatThrownBy(() -> RestClient.builder().csrfHeader(false).csrfHeader(true))
                .isInstanceOf(IllegalStateException.class).hasMessage("csrfHeader was already set to false");
        assertThatThrownBy(() -> RestClient.builder().listener(RestClientListener.NONE).listener(new RecordingListener()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("listener was already set");
        assertThatThrownBy(() -> RestClient.builder().baseUri(null))
                .isInstanceOf(NullPointerException.class).hasMessage("baseUri");
    }

    /** A listener that throws in every event. */
    static final class Throwing extends RestClientListener {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void requestStart(RestRequest request) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void requestEnd(RestRequest request, RestResponse response, long nanos) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void sessionOpened(io.restcost.client.event.SessionInfo session) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        }
    }

    @Test
    void aListenerThatThrowsNeitherFailsTheRequestNorSilencesTheMetrics() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Throwing throwing = new Throwing();
        try (RestClient client = RestClient.builder().baseUri(URI.create("http://127.0.0.1:1")).meterRegistry(registry)
                .listener(throwing).build()) {
            // Nothing listens on port 1: the request fails in connect, and the metrics still see it.
            assertThatThrownBy(() -> client.get("/x")).isInstanceOf(java.io.IOException.class);
        }
        assertThat(throwing.calls).hasPositiveValue();
        assertThat(registry.get("restcost.client.requests").tag("outcome", "io_error").timer().count()).isEqualTo(1);
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheRequest() throws Exception {
        Throwing throwing = new Throwing();
        FakeTransport engine = FakeTransport.ok();
        try (RestClient client = new RestClient(Origin.of(BASE), engine, SessionPolicy.pooled(), Engine.OKHTTP, Auth.none(),
                true, io.restcost.client.internal.Listeners.of(throwing), new FakeTicker(), null, TlsResumption.RESUME)) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/ibmmq/rest/v2/admin/qmgr").status()).isEqualTo(200);
            }
        }
        // requestStart and requestEnd for each request, and one session opened.
        assertThat(throwing.calls).hasValue(7);
        assertThat(engine.sent()).hasSize(3);
    }
}
