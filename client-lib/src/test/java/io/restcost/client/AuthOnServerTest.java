package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static io.restcost.client.testing.Mqweb.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.auth.Auth;
import io.restcost.client.auth.InsecureCookieException;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.MutableClock;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.testing.TestPki;
import io.restcost.client.tls.TlsOptions;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.server.ClientAuthMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Authentication against the mock mqweb, counted on the server's side, on both engines. */
class AuthOnServerTest {

    private static RestClientBuilder client(MockMqWeb mq, Engine engine) {
        return RestClient.builder().baseUri(mq.baseUri()).engine(engine).tls(Mqweb.trust(mq));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ltpaLogsInOnceAndSendsOnlyTheToken(Engine engine) throws Exception {
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (RestClient client = client(mq, engine).policy(SessionPolicy.pooled()).auth(Mqweb.ltpa(mq)).build()) {
                Map<Integer, Integer> statuses = Load.run(client, RestRequest.get(QMGR_PATH), 200, 4);
                assertThat(statuses).containsExactly(Map.entry(200, 200));
            }
            assertThat(Mqweb.logins(mq)).isEqualTo(1);
            assertThat(Mqweb.loginsWithCookieOrCsrf(mq)).isZero();
            assertThat(Mqweb.authorizationsSeen(mq)).isEmpty();
            String token = Mqweb.issuedTokens(mq).iterator().next();
            // 200 requests and the logout carried the token, and nothing but the token.
            assertThat(Mqweb.cookiesSeen(mq)).hasSize(201)
                    .allSatisfy(c -> assertThat(c).isEqualTo(mq.cookieName() + "=" + token));
            assertThat(Mqweb.logouts(mq)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anExpiredTokenSeenByEightThreadsAtOnceCausesExactlyOneNewLogin(Engine engine) throws Exception {
        MutableClock clock = new MutableClock();
        try (MockMqWeb mq = Mqweb.mock().clock(clock).tokenExpiry(Duration.ofMinutes(120)).start();
             RestClient client = client(mq, engine).policy(SessionPolicy.pooled()).auth(Mqweb.ltpa(mq)).build()) {
            RestRequest get = RestRequest.get(QMGR_PATH);
            assertThat(Load.run(client, get, 64, 8)).containsExactly(Map.entry(200, 64));
            assertThat(Mqweb.logins(mq)).isEqualTo(1);

            // The token expires inside the server, as Liberty's ltpaExpiration does.
            clock.advance(Duration.ofMinutes(121));
            // Eight threads start together; each of the first eight requests may meet the 401.
            assertThat(Load.run(client, get, 400, 8)).containsExactly(Map.entry(200, 400));
            assertThat(Mqweb.logins(mq)).isEqualTo(2);
            assertThat(Mqweb.tokenRejections(mq)).isBetween(1L, 8L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rotatingWithReauthenticationLogsInOncePerSession(Engine engine) throws Exception {
        RecordingListener events = new RecordingListener();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (RestClient client = client(mq, engine)
                    .policy(SessionPolicy.rotating().maxRequests(10).reauthenticate(true).build())
                    .listener(events).auth(Mqweb.ltpa(mq)).build()) {
                assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 100, 1)).containsExactly(Map.entry(200, 100));
            }
            assertThat(Mqweb.logins(mq)).isEqualTo(10).isEqualTo(events.sessionsOpened.get());
            Mqweb.awaitAllClosed(mq);
            // A session's login rides on its own connection, before its ten requests.
            assertThat(mq.stats().requestsPerClosedConnection()).containsOnlyKeys(11L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneShotLogsInAfreshOnEveryConnection(Engine engine) throws Exception {
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (RestClient client = client(mq, engine).policy(SessionPolicy.oneShot()).auth(Mqweb.ltpa(mq)).build()) {
                assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 20, 1)).containsExactly(Map.entry(200, 20));
            }
            assertThat(Mqweb.logins(mq)).isEqualTo(20);
            assertThat(mq.stats().accepted()).isEqualTo(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTokenSetByOneHostIsNeverSentToAnother(Engine engine) throws Exception {
        List<UserRegistry.User> users = List.of(new UserRegistry.User(USER, "same-on-both-1", List.of("MQWebAdmin")));
        try (MockMqWeb a = Mqweb.mock().users(users).certificateHosts("127.0.0.2").start();
             // b serves a's certificate (it names 127.0.0.2 too), so one CA is trusted for both.
             MockMqWeb b = Mqweb.mock().users(users).bindAddress("127.0.0.2")
                     .keyStore(a.pki().serverKeystore(), a.pki().password()).start()) {
            // b's origin is named as one the credentials may go to: it gets a login and a token of its own.
            try (RestClient client = client(a, engine).auth(Auth.ltpa(USER, "same-on-both-1".toCharArray()))
                    .authOrigins(b.baseUri()).build()) {
                for (int i = 0; i < 5; i++) {
                    assertThat(client.get(QMGR_PATH).status()).isEqualTo(200);
                    assertThat(client.get(b.baseUri() + QMGR_PATH).status()).isEqualTo(200);
                }
            }
            assertThat(Mqweb.logins(a)).isEqualTo(1);
            assertThat(Mqweb.logins(b)).isEqualTo(1);
            for (String tokenOfA : Mqweb.issuedTokens(a)) {
                assertThat(Mqweb.cookiesSeen(b)).noneMatch(c -> c.contains(tokenOfA));
            }
            for (String tokenOfB : Mqweb.issuedTokens(b)) {
                assertThat(Mqweb.cookiesSeen(a)).noneMatch(c -> c.contains(tokenOfB));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void csrfHeaderGoesOnPostPatchAndDeleteButNotOnLogin(Engine engine) throws Exception {
        try (MockMqWeb mq = Mqweb.mock().start();
             RestClient client = client(mq, engine).auth(Mqweb.ltpa(mq)).build()) {
            String mqsc = "{\"type\":\"runCommand\",\"parameters\":{\"command\":\"DISPLAY QMGR\"}}";
            assertThat(client.execute(RestRequest.postJson("/ibmmq/rest/v2/admin/action/qmgr/QM1/mqsc", mqsc)).status()).isEqualTo(200);
            // mqadmin (MQWebAdmin) has no messaging API: 403 MQWB0108E, after the CSRF check passed.
            assertThat(client.execute(RestRequest.delete("/ibmmq/rest/v2/messaging/qmgr/QM1/queue/DEV.QUEUE.1/message")).status())
                    .isEqualTo(403);
            assertThat(client.execute(RestRequest.builder("PATCH", "/ibmmq/rest/v2/admin/qmgr/QM1").build()).status()).isEqualTo(405);
            assertThat(Mqweb.csrfMissing(mq)).isEmpty();
            assertThat(Mqweb.loginsWithCookieOrCsrf(mq)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aWrongPasswordGivesALoginErrorThatNamesTheUserButNotThePassword(Engine engine) throws Exception {
        try (MockMqWeb mq = Mqweb.mock().start();
             RestClient client = client(mq, engine).auth(Auth.ltpa(USER, "wrong-pw-123".toCharArray())).build()) {
            assertThatThrownBy(() -> client.get(QMGR_PATH))
                    .isInstanceOf(LoginFailedException.class)
                    .hasMessageContaining("mqadmin").hasMessageContaining("HTTP 401")
                    .hasMessageContaining("check the user name and password")
                    .hasMessageNotContaining("wrong-pw-123");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSecureTokenCookieThatCameOverPlainHttpIsRefused(Engine engine) throws Exception {
        try (MockMqWeb plain = Mqweb.mock().plainHttp().ssoRequiresSsl(true).start();
             RestClient client = RestClient.builder().baseUri(plain.baseUri()).engine(engine).auth(Mqweb.ltpa(plain))
                     .insecureCredentialsOverHttp().build()) {
            assertThatThrownBy(() -> client.get(QMGR_PATH))
                    .isInstanceOf(InsecureCookieException.class)
                    .hasMessageContaining("Secure").hasMessageContaining("use an https:// base URI")
                    .hasMessageContaining(plain.cookieName());
            assertThat(Mqweb.logins(plain)).isEqualTo(1);
            for (String token : Mqweb.issuedTokens(plain)) {
                assertThat(Mqweb.cookiesSeen(plain)).noneMatch(c -> c.contains(token));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void tokensAreScopedBySchemeToo(Engine engine) throws Exception {
        List<UserRegistry.User> users = List.of(new UserRegistry.User(USER, "same-on-both-2", List.of("MQWebAdmin")));
        char[] password = "same-on-both-2".toCharArray();
        try (MockMqWeb https = Mqweb.mock().users(users).start();
             MockMqWeb plain = Mqweb.mock().users(users).plainHttp().start()) {
            // The plain server's cookie carries no Secure flag: it works over HTTP.
            try (RestClient client = RestClient.builder().baseUri(plain.baseUri()).engine(engine)
                    .auth(Auth.ltpa(USER, password)).insecureCredentialsOverHttp().build()) {
                assertThat(client.get(QMGR_PATH).status()).isEqualTo(200);
            }
            // The HTTPS server's Secure cookie never goes to the same host over HTTP.
            try (RestClient client = client(https, engine).auth(Auth.ltpa(USER, password)).authOrigins(plain.baseUri())
                    .insecureCredentialsOverHttp().build()) {
                assertThat(client.get(QMGR_PATH).status()).isEqualTo(200);
                assertThat(client.get(plain.baseUri() + QMGR_PATH).status()).isEqualTo(200);
            }
            assertThat(Mqweb.logins(plain)).isEqualTo(2);
            for (String secureToken : Mqweb.issuedTokens(https)) {
                assertThat(Mqweb.cookiesSeen(plain)).noneMatch(c -> c.contains(secureToken));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void basicSendsTheHeaderEveryTimeAndIgnoresCookies(Engine engine) throws Exception {
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (RestClient client = client(mq, engine).auth(Mqweb.basic(mq)).build()) {
                assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 50, 2)).containsExactly(Map.entry(200, 50));
            }
            assertThat(Mqweb.authorizationsSeen(mq)).hasSize(50);
            // Liberty (and the mock) set a token cookie on basic-auth responses: the client never sends it back.
            assertThat(mq.exchanges()).anySatisfy(e -> assertThat(e.setCookie()).startsWith(mq.cookieName()));
            assertThat(Mqweb.cookiesSeen(mq)).isEmpty();
            assertThat(Mqweb.logins(mq)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void clientCertificateFromPkcs12OrPemAuthenticatesInTheHandshake(Engine engine) throws Exception {
        try (MockMqWeb mq = Mqweb.mock().clientAuth(ClientAuthMode.REQUIRED).start()) {
            TlsOptions p12 = TlsOptions.builder().trustPem(mq.caPem())
                    .keyStore(mq.pki().clientKeystore(USER), mq.pki().password()).build();
            TlsOptions pem = TlsOptions.builder().trustPem(mq.caPem())
                    .keyPem(mq.pki().clientKeyPem(USER), mq.pki().clientCertPem(USER)).build();
            for (TlsOptions tls : new TlsOptions[] {p12, pem}) {
                try (RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).tls(tls)
                        .policy(SessionPolicy.rotating().maxRequests(5).build()).auth(Auth.clientCertificate()).build()) {
                    assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 20, 1)).containsExactly(Map.entry(200, 20));
                }
            }
            assertThat(Mqweb.authorizationsSeen(mq)).isEmpty();
            // Without a certificate the server refuses the handshake.
            try (RestClient client = client(mq, engine).build()) {
                assertThatThrownBy(() -> client.get(QMGR_PATH)).isInstanceOf(IOException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anUntrustedServerIsRefused(Engine engine) throws Exception {
        try (MockMqWeb mq = Mqweb.mock().start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).auth(Mqweb.basic(mq)).build()) {
            assertThatThrownBy(() -> client.get(QMGR_PATH)).isInstanceOf(SSLException.class);
            assertThat(mq.exchanges()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aHostNameMismatchIsRefused(Engine engine, @TempDir Path dir) throws Exception {
        // The server's certificate names localhost and 127.0.0.1 to 127.0.0.3: 127.0.0.4 is not among them.
        TestPki pki = TestPki.create(dir);
        try (MockMqWeb mq = Mqweb.mock().bindAddress("127.0.0.4").keyStore(pki.serverKeystore, pki.password.toCharArray()).start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine)
                     .tls(TlsOptions.builder().trustPem(pki.caPem).build()).auth(Mqweb.basic(mq)).build()) {
            assertThatThrownBy(() -> client.get(QMGR_PATH)).isInstanceOf(SSLException.class);
            assertThat(mq.exchanges()).isEmpty();
        }
    }

    @Test
    void tokensAndPasswordsStayOutOfStrings() throws Exception {
        Auth ltpa = Auth.ltpa("mqadmin", "pw-never-shown".toCharArray());
        Auth basic = Auth.basic("mqadmin", "pw-never-shown".toCharArray());
        assertThat(ltpa.toString()).contains("mqadmin").doesNotContain("pw-never-shown");
        assertThat(basic.toString()).contains("mqadmin").doesNotContain("pw-never-shown")
                .doesNotContain(((Auth.Basic) basic).authorizationHeader());
        try (MockMqWeb mq = Mqweb.mock().start();
             RestClient client = client(mq, Engine.OKHTTP).auth(Mqweb.ltpa(mq)).build()) {
            TlsOptions tls = TlsOptions.builder().keyStore(mq.pki().clientKeystore(USER), "pw-never-shown".toCharArray()).build();
            assertThat(tls.toString()).contains("mqadmin").doesNotContain("pw-never-shown");
            client.get(QMGR_PATH);
            String token = Mqweb.issuedTokens(mq).iterator().next();
            String printable = client + " " + client.auth() + " " + client.policy();
            assertThat(printable).doesNotContain(token).doesNotContain(mq.password(USER));
        }
    }
}
