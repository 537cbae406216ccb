package io.restcost.client.adapter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.StockClients;
import io.restcost.client.testing.StockClients.UrlClient;
import io.restcost.client.testing.StubOrigin;
import io.restcost.client.testing.TestPki;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drop-in's credentials go only to the origins it was given: its LtpaToken2 never follows
 * a redirect to another origin, its login (with the password) is never redirected and never
 * sent to another service the application calls, and a refused login is not tried again on
 * every request. Origin A stands for mqweb (its login sets a {@code Secure} token), B for
 * anything else, on another loopback address.
 */
class DropInCredentialsTest {

    static final String LOGIN = "/ibmmq/rest/v2/login";
    static final String SECRET = "the-token-value-nobody-else-may-see";
    static final String PASSWORD = "the-password-nobody-else-may-see";

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
    }

    /** mqweb's stand-in on 127.0.0.1: its login sets a Secure, HttpOnly LtpaToken2. */
    static StubOrigin mqweb() {
        return StubOrigin.https("127.0.0.1", pki).tokenLogin(SECRET);
    }

    static DropInRotation.Builder rotation() {
        return DropInRotation.builder(SessionPolicy.rotating().maxRequests(50).build());
    }

    static Auth ltpa() {
        return Auth.ltpa("mqadmin", PASSWORD.toCharArray());
    }

    static UrlClient client(String engine, DropInRotation rotation) throws Exception {
        return StockClients.urlClient(engine, pki.caPem, rotation, UnaryOperator.identity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    void theTokenDoesNotFollowARedirectToAnotherOrigin(String engine) throws Exception {
        try (StubOrigin a = mqweb(); StubOrigin b = StubOrigin.http("127.0.0.2"); StubOrigin c = StubOrigin.https("127.0.0.3", pki)) {
            a.stub(get(urlEqualTo("/to-plain-http")).willReturn(aResponse().withStatus(302).withHeader("Location", b.url("/elsewhere"))));
            a.stub(get(urlEqualTo("/to-other-host")).willReturn(aResponse().withStatus(302).withHeader("Location", c.url("/elsewhere"))));
            a.stub(get(urlEqualTo("/to-same-origin")).willReturn(aResponse().withStatus(302).withHeader("Location", a.url("/landed"))));
            try (UrlClient client = client(engine, rotation().auth(ltpa(), a.uri()).build())) {
                assertThat(client.get(a.url("/to-plain-http"))).isEqualTo(200);
                assertThat(client.get(a.url("/to-other-host"))).isEqualTo(200);
                assertThat(client.get(a.url("/to-same-origin"))).isEqualTo(200);
            }
            assertThat(b.count("GET", "/elsewhere")).isEqualTo(1);
            assertThat(c.count("GET", "/elsewhere")).isEqualTo(1);
            assertThat(b.everythingSeen()).doesNotContain(SECRET).doesNotContain(PASSWORD);
            assertThat(c.everythingSeen()).doesNotContain(SECRET).doesNotContain(PASSWORD);
            // A itself got the token on every hop that went to it, the redirected one included.
            assertThat(a.count("POST", LOGIN)).isEqualTo(1);
            assertThat(a.headersSeen("Cookie")).hasSize(4).allSatisfy(c2 -> assertThat(c2).isEqualTo("LtpaToken2_test=" + SECRET));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    void aLoginIsNeverRedirected(String engine) throws Exception {
        try (StubOrigin a = StubOrigin.https("127.0.0.1", pki); StubOrigin c = StubOrigin.https("127.0.0.3", pki)) {
            // 307 keeps the method and the body: followed, it would post the password to C.
            a.stub(post(urlEqualTo(LOGIN)).willReturn(aResponse().withStatus(307).withHeader("Location", c.url(LOGIN))));
            try (UrlClient client = client(engine, rotation().auth(ltpa(), a.uri()).build())) {
                assertThatThrownBy(() -> client.get(a.url("/ibmmq/rest/v2/admin/qmgr")))
                        .isInstanceOf(LoginFailedException.class).hasMessageContaining("HTTP 307").hasMessageNotContaining(PASSWORD);
            }
            assertThat(c.requests()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    void anotherServiceTheApplicationCallsGetsNoLoginAndNoToken(String engine) throws Exception {
        try (StubOrigin a = mqweb(); StubOrigin other = StubOrigin.https("127.0.0.2", pki)) {
            try (UrlClient client = client(engine, rotation().auth(ltpa(), a.uri()).build())) {
                assertThat(client.get(a.url("/ibmmq/rest/v2/admin/qmgr"))).isEqualTo(200);
                assertThat(client.get(other.url("/orders"))).isEqualTo(200);
                assertThat(client.get(other.url(LOGIN))).isEqualTo(200);
            }
            assertThat(other.count("POST", LOGIN)).isZero();
            assertThat(other.everythingSeen()).doesNotContain(SECRET).doesNotContain(PASSWORD).doesNotContain("LtpaToken2");
            assertThat(a.count("POST", LOGIN)).isEqualTo(1);
        }
    }

    @Test
    void authWithoutItsOriginsIsRefusedNamingTheFix() {
        DropInRotation.Builder b = rotation().auth(ltpa());
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("auth(Auth.ltpa(..)) needs the origins it may log in to, e.g. "
                        + "auth(Auth.ltpa(user, password), URI.create(\"https://mqweb.example:9443\"))");
    }

    @Test
    void aPlainHttpOriginIsRefusedForThePasswordUnlessTheBuilderSaysInsecure() {
        URI plain = URI.create("http://127.0.0.2:9080");
        assertThatThrownBy(() -> rotation().auth(ltpa(), plain).build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("auth ltpa(user=mqadmin, loginPath=/ibmmq/rest/v2/login) would send the password to http://127.0.0.2:9080"
                        + " over plain http: use its https:// URI, or call insecureCredentialsOverHttp() on a test network");
        assertThat(rotation().auth(ltpa(), plain).insecureCredentialsOverHttp().build()).isNotNull();
        assertThatThrownBy(() -> rotation().auth(ltpa(), URI.create("ftp://x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "okhttp"})
    void aRefusedLoginIsNotTriedAgainUntilTheBackOffEnds(String engine) throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (StubOrigin a = StubOrigin.https("127.0.0.1", pki)) {
            a.stub(post(urlEqualTo(LOGIN)).willReturn(aResponse().withStatus(401)));
            DropInRotation rotation = rotation().auth(ltpa(), a.uri()).ticker(ticker).loginBackoff(Duration.ofSeconds(10)).build();
            try (UrlClient client = client(engine, rotation)) {
                for (int i = 0; i < 5; i++) {
                    assertThatThrownBy(() -> client.get(a.url("/ibmmq/rest/v2/admin/qmgr")))
                            .isInstanceOf(LoginFailedException.class).hasMessageContaining("HTTP 401");
                }
                assertThat(a.count("POST", LOGIN)).as("logins while backing off").isEqualTo(1);
                ticker.advance(Duration.ofSeconds(9));
                assertThatThrownBy(() -> client.get(a.url("/x"))).isInstanceOf(LoginFailedException.class);
                assertThat(a.count("POST", LOGIN)).isEqualTo(1);
                ticker.advance(Duration.ofSeconds(1));
                assertThatThrownBy(() -> client.get(a.url("/x"))).isInstanceOf(LoginFailedException.class);
                assertThat(a.count("POST", LOGIN)).as("one more try once the back-off ended").isEqualTo(2);
            }
            assertThat(a.count("GET", "/ibmmq/rest/v2/admin/qmgr")).isZero();
        }
    }

    @Test
    void aThreadWaitingForAnotherThreadsLoginKeepsItsOwnCallTimeout() throws Exception {
        try (StubOrigin a = StubOrigin.https("127.0.0.1", pki)) {
            a.stub(post(urlEqualTo(LOGIN)).willReturn(aResponse().withStatus(204).withFixedDelay(8000)
                    .withHeader("Set-Cookie", "LtpaToken2_test=" + SECRET + "; Path=/; Secure; HttpOnly")));
            CountDownLatch loginStarted = new CountDownLatch(1);
            DropInRotation rotation = rotation().auth(ltpa(), a.uri()).listener(new RestClientListener() {
                @Override
                public void loginStart(Origin origin) {
                    loginStarted.countDown();
                }
            }).build();
            StockClients.Trust t = StockClients.trust(pki.caPem);
            OkHttpClient client = rotation.applyTo(new OkHttpClient.Builder()
                    .sslSocketFactory(t.context().getSocketFactory(), t.manager()).build());
            try {
                CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
                    try (Response r = client.newCall(new Request.Builder().url(a.url("/first")).build()).execute()) {
                        return r.code();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                assertThat(loginStarted.await(5, TimeUnit.SECONDS)).isTrue();
                // A second call, with a call timeout of its own, waits for that login (8 s) no longer than its timeout.
                Call second = client.newCall(new Request.Builder().url(a.url("/second")).build());
                second.timeout().timeout(500, TimeUnit.MILLISECONDS);
                long start = System.nanoTime();
                assertThatThrownBy(() -> second.execute().close()).isInstanceOf(InterruptedIOException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                // A third is cancelled while it waits: it gives up at once.
                Call third = client.newCall(new Request.Builder().url(a.url("/third")).build());
                AtomicReference<Thread> thirdThread = new AtomicReference<>();
                CompletableFuture<Throwable> thirdFailure = CompletableFuture.supplyAsync(() -> {
                    thirdThread.set(Thread.currentThread());
                    try {
                        third.execute().close();
                        return null;
                    } catch (IOException e) {
                        return e;
                    }
                });
                // cancel once it waits for the login (in slices of 50 ms), not after a guessed time
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> thirdThread.get() != null
                        && thirdThread.get().getState() == Thread.State.TIMED_WAITING);
                long cancelled = System.nanoTime();
                third.cancel();
                assertThat(thirdFailure.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(4));
                assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            } finally {
                client.connectionPool().evictAll();
                client.dispatcher().executorService().shutdown();
            }
        }
    }
}
