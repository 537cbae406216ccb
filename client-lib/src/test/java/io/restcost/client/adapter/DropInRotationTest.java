package io.restcost.client.adapter;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restcost.client.auth.Auth;
import io.restcost.client.event.CloseReason;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.MutableClock;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.testing.StockClients;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.stats.ServerStats;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drop-in rotation on stock HttpClient 5 and OkHttp clients, counted on the server's side
 * as restcost's own client is: connections, requests per connection, handshakes, logins.
 */
class DropInRotationTest {

    static final String MQSC = "/ibmmq/rest/v2/admin/action/qmgr/QM1/mqsc";
    static final String DISPLAY = "{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QMGR\"}}";

    /** One stock client, whichever engine: sends and reads whole. */
    interface Stock extends AutoCloseable {
        int get(String path) throws IOException;

        int post(String path, String json) throws IOException;

        @Override
        void close() throws IOException;
    }

    static Stock stock(String engine, MockMqWeb mq, DropInRotation rotation, int connections, boolean basicAuth) throws Exception {
        URI base = mq.baseUri();
        if (engine.equals("apache")) {
            CloseableHttpClient c = StockClients.apache(mq, rotation, connections, basicAuth);
            return new Stock() {
                @Override
                public int get(String path) throws IOException {
                    return c.execute(new HttpGet(base.resolve(path)), r -> {
                        EntityUtils.consume(r.getEntity());
                        return r.getCode();
                    });
                }

                @Override
                public int post(String path, String json) throws IOException {
                    HttpPost post = new HttpPost(base.resolve(path));
                    post.setHeader("ibm-mq-rest-csrf-token", "x");
                    post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
                    return c.execute(post, r -> {
                        EntityUtils.consume(r.getEntity());
                        return r.getCode();
                    });
                }

                @Override
                public void close() throws IOException {
                    c.close();
                }
            };
        }
        OkHttpClient c = StockClients.okhttp(mq, rotation, basicAuth,
                engine.equals("okhttp-h2") ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1));
        return new Stock() {
            @Override
            public int get(String path) throws IOException {
                try (Response r = c.newCall(new Request.Builder().url(base.resolve(path).toString()).build()).execute()) {
                    r.body().bytes();
                    return r.code();
                }
            }

            @Override
            public int post(String path, String json) throws IOException {
                Request post = new Request.Builder().url(base.resolve(path).toString()).header("ibm-mq-rest-csrf-token", "x")
                        .post(RequestBody.create(json, MediaType.get("application/json"))).build();
                try (Response r = c.newCall(post).execute()) {
                    r.body().bytes();
                    return r.code();
                }
            }

            @Override
            public void close() {
                c.connectionPool().evictAll();
                c.dispatcher().executorService().shutdown();
            }
        };
    }

    /** Sends {@code total} GETs of the queue managers, or MQSC POSTs, from {@code threads} threads started together. */
    static Map<Integer, Integer> load(Stock client, int total, int threads, boolean post) throws Exception {
        return Load.run(() -> post ? client.post(MQSC, DISPLAY) : client.get(QMGR_PATH), total, threads);
    }

    /**
     * A stock OkHttp client on HTTP/2 (its default where the server offers it, as mqweb does)
     * multiplexes every thread's exchanges over one connection at a time. Each connection is
     * one session, opened once and retired once, however many streams were in flight when it
     * reached its limit; it carries its drawn number of exchanges, overshooting by at most the
     * exchanges that were already on their way, and the server counts what the client counts.
     */
    @Test
    void onHttp2EachConnectionIsOneSessionAndItsOvershootIsBounded() throws Exception {
        RecordingListener events = new RecordingListener();
        int threads = 8;
        DropInRotation rotation = DropInRotation.builder(SessionPolicy.rotating().maxRequests(50).jitter(0.2).build())
                .listener(events).build();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (Stock client = stock("okhttp-h2", mq, rotation, threads, true)) {
                assertThat(load(client, 2000, threads, false)).containsExactly(Map.entry(200, 2000));
            }
            rotation.clientsClosed();
            Mqweb.awaitAllClosed(mq);
            ServerStats s = mq.stats();
            int retired = events.retiredSessions.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum();
            assertThat(retired).as("sessions retired against opened").isEqualTo(events.sessionsOpened.get());
            // Every connection the server accepted is one the client reported, the unused ones OkHttp raced included.
            assertThat(events.connects.get()).as("connections against the server's").isEqualTo((int) s.accepted());
            assertThat(events.fullHandshakes.get() + events.resumedHandshakes.get()).isEqualTo((int) (s.fullHandshakes() + s.resumedHandshakes()));
            List<Integer> raced = events.closed(CloseReason.RACED);
            long used = s.requestsPerClosedConnection().entrySet().stream().filter(e -> e.getKey() > 0).mapToLong(Map.Entry::getValue).sum();
            assertThat(raced).as("connections made and closed unused").hasSize((int) (s.accepted() - used)).allMatch(n -> n == 0);
            // What the client counted on each connection, the streams that overshot its limit included, is the server's.
            assertThat(s.requestsOnClosedConnections()).isEqualTo(2000);
            int counted = events.closedConnections.values().stream().flatMap(List::stream).mapToInt(Integer::intValue).sum();
            assertThat(counted).as("exchanges the client counted on its connections").isEqualTo(2000);
            SortedMap<Long, Long> perConnection = s.requestsPerClosedConnection();
            assertThat(perConnection.lastKey()).as("the most exchanges on one connection: 60 drawn, and %d threads", threads)
                    .isLessThanOrEqualTo(60L + threads - 1);
            assertThat(events.closed(CloseReason.MAX_REQUESTS)).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(40, 60 + threads - 1));
            // Each used connection says how many streams it carried at once, and what Jetty allows.
            assertThat(events.streams).hasSize((int) used).allSatisfy(st -> {
                assertThat(st[0]).isBetween(1, threads);
                assertThat(st[1]).isEqualTo(128);
            });
            assertThat(events.streams.stream().mapToInt(st -> st[0]).max().getAsInt()).isGreaterThan(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    void rotatingFiftyWithJitterCarriesEachConnectionWithinItsDrawnLimit(String engine) throws Exception {
        RecordingListener events = new RecordingListener();
        DropInRotation rotation = DropInRotation.builder(SessionPolicy.rotating().maxRequests(50).jitter(0.2).build())
                .listener(events).build();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (Stock client = stock(engine, mq, rotation, 4, true)) {
                assertThat(load(client, 1000, 4, false)).containsExactly(Map.entry(200, 1000));
            }
            Mqweb.awaitAllClosed(mq);
            ServerStats s = mq.stats();
            SortedMap<Long, Long> perConnection = s.requestsPerClosedConnection();
            assertThat(s.requestsOnClosedConnections()).isEqualTo(1000);
            assertThat(perConnection.lastKey()).isLessThanOrEqualTo(60L);
            // Only the (at most 4) connections still open when the client closed fall short of 40.
            assertThat(perConnection.headMap(40L).values().stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(4);
            List<Integer> rotated = events.closed(CloseReason.MAX_REQUESTS);
            assertThat(rotated).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(40, 60));
            assertThat(events.limits).allSatisfy(l -> assertThat(l.maxRequests()).isBetween(40, 60));
            assertThat(events.limits.stream().map(l -> l.maxRequests()).distinct().count()).isGreaterThan(3);
            if (engine.equals("okhttp")) {
                // OkHttp's last request on a connection says so; HttpClient 5 just does not reuse it.
                assertThat(Mqweb.connectionCloseRequests(mq)).isEqualTo(rotated.size());
            }
            // Each connection the client reported is one the server accepted.
            assertThat(events.connects.get()).isEqualTo(s.accepted());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    void aConnectionEndsOnceItOutlivesTheAgeItDrew(String engine) throws Exception {
        FakeTicker ticker = new FakeTicker();
        RecordingListener events = new RecordingListener();
        DropInRotation rotation = DropInRotation.builder(SessionPolicy.rotating().maxAge(Duration.ofMinutes(10)).build())
                .ticker(ticker).listener(events).build();
        try (MockMqWeb mq = Mqweb.mock().start(); Stock client = stock(engine, mq, rotation, 1, true)) {
            assertThat(client.get(QMGR_PATH)).isEqualTo(200);
            ticker.advance(Duration.ofMinutes(10).minusSeconds(1));
            assertThat(client.get(QMGR_PATH)).isEqualTo(200);
            assertThat(mq.stats().accepted()).isEqualTo(1);
            ticker.advance(Duration.ofSeconds(1));
            // Past its age: this exchange finishes on the old connection, which then ends.
            assertThat(client.get(QMGR_PATH)).isEqualTo(200);
            assertThat(client.get(QMGR_PATH)).isEqualTo(200);
            assertThat(mq.stats().accepted()).isEqualTo(2);
            assertThat(events.closed(CloseReason.MAX_AGE)).containsExactly(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    void aPostIsSentExactlyOnceAcrossRotations(String engine) throws Exception {
        DropInRotation rotation = DropInRotation.builder(SessionPolicy.rotating().maxRequests(7).build()).build();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (Stock client = stock(engine, mq, rotation, 4, true)) {
                assertThat(load(client, 200, 4, true)).containsExactly(Map.entry(200, 200));
            }
            assertThat(mq.exchanges()).filteredOn(e -> e.method().equals("POST")).hasSize(200);
            Mqweb.awaitAllClosed(mq);
            assertThat(mq.stats().requestsPerClosedConnection().lastKey()).isLessThanOrEqualTo(7L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    void rotatingAndPooledConnectionsResumeTheirTlsSessions(String engine) throws Exception {
        RecordingListener events = new RecordingListener();
        DropInRotation rotating = DropInRotation.builder(SessionPolicy.rotating().maxRequests(10).build()).listener(events).build();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (Stock client = stock(engine, mq, rotating, 1, true)) {
                assertThat(load(client, 100, 1, false)).containsExactly(Map.entry(200, 100));
            }
            Mqweb.awaitAllClosed(mq);
            ServerStats s = mq.stats();
            assertThat(s.accepted()).isEqualTo(10);
            assertThat(s.fullHandshakes()).isEqualTo(1);
            assertThat(s.resumedHandshakes()).isEqualTo(9);
            // The adapter tells resumed from full as the server does.
            assertThat(events.resumedHandshakes.get()).isEqualTo(9);
            assertThat(events.fullHandshakes.get()).isEqualTo(1);
        }
        try (MockMqWeb mq = Mqweb.mock().start()) {
            DropInRotation pooled = DropInRotation.builder(SessionPolicy.pooled()).build();
            try (Stock client = stock(engine, mq, pooled, 1, true)) {
                assertThat(load(client, 100, 1, false)).containsExactly(Map.entry(200, 100));
                assertThat(mq.stats().accepted()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    void theTokenIsMadeOnceAndAnExpiredOneCostsExactlyOneLoginAtEightThreads(String engine) throws Exception {
        MutableClock clock = new MutableClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MockMqWeb mq = Mqweb.mock().clock(clock).start()) {
            DropInRotation rotation = DropInRotation.builder(SessionPolicy.rotating().maxRequests(25).build())
                    .auth(Auth.ltpa(Mqweb.USER, Mqweb.password(mq)), mq.baseUri()).meterRegistry(registry).build();
            try (Stock client = stock(engine, mq, rotation, 8, false)) {
                assertThat(load(client, 200, 8, false)).containsExactly(Map.entry(200, 200));
                assertThat(Mqweb.logins(mq)).isEqualTo(1);
                clock.advance(Duration.ofMinutes(121));
                assertThat(load(client, 200, 8, false)).containsExactly(Map.entry(200, 200));
                assertThat(Mqweb.logins(mq)).isEqualTo(2);
                assertThat(Mqweb.tokenRejections(mq)).isBetween(1L, 8L);
            }
            // Nothing but the token went with the requests, and no password.
            Map<String, Long> cookies = new java.util.HashMap<>();
            Mqweb.cookiesSeen(mq).forEach(c -> cookies.merge(c, 1L, Long::sum));
            assertThat(cookies.keySet()).allSatisfy(c -> assertThat(c).startsWith(mq.cookieName() + "=").doesNotContain(";"));
            assertThat(Mqweb.authorizationsSeen(mq)).isEmpty();
            String tag = engine.equals("apache") ? DropInRotation.APACHE_TAG : DropInRotation.OKHTTP_TAG;
            assertThat(registry.get("restcost.client.logins").tag("engine", tag).tag("outcome", "success").timer().count())
                    .isEqualTo(2);
            Mqweb.awaitAllClosed(mq);
            double opened = registry.get("restcost.client.connections.opened").tag("engine", tag).counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            assertThat(opened).isEqualTo(mq.stats().accepted());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    @SuppressWarnings("removal")
    void theMetersCarryTheDropInsOneNameAndTheOldTagOnlyWhenAsked(String engine) throws Exception {
        SimpleMeterRegistry now = new SimpleMeterRegistry();
        SimpleMeterRegistry legacy = new SimpleMeterRegistry();
        try (MockMqWeb mq = Mqweb.mock().start();
             Stock a = stock(engine, mq, DropInRotation.builder(SessionPolicy.pooled()).meterRegistry(now).build(), 1, true);
             Stock b = stock(engine, mq, DropInRotation.builder(SessionPolicy.pooled()).meterRegistry(legacy).legacyEngineTags().build(), 1,
                     true)) {
            assertThat(a.get(QMGR_PATH)).isEqualTo(200);
            assertThat(b.get(QMGR_PATH)).isEqualTo(200);
            String tag = engine + "-dropin";
            assertThat(engine.equals("apache") ? DropInRotation.APACHE_TAG : DropInRotation.OKHTTP_TAG).isEqualTo(tag);
            assertThat(now.get("restcost.client.connections.opened").tag("engine", tag).counters()).isNotEmpty();
            assertThat(now.find("restcost.client.connections.opened").tag("engine", engine + "-adapted").counters()).isEmpty();
            assertThat(legacy.get("restcost.client.connections.opened").tag("engine", engine + "-adapted").counters()).isNotEmpty();
            assertThat(legacy.find("restcost.client.connections.opened").tag("engine", tag).counters()).isEmpty();
        }
    }

    @Test
    void whatADropInCannotDoIsRefusedWithTheReason() {
        assertThatThrownBy(() -> DropInRotation.builder(SessionPolicy.rotating().maxRequests(5).reauthenticate(true).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need restcost's RestClient");
        assertThatThrownBy(() -> DropInRotation.builder(SessionPolicy.pooled()).auth(Auth.basic("u", "p".toCharArray())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basic is configured on the client itself");
        assertThatThrownBy(() -> DropInRotation.builder(SessionPolicy.pooled()).ticker(System::nanoTime).ticker(System::nanoTime))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("ticker was already set");
    }
}
