package io.restcost.client.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.http.Origin;
import io.restcost.client.internal.session.OriginPools;
import io.restcost.client.internal.session.Session;
import io.restcost.client.internal.session.ExclusivePool;
import io.restcost.client.internal.session.SessionPool;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.FakeTicker;
import io.restcost.client.testing.FakeTransport;
import io.restcost.client.testing.FakeTransport.FakeResponse;
import io.restcost.client.testing.RecordingListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Where a token is reused, without sockets: logins counted on a fake engine. */
class LtpaTokensTest {

    static final Origin ORIGIN = Origin.of(URI.create("https://mqweb.test:9443"));
    static final String LOGIN = "/ibmmq/rest/v2/login";

    static final SharedToken.Wait FOREVER = new SharedToken.Wait(Long.MAX_VALUE, () -> false);

    final FakeTicker ticker = new FakeTicker();
    final RecordingListener events = new RecordingListener();
    final AtomicInteger issued = new AtomicInteger();

    /**
     * Answers a login with a new token (with {@code maxAge} when not null), everything else 200.
     * Logins after the first wait for {@code holdLaterLogins}, when given.
     */
    private FakeTransport server(CountDownLatch holdLaterLogins, String maxAge) {
        return new FakeTransport(sent -> {
            if (sent.method().equals("POST") && sent.path().equals(LOGIN)) {
                if (holdLaterLogins != null && issued.get() >= 1) {
                    try {
                        holdLaterLogins.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return FakeResponse.of(204, "LtpaToken2_42=token-" + issued.incrementAndGet() + "; Path=/; Secure; HttpOnly"
                        + (maxAge == null ? "" : "; Max-Age=" + maxAge));
            }
            return FakeResponse.of(200);
        });
    }

    private LtpaTokens tokens(boolean perSession) {
        return new LtpaTokens((Auth.Ltpa) Auth.ltpa("mqadmin", "pw".toCharArray()), perSession, java.time.Duration.ZERO, ticker, events);
    }

    private OriginPools pools(FakeTransport engine, SessionPolicy policy) {
        return new OriginPools(ORIGIN, o -> new ExclusivePool(o, engine, policy, ticker, null, events));
    }

    private static long logins(FakeTransport engine) {
        return engine.sent().stream().filter(s -> s.path().equals(LOGIN) && s.method().equals("POST")).count();
    }

    @Test
    void aSharedTokenIsMadeOnceAndGivenToEverySession() throws Exception {
        FakeTransport engine = server(null, null);
        SessionPool pool = pools(engine, SessionPolicy.pooled()).poolFor(null);
        LtpaTokens tokens = tokens(false);
        Session a = pool.acquire();
        Session b = pool.acquire();
        LtpaToken first = tokens.tokenFor(a, null, FOREVER);
        assertThat(tokens.tokenFor(b, null, FOREVER)).isSameAs(first);
        assertThat(first.cookieHeader()).isEqualTo("LtpaToken2_42=token-1");
        assertThat(logins(engine)).isEqualTo(1);
        assertThat(events.logins).hasValue(1);
    }

    @Test
    void perSessionTokensLogInOncePerSession() throws Exception {
        FakeTransport engine = server(null, null);
        SessionPool pool = pools(engine, SessionPolicy.pooled()).poolFor(null);
        LtpaTokens tokens = tokens(true);
        Session a = pool.acquire();
        Session b = pool.acquire();
        LtpaToken ta = tokens.tokenFor(a, null, FOREVER);
        assertThat(tokens.tokenFor(a, null, FOREVER)).isSameAs(ta);
        assertThat(tokens.tokenFor(b, null, FOREVER)).isNotEqualTo(ta);
        assertThat(logins(engine)).isEqualTo(2);
        // Each login rode on its own session.
        assertThat(engine.sent()).extracting(FakeTransport.Sent::session).containsExactly(1, 2);
    }

    @Test
    void eightThreadsHoldingTheRejectedTokenCauseExactlyOneLogin() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        FakeTransport engine = server(hold, null);
        SessionPool pool = pools(engine, SessionPolicy.pooled()).poolFor(null);
        LtpaTokens tokens = tokens(false);
        LtpaToken stale = tokens.tokenFor(pool.acquire(), null, FOREVER);
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sessions.add(pool.acquire());
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<LtpaToken>> fresh = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (Session s : sessions) {
                fresh.add(threads.submit(() -> {
                    synchronized (workers) {
                        workers.add(Thread.currentThread());
                    }
                    return tokens.tokenFor(s, stale, FOREVER);
                }));
            }
            // One thread logs in (held by the server); the other seven wait for its result, not for a time.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (workers) {
                    return workers.size() == 8 && workers.stream().filter(t -> t.getState() == Thread.State.WAITING
                            || t.getState() == Thread.State.TIMED_WAITING).count() >= 7;
                }
            });
            hold.countDown();
            LtpaToken first = fresh.get(0).get(10, TimeUnit.SECONDS);
            for (Future<LtpaToken> f : fresh) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(first).isNotSameAs(stale);
        } finally {
            threads.shutdownNow();
        }
        // The first login and exactly one replacement.
        assertThat(logins(engine)).isEqualTo(2);
        assertThat(events.logins).hasValue(2);
    }

    @Test
    void aTokenWithAMaxAgeIsReplacedOnceItExpires() throws Exception {
        FakeTransport engine = server(null, "60");
        SessionPool pool = pools(engine, SessionPolicy.pooled()).poolFor(null);
        LtpaTokens tokens = tokens(false);
        Session s = pool.acquire();
        LtpaToken first = tokens.tokenFor(s, null, FOREVER);
        ticker.advance(Duration.ofSeconds(59));
        assertThat(tokens.tokenFor(s, null, FOREVER)).isSameAs(first);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(tokens.tokenFor(s, null, FOREVER)).isNotSameAs(first);
        assertThat(logins(engine)).isEqualTo(2);
    }

    @Test
    void aRefusedLoginNamesTheUserAndTheFix() {
        FakeTransport engine = new FakeTransport(sent -> FakeResponse.of(401));
        SessionPool pool = pools(engine, SessionPolicy.pooled()).poolFor(null);
        assertThatThrownBy(() -> tokens(false).tokenFor(pool.acquire(), null, FOREVER))
                .isInstanceOf(LoginFailedException.class)
                .hasMessageContaining("as mqadmin").hasMessageContaining("check the user name and password")
                .hasMessageNotContaining("pw");
    }

    @Test
    void closingLogsTheSharedTokenOutOnceOverAnIdleSession() throws Exception {
        FakeTransport engine = server(null, null);
        OriginPools pools = pools(engine, SessionPolicy.pooled());
        SessionPool pool = pools.poolFor(null);
        LtpaTokens tokens = tokens(false);
        Session s = pool.acquire();
        LtpaToken token = tokens.tokenFor(s, null, FOREVER);
        pool.release(s, null);
        tokens.logoutAll(pools);
        List<FakeTransport.Sent> logouts = engine.sent().stream().filter(x -> x.method().equals("DELETE")).toList();
        assertThat(logouts).hasSize(1);
        assertThat(logouts.get(0).cookie()).isEqualTo(token.cookieHeader());
        assertThat(pool.openSessions()).isZero();
        // Nothing left to log out a second time.
        tokens.logoutAll(pools);
        assertThat(engine.sent().stream().filter(x -> x.method().equals("DELETE"))).hasSize(1);
    }

    @Test
    void aTokenPrintsItsNameButNeverItsValue() throws Exception {
        LtpaToken t = LtpaToken.fromSetCookies(ORIGIN,
                List.of("LtpaToken2_123=abcSECRETdef; Path=/; Secure; HttpOnly; SameSite=Strict"), 0);
        assertThat(t.name()).isEqualTo("LtpaToken2_123");
        assertThat(t.toString()).contains("LtpaToken2_123").doesNotContain("abcSECRETdef");
        assertThat(t.cookieHeader()).isEqualTo("LtpaToken2_123=abcSECRETdef");
    }
}
