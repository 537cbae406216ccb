package io.restcost.client.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.event.CloseReason;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.FakeTransport;
import io.restcost.client.testing.RecordingListener;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where rotation is decided, without sockets: a fake engine, a fake ticker and seeded jitter. */
class ExclusivePoolTest {

    static final Origin ORIGIN = Origin.of(URI.create("https://mqweb.test:9443"));
    static final RestRequest GET = RestRequest.get("/ibmmq/rest/v2/admin/qmgr");

    FakeTicker ticker;
    FakeTransport engine;
    RecordingListener events;

    @BeforeEach
    void setUp() {
        ticker = new FakeTicker();
        engine = FakeTransport.ok();
        events = new RecordingListener();
    }

    private ExclusivePool pool(SessionPolicy policy, long seed) {
        return new ExclusivePool(ORIGIN, engine, policy, ticker, new SplittableRandom(seed), events);
    }

    /** One request as the client sends it: acquire, reserve, exchange, release. */
    private static void send(ExclusivePool pool) throws IOException {
        Session s = pool.acquire();
        boolean last = s.reserve();
        s.exchange(GET, null, null, null, last);
        pool.release(s, last ? s.decidedReason() : null);
    }

    @Test
    void eachSessionCarriesExactlyTheRequestLimitItDrewAndSaysCloseOnItsLast() throws IOException {
        ExclusivePool pool = pool(SessionPolicy.rotating().maxRequests(50).jitter(0.2).build(), 7);
        for (int i = 0; i < 1000; i++) {
            send(pool);
        }
        Map<Integer, List<FakeTransport.Sent>> bySession = engine.sent().stream()
                .collect(Collectors.groupingBy(FakeTransport.Sent::session));
        List<Integer> drawn = events.limits.stream().map(l -> l.maxRequests()).toList();
        assertThat(drawn).allSatisfy(n -> assertThat(n).isBetween(40, 60));
        assertThat(drawn.stream().distinct().count()).as("jitter spreads the limits").isGreaterThan(5);
        // Every session but the one still open carried exactly what it drew, the last marked close.
        for (int session = 1; session < engine.sessionsOpened(); session++) {
            List<FakeTransport.Sent> sent = bySession.get(session);
            assertThat(sent).hasSize(drawn.get(session - 1));
            assertThat(sent.subList(0, sent.size() - 1)).noneMatch(FakeTransport.Sent::last);
            assertThat(sent.get(sent.size() - 1).last()).isTrue();
        }
        assertThat(events.retired(CloseReason.MAX_REQUESTS)).isEqualTo(engine.sessionsOpened() - 1);
        assertThat(pool.openSessions()).isEqualTo(1);
    }

    @Test
    void theSameSeedDrawsTheSameLimits() throws IOException {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(50).jitter(0.2).build();
        ExclusivePool first = pool(policy, 99);
        for (int i = 0; i < 500; i++) {
            send(first);
        }
        List<Integer> firstLimits = events.limits.stream().map(l -> l.maxRequests()).toList();
        events = new RecordingListener();
        ExclusivePool second = pool(policy, 99);
        for (int i = 0; i < 500; i++) {
            send(second);
        }
        assertThat(events.limits.stream().map(l -> l.maxRequests()).toList()).isEqualTo(firstLimits);
    }

    @Test
    void aSessionPastItsDrawnAgeIsRetiredBetweenRequestsNeverDuringOne() throws IOException {
        ExclusivePool pool = pool(SessionPolicy.rotating().maxAge(Duration.ofMinutes(10)).jitter(0.2)
                .idleTimeout(Duration.ofHours(1)).build(), 3);
        Session s = pool.acquire();
        long age = s.limits().maxAgeNanos();
        assertThat(age).isBetween(Duration.ofMinutes(8).toNanos(), Duration.ofMinutes(12).toNanos());
        assertThat(s.reserve()).isFalse();
        // The age passes while the request is in flight: it finishes, then the session retires.
        ticker.advance(Duration.ofNanos(age));
        s.exchange(GET, null, null, null, false);
        pool.release(s, null);
        assertThat(events.retired(CloseReason.MAX_AGE)).isEqualTo(1);
        assertThat(pool.openSessions()).isZero();
        assertThat(pool.acquire()).isNotSameAs(s);
    }

    @Test
    void justShortOfItsAgeASessionIsHandedOutAgain() throws IOException {
        ExclusivePool pool = pool(SessionPolicy.rotating().maxAge(Duration.ofMinutes(10))
                .idleTimeout(Duration.ofHours(1)).build(), 3);
        send(pool);
        ticker.advance(Duration.ofMinutes(10).minusNanos(1));
        send(pool);
        assertThat(engine.sessionsOpened()).isEqualTo(1);
        ticker.advance(Duration.ofNanos(1));
        send(pool);
        assertThat(engine.sessionsOpened()).isEqualTo(2);
        assertThat(events.retired(CloseReason.MAX_AGE)).isEqualTo(1);
    }

    @Test
    void idleSessionsAreHandedOutMostRecentFirstAndTheColdestIdlesOut() throws IOException {
        ExclusivePool pool = pool(SessionPolicy.pooled(Duration.ofSeconds(25)), 1);
        Session a = pool.acquire();
        Session b = pool.acquire();
        pool.release(a, null);
        ticker.advance(Duration.ofSeconds(20));
        pool.release(b, null);
        // Most recently used first: b, the warm one.
        Session again = pool.acquire();
        assertThat(again).isSameAs(b);
        ticker.advance(Duration.ofSeconds(10));
        // a has idled 30 s: releasing b retires it, though nobody asked for it.
        pool.release(again, null);
        assertThat(events.retired(CloseReason.IDLE)).isEqualTo(1);
        assertThat(pool.openSessions()).isEqualTo(1);
    }

    @Test
    void aFailedExchangeRetiresItsSession() throws IOException {
        ExclusivePool pool = pool(SessionPolicy.pooled(), 1);
        Session s = pool.acquire();
        pool.release(s, CloseReason.ERROR);
        assertThat(events.retired(CloseReason.ERROR)).isEqualTo(1);
        assertThat(engine.sessionsClosed()).isEqualTo(1);
    }

    @Test
    void aClosedPoolRefusesAndRetiresWhatIsReleasedLater() throws IOException {
        ExclusivePool pool = pool(SessionPolicy.pooled(), 1);
        Session held = pool.acquire();
        send(pool);
        pool.close();
        assertThat(events.retired(CloseReason.CLIENT_CLOSED)).isEqualTo(1);
        pool.release(held, null);
        assertThat(events.retired(CloseReason.CLIENT_CLOSED)).isEqualTo(2);
        assertThat(pool.openSessions()).isZero();
        assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class).hasMessageContaining("the client is closed");
    }

    @Test
    void oneShotRetiresEverySessionAfterItsOnlyRequest() throws IOException {
        ExclusivePool pool = pool(SessionPolicy.oneShot(), 1);
        for (int i = 0; i < 10; i++) {
            send(pool);
        }
        assertThat(engine.sessionsOpened()).isEqualTo(10);
        assertThat(engine.sent()).allMatch(FakeTransport.Sent::last);
        assertThat(events.retired(CloseReason.ONE_SHOT)).isEqualTo(10);
    }
}
