package io.restcost.client.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restcost.client.event.CloseReason;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import io.restcost.client.session.RotationLimits;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ClientMetricsTest {

    @Test
    void bindingToASecondRegistryLeavesTheFirstRecording() {
        ClientMetrics metrics = new ClientMetrics("rotating", "okhttp", () -> 2);
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        metrics.bindTo(first);
        metrics.bindTo(second);
        SessionInfo info = new SessionInfo(1, Origin.of(URI.create("https://h:1")), RotationLimits.NONE, 0);
        metrics.secureConnectEnd(info, false, "TLSv1.3", "http/1.1");
        metrics.connectionClosed(info, CloseReason.MAX_REQUESTS, 50);
        for (SimpleMeterRegistry r : new SimpleMeterRegistry[] {first, second}) {
            assertThat(r.get("restcost.client.connections.opened").tag("tls", "full").counter().count()).isEqualTo(1);
            assertThat(r.get("restcost.client.connections.closed").tag("reason", "max_requests").counter().count()).isEqualTo(1);
            assertThat(r.get("restcost.client.connection.requests").summary().totalAmount()).isEqualTo(50);
            assertThat(r.get("restcost.client.sessions.active").gauge().value()).isEqualTo(2);
        }
    }
}
