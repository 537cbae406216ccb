package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.client.event.CloseReason;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.tls.TlsOptions;
import io.restcost.client.tls.TlsResumption;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.stats.ServerStats;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each policy, checked from the server's side: the connections the mock accepted, whether
 * each handshake was full or resumed, and the requests each connection carried. Every test
 * runs on both engines, with basic authentication (cached by the mock, as Liberty caches it).
 */
class PolicyOnServerTest {

    MockMqWeb mq;
    RecordingListener events;

    @BeforeEach
    void start() {
        mq = Mqweb.mock().start();
        events = new RecordingListener();
    }

    @AfterEach
    void stop() {
        mq.close();
    }

    private RestClient client(Engine engine, SessionPolicy policy, TlsOptions tls) {
        return RestClient.builder().baseUri(mq.baseUri()).engine(engine).policy(policy)
                .tls(tls).auth(Mqweb.basic(mq)).listener(events).build();
    }

    private ServerStats allClosed() {
        Mqweb.awaitAllClosed(mq);
        return mq.stats();
    }

    private static long connectionsCarryingFewerThan(SortedMap<Long, Long> perConnection, long n) {
        return perConnection.headMap(n).values().stream().mapToLong(Long::longValue).sum();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneShotOpensAConnectionAndDoesAFullHandshakePerRequest(Engine engine) throws Exception {
        Map<Integer, Integer> statuses;
        try (RestClient client = client(engine, SessionPolicy.oneShot(), Mqweb.trust(mq))) {
            statuses = Load.run(client, RestRequest.get(QMGR_PATH), 500, 2);
            assertThat(client.tlsResumption()).isEqualTo(TlsResumption.FULL_HANDSHAKE);
        }
        assertThat(statuses).containsExactly(Map.entry(200, 500));
        ServerStats s = allClosed();
        assertThat(s.accepted()).isEqualTo(500);
        assertThat(s.fullHandshakes()).isEqualTo(500);
        assertThat(s.resumedHandshakes()).isZero();
        assertThat(s.requestsPerClosedConnection()).containsExactly(Map.entry(1L, 500L));
        assertThat(Mqweb.connectionCloseRequests(mq)).isEqualTo(500);
        // The client saw what the server saw.
        assertThat(events.fullHandshakes).hasValue(500);
        assertThat(events.resumedHandshakes).hasValue(0);
        assertThat(events.closed(CloseReason.ONE_SHOT)).hasSize(500).containsOnly(1);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rotatingCarriesEachConnectionWithinItsDrawnLimit(Engine engine) throws Exception {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(50).jitter(0.2).build();
        Map<Integer, Integer> statuses;
        try (RestClient client = client(engine, policy, Mqweb.trust(mq))) {
            statuses = Load.run(client, RestRequest.get(QMGR_PATH), 1000, 4);
            assertThat(client.openSessions()).isLessThanOrEqualTo(4);
        }
        assertThat(statuses).containsExactly(Map.entry(200, 1000));
        ServerStats s = allClosed();
        SortedMap<Long, Long> perConnection = s.requestsPerClosedConnection();
        assertThat(s.requestsOnClosedConnections()).isEqualTo(1000);
        assertThat(perConnection.firstKey()).isGreaterThanOrEqualTo(1L);
        assertThat(perConnection.lastKey()).isLessThanOrEqualTo(60L);
        // Only the (at most 4) sessions still open when the client closed may fall short of 40.
        assertThat(connectionsCarryingFewerThan(perConnection, 40)).isLessThanOrEqualTo(4);
        List<Integer> rotated = events.closed(CloseReason.MAX_REQUESTS);
        assertThat(rotated).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(40, 60));
        assertThat(Mqweb.connectionCloseRequests(mq)).isEqualTo(rotated.size());
        assertThat(events.limits).allSatisfy(l -> assertThat(l.maxRequests()).isBetween(40, 60));
        // Rotation resumes TLS by default; the client's observation matches the server's count.
        assertThat(s.resumedHandshakes()).isPositive();
        assertThat(events.resumedHandshakes.get()).isEqualTo(s.resumedHandshakes());
        assertThat(events.fullHandshakes.get()).isEqualTo(s.fullHandshakes());
    }

    /**
     * Under TLS 1.3 JSSE keeps one single-use ticket per server: with one shared context, of 4
     * sessions rotating at once only one could resume. Each new connection must find its
     * predecessor's ticket.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrentRotatingSessionsEachResumeUnderTls13(Engine engine) throws Exception {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(5).build();
        TlsOptions tls13 = TlsOptions.builder().trustPem(mq.caPem()).protocols("TLSv1.3").build();
        try (RestClient client = client(engine, policy, tls13)) {
            assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 400, 4)).containsExactly(Map.entry(200, 400));
        }
        ServerStats s = allClosed();
        assertThat(s.accepted()).isGreaterThanOrEqualTo(80);
        // one full handshake per concurrent connection, at most, then every reconnection resumes
        assertThat(s.fullHandshakes()).isLessThanOrEqualTo(8);
        assertThat(s.resumedHandshakes()).isEqualTo(s.accepted() - s.fullHandshakes());
        assertThat(events.resumedHandshakes.get()).isEqualTo(s.resumedHandshakes());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rotatingWithFullHandshakeNeverResumes(Engine engine) throws Exception {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(10).build();
        TlsOptions tls = TlsOptions.builder().trustPem(mq.caPem()).resumption(TlsResumption.FULL_HANDSHAKE).build();
        try (RestClient client = client(engine, policy, tls)) {
            Load.run(client, RestRequest.get(QMGR_PATH), 200, 1);
        }
        ServerStats s = allClosed();
        assertThat(s.accepted()).isEqualTo(20);
        assertThat(s.fullHandshakes()).isEqualTo(20);
        assertThat(s.resumedHandshakes()).isZero();
        assertThat(s.requestsPerClosedConnection()).containsExactly(Map.entry(10L, 20L));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void pooledKeepsAtMostOneConnectionPerThread(Engine engine) throws Exception {
        try (RestClient client = client(engine, SessionPolicy.pooled(), Mqweb.trust(mq))) {
            Map<Integer, Integer> statuses = Load.run(client, RestRequest.get(QMGR_PATH), 1000, 4);
            assertThat(statuses).containsExactly(Map.entry(200, 1000));
            assertThat(client.openSessions()).isBetween(1, 4);
            assertThat(mq.stats().accepted()).isBetween(1L, 4L);
        }
        ServerStats s = allClosed();
        assertThat(s.requestsOnClosedConnections()).isEqualTo(1000);
        assertThat(Mqweb.connectionCloseRequests(mq)).isZero();
        assertThat(events.closed(CloseReason.CLIENT_CLOSED)).hasSize((int) s.accepted());
    }
}
