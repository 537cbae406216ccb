package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.event.CloseReason;
import io.restcost.client.http.HttpVersion;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.RecordingListener;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.tls.ServerTlsProvider;
import io.restcost.mock.stats.ServerStats;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * restcost's client on HTTP/2, checked from the server's side: threads share a session, one
 * stream each, so pooled is one connection for all of them, rotating retires a connection
 * after exactly its drawn number of streams, and one-shot is still a connection per request.
 */
class Http2OnServerTest {

    private static final RestRequest QMGR = RestRequest.get(QMGR_PATH);

    MockMqWeb mq;
    final RecordingListener events = new RecordingListener();

    @AfterEach
    void stop() {
        if (mq != null) {
            mq.close();
        }
    }

    private RestClientBuilder client(SessionPolicy policy, HttpVersion http) {
        return client(Engine.OKHTTP, policy, http);
    }

    private RestClientBuilder client(Engine engine, SessionPolicy policy, HttpVersion http) {
        return RestClient.builder().baseUri(mq.baseUri()).engine(engine).policy(policy).httpVersion(http)
                .tls(Mqweb.trust(mq)).auth(Mqweb.basic(mq)).listener(events);
    }

    private ServerStats allClosed() {
        Mqweb.awaitAllClosed(mq);
        return mq.stats();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void pooledIsOneConnectionThatEveryThreadShares(Engine engine) throws Exception {
        mq = Mqweb.mock().start();
        try (RestClient client = client(engine, SessionPolicy.pooled(), HttpVersion.HTTP_2).build()) {
            assertThat(Load.run(client, QMGR, 2000, 8)).containsExactly(Map.entry(200, 2000));
            assertThat(client.openSessions()).isEqualTo(1);
        }
        ServerStats s = allClosed();
        assertThat(s.accepted()).as("connections the server accepted").isEqualTo(1);
        assertThat(s.requestsPerClosedConnection()).containsExactly(Map.entry(2000L, 1L));
        assertThat(events.sessionsOpened).hasValue(1);
        assertThat(events.applicationProtocols).containsOnlyKeys("h2");
        assertThat(events.closed(CloseReason.CLIENT_CLOSED)).containsExactly(2000);
        assertThat(events.streams).hasSize(1);
        assertThat(events.streams.get(0)[0]).as("8 threads' streams at once on the one connection").isBetween(2, 8);
    }

    /**
     * A server that allows fewer streams at once than the client would lend: the pool lends no
     * more, so 8 threads stay on one connection (OkHttp would open another for a call past the
     * server's limit), and the listener reports the limit and the streams it carried at once.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void theServersStreamLimitIsHonouredAndReported(Engine engine) throws Exception {
        mq = Mqweb.mock().http2MaxConcurrentStreams(3).start();
        try (RestClient client = client(engine, SessionPolicy.pooled(), HttpVersion.HTTP_2).build()) {
            assertThat(Load.run(client, QMGR, 600, 8)).containsExactly(Map.entry(200, 600));
        }
        ServerStats s = allClosed();
        assertThat(s.accepted()).as("connections the server accepted").isEqualTo(1);
        assertThat(events.streams).hasSize(1);
        if (engine == Engine.OKHTTP) {
            assertThat(events.streams.get(0)[1]).as("the server's SETTINGS_MAX_CONCURRENT_STREAMS").isEqualTo(3);
            assertThat(events.streams.get(0)[0]).as("most streams at once").isBetween(2, 3);
        } else {
            // HttpClient 5 does not say what the server allows; it holds a stream past the limit until one ends.
            assertThat(events.streams.get(0)[1]).isEqualTo(-1);
        }
    }

    @Test
    void pooledStreamsAndTheServersLimitAreReportedPerConnection() throws Exception {
        mq = Mqweb.mock().start();
        try (RestClient client = client(SessionPolicy.rotating().maxRequests(200).build(), HttpVersion.HTTP_2).build()) {
            assertThat(Load.run(client, QMGR, 1000, 8)).containsExactly(Map.entry(200, 1000));
        }
        allClosed();
        assertThat(events.streams).hasSize(5).allSatisfy(st -> {
            assertThat(st[1]).as("Jetty's default limit").isEqualTo(128);
            assertThat(st[0]).isBetween(1, 8);
        });
        assertThat(events.streams.stream().mapToInt(st -> st[0]).max().getAsInt()).as("8 threads share a connection").isGreaterThan(1);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rotatingRetiresEachConnectionAfterExactlyItsDrawnStreams(Engine engine) throws Exception {
        mq = Mqweb.mock().start();
        SessionPolicy rotating = SessionPolicy.rotating().maxRequests(50).jitter(0.2).build();
        try (RestClient client = client(engine, rotating, HttpVersion.HTTP_2).build()) {
            assertThat(Load.run(client, QMGR, 2000, 8)).containsExactly(Map.entry(200, 2000));
        }
        ServerStats s = allClosed();
        int drawn = events.limits.stream().mapToInt(l -> l.maxRequests()).sum();
        assertThat(s.accepted()).as("one connection per session, none raced").isEqualTo(events.sessionsOpened.get());
        assertThat(events.retiredSessions.values().stream().mapToInt(n -> n.get()).sum()).as("opened = retired")
                .isEqualTo(events.sessionsOpened.get());
        // Every connection retired for its limit carried exactly that limit: no overshoot under 8 threads.
        java.util.List<Integer> unmatched = new java.util.ArrayList<>(events.closed(CloseReason.MAX_REQUESTS));
        events.limits.forEach(l -> unmatched.remove(Integer.valueOf(l.maxRequests())));
        assertThat(unmatched).as("connections that carried other than a drawn limit").isEmpty();
        assertThat(events.closed(CloseReason.MAX_REQUESTS)).hasSizeGreaterThanOrEqualTo(events.sessionsOpened.get() - 1)
                .hasSizeGreaterThan(30);
        assertThat(drawn - 2000).as("the last session's unused streams").isBetween(0, 59);
        assertThat(s.requestsPerClosedConnection().keySet()).allSatisfy(n -> assertThat(n).isBetween(1L, 60L));
        assertThat(s.requestsPerClosedConnection().entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum())
                .as("exchanges the server counted").isEqualTo(2000);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneShotIsStillAConnectionPerRequest(Engine engine) throws Exception {
        mq = Mqweb.mock().start();
        try (RestClient client = client(engine, SessionPolicy.oneShot(), HttpVersion.HTTP_2).build()) {
            assertThat(Load.run(client, QMGR, 200, 4)).containsExactly(Map.entry(200, 200));
        }
        ServerStats s = allClosed();
        assertThat(s.accepted()).isEqualTo(200);
        assertThat(s.requestsPerClosedConnection()).containsExactly(Map.entry(1L, 200L));
        assertThat(events.applicationProtocols).containsExactly(Map.entry("h2", events.applicationProtocols.get("h2")));
        assertThat(events.applicationProtocols.get("h2")).hasValue(200);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void threadsSharingAConnectionShareOneLogin(Engine engine) throws Exception {
        mq = Mqweb.mock().start();
        try (RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine)
                .policy(SessionPolicy.rotating().maxRequests(100).reauthenticate(true).build()).httpVersion(HttpVersion.HTTP_2)
                .tls(Mqweb.trust(mq)).auth(Mqweb.ltpa(mq)).listener(events).build()) {
            assertThat(Load.run(client, QMGR, 1000, 8)).containsExactly(Map.entry(200, 1000));
        }
        Mqweb.awaitAllClosed(mq);
        assertThat(Mqweb.logins(mq)).as("one login per session, however many streams share it").isEqualTo(10);
        assertThat(mq.stats().accepted()).isEqualTo(10);
    }

    @Test
    void http2AgainstAServerWithoutItFailsBeforeSendingAndSaysWhy() {
        mq = Mqweb.mock().tlsProvider(ServerTlsProvider.CONSCRYPT).start(); // serves HTTP/1.1 only, no ALPN
        try (RestClient client = client(SessionPolicy.pooled(), HttpVersion.HTTP_2).build()) {
            assertThatThrownBy(() -> client.execute(QMGR)).isInstanceOf(IOException.class)
                    .hasMessageContaining("chose http/1.1 by ALPN, not HTTP/2: nothing was sent")
                    .hasMessageContaining("HttpVersion.SERVER_CHOICE");
        }
        assertThat(mq.stats().requestsPerClosedConnection().keySet()).as("exchanges the server saw").isSubsetOf(0L);
    }

    @Test
    void theServersChoiceOfHttp11LendsEachSessionToOneThreadAtATime() throws Exception {
        mq = Mqweb.mock().tlsProvider(ServerTlsProvider.CONSCRYPT).start();
        try (RestClient client = client(SessionPolicy.rotating().maxRequests(50).build(), HttpVersion.SERVER_CHOICE).build()) {
            assertThat(Load.run(client, QMGR, 2000, 8)).containsExactly(Map.entry(200, 2000));
        }
        ServerStats s = allClosed();
        assertThat(events.applicationProtocols).containsOnlyKeys("none");
        assertThat(s.accepted()).isEqualTo(events.sessionsOpened.get());
        assertThat(s.requestsPerClosedConnection().keySet()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(50L));
        assertThat(events.closed(CloseReason.MAX_REQUESTS)).hasSizeGreaterThanOrEqualTo(40 - 8).containsOnly(50);
    }

    @Test
    void aServerPinnedToHttp11IsSpokenToInHttp11AndRefusedForHttp2() throws Exception {
        mq = Mqweb.mock().http2(false).start(); // ALPN offers http/1.1 alone, as a Liberty httpEndpoint pinned to it
        try (RestClient client = client(SessionPolicy.pooled(), HttpVersion.SERVER_CHOICE).build()) {
            assertThat(Load.run(client, QMGR, 400, 4)).containsExactly(Map.entry(200, 400));
        }
        assertThat(events.applicationProtocols).containsOnlyKeys("http/1.1");
        try (RestClient client = client(SessionPolicy.pooled(), HttpVersion.HTTP_2).build()) {
            assertThatThrownBy(() -> client.execute(QMGR)).isInstanceOf(IOException.class)
                    .hasMessageContaining("chose http/1.1 by ALPN, not HTTP/2");
        }
    }

    /** HttpClient 5's asynchronous HTTP/2 client is refused a server that does not choose h2, before anything is sent. */
    @Test
    void apacheOnHttp2AgainstAServerWithoutItFailsBeforeSendingAndSaysWhy() {
        mq = Mqweb.mock().http2(false).start();
        try (RestClient client = client(Engine.APACHE_HTTPCLIENT5, SessionPolicy.pooled(), HttpVersion.HTTP_2).build()) {
            assertThatThrownBy(() -> client.execute(QMGR)).isInstanceOf(IOException.class)
                    .hasMessageContaining("chose http/1.1 by ALPN, not HTTP/2: nothing was sent");
        }
        assertThat(mq.stats().requestsPerClosedConnection().keySet()).as("exchanges the server saw").isSubsetOf(0L);
    }

    @Test
    void http2IsRefusedWhereItCannotBeSpoken() {
        assertThatThrownBy(() -> RestClient.builder().baseUri(URI.create("https://localhost:9443")).engine(Engine.APACHE_HTTPCLIENT5)
                .httpVersion(HttpVersion.HTTP_2).tls(io.restcost.client.tls.TlsOptions.builder()
                        .provider(io.restcost.client.tls.TlsProvider.CONSCRYPT).build()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("runs on the JDK's TLS");
        assertThatThrownBy(() -> RestClient.builder().baseUri(URI.create("http://localhost:9080")).engine(Engine.OKHTTP)
                .httpVersion(HttpVersion.HTTP_2).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs an https:// baseUri");
        assertThatThrownBy(() -> RestClient.builder().baseUri(URI.create("https://localhost:9443")).engine(Engine.OKHTTP)
                .streamsPerConnection(10).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("are HTTP/2 settings");
    }
}
