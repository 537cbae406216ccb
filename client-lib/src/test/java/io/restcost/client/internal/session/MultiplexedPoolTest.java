package io.restcost.client.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.event.CloseReason;
import io.restcost.client.http.Origin;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.FakeTransport;
import io.restcost.client.testing.RecordingListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where rotation is decided on HTTP/2, without sockets: sessions lent to many holders at once. */
class MultiplexedPoolTest {

    static final Origin ORIGIN = Origin.of(URI.create("https://mqweb.test:9443"));

    FakeTicker ticker;
    FakeTransport engine;
    RecordingListener events;
    ExecutorService threads;

    @BeforeEach
    void setUp() {
        ticker = new FakeTicker();
        engine = FakeTransport.ok();
        events = new RecordingListener();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    private MultiplexedPool pool(SessionPolicy policy, int streams, int connections) {
        return new MultiplexedPool(ORIGIN, engine, policy, ticker, new SplittableRandom(1), events,
                new Multiplexing(streams, connections, false));
    }

    /** Acquires on another thread; the future completes once a session is lent. */
    private Future<Session> acquireElsewhere(MultiplexedPool pool) {
        return threads.submit(pool::acquire);
    }

    private static void assertWaiting(Future<Session> f) throws Exception {
        assertThatThrownBy(() -> f.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void aNewConnectionIsLentOnceUntilItIsUpThenToEveryone() throws Exception {
        MultiplexedPool pool = pool(SessionPolicy.pooled(), 100, 1);
        Session first = pool.acquire();
        List<Future<Session>> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            others.add(acquireElsewhere(pool));
        }
        assertWaiting(others.get(0));
        assertThat(engine.sessionsOpened()).as("threads starting together do not race a connection each").isEqualTo(1);
        first.connectionReady();
        for (Future<Session> f : others) {
            assertThat(f.get(5, TimeUnit.SECONDS)).isSameAs(first);
        }
        assertThat(pool.openSessions()).isEqualTo(1);
    }

    @Test
    void aConnectionTakesNoMoreStreamsThanItsLimitAtOnce() throws Exception {
        MultiplexedPool pool = pool(SessionPolicy.pooled(), 2, 1);
        Session a = pool.acquire();
        a.connectionReady();
        assertThat(pool.acquire()).isSameAs(a);
        Future<Session> third = acquireElsewhere(pool);
        assertWaiting(third);
        pool.release(a, null);
        assertThat(third.get(5, TimeUnit.SECONDS)).isSameAs(a);
        assertThat(engine.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void aRotatingConnectionIsLentExactlyItsLimitThenDrainsAndRetiresWhenItsLastStreamEnds() throws Exception {
        MultiplexedPool pool = pool(SessionPolicy.rotating().maxRequests(4).build(), 100, 1);
        Session a = pool.acquire();
        a.connectionReady();
        List<Session> lent = new ArrayList<>(List.of(a));
        for (int i = 0; i < 3; i++) {
            lent.add(pool.acquire());
        }
        assertThat(lent).containsOnly(a);
        Session b = pool.acquire();
        assertThat(b).as("the fifth stream goes to a new connection").isNotSameAs(a);
        for (int i = 0; i < 3; i++) {
            pool.release(a, null);
        }
        assertThat(events.retired(CloseReason.MAX_REQUESTS)).as("retired while a stream is in flight").isZero();
        pool.release(a, null);
        assertThat(events.retired(CloseReason.MAX_REQUESTS)).isEqualTo(1);
        assertThat(engine.sessionsClosed()).isEqualTo(1);
        assertThat(pool.openSessions()).isEqualTo(1);
    }

    @Test
    void anAgedConnectionDrainsInsteadOfCuttingItsStreams() throws Exception {
        MultiplexedPool pool = pool(SessionPolicy.rotating().maxAge(Duration.ofMinutes(10)).build(), 100, 1);
        Session a = pool.acquire();
        a.connectionReady();
        ticker.advance(Duration.ofMinutes(11));
        pool.evictExpired(ticker.read());
        assertThat(engine.sessionsClosed()).isZero();
        Session b = pool.acquire();
        assertThat(b).isNotSameAs(a);
        pool.release(a, null);
        assertThat(events.retired(CloseReason.MAX_AGE)).isEqualTo(1);
    }

    @Test
    void aClosedPoolLendsNothingAndRetiresEachSessionWhenItsStreamsEnd() throws Exception {
        MultiplexedPool pool = pool(SessionPolicy.pooled(), 100, 1);
        Session a = pool.acquire();
        a.connectionReady();
        pool.close();
        assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(engine.sessionsClosed()).isZero();
        pool.release(a, null);
        assertThat(events.retired(CloseReason.CLIENT_CLOSED)).isEqualTo(1);
        assertThat(engine.sessionsClosed()).isEqualTo(1);
    }

    @Test
    void aThreadWaitingForAStreamIsFreedByClose() throws Exception {
        MultiplexedPool pool = pool(SessionPolicy.pooled(), 1, 1);
        Session a = pool.acquire();
        a.connectionReady();
        Future<Session> waiting = acquireElsewhere(pool);
        assertWaiting(waiting);
        pool.close();
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        pool.release(a, null);
        assertThat(pool.openSessions()).isZero();
    }

    @Test
    void aFailedFirstConnectionLetsTheNextWaiterOpenAnother() throws Exception {
        MultiplexedPool pool = pool(SessionPolicy.pooled(), 100, 1);
        Session a = pool.acquire();
        Future<Session> waiting = acquireElsewhere(pool);
        assertWaiting(waiting);
        pool.release(a, CloseReason.ERROR);
        Session b = waiting.get(5, TimeUnit.SECONDS);
        assertThat(b).isNotSameAs(a);
        assertThat(events.retired(CloseReason.ERROR)).isEqualTo(1);
    }
}
