package io.restcost.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.client.RestClient;
import io.restcost.client.auth.Auth;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.tls.TlsOptions;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * restcost's client, unchanged, against a real Open Liberty serving mqweb's API: Liberty's
 * own TLS, LtpaToken2 and authentication; counted from Liberty's side (the remote port of each
 * request as Liberty's servlet container reports it: a port is a connection).
 */
class LibertyIT {

    static final String QMGR = "/ibmmq/rest/v2/admin/qmgr";
    static final String LOGIN = "/ibmmq/rest/v2/login";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static LibertyServer liberty;

    @BeforeAll
    static void start() throws IOException {
        liberty = LibertyServer.builder().stateDir(dir).tokenExpiry(Duration.ofMinutes(1)).start();
    }

    @AfterAll
    static void stop() {
        if (liberty != null) {
            liberty.close();
        }
    }

    static RestClient client(SessionPolicy policy, Auth auth) {
        return RestClient.builder().baseUri(liberty.baseUri()).policy(policy).auth(auth)
                .tls(TlsOptions.builder().trustPem(liberty.caPem()).build()).build();
    }

    static char[] password(String user) {
        return liberty.password(user).toCharArray();
    }

    /** What Liberty's servlet container counted since the last reset (see the app's StatsServlet). */
    static JsonNode stats() throws Exception {
        return JSON.readTree(http().send(get("/__restcost/stats").build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    static void reset() throws Exception {
        assertThat(http().send(get("/__restcost/stats/reset").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
    }

    static HttpClient http() {
        return HttpClient.newBuilder().sslContext(LibertyServer.trusting(liberty.caPem())).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void ltpaLogsInOnceAndReusesLibertysCookie() throws Exception {
        reset();
        try (RestClient c = client(SessionPolicy.pooled(), Auth.ltpa("mqadmin", password("mqadmin")))) {
            for (int i = 0; i < 20; i++) {
                RestResponse r = c.execute(RestRequest.get(QMGR));
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyAsString()).contains("\"name\":\"QM1\"");
            }
        }
        JsonNode s = stats();
        assertThat(s.path("logins").asLong()).isEqualTo(1);
        assertThat(s.at("/requests/total").asLong()).as("20, the login, the logout at close").isEqualTo(22);
        assertThat(s.path("connectionsAccepted").asLong()).as("pooled: one connection").isEqualTo(1);
    }

    @Test
    void eachPolicyOpensTheConnectionsItShould() throws Exception {
        reset();
        try (RestClient c = client(SessionPolicy.oneShot(), Auth.basic("mqadmin", password("mqadmin")))) {
            for (int i = 0; i < 12; i++) {
                assertThat(c.execute(RestRequest.get(QMGR)).status()).isEqualTo(200);
            }
        }
        JsonNode oneShot = stats();
        assertThat(oneShot.at("/requests/total").asLong()).isEqualTo(12);
        assertThat(oneShot.path("connectionsAccepted").asLong()).as("one-shot: a connection per request").isEqualTo(12);

        reset();
        try (RestClient c = client(SessionPolicy.rotating().maxRequests(10).build(), Auth.basic("mqadmin", password("mqadmin")))) {
            for (int i = 0; i < 50; i++) {
                assertThat(c.execute(RestRequest.get(QMGR)).status()).isEqualTo(200);
            }
        }
        JsonNode rotating = stats();
        assertThat(rotating.at("/requests/total").asLong()).isEqualTo(50);
        assertThat(rotating.path("connectionsAccepted").asLong()).as("rotating every 10: 5 connections").isEqualTo(5);
        assertThat(rotating.at("/requestsPerConnection/max").asLong()).isEqualTo(10);
    }

    @Test
    void anExpiredTokenCostsExactlyOneReloginAtEightThreads() throws Exception {
        try (RestClient c = client(SessionPolicy.pooled(), Auth.ltpa("mqadmin", password("mqadmin")))) {
            assertThat(c.execute(RestRequest.get(QMGR)).status()).isEqualTo(200);
            Thread.sleep(Duration.ofSeconds(65).toMillis());  // Liberty's shortest ltpa expiration is a minute
            reset();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    results.add(pool.submit(() -> c.execute(RestRequest.get(QMGR)).status()));
                }
                for (Future<Integer> f : results) {
                    assertThat(f.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }
            JsonNode s = stats();
            assertThat(s.path("logins").asLong()).as("one re-login for the expired token").isEqualTo(1);
            assertThat(s.at("/requests/total").asLong()).as("64 requests, one login, and the 401 that found the token expired")
                    .isBetween(66L, 73L);
        }
    }

    @Test
    void refusalsAreMqwebsErrorsNotLibertysEmpty401() throws Exception {
        HttpClient http = http();
        HttpResponse<String> wrong = http.send(get(QMGR).header("Authorization", basic("mqadmin", "not-the-password")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("MQWB0104E").contains("user name and password");

        HttpResponse<String> noRole = http.send(get(QMGR).header("Authorization", basic("mqnobody", liberty.password("mqnobody")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noRole.statusCode()).isEqualTo(403);
        assertThat(noRole.body()).contains("MQWB0108E");

        HttpResponse<String> badToken = http.send(get(QMGR).header("Cookie", liberty.cookieName() + "=bm90LWEtdG9rZW4=").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(badToken.body()).contains("MQWB0112E").contains(liberty.cookieName());

        HttpResponse<String> noCsrf = http.send(get("/ibmmq/rest/v2/admin/action/qmgr/QM1/mqsc")
                .header("Authorization", basic("mqadmin", liberty.password("mqadmin")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DIS QMGR\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).contains("MQWB0100E");
    }

    @Test
    void loginWhoAmIAndLogoutWithLibertysToken() throws IOException {
        try (RestClient c = client(SessionPolicy.pooled(), Auth.ltpa("mqreader", password("mqreader")))) {
            RestResponse me = c.execute(RestRequest.get(LOGIN));
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.bodyAsString()).contains("\"name\":\"mqreader\"").contains("MQWebAdminRO");
            RestResponse mqsc = c.execute(RestRequest.builder("POST", "/ibmmq/rest/v2/admin/action/qmgr/QM1/mqsc")
                    .header("ibm-mq-rest-csrf-token", "x").body("application/json",
                            "{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DIS QMGR\"}}"
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());
            assertThat(mqsc.status()).as("MQWebAdminRO may not run MQSC").isEqualTo(403);
        }
    }

    /** Liberty offers HTTP/2 by ALPN; restcost's engines stay on HTTP/1.1: OkHttp asks for it by ALPN, Apache asks for nothing. */
    @Test
    void libertyNegotiatesHttp11WithRestcostsEngines() throws IOException {
        for (var engine : io.restcost.client.Engine.values()) {
            java.util.List<String> alpn = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (RestClient c = RestClient.builder().baseUri(liberty.baseUri()).engine(engine).policy(SessionPolicy.oneShot())
                    .auth(Auth.basic("mqadmin", password("mqadmin"))).tls(TlsOptions.builder().trustPem(liberty.caPem()).build())
                    .listener(new io.restcost.client.event.RestClientListener() {
                        @Override
                        public void secureConnectEnd(io.restcost.client.event.SessionInfo s, boolean resumed, String protocol,
                                                     String applicationProtocol) {
                            alpn.add(applicationProtocol);
                        }
                    }).build()) {
                assertThat(c.execute(RestRequest.get(QMGR)).status()).isEqualTo(200);
            }
            assertThat(alpn).as(engine.toString()).containsExactly(engine == io.restcost.client.Engine.OKHTTP ? "http/1.1" : "");
        }
    }

    /** Liberty offers HTTP/2 by ALPN as it comes, and both of restcost's engines speak it to Liberty when asked. */
    @Test
    void libertyOffersHttp2ByDefaultAndBothEnginesSpeakIt() throws Exception {
        assertThat(LibertyHttpVersionIT.version(liberty)).isEqualTo(HttpClient.Version.HTTP_2);
        for (var engine : io.restcost.client.Engine.values()) {
            java.util.List<String> alpn = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (RestClient c = RestClient.builder().baseUri(liberty.baseUri()).engine(engine).policy(SessionPolicy.pooled())
                    .httpVersion(io.restcost.client.http.HttpVersion.HTTP_2).auth(Auth.ltpa("mqadmin", password("mqadmin")))
                    .tls(TlsOptions.builder().trustPem(liberty.caPem()).build())
                    .listener(new io.restcost.client.event.RestClientListener() {
                        @Override
                        public void secureConnectEnd(io.restcost.client.event.SessionInfo s, boolean resumed, String protocol,
                                                     String applicationProtocol) {
                            alpn.add(applicationProtocol);
                        }
                    }).build()) {
                for (int i = 0; i < 5; i++) {
                    assertThat(c.execute(RestRequest.get(QMGR)).status()).as(engine.toString()).isEqualTo(200);
                }
            }
            assertThat(alpn).as(engine.toString()).containsExactly("h2");
        }
    }

    @Test
    void messagingPutBrowseAndGetAsMQWebUser() throws IOException {
        String queue = "/ibmmq/rest/v2/messaging/qmgr/QM1/queue/DEV.QUEUE.2/message";
        try (RestClient c = client(SessionPolicy.pooled(), Auth.basic("mquser", password("mquser")))) {
            RestResponse put = c.execute(RestRequest.builder("POST", queue).header("ibm-mq-rest-csrf-token", "x")
                    .body("text/plain;charset=utf-8", "hello from restcost".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());
            assertThat(put.status()).isEqualTo(201);
            String id = put.header("ibm-mq-md-messageId");
            assertThat(id).hasSize(48);
            RestResponse browse = c.execute(RestRequest.get(queue + "?messageId=" + id));
            assertThat(browse.status()).isEqualTo(200);
            assertThat(browse.bodyAsString()).isEqualTo("hello from restcost");
            RestResponse got = c.execute(RestRequest.builder("DELETE", queue).header("ibm-mq-rest-csrf-token", "x").build());
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.bodyAsString()).isEqualTo("hello from restcost");
            assertThat(c.execute(RestRequest.builder("DELETE", queue).header("ibm-mq-rest-csrf-token", "x").build()).status())
                    .as("the queue is empty now").isEqualTo(204);
        }
        try (RestClient admin = client(SessionPolicy.pooled(), Auth.basic("mqadmin", password("mqadmin")))) {
            assertThat(admin.execute(RestRequest.get(queue)).status()).as("the admin roles have no messaging API").isEqualTo(403);
        }
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(liberty.baseUri().resolve(path)).timeout(Duration.ofSeconds(20));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
