package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.Mqweb;
import io.restcost.mock.MockMqWeb;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Micrometer meters agree with what the server counted. */
class MetricsTest {

    private static double count(MeterRegistry r, String name, String tag, String value) {
        return r.get(name).tag(tag, value).counter().count();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void metersCountConnectionsHandshakesClosesRequestsAndLogins(Engine engine) throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine)
                    .tls(Mqweb.trust(mq)).meterRegistry(registry)
                    .policy(SessionPolicy.rotating().maxRequests(10).build())
                    .auth(Mqweb.ltpa(mq)).build()) {
                Load.run(client, RestRequest.get(QMGR_PATH), 100, 1);
                assertThat(registry.get("restcost.client.sessions.active").gauge().value()).isEqualTo(0);
                client.get(QMGR_PATH);
                assertThat(registry.get("restcost.client.sessions.active").gauge().value()).isEqualTo(1);
            }
            Mqweb.awaitAllClosed(mq);
            long connections = mq.stats().accepted();
            assertThat(connections).isEqualTo(11);
            assertThat(count(registry, "restcost.client.connections.opened", "tls", "full"))
                    .isEqualTo(mq.stats().fullHandshakes());
            assertThat(count(registry, "restcost.client.connections.opened", "tls", "resumed"))
                    .isEqualTo(mq.stats().resumedHandshakes()).isPositive();
            assertThat(count(registry, "restcost.client.connections.closed", "reason", "max_requests")).isEqualTo(10);
            assertThat(count(registry, "restcost.client.connections.closed", "reason", "client_closed")).isEqualTo(1);
            // Exchanges per connection: 100 requests + 1 + the login and the logout = 103 over 11 connections.
            assertThat(registry.get("restcost.client.connection.requests").summary().totalAmount())
                    .isEqualTo(mq.stats().requestsOnClosedConnections()).isEqualTo(103);
            assertThat(registry.get("restcost.client.requests").tag("outcome", "success").tag("status", "2xx")
                    .tag("policy", "rotating").tag("engine", engine.tag()).timer().count()).isEqualTo(101);
            assertThat(registry.get("restcost.client.logins").tag("outcome", "success").timer().count()).isEqualTo(1);
        }
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getDescription()).isNotBlank());
        // Bounded tags only: no URL, user or token ever becomes a tag value.
        Set<String> tagValues = registry.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(t -> t.getValue()).collect(Collectors.toSet());
        assertThat(tagValues).noneMatch(v -> v.contains("/") || v.contains("mqadmin") || v.contains("127.0.0.1"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFailedHandshakeIsAFailureNotAConnectionOpenedOrClosed(Engine engine) throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger failed = new AtomicInteger();
        // The JDK's default trust does not know the test CA: the client aborts the handshake.
        try (MockMqWeb mq = Mqweb.mock().start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).meterRegistry(registry)
                     .listener(new RestClientListener() {
                         @Override
                         public void secureConnectFailed(SessionInfo s, IOException cause) {
                             failed.incrementAndGet();
                         }
                     }).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.get(QMGR_PATH))
                    .isInstanceOf(IOException.class);
        }
        assertThat(failed).hasPositiveValue();
        double opened = registry.find("restcost.client.connections.opened").counters().stream().mapToDouble(c -> c.count()).sum();
        double closed = registry.find("restcost.client.connections.closed").counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(opened).isZero();
        assertThat(closed).isZero();
        assertThat(registry.get("restcost.client.requests").tag("outcome", "io_error").timer().count()).isEqualTo(1);
    }
}
