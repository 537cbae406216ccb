package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restcost.client.session.CloseReason;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.MqwebTestServer;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.testing.ServerCounters;
import io.restcost.client.testing.TestPki;
import io.restcost.client.tls.TlsOptions;
import io.restcost.client.tls.TlsResumption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each policy, checked from the server's side: the connections Jetty accepted, whether each
 * handshake was full or resumed, and the requests each connection carried. Every test runs
 * on both engines.
 */
class PolicyOnServerTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    MqwebTestServer server;
    RecordingListener events;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
    }

    @BeforeEach
    void start() {
        server = MqwebTestServer.builder(pki).start();
        events = new RecordingListener();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RestClient client(Engine engine, SessionPolicy policy, TlsOptions tls) {
        return RestClient.builder().baseUri(server.baseUri()).engine(engine).policy(policy)
                .tls(tls).listener(events).build();
    }

    private TlsOptions trustTestCa() {
        return TlsOptions.builder().trustPem(pki.caPem).build();
    }

    private ServerCounters allClosed() {
        ServerCounters c = server.counters();
        await().atMost(Duration.ofSeconds(20)).until(() -> c.closed() == c.accepted());
        return c;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneShotOpensAConnectionAndDoesAFullHandshakePerRequest(Engine engine) throws Exception {
        Map<Integer, Integer> statuses;
        try (RestClient client = client(engine, SessionPolicy.oneShot(), trustTestCa())) {
            statuses = Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 500, 2);
            assertThat(client.tlsResumption()).isEqualTo(TlsResumption.FULL_HANDSHAKE);
        }
        assertThat(statuses).containsExactly(Map.entry(200, 500));
        ServerCounters c = allClosed();
        assertThat(c.accepted()).isEqualTo(500);
        assertThat(c.fullHandshakes()).isEqualTo(500);
        assertThat(c.resumedHandshakes()).isZero();
        assertThat(c.requestsPerClosedConnection()).hasSize(500).containsOnly(1L);
        assertThat(server.connectionCloseRequests()).isEqualTo(500);
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
        try (RestClient client = client(engine, policy, trustTestCa())) {
            statuses = Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 1000, 4);
            assertThat(client.openSessions()).isLessThanOrEqualTo(4);
        }
        assertThat(statuses).containsExactly(Map.entry(200, 1000));
        ServerCounters c = allClosed();
        List<Long> perConnection = c.requestsPerClosedConnection();
        assertThat(c.requestsOnClosedConnections()).isEqualTo(1000);
        assertThat(perConnection).allSatisfy(n -> assertThat(n).isBetween(1L, 60L));
        // Only the (at most 4) sessions still open when the client closed may fall short of 40.
        assertThat(perConnection.stream().filter(n -> n < 40)).hasSizeLessThanOrEqualTo(4);
        List<Integer> rotated = events.closed(CloseReason.MAX_REQUESTS);
        assertThat(rotated).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(40, 60));
        assertThat(server.connectionCloseRequests()).isEqualTo(rotated.size());
        assertThat(events.limits).allSatisfy(l -> assertThat(l.maxRequests()).isBetween(40, 60));
        // Rotation resumes TLS by default; the client's observation matches the server's count.
        assertThat(c.resumedHandshakes()).isPositive();
        assertThat(events.resumedHandshakes).hasValue(c.resumedHandshakes());
        assertThat(events.fullHandshakes).hasValue(c.fullHandshakes());
    }

    /**
     * Under TLS 1.3 JSSE keeps one single-use ticket per server: with one shared context, of 4
     * sessions rotating at once only one could resume (measured before the context pool: 170
     * of 402 connections resumed). Each new connection must find its predecessor's ticket.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrentRotatingSessionsEachResumeUnderTls13(Engine engine) throws Exception {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(5).build();
        TlsOptions tls13 = TlsOptions.builder().trustPem(pki.caPem).protocols("TLSv1.3").build();
        try (RestClient client = client(engine, policy, tls13)) {
            assertThat(Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 400, 4)).containsExactly(Map.entry(200, 400));
        }
        ServerCounters c = allClosed();
        assertThat(c.accepted()).isGreaterThanOrEqualTo(80);
        // one full handshake per concurrent connection, at most, then every reconnection resumes
        assertThat(c.fullHandshakes()).isLessThanOrEqualTo(8);
        assertThat(c.resumedHandshakes()).isEqualTo(c.accepted() - c.fullHandshakes());
        assertThat(events.resumedHandshakes).hasValue(c.resumedHandshakes());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rotatingWithFullHandshakeNeverResumes(Engine engine) throws Exception {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(10).build();
        TlsOptions tls = TlsOptions.builder().trustPem(pki.caPem).resumption(TlsResumption.FULL_HANDSHAKE).build();
        try (RestClient client = client(engine, policy, tls)) {
            Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 200, 1);
        }
        ServerCounters c = allClosed();
        assertThat(c.accepted()).isEqualTo(20);
        assertThat(c.fullHandshakes()).isEqualTo(20);
        assertThat(c.resumedHandshakes()).isZero();
        assertThat(c.requestsPerClosedConnection()).containsOnly(10L);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void pooledKeepsAtMostOneConnectionPerThread(Engine engine) throws Exception {
        try (RestClient client = client(engine, SessionPolicy.pooled(), trustTestCa())) {
            Map<Integer, Integer> statuses = Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 1000, 4);
            assertThat(statuses).containsExactly(Map.entry(200, 1000));
            assertThat(client.openSessions()).isBetween(1, 4);
            assertThat(server.counters().accepted()).isBetween(1, 4);
        }
        ServerCounters c = allClosed();
        assertThat(c.requestsOnClosedConnections()).isEqualTo(1000);
        assertThat(server.connectionCloseRequests()).isZero();
        assertThat(events.closed(CloseReason.CLIENT_CLOSED)).hasSize(c.accepted());
    }
}
