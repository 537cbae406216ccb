package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restcost.client.event.CloseReason;
import io.restcost.client.session.RotationLimits;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.RecordingListener;
import io.restcost.mock.MockMqWeb;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Age and idle limits, driven by an injected ticker and random source: nothing sleeps. */
class TimeRotationTest {

    MockMqWeb mq;
    FakeTicker ticker;
    RecordingListener events;

    @BeforeEach
    void start() {
        mq = Mqweb.mock().start();
        ticker = new FakeTicker();
        events = new RecordingListener();
    }

    @AfterEach
    void stop() {
        mq.close();
    }

    private RestClient client(Engine engine, SessionPolicy policy) {
        return RestClient.builder().baseUri(mq.baseUri()).engine(engine).policy(policy)
                .tls(Mqweb.trust(mq)).auth(Mqweb.basic(mq))
                .ticker(ticker).random(new SplittableRandom(42)).listener(events).build();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSessionRetiresOnceItOutlivesTheAgeItDrewAtOpening(Engine engine) throws Exception {
        // An idle timeout longer than the ages, so that only age retires sessions here.
        SessionPolicy policy = SessionPolicy.rotating().maxAge(Duration.ofMinutes(10)).jitter(0.2)
                .idleTimeout(Duration.ofHours(1)).build();
        try (RestClient client = client(engine, policy)) {
            client.get(QMGR_PATH);
            RotationLimits first = events.limits.get(0);
            assertThat(first.maxAgeNanos()).isBetween(Duration.ofMinutes(8).toNanos(), Duration.ofMinutes(12).toNanos());

            // Just short of the drawn age: the same session (and connection) carries on.
            ticker.advance(Duration.ofNanos(first.maxAgeNanos() - 1_000_000));
            client.get(QMGR_PATH);
            assertThat(mq.stats().accepted()).isEqualTo(1);
            assertThat(events.limits).hasSize(1);

            // Past it: the session retires between requests, never in the middle of one.
            ticker.advance(Duration.ofMillis(2));
            client.get(QMGR_PATH);
            assertThat(mq.stats().accepted()).isEqualTo(2);
            assertThat(events.retired(CloseReason.MAX_AGE)).isEqualTo(1);
            assertThat(events.closed(CloseReason.MAX_AGE)).containsExactly(2);
        }
        await().until(() -> mq.stats().closed() == 2);
        assertThat(mq.stats().requestsPerClosedConnection()).containsOnlyKeys(1L, 2L);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eachSessionDrawsItsOwnAgeOnceAndKeepsIt(Engine engine) throws Exception {
        // An idle timeout longer than the ages, so that only age retires sessions here.
        SessionPolicy policy = SessionPolicy.rotating().maxAge(Duration.ofMinutes(10)).jitter(0.2)
                .idleTimeout(Duration.ofHours(1)).build();
        try (RestClient client = client(engine, policy)) {
            for (int i = 0; i < 20; i++) {
                client.get(QMGR_PATH);
                RotationLimits drawn = events.limits.get(events.limits.size() - 1);
                // Many checks in the session's life: the limit stays what it drew.
                for (int j = 0; j < 5; j++) {
                    ticker.advance(Duration.ofNanos(drawn.maxAgeNanos() / 6));
                    client.get(QMGR_PATH);
                }
                assertThat(events.limits.get(events.limits.size() - 1)).isSameAs(drawn);
                // Exactly to the drawn age: from here the session must not be handed out again.
                ticker.advance(Duration.ofNanos(drawn.maxAgeNanos() - 5 * (drawn.maxAgeNanos() / 6)));
            }
        }
        assertThat(events.limits).hasSize(20);
        assertThat(events.limits.stream().mapToLong(RotationLimits::maxAgeNanos).distinct().count()).isEqualTo(20);
        assertThat(events.limits).allSatisfy(l -> assertThat(l.maxAgeNanos())
                .isBetween(Duration.ofMinutes(8).toNanos(), Duration.ofMinutes(12).toNanos()));
        assertThat(events.closed(CloseReason.MAX_AGE)).hasSize(19).containsOnly(6);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anIdleSessionIsClosedByTheClientBeforeTheServerWould(Engine engine) throws Exception {
        try (RestClient client = client(engine, SessionPolicy.pooled(Duration.ofSeconds(25)))) {
            client.get(QMGR_PATH);
            ticker.advance(Duration.ofSeconds(24));
            client.get(QMGR_PATH);
            assertThat(mq.stats().accepted()).isEqualTo(1);
            ticker.advance(Duration.ofSeconds(26));
            client.get(QMGR_PATH);
            assertThat(mq.stats().accepted()).isEqualTo(2);
            assertThat(events.retired(CloseReason.IDLE)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void requestsOrAgeWhicheverComesFirst(Engine engine) throws Exception {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(5).maxAge(Duration.ofMinutes(10))
                .idleTimeout(Duration.ofHours(1)).build();
        try (RestClient client = client(engine, policy)) {
            for (int i = 0; i < 12; i++) {
                client.get(QMGR_PATH);
            }
            // 5 + 5 by count, then the third session is retired by age after 2.
            ticker.advance(Duration.ofMinutes(10));
            client.get(QMGR_PATH);
        }
        assertThat(events.closed(CloseReason.MAX_REQUESTS)).containsExactly(5, 5);
        assertThat(events.closed(CloseReason.MAX_AGE)).containsExactly(2);
        assertThat(events.closed(CloseReason.CLIENT_CLOSED)).containsExactly(1);
    }
}
