package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.auth.LtpaToken;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.MqwebTestServer;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.testing.TestPki;
import io.restcost.client.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Authentication against an mqweb-like server, on both engines. */
class AuthOnServerTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
    }

    private static char[] password() {
        return MqwebTestServer.PASSWORD.toCharArray();
    }

    private static RestClient.Builder client(MqwebTestServer server, Engine engine) {
        return RestClient.builder().baseUri(server.baseUri()).engine(engine)
                .tls(TlsOptions.builder().trustPem(pki.caPem).build());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ltpaLogsInOnceAndSendsOnlyTheToken(Engine engine) throws Exception {
        try (MqwebTestServer server = MqwebTestServer.builder(pki).auth("ltpa").start()) {
            try (RestClient client = client(server, engine).policy(SessionPolicy.pooled())
                    .auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
                Map<Integer, Integer> statuses = Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 200, 4);
                assertThat(statuses).containsExactly(Map.entry(200, 200));
            }
            assertThat(server.logins()).isEqualTo(1);
            assertThat(server.loginsWithCookie()).isZero();
            assertThat(server.authorizationsSeen()).isEmpty();
            String token = server.issuedTokens().iterator().next();
            // 200 requests and the logout carried the token, and nothing but the token.
            assertThat(server.cookiesSeen()).hasSize(201).allSatisfy(c -> assertThat(c).endsWith("=" + token).doesNotContain(";"));
            assertThat(server.logouts()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void a401SeenByEightThreadsAtOnceCausesExactlyOneNewLogin(Engine engine) throws Exception {
        try (MqwebTestServer server = MqwebTestServer.builder(pki).auth("ltpa").start();
             RestClient client = client(server, engine).policy(SessionPolicy.pooled())
                     .auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
            RestRequest get = RestRequest.get(MqwebTestServer.QMGR_PATH);
            assertThat(Load.run(client, get, 64, 8)).containsExactly(Map.entry(200, 64));
            assertThat(server.logins()).isEqualTo(1);

            server.expireAllTokens();
            // Eight threads start together; each of the first eight requests meets the 401.
            assertThat(Load.run(client, get, 400, 8)).containsExactly(Map.entry(200, 400));
            assertThat(server.logins()).isEqualTo(2);
            assertThat(server.tokenRejections()).isBetween(1, 8);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rotatingWithReauthenticationLogsInOncePerSession(Engine engine) throws Exception {
        RecordingListener events = new RecordingListener();
        try (MqwebTestServer server = MqwebTestServer.builder(pki).auth("ltpa").start()) {
            try (RestClient client = client(server, engine)
                    .policy(SessionPolicy.rotating().maxRequests(10).reauthenticate(true).build())
                    .listener(events).auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
                assertThat(Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 100, 1))
                        .containsExactly(Map.entry(200, 100));
            }
            assertThat(server.logins()).isEqualTo(10).isEqualTo(events.sessionsOpened.get());
            // A session's login rides on its own connection, before its ten requests.
            assertThat(server.counters().requestsPerClosedConnection()).containsOnly(11L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneShotLogsInAfreshOnEveryConnection(Engine engine) throws Exception {
        try (MqwebTestServer server = MqwebTestServer.builder(pki).auth("ltpa").start()) {
            try (RestClient client = client(server, engine).policy(SessionPolicy.oneShot())
                    .auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
                assertThat(Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 20, 1))
                        .containsExactly(Map.entry(200, 20));
            }
            assertThat(server.logins()).isEqualTo(20);
            assertThat(server.counters().accepted()).isEqualTo(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTokenSetByOneHostIsNeverSentToAnother(Engine engine) throws Exception {
        try (MqwebTestServer a = MqwebTestServer.builder(pki).host("127.0.0.1").auth("ltpa").start();
             MqwebTestServer b = MqwebTestServer.builder(pki).host("127.0.0.2").auth("ltpa").start()) {
            try (RestClient client = client(a, engine).auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
                for (int i = 0; i < 5; i++) {
                    assertThat(client.get(MqwebTestServer.QMGR_PATH).status()).isEqualTo(200);
                    assertThat(client.get(b.baseUri() + MqwebTestServer.QMGR_PATH).status()).isEqualTo(200);
                }
            }
            assertThat(a.logins()).isEqualTo(1);
            assertThat(b.logins()).isEqualTo(1);
            for (String tokenOfA : a.issuedTokens()) {
                assertThat(b.cookiesSeen()).noneMatch(c -> c.contains(tokenOfA));
            }
            for (String tokenOfB : b.issuedTokens()) {
                assertThat(a.cookiesSeen()).noneMatch(c -> c.contains(tokenOfB));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void csrfHeaderGoesOnPostPatchAndDeleteButNotOnLogin(Engine engine) throws Exception {
        try (MqwebTestServer server = MqwebTestServer.builder(pki).auth("ltpa").start();
             RestClient client = client(server, engine).auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
            String mqsc = "{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QMGR\"}}";
            assertThat(client.execute(RestRequest.postJson("/ibmmq/rest/v2/admin/action/qmgr/QM1/mqsc", mqsc)).status()).isEqualTo(200);
            assertThat(client.execute(RestRequest.delete("/ibmmq/rest/v2/messaging/qmgr/QM1/queue/Q1/message")).status()).isEqualTo(200);
            assertThat(client.execute(RestRequest.builder("PATCH", "/ibmmq/rest/v2/admin/qmgr/QM1").build()).status()).isEqualTo(200);
            assertThat(server.csrfMissing()).isEmpty();
            assertThat(server.loginsWithCookie()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aWrongPasswordGivesALoginErrorThatNamesTheUserButNotThePassword(Engine engine) throws Exception {
        try (MqwebTestServer server = MqwebTestServer.builder(pki).auth("ltpa").start();
             RestClient client = client(server, engine).auth(Auth.ltpa(MqwebTestServer.USER, "wrong-pw-123".toCharArray())).build()) {
            assertThatThrownBy(() -> client.get(MqwebTestServer.QMGR_PATH))
                    .isInstanceOf(LoginFailedException.class)
                    .hasMessageContaining("mqadmin").hasMessageContaining("HTTP 401")
                    .hasMessageContaining("check the user name and password")
                    .hasMessageNotContaining("wrong-pw-123");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSecureTokenCookieThatCameOverPlainHttpIsRefused(Engine engine) throws Exception {
        try (MqwebTestServer plain = MqwebTestServer.builder(pki).plainHttp().secureCookieOverHttp().auth("ltpa").start();
             RestClient client = RestClient.builder().baseUri(plain.baseUri()).engine(engine)
                     .auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
            assertThatThrownBy(() -> client.get(MqwebTestServer.QMGR_PATH))
                    .isInstanceOf(LtpaToken.InsecureCookieException.class)
                    .hasMessageContaining("Secure").hasMessageContaining("use an https:// base URI");
            assertThat(plain.logins()).isEqualTo(1);
            for (String token : plain.issuedTokens()) {
                assertThat(plain.cookiesSeen()).noneMatch(c -> c.contains(token));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void tokensAreScopedBySchemeToo(Engine engine) throws Exception {
        try (MqwebTestServer https = MqwebTestServer.builder(pki).auth("ltpa").start();
             MqwebTestServer plain = MqwebTestServer.builder(pki).plainHttp().auth("ltpa").start()) {
            // The plain server's cookie carries no Secure flag: it works over HTTP.
            try (RestClient client = RestClient.builder().baseUri(plain.baseUri()).engine(engine)
                    .auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
                assertThat(client.get(MqwebTestServer.QMGR_PATH).status()).isEqualTo(200);
            }
            // The HTTPS server's Secure cookie never goes to the same host over HTTP.
            try (RestClient client = client(https, engine).auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
                assertThat(client.get(MqwebTestServer.QMGR_PATH).status()).isEqualTo(200);
                assertThat(client.get(plain.baseUri() + MqwebTestServer.QMGR_PATH).status()).isEqualTo(200);
            }
            for (String secureToken : https.issuedTokens()) {
                assertThat(plain.cookiesSeen()).noneMatch(c -> c.contains(secureToken));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void basicSendsTheHeaderEveryTimeAndIgnoresCookies(Engine engine) throws Exception {
        try (MqwebTestServer server = MqwebTestServer.builder(pki).auth("basic").start()) {
            try (RestClient client = client(server, engine).auth(Auth.basic(MqwebTestServer.USER, password())).build()) {
                assertThat(Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 50, 2)).containsExactly(Map.entry(200, 50));
            }
            assertThat(server.authorizationsSeen()).hasSize(50);
            assertThat(server.cookiesSeen()).isEmpty();
            assertThat(server.logins()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void clientCertificateFromPkcs12OrPemAuthenticatesInTheHandshake(Engine engine) throws Exception {
        try (MqwebTestServer server = MqwebTestServer.builder(pki).needClientAuth().start()) {
            TlsOptions p12 = TlsOptions.builder().trustPem(pki.caPem).keyStore(pki.clientKeystore, pki.password.toCharArray()).build();
            TlsOptions pem = TlsOptions.builder().trustPem(pki.caPem).keyPem(pki.clientKeyPem, pki.clientCertPem).build();
            for (TlsOptions tls : new TlsOptions[] {p12, pem}) {
                try (RestClient client = RestClient.builder().baseUri(server.baseUri()).engine(engine).tls(tls)
                        .policy(SessionPolicy.rotating().maxRequests(5).build()).auth(Auth.clientCertificate()).build()) {
                    assertThat(Load.run(client, RestRequest.get(MqwebTestServer.QMGR_PATH), 20, 1)).containsExactly(Map.entry(200, 20));
                }
            }
            // Without a certificate the server refuses the handshake.
            try (RestClient client = client(server, engine).build()) {
                assertThatThrownBy(() -> client.get(MqwebTestServer.QMGR_PATH)).isInstanceOf(IOException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anUntrustedServerIsRefused(Engine engine) throws Exception {
        try (MqwebTestServer server = MqwebTestServer.builder(pki).start();
             RestClient client = RestClient.builder().baseUri(server.baseUri()).engine(engine).build()) {
            assertThatThrownBy(() -> client.get(MqwebTestServer.QMGR_PATH)).isInstanceOf(SSLException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aHostNameMismatchIsRefused(Engine engine) throws Exception {
        // The certificate names localhost, 127.0.0.1..3: 127.0.0.4 is not among them.
        try (MqwebTestServer server = MqwebTestServer.builder(pki).host("127.0.0.4").start();
             RestClient client = client(server, engine).build()) {
            assertThatThrownBy(() -> client.get(MqwebTestServer.QMGR_PATH)).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void tokensAndPasswordsStayOutOfStrings() throws Exception {
        Auth ltpa = Auth.ltpa("mqadmin", "pw-never-shown".toCharArray());
        Auth basic = Auth.basic("mqadmin", "pw-never-shown".toCharArray());
        assertThat(ltpa.toString()).contains("mqadmin").doesNotContain("pw-never-shown");
        assertThat(basic.toString()).contains("mqadmin").doesNotContain("pw-never-shown")
                .doesNotContain(((Auth.Basic) basic).authorizationHeader());
        TlsOptions tls = TlsOptions.builder().keyStore(pki.clientKeystore, "pw-never-shown".toCharArray()).build();
        assertThat(tls.toString()).contains(pki.clientKeystore.getFileName().toString()).doesNotContain("pw-never-shown");
        try (MqwebTestServer server = MqwebTestServer.builder(pki).auth("ltpa").start();
             RestClient client = client(server, Engine.OKHTTP).auth(Auth.ltpa(MqwebTestServer.USER, password())).build()) {
            client.get(MqwebTestServer.QMGR_PATH);
            assertThat(client.toString()).doesNotContain(MqwebTestServer.PASSWORD);
            String token = server.issuedTokens().iterator().next();
            String printable = client + " " + client.auth() + " " + client.policy();
            assertThat(printable).doesNotContain(token).doesNotContain(MqwebTestServer.PASSWORD);
        }
    }

    @Test
    void aTokenPrintsItsNameButNeverItsValue() throws Exception {
        Origin origin = Origin.of(java.net.URI.create("https://localhost:9443"));
        LtpaToken t = io.restcost.client.auth.LtpaTokenAccess.parse(origin,
                "LtpaToken2_123=abcSECRETdef; Path=/; Secure; HttpOnly; SameSite=Strict");
        assertThat(t.name()).isEqualTo("LtpaToken2_123");
        assertThat(t.toString()).contains("LtpaToken2_123").doesNotContain("abcSECRETdef");
        assertThat(t.cookieHeader()).isEqualTo("LtpaToken2_123=abcSECRETdef");
    }
}
