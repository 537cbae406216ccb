package io.restcost.client.testing;

import static org.awaitility.Awaitility.await;

import io.restcost.client.auth.Auth;
import io.restcost.client.tls.TlsOptions;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.MockMqWebBuilder;
import io.restcost.mock.stats.ExchangeLog.Exchange;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The client's tests run against restcost's own mqweb imitation, {@link MockMqWeb}: this
 * starts it the way they need it (a cheap password check, every exchange recorded) and reads
 * what it saw in the client's terms.
 */
public final class Mqweb {

    public static final String USER = "mqadmin";
    public static final String QMGR_PATH = "/ibmmq/rest/v2/admin/qmgr";
    private static final String LOGIN = "/ibmmq/rest/v2/login";

    private Mqweb() {
    }

    /** A mock with a cheap password check that records every exchange. */
    public static MockMqWebBuilder mock() {
        return MockMqWeb.builder().passwordIterations(100).recordExchanges(true);
    }

    /** Trust the mock's generated CA. */
    public static TlsOptions trust(MockMqWeb mq) {
        return TlsOptions.builder().trustPem(mq.caPem()).build();
    }

    public static char[] password(MockMqWeb mq) {
        return mq.password(USER).toCharArray();
    }

    public static Auth basic(MockMqWeb mq) {
        return Auth.basic(USER, password(mq));
    }

    public static Auth ltpa(MockMqWeb mq) {
        return Auth.ltpa(USER, password(mq));
    }

    /** Successful logins (POST /login answered 204). */
    public static long logins(MockMqWeb mq) {
        return count(mq, e -> isLogin(e) && e.status() == 204);
    }

    /** Successful logouts (DELETE /login answered 204). */
    public static long logouts(MockMqWeb mq) {
        return count(mq, e -> e.method().equals("DELETE") && e.path().equals(LOGIN) && e.status() == 204);
    }

    /** Requests answered 401 although they carried a token: the token failed verification. */
    public static long tokenRejections(MockMqWeb mq) {
        return count(mq, e -> e.status() == 401 && e.cookie() != null && e.cookie().contains("LtpaToken2"));
    }

    /** Every token value the server issued at login. */
    public static Set<String> issuedTokens(MockMqWeb mq) {
        return mq.exchanges().stream().filter(e -> isLogin(e) && e.status() == 204)
                .map(e -> e.setCookie().substring(e.setCookie().indexOf('=') + 1, e.setCookie().indexOf(';')))
                .collect(Collectors.toSet());
    }

    /** The Cookie header of every exchange that carried one, logins included. */
    public static List<String> cookiesSeen(MockMqWeb mq) {
        return mq.exchanges().stream().map(Exchange::cookie).filter(Objects::nonNull).toList();
    }

    /** The Authorization header of every exchange that carried one. */
    public static List<String> authorizationsSeen(MockMqWeb mq) {
        return mq.exchanges().stream().map(Exchange::authorization).filter(Objects::nonNull).toList();
    }

    /** POST, PATCH and DELETE requests other than login that came without the CSRF header. */
    public static List<String> csrfMissing(MockMqWeb mq) {
        return mq.exchanges().stream().filter(e -> !isLogin(e) && !e.csrfHeader()
                && (e.method().equals("POST") || e.method().equals("PATCH") || e.method().equals("DELETE")))
                .map(Exchange::method).toList();
    }

    /** Logins that carried a cookie or the CSRF header (a client should send neither). */
    public static long loginsWithCookieOrCsrf(MockMqWeb mq) {
        return count(mq, e -> isLogin(e) && (e.cookie() != null || e.csrfHeader()));
    }

    /** Requests that said {@code Connection: close}. */
    public static long connectionCloseRequests(MockMqWeb mq) {
        return count(mq, Exchange::connectionClose);
    }

    /** Waits (for the server's close events, not for a time) until every connection it accepted has closed. */
    public static void awaitAllClosed(MockMqWeb mq) {
        await().atMost(Duration.ofSeconds(20)).until(() -> mq.stats().closed() == mq.stats().accepted());
    }

    private static boolean isLogin(Exchange e) {
        return e.method().equals("POST") && e.path().equals(LOGIN);
    }

    private static long count(MockMqWeb mq, Predicate<Exchange> p) {
        return mq.exchanges().stream().filter(p).count();
    }
}
