package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restcost.client.event.CloseReason;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.RecordingListener;
import io.restcost.mock.MockMqWeb;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Idle sessions end on time without waiting for traffic: after a burst, every session past its
 * idle timeout (or its age) is retired and its connection closed, and neither
 * {@code openSessions()} nor the {@code sessions.active} gauge counts it. The clock is the
 * client's ticker, moved by the test: nothing here sleeps out a timeout.
 */
class IdleSessionsTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sessionsPastTheirIdleTimeoutEndWithoutTraffic(Engine engine) throws Exception {
        FakeTicker ticker = new FakeTicker();
        RecordingListener events = new RecordingListener();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (MockMqWeb mq = Mqweb.mock().start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).tls(Mqweb.trust(mq))
                     .auth(Mqweb.basic(mq)).policy(SessionPolicy.pooled(Duration.ofSeconds(20))).ticker(ticker)
                     .listener(events).meterRegistry(registry).build()) {
            assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 200, 4)).containsExactly(Map.entry(200, 200));
            int burst = client.openSessions();
            assertThat(burst).isGreaterThanOrEqualTo(2);
            ticker.advance(Duration.ofSeconds(19));
            assertThat(client.openSessions()).isEqualTo(burst);

            ticker.advance(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(client.openSessions()).isZero();
                assertThat(registry.get("restcost.client.sessions.active").gauge().value()).isZero();
                assertThat(mq.stats().closed()).isEqualTo(mq.stats().accepted()).isEqualTo(burst);
            });
            assertThat(events.retired(CloseReason.IDLE)).isEqualTo(burst);
            assertThat(events.closed(CloseReason.IDLE)).hasSize(burst);
            // The client goes on: a new session for the next request.
            assertThat(client.get(QMGR_PATH).status()).isEqualTo(200);
            assertThat(client.openSessions()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anIdleSessionPastItsAgeEndsWithoutTraffic(Engine engine) throws Exception {
        FakeTicker ticker = new FakeTicker();
        RecordingListener events = new RecordingListener();
        try (MockMqWeb mq = Mqweb.mock().start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).tls(Mqweb.trust(mq))
                     .auth(Mqweb.basic(mq)).policy(SessionPolicy.rotating().maxRequests(1000).maxAge(Duration.ofSeconds(10))
                             .idleTimeout(Duration.ofMinutes(5)).build())
                     .ticker(ticker).listener(events).build()) {
            assertThat(client.get(QMGR_PATH).status()).isEqualTo(200);
            ticker.advance(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(client.openSessions()).isZero();
                assertThat(mq.stats().closed()).isEqualTo(1);
            });
            assertThat(events.retired(CloseReason.MAX_AGE)).isEqualTo(1);
        }
    }
}
