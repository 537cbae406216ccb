package io.restcost.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.mock.api.ResponseShaping;
import io.restcost.mock.server.ClientAuthMode;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's own accounting, and the behaviours of real deployments. */
class ServerCountingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String QMGR = "/ibmmq/rest/v2/admin/qmgr";

    static String basic(MockMqWeb mq, String user) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + mq.password(user))
                .getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    static JsonNode stats(MockMqWeb mq) throws Exception {
        HttpClient c = Clients.http(Clients.tls(mq.caPem(), null, null));
        return JSON.readTree(Clients.send(c, Clients.request(mq.baseUri(), "/__restcost/stats").GET().build()).body());
    }

    static JsonNode settled(MockMqWeb mq) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode s = stats(mq);
            return s.path("connectionsClosed").asLong() == s.path("connectionsAccepted").asLong();
        });
        return stats(mq);
    }

    @Test
    void oneShotRequestsAreCountedAsConnectionsAndFullHandshakes() throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).start()) {
            for (int i = 0; i < 50; i++) {
                // A new SSLContext each time: nothing to resume, as with a new client per request.
                SSLContext fresh = Clients.tls(mq.caPem(), null, null);
                assertThat(Clients.oneShot(fresh, mq.baseUri(), QMGR, basic(mq, "mqadmin"))).isEqualTo(200);
            }
            JsonNode s = settled(mq);
            assertThat(s.path("connectionsAccepted").asLong()).isEqualTo(50);
            assertThat(s.at("/tlsHandshakes/full").asLong()).isEqualTo(50);
            assertThat(s.at("/tlsHandshakes/resumed").asLong()).isZero();
            assertThat(s.at("/requests/2xx").asLong()).isEqualTo(50);
            assertThat(s.at("/requestsPerConnection/max").asLong()).isEqualTo(1);
            assertThat(s.at("/requestsPerConnection/mean").asDouble()).isEqualTo(1.0);
            assertThat(s.path("passwordChecks").asLong()).isEqualTo(1);
            assertThat(s.path("authCacheHits").asLong()).isEqualTo(49);
            assertThat(s.path("serverCpuMicros").asLong()).isPositive();
            // Asking twice changes nothing: the stats connections do not count themselves.
            assertThat(stats(mq).path("connectionsAccepted").asLong()).isEqualTo(50);
        }
    }

    @Test
    void keepAliveRequestsShareOneConnectionAndResumedHandshakesAreCounted() throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).start()) {
            SSLContext ctx = Clients.tls(mq.caPem(), null, null);
            assertThat(Clients.keepAlive(ctx, mq.baseUri(), QMGR, basic(mq, "mqadmin"), 20)).containsOnly(200).hasSize(20);
            assertThat(stats(mq).path("connectionsAccepted").asLong()).isEqualTo(1);
            assertThat(stats(mq).at("/requests/total").asLong()).isEqualTo(20);
            // One SSLContext for ten new connections: the first is full, the others resume.
            SSLContext shared = Clients.tls(mq.caPem(), null, null);
            for (int i = 0; i < 10; i++) {
                assertThat(Clients.oneShot(shared, mq.baseUri(), QMGR, basic(mq, "mqadmin"))).isEqualTo(200);
            }
            JsonNode s = stats(mq);
            assertThat(s.path("connectionsAccepted").asLong()).isEqualTo(11);
            assertThat(s.at("/tlsHandshakes/full").asLong()).isEqualTo(2);
            assertThat(s.at("/tlsHandshakes/resumed").asLong()).isEqualTo(9);

            HttpResponse<String> reset = Clients.send(Clients.http(ctx), Clients.request(mq.baseUri(), "/__restcost/stats/reset")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(reset.statusCode()).isEqualTo(204);
            JsonNode zero = stats(mq);
            assertThat(zero.path("connectionsAccepted").asLong()).isZero();
            assertThat(zero.at("/requests/total").asLong()).isZero();
        }
    }

    @Test
    void resumptionCanBeSwitchedOff() throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).tlsResumption(false).start()) {
            SSLContext shared = Clients.tls(mq.caPem(), null, null);
            for (int i = 0; i < 10; i++) {
                assertThat(Clients.oneShot(shared, mq.baseUri(), QMGR, basic(mq, "mqadmin"))).isEqualTo(200);
            }
            JsonNode s = settled(mq);
            assertThat(s.at("/tlsHandshakes/full").asLong()).isEqualTo(10);
            assertThat(s.at("/tlsHandshakes/resumed").asLong()).isZero();
        }
    }

    @Test
    void withoutTheAuthCacheEveryBasicRequestPaysThePasswordCheck() throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).noAuthCache().start()) {
            SSLContext shared = Clients.tls(mq.caPem(), null, null);
            for (int i = 0; i < 10; i++) {
                Clients.oneShot(shared, mq.baseUri(), QMGR, basic(mq, "mqadmin"));
            }
            JsonNode s = stats(mq);
            assertThat(s.path("passwordChecks").asLong()).isEqualTo(10);
            assertThat(s.path("authCacheHits").asLong()).isZero();
        }
    }

    @Test
    void aKeepAliveRequestLimitClosesConnectionsLikeLiberty() throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).maxKeepAliveRequests(3).start()) {
            SSLContext ctx = Clients.tls(mq.caPem(), null, null);
            // Five requests offered on one connection: the server answers three, then closes it.
            assertThat(Clients.keepAlive(ctx, mq.baseUri(), QMGR, basic(mq, "mqadmin"), 5)).containsExactly(200, 200, 200);
            assertThat(Clients.keepAlive(ctx, mq.baseUri(), QMGR, basic(mq, "mqadmin"), 5)).containsExactly(200, 200, 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> stats(mq).at("/requestsPerConnection/closedConnections").asLong() == 2);
            JsonNode s = stats(mq);
            assertThat(s.path("connectionsAccepted").asLong()).isEqualTo(2);
            assertThat(s.at("/requests/total").asLong()).isEqualTo(6);
            assertThat(s.at("/requestsPerConnection/min").asLong()).isEqualTo(3);
            assertThat(s.at("/requestsPerConnection/max").asLong()).isEqualTo(3);
        }
    }

    @Test
    void faultsAreInjectedAtTheirRate() throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100)
                .responseShaping(ResponseShaping.NONE.withFaults(1.0, List.of(Fault.CONNECTION_RESET_BY_PEER))).start()) {
            HttpClient c = Clients.http(Clients.tls(mq.caPem(), null, null));
            String auth = basic(mq, "mqadmin").substring("Authorization: ".length()).trim();
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    Clients.send(c, Clients.request(mq.baseUri(), QMGR).header("Authorization", auth).GET().build()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aFixedDelayHoldsEveryResponse() throws Exception {
        // ResponseShapingTest checks the delay each shaping sets; this, that the connection filter honours it.
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).recordExchanges(true)
                .responseShaping(ResponseShaping.fixed(Duration.ofMillis(60))).start()) {
            HttpClient c = Clients.http(Clients.tls(mq.caPem(), null, null));
            String auth = basic(mq, "mqadmin").substring("Authorization: ".length()).trim();
            long start = System.nanoTime();
            assertThat(Clients.send(c, Clients.request(mq.baseUri(), QMGR).header("Authorization", auth).GET().build()).statusCode())
                    .isEqualTo(200);
            // A lower bound, so a slow machine cannot fail it.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        }
    }

    @Test
    void clientAuthenticationRequiredWantedAndTheCertificateUser() throws Exception {
        try (MockMqWeb required = MockMqWeb.builder().passwordIterations(100).clientAuth(ClientAuthMode.REQUIRED).start()) {
            SSLContext withCert = Clients.tls(required.caPem(), required.pki().clientKeystore("mqadmin"), required.pki().password());
            assertThat(Clients.oneShot(withCert, required.baseUri(), QMGR, "")).isEqualTo(200);
            SSLContext reader = Clients.tls(required.caPem(), required.pki().clientKeystore("mqreader"), required.pki().password());
            assertThat(Clients.oneShot(reader, required.baseUri(), "/ibmmq/rest/v2/login", "")).isEqualTo(200);
            SSLContext none = Clients.tls(required.caPem(), null, null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Clients.oneShot(none, required.baseUri(), QMGR, ""))
                    .isInstanceOf(IOException.class);
        }
        try (MockMqWeb wanted = MockMqWeb.builder().passwordIterations(100).bindAddress("127.0.0.2").clientAuth(ClientAuthMode.WANTED).start()) {
            SSLContext none = Clients.tls(wanted.caPem(), null, null);
            assertThat(Clients.oneShot(none, wanted.baseUri(), QMGR, "")).isEqualTo(401);
            assertThat(Clients.oneShot(none, wanted.baseUri(), QMGR, basic(wanted, "mqadmin"))).isEqualTo(200);
            SSLContext user = Clients.tls(wanted.caPem(), wanted.pki().clientKeystore("mquser"), wanted.pki().password());
            // mquser's certificate makes it mquser, whose MQWebUser role may use the admin API.
            assertThat(Clients.oneShot(user, wanted.baseUri(), QMGR, "")).isEqualTo(200);
            SSLContext nobody = Clients.tls(wanted.caPem(), wanted.pki().clientKeystore("mqnobody"), wanted.pki().password());
            // mqnobody's certificate makes it mqnobody, who has no role: 403, not 401.
            assertThat(Clients.oneShot(nobody, wanted.baseUri(), QMGR, "")).isEqualTo(403);
            // A forged identity header is stripped.
            assertThat(Clients.oneShot(none, wanted.baseUri(), QMGR, "X-Restcost-Client-Cn: mqadmin\r\n")).isEqualTo(401);
            assertThat(Clients.oneShot(none, wanted.baseUri(), QMGR, "X-Restcost-Principal: mqadmin|MQWebAdmin|\r\n")).isEqualTo(401);
        }
    }

    @Test
    void instancesSharingAKeyFileAcceptEachOthersTokensAndOthersDoNot(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("ltpa.key");
        try (MockMqWeb a = MockMqWeb.builder().passwordIterations(100).tokenKeyFile(key).cookieSuffix("42").start();
             MockMqWeb b = MockMqWeb.builder().passwordIterations(100).tokenKeyFile(key).cookieSuffix("42").bindAddress("127.0.0.2").start();
             MockMqWeb other = MockMqWeb.builder().passwordIterations(100).cookieSuffix("42").bindAddress("127.0.0.3").start()) {
            SSLContext ctxA = Clients.tls(a.caPem(), null, null);
            HttpClient ca = Clients.http(ctxA);
            HttpResponse<String> login = Clients.send(ca, Clients.request(a.baseUri(), "/ibmmq/rest/v2/login")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"mqadmin\",\"password\":\"" + a.password("mqadmin") + "\"}")).build());
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = "Cookie: " + setCookie.substring(0, setCookie.indexOf(';')) + "\r\n";
            // b's certificate comes from its own CA; b knows its own users, but the token names mqadmin with its roles.
            assertThat(Clients.oneShot(Clients.tls(b.caPem(), null, null), b.baseUri(), QMGR, cookie)).isEqualTo(200);
            assertThat(Clients.oneShot(Clients.tls(other.caPem(), null, null), other.baseUri(), QMGR, cookie)).isEqualTo(401);
            assertThat(a.baseUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(b.baseUri().getHost()).isEqualTo("127.0.0.2");
        }
    }

    @Test
    void trackedLogoutsRefuseTheOldToken() throws Exception {
        for (boolean track : new boolean[] {false, true}) {
            try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).trackLoggedOutTokens(track).start()) {
                HttpClient c = Clients.http(Clients.tls(mq.caPem(), null, null));
                URI base = mq.baseUri();
                HttpResponse<String> login = Clients.send(c, Clients.request(base, "/ibmmq/rest/v2/login")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"mqadmin\",\"password\":\"" + mq.password("mqadmin") + "\"}")).build());
                String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
                String cookie = setCookie.substring(0, setCookie.indexOf(';'));
                HttpResponse<String> logout = Clients.send(c, Clients.request(base, "/ibmmq/rest/v2/login").header("Cookie", cookie)
                        .header("ibm-mq-rest-csrf-token", "x").DELETE().build());
                assertThat(logout.statusCode()).isEqualTo(204);
                assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
                int after = Clients.send(c, Clients.request(base, QMGR).header("Cookie", cookie).GET().build()).statusCode();
                assertThat(after).as("trackLoggedOutTokens=%s", track).isEqualTo(track ? 401 : 200);
            }
        }
    }
}
