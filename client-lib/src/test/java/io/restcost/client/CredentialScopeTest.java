package io.restcost.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.http.RestRequest;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.StubOrigin;
import io.restcost.client.testing.TestPki;
import io.restcost.client.tls.TlsOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link RestClient}'s credentials (the Basic header, the login with its password, the
 * LtpaToken2) go to its base URI's origin and to origins added explicitly, never to another
 * origin a request names, and never over plain http unless the builder says insecure. A
 * refused login is not tried again on every request. Origin A stands for mqweb, B for another
 * service the application also calls.
 */
class CredentialScopeTest {

    static final String LOGIN = "/ibmmq/rest/v2/login";
    static final String QMGR = "/ibmmq/rest/v2/admin/qmgr";
    static final String PASSWORD = "the-password-nobody-else-may-see";

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
    }

    /** An origin whose login sets a Secure token named after it. */
    static StubOrigin mqweb(String host) {
        return StubOrigin.https(host, pki).tokenLogin("token-of-" + host);
    }

    static RestClientBuilder client(Engine engine, StubOrigin base, Auth auth) {
        return RestClient.builder().baseUri(base.uri()).engine(engine).auth(auth)
                .tls(TlsOptions.builder().trustPem(pki.caPem).build());
    }

    static void sendToBoth(RestClient client, StubOrigin other) throws Exception {
        assertThat(client.get(QMGR).status()).isEqualTo(200);
        assertThat(client.execute(RestRequest.get(other.url("/orders"))).status()).isEqualTo(200);
        assertThat(client.execute(RestRequest.builder("POST", other.url("/orders"))
                .body("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build()).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void basicCredentialsGoOnlyToTheBaseOrigin(Engine engine) throws Exception {
        try (StubOrigin a = mqweb("127.0.0.1"); StubOrigin b = mqweb("127.0.0.2");
             RestClient client = client(engine, a, Auth.basic("mqadmin", PASSWORD.toCharArray())).build()) {
            sendToBoth(client, b);
            assertThat(a.headersSeen("Authorization")).hasSize(1);
            assertThat(b.headersSeen("Authorization")).isEmpty();
            assertThat(b.headersSeen("ibm-mq-rest-csrf-token")).as("requests elsewhere go through untouched").isEmpty();
            assertThat(b.requests()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theLoginAndTheTokenGoOnlyToTheBaseOrigin(Engine engine) throws Exception {
        try (StubOrigin a = mqweb("127.0.0.1"); StubOrigin b = mqweb("127.0.0.2");
             RestClient client = client(engine, a, Auth.ltpa("mqadmin", PASSWORD.toCharArray())).build()) {
            sendToBoth(client, b);
            assertThat(a.count("POST", LOGIN)).isEqualTo(1);
            assertThat(a.headersSeen("Cookie")).containsExactly("LtpaToken2_test=token-of-127.0.0.1");
            assertThat(b.count("POST", LOGIN)).isZero();
            assertThat(b.everythingSeen()).doesNotContain(PASSWORD).doesNotContain("LtpaToken2").doesNotContain("ibm-mq-rest-csrf-token");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anOriginAddedExplicitlyGetsItsOwnLoginAndToken(Engine engine) throws Exception {
        try (StubOrigin a = mqweb("127.0.0.1"); StubOrigin b = mqweb("127.0.0.2");
             RestClient client = client(engine, a, Auth.ltpa("mqadmin", PASSWORD.toCharArray())).authOrigins(b.uri()).build()) {
            sendToBoth(client, b);
            assertThat(a.count("POST", LOGIN)).isEqualTo(1);
            assertThat(b.count("POST", LOGIN)).isEqualTo(1);
            assertThat(b.headersSeen("Cookie")).containsExactly("LtpaToken2_test=token-of-127.0.0.2", "LtpaToken2_test=token-of-127.0.0.2");
            assertThat(b.headersSeen("ibm-mq-rest-csrf-token")).hasSize(1);
        }
    }

    @Test
    void aPasswordOverPlainHttpIsRefusedUnlessTheBuilderSaysInsecure() {
        Auth basic = Auth.basic("mqadmin", PASSWORD.toCharArray());
        URI plain = URI.create("http://127.0.0.1:9080");
        assertThatThrownBy(() -> RestClient.builder().baseUri(plain).auth(basic).build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("auth basic(user=mqadmin) would send the password to http://127.0.0.1:9080 over plain http: use its"
                        + " https:// URI, or call insecureCredentialsOverHttp() on a test network");
        assertThatThrownBy(() -> RestClient.builder().baseUri(URI.create("https://127.0.0.1:9443")).auth(basic)
                .authOrigins(URI.create("http://127.0.0.2:9080")).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("http://127.0.0.2:9080 over plain http");
        // No credentials, nothing to protect.
        RestClient.builder().baseUri(plain).build().close();

        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(RestClient.class.getName());
        log.addHandler(h);
        try {
            RestClientBuilder insecure = RestClient.builder().baseUri(plain).auth(basic).insecureCredentialsOverHttp();
            insecure.build().close();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getMessage()).contains("http://127.0.0.1:9080").contains("plain http")
                    .doesNotContain(PASSWORD);
        } finally {
            log.removeHandler(h);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRefusedLoginIsNotTriedAgainUntilTheBackOffEnds(Engine engine) throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (StubOrigin a = StubOrigin.https("127.0.0.1", pki)) {
            a.stub(post(urlEqualTo(LOGIN)).willReturn(aResponse().withStatus(401)));
            try (RestClient client = client(engine, a, Auth.ltpa("mqadmin", PASSWORD.toCharArray()))
                    .ticker(ticker).loginBackoff(Duration.ofSeconds(10)).build()) {
                for (int i = 0; i < 5; i++) {
                    assertThatThrownBy(() -> client.get(QMGR)).isInstanceOf(LoginFailedException.class)
                            .hasMessageContaining("HTTP 401");
                }
                assertThat(a.count("POST", LOGIN)).as("logins while backing off").isEqualTo(1);
                ticker.advance(Duration.ofSeconds(9));
                assertThatThrownBy(() -> client.get(QMGR)).isInstanceOf(LoginFailedException.class)
                        .hasMessageContaining("not tried again for");
                assertThat(a.count("POST", LOGIN)).isEqualTo(1);
                ticker.advance(Duration.ofSeconds(1));
                assertThatThrownBy(() -> client.get(QMGR)).isInstanceOf(LoginFailedException.class);
                assertThat(a.count("POST", LOGIN)).as("one more try once the back-off ended").isEqualTo(2);
            }
            assertThat(a.count("GET", QMGR)).isZero();
        }
    }

    @Test
    void theBackOffHasADefaultOfAFewSeconds() {
        assertThat(RestClientBuilder.DEFAULT_LOGIN_BACKOFF).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThatThrownBy(() -> RestClient.builder().loginBackoff(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("loginBackoff must not be negative: PT-1S");
    }
}
