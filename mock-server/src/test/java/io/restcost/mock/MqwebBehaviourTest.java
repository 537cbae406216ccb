package io.restcost.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every row of MQWEB.md, driven with the JDK's HTTP client against one mock. */
class MqwebBehaviourTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static MockMqWeb mq;
    static HttpClient client;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        mq = MockMqWeb.builder().passwordIterations(1000).start();
        client = Clients.http(Clients.tls(mq.caPem(), null, null));
        base = mq.baseUri();
    }

    @AfterAll
    static void stop() {
        mq.close();
    }

    static String v2(String resource) {
        return "/ibmmq/rest/v2" + resource;
    }

    static HttpResponse<String> login(String user, String password) throws Exception {
        return Clients.send(client, Clients.request(base, v2("/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build());
    }

    static String cookieOf(HttpResponse<?> r) {
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static HttpResponse<String> get(String path, String cookie) throws Exception {
        return Clients.send(client, Clients.request(base, path).header("Cookie", cookie).GET().build());
    }

    static JsonNode error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("error").get(0);
    }

    @Test
    void loginGivesASessionCookieThatOpensTheAdminApi() throws Exception {
        HttpResponse<String> login = login("mqadmin", mq.password("mqadmin"));
        assertThat(login.statusCode()).isEqualTo(204);
        assertThat(login.body()).isEmpty();
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(mq.cookieName() + "=").contains("Path=/").contains("Secure").contains("HttpOnly")
                .contains("SameSite=Strict").doesNotContain("Max-Age").doesNotContain("Expires");
        assertThat(mq.cookieName()).matches("LtpaToken2_[0-9]+");

        String cookie = cookieOf(login);
        for (String version : List.of("v1", "v2", "v3")) {
            HttpResponse<String> qmgr = get("/ibmmq/rest/" + version + "/admin/qmgr", cookie);
            assertThat(qmgr.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(qmgr.body()).at("/qmgr/0/name").asText()).isEqualTo("QM1");
            assertThat(qmgr.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(qmgr.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(qmgr.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, must-revalidate");
        }
        JsonNode me = JSON.readTree(get(v2("/login"), cookie).body());
        assertThat(me.at("/user/0/name").asText()).isEqualTo("mqadmin");
        assertThat(me.at("/user/0/role/0").asText()).isEqualTo("MQWebAdmin");
        JsonNode inst = JSON.readTree(get(v2("/admin/installation"), cookie).body());
        assertThat(inst.at("/installation/0/version").asText()).isEqualTo("9.4.0.0");
        assertThat(get(v2("/admin/qmgr/QM1"), cookie).statusCode()).isEqualTo(200);
        // The per-queue-manager queue list exists only in v1.
        assertThat(get("/ibmmq/rest/v1/admin/qmgr/QM1/queue", cookie).statusCode()).isEqualTo(200);
        assertThat(get(v2("/admin/qmgr/QM1/queue"), cookie).statusCode()).isEqualTo(404);
    }

    @Test
    void badCredentialsAndMalformedBodiesAreRefusedTheMqwebWay() throws Exception {
        HttpResponse<String> wrong = login("mqadmin", "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(error(wrong).path("msgId").asText()).isEqualTo("MQWB0104E");
        assertThat(wrong.body()).doesNotContain("not-the-password");
        HttpResponse<String> malformed = Clients.send(client, Clients.request(base, v2("/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(error(malformed).path("msgId").asText()).isEqualTo("MQWB0005E");
        assertThat(error(malformed).path("type").asText()).isEqualTo("rest");
        HttpResponse<String> anonymous = Clients.send(client, Clients.request(base, v2("/admin/qmgr")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(error(anonymous).path("msgId").asText()).isEqualTo("MQWB0104E");
    }

    @Test
    void tamperedTokensFailVerification() throws Exception {
        String cookie = cookieOf(login("mqadmin", mq.password("mqadmin")));
        String name = cookie.substring(0, cookie.indexOf('='));
        String token = cookie.substring(cookie.indexOf('=') + 1);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[raw.length / 2] ^= 1;
        HttpResponse<String> tampered = get(v2("/admin/qmgr"), name + "=" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(error(tampered).path("msgId").asText()).isEqualTo("MQWB0112E");
        assertThat(error(tampered).path("message").asText()).contains(name);
        assertThat(get(v2("/admin/qmgr"), name + "=garbage!").statusCode()).isEqualTo(401);
        // the witness's check that leak searches use: this mock's token yes, a tampered one or other text no
        assertThat(mq.issuedToken(token)).isTrue();
        assertThat(mq.issuedToken(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))).isFalse();
        assertThat(mq.issuedToken("garbage")).isFalse();
    }

    @Test
    void csrfHeaderIsRequiredOnPostPatchAndDeleteButNotOnLogin() throws Exception {
        String cookie = cookieOf(login("mqadmin", mq.password("mqadmin")));
        String mqsc = "{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QMGR\"}}";
        HttpResponse<String> without = Clients.send(client, Clients.request(base, v2("/admin/action/qmgr/QM1/mqsc"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mqsc)).build());
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(error(without).path("msgId").asText()).isEqualTo("MQWB0100E");
        HttpResponse<String> with = Clients.send(client, Clients.request(base, v2("/admin/action/qmgr/QM1/mqsc"))
                .header("Cookie", cookie).header("Content-Type", "application/json").header("ibm-mq-rest-csrf-token", "")
                .POST(HttpRequest.BodyPublishers.ofString(mqsc)).build());
        assertThat(with.statusCode()).isEqualTo(200);
        HttpResponse<String> delete = Clients.send(client, Clients.request(base, v2("/messaging/qmgr/QM1/queue/DEV.QUEUE.1/message"))
                .header("Cookie", cookie).DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(403);
    }

    @Test
    void rolesDecideWhatAUserMayDo() throws Exception {
        String reader = cookieOf(login("mqreader", mq.password("mqreader")));
        String user = cookieOf(login("mquser", mq.password("mquser")));
        String nobody = cookieOf(login("mqnobody", mq.password("mqnobody")));
        assertThat(get(v2("/admin/qmgr"), reader).statusCode()).isEqualTo(200);
        HttpResponse<String> readerMqsc = Clients.send(client, Clients.request(base, v2("/admin/action/qmgr/QM1/mqsc"))
                .header("Cookie", reader).header("ibm-mq-rest-csrf-token", "x")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QMGR\"}}")).build());
        assertThat(readerMqsc.statusCode()).isEqualTo(403);
        assertThat(error(readerMqsc).path("msgId").asText()).isEqualTo("MQWB0108E");
        // MQWebUser may use the admin API and MQSC, under its own queue-manager authority.
        assertThat(get(v2("/admin/qmgr"), user).statusCode()).isEqualTo(200);
        HttpResponse<String> userMqsc = Clients.send(client, Clients.request(base, v2("/admin/action/qmgr/QM1/mqsc"))
                .header("Cookie", user).header("ibm-mq-rest-csrf-token", "x")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QMGR\"}}")).build());
        assertThat(userMqsc.statusCode()).isEqualTo(200);
        assertThat(get(v2("/messaging/qmgr/QM1/queue/DEV.QUEUE.1/message"), user).statusCode()).isEqualTo(204);
        assertThat(get(v2("/messaging/qmgr/QM1/queue/DEV.QUEUE.1/message"), reader).statusCode()).isEqualTo(403);
        HttpResponse<String> none = get(v2("/admin/qmgr"), nobody);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(error(none).path("msgId").asText()).isEqualTo("MQWB0108E");
    }

    @Test
    void basicAuthWorksAndAlsoHandsOutAToken() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("mqadmin:" + mq.password("mqadmin")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = Clients.send(client, Clients.request(base, v2("/admin/qmgr")).header("Authorization", basic).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = cookieOf(r);
        assertThat(cookie).startsWith(mq.cookieName() + "=");
        assertThat(get(v2("/admin/qmgr"), cookie).statusCode()).isEqualTo(200);
        String wrong = "Basic " + Base64.getEncoder().encodeToString("mqadmin:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(Clients.send(client, Clients.request(base, v2("/admin/qmgr")).header("Authorization", wrong).GET().build())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void basicAuthResponsesCarryTheCachedSubjectsTokenUntilTheCacheEntryExpires() throws Exception {
        MutableClock clock = new MutableClock();
        try (MockMqWeb cached = MockMqWeb.builder().bindAddress("127.0.0.4").passwordIterations(100)
                .authCache(Duration.ofSeconds(600), 100).clock(clock).start();
             MockMqWeb uncached = MockMqWeb.builder().bindAddress("127.0.0.5").passwordIterations(100).noAuthCache().start()) {
            // Liberty signs the SSO token when it caches the subject, not on every request: a
            // token signature is an RSA private-key operation.
            String first = basicCookie(cached);
            assertThat(basicCookie(cached)).isEqualTo(first);
            clock.advance(Duration.ofSeconds(599));
            assertThat(basicCookie(cached)).isEqualTo(first);
            clock.advance(Duration.ofSeconds(2));
            String renewed = basicCookie(cached);
            assertThat(renewed).isNotEqualTo(first);
            assertThat(basicCookie(cached)).isEqualTo(renewed);

            assertThat(basicCookie(uncached)).isNotEqualTo(basicCookie(uncached));
        }
    }

    static String basicCookie(MockMqWeb m) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("mqadmin:" + m.password("mqadmin")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = Clients.send(Clients.http(trustOnly(m)),
                Clients.request(m.baseUri(), v2("/admin/qmgr")).header("Authorization", basic).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        return cookieOf(r);
    }

    @Test
    void errorsForUnknownThingsAreMqwebJson() throws Exception {
        String cookie = cookieOf(login("mqadmin", mq.password("mqadmin")));
        HttpResponse<String> qmgr = get(v2("/admin/qmgr/NOSUCH"), cookie);
        assertThat(qmgr.statusCode()).isEqualTo(404);
        assertThat(error(qmgr).path("msgId").asText()).isEqualTo("MQWB0009E");
        assertThat(error(qmgr).path("reasonCode").asInt()).isEqualTo(2058);
        HttpResponse<String> path = get(v2("/no/such/thing"), cookie);
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(error(path).path("msgId").asText()).startsWith("MQWB");
        HttpResponse<String> outside = get("/not-mqweb", cookie);
        assertThat(outside.statusCode()).isEqualTo(404);
        HttpResponse<String> method = Clients.send(client, Clients.request(base, v2("/admin/qmgr")).header("Cookie", cookie)
                .header("ibm-mq-rest-csrf-token", "x").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(error(method).path("msgId").asText()).startsWith("MQWB");
    }

    @Test
    void mqscCommandsRunAndFailTheWayMqDoes() throws Exception {
        String cookie = cookieOf(login("mqadmin", mq.password("mqadmin")));
        JsonNode qmgr = mqsc(cookie, "{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QMGR\"}}");
        assertThat(qmgr.at("/commandResponse/0/completionCode").asInt()).isZero();
        assertThat(qmgr.at("/commandResponse/0/text/1").asText()).isEqualTo("QMNAME(QM1)");
        JsonNode all = mqsc(cookie, "{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QLOCAL(*)\"}}");
        assertThat(all.path("commandResponse")).hasSize(3);
        assertThat(all.path("overallReasonCode").asInt()).isZero();
        JsonNode missing = mqsc(cookie, "{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QLOCAL(NOPE)\"}}");
        assertThat(missing.at("/commandResponse/0/completionCode").asInt()).isEqualTo(2);
        assertThat(missing.at("/commandResponse/0/reasonCode").asInt()).isEqualTo(2085);
        assertThat(missing.path("overallCompletionCode").asInt()).isEqualTo(2);
        assertThat(missing.path("overallReasonCode").asInt()).isEqualTo(3008);
        JsonNode json = mqsc(cookie, "{\"type\":\"runCommandJSON\",\"command\":\"display\",\"qualifier\":\"qlocal\",\"name\":\"DEV.QUEUE.2\"}");
        assertThat(json.at("/commandResponse/0/parameters/queue").asText()).isEqualTo("DEV.QUEUE.2");
        assertThat(json.at("/commandResponse/0/parameters/curdepth").isInt()).isTrue();
        HttpResponse<String> bad = Clients.send(client, Clients.request(base, v2("/admin/action/qmgr/QM1/mqsc")).header("Cookie", cookie)
                .header("ibm-mq-rest-csrf-token", "x").POST(HttpRequest.BodyPublishers.ofString("[1,2")).build());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    static JsonNode mqsc(String cookie, String body) throws Exception {
        HttpResponse<String> r = Clients.send(client, Clients.request(base, v2("/admin/action/qmgr/QM1/mqsc")).header("Cookie", cookie)
                .header("Content-Type", "application/json").header("ibm-mq-rest-csrf-token", "x")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void expiredTokensFailVerification() throws Exception {
        MutableClock clock = new MutableClock();
        try (MockMqWeb short_ = MockMqWeb.builder().bindAddress("127.0.0.3").passwordIterations(100)
                .tokenExpiry(Duration.ofMinutes(120)).clock(clock).start()) {
            HttpClient c = Clients.http(Clients.tls(short_.caPem(), null, null));
            HttpResponse<String> login = Clients.send(c, Clients.request(short_.baseUri(), v2("/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"mqadmin\",\"password\":\"" + short_.password("mqadmin") + "\"}")).build());
            String cookie = cookieOf(login);
            clock.advance(Duration.ofMinutes(119));
            assertThat(Clients.send(c, Clients.request(short_.baseUri(), v2("/admin/qmgr")).header("Cookie", cookie).GET().build())
                    .statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(2));
            HttpResponse<String> expired = Clients.send(c, Clients.request(short_.baseUri(), v2("/admin/qmgr")).header("Cookie", cookie).GET().build());
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(error(expired).path("msgId").asText()).isEqualTo("MQWB0112E");
        }
    }

    /** A wall clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-27T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static SSLContext trustOnly(MockMqWeb m) throws Exception {
        return Clients.tls(m.caPem(), null, null);
    }
}
