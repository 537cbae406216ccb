package io.restcost.client.internal.auth;

import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One mqweb login: sends {@code POST /login} over whatever channel the caller has (a session's
 * connection, or an application's own HTTP client), reads the LtpaToken2 out of the answer,
 * and reports it to the listener. Failures name the URL, the user and the fix, never the
 * password.
 *
 * <p>A login the server refused is not tried again on every request: servers that count
 * failed logins lock the account. For the back-off after a refusal, each login to that origin
 * fails at once with the refusal's {@link LoginFailedException}; then one login is tried again.
 * Thread-safe.
 */
public final class TokenLogin {

    /** mqweb wants the {@code ibm-mq-rest-csrf-token} header on POST, PATCH and DELETE; any value will do. */
    public static final String CSRF_TOKEN = "restcost";

    /** Sends one request and reads its whole answer. */
    @FunctionalInterface
    public interface Channel {
        RestResponse send(RestRequest request) throws IOException;
    }

    private final Auth.Ltpa auth;
    private final Ticker ticker;
    private final RestClientListener listener;
    private final RestRequest loginRequest;
    private final RestRequest logoutRequest;
    private final long backoffNanos;
    private final Map<Origin, Refusal> refusals = new ConcurrentHashMap<>();

    /** The server's last refusal of a login to one origin, and when it came. */
    private record Refusal(LoginFailedException cause, long atNanos) {
    }

    /** @param backoff how long after a refused login no login to that origin is tried; zero tries every time */
    public TokenLogin(Auth.Ltpa auth, Duration backoff, Ticker ticker, RestClientListener listener) {
        this.auth = auth;
        this.backoffNanos = backoff.toNanos();
        this.ticker = ticker;
        this.listener = listener;
        this.loginRequest = RestRequest.builder("POST", auth.loginPath()).body("application/json", auth.loginBody()).build();
        this.logoutRequest = RestRequest.delete(auth.loginPath());
    }

    /**
     * {@code backoff}, checked as a builder's {@code loginBackoff} takes it.
     *
     * @throws IllegalArgumentException if negative
     * @throws NullPointerException if null
     */
    public static Duration checkedBackoff(Duration backoff) {
        java.util.Objects.requireNonNull(backoff, "loginBackoff");
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("loginBackoff must not be negative: " + backoff);
        }
        return backoff;
    }

    /** The login request: its body holds the password, so it is a secret. */
    public RestRequest loginRequest() {
        return loginRequest;
    }

    /** The logout request ({@code DELETE} on the login path); send it with the token and the CSRF header. */
    public RestRequest logoutRequest() {
        return logoutRequest;
    }

    /**
     * Logs in to {@code origin} over {@code channel}, unless the server refused a login to it
     * less than the back-off ago.
     *
     * @throws IOException if the login fails: a {@link LoginFailedException} when the server
     *     said no, now or within the back-off (then nothing is sent)
     */
    public LtpaToken login(Origin origin, Channel channel) throws IOException {
        Refusal refused = refusals.get(origin);
        if (refused != null) {
            long since = ticker.read() - refused.atNanos();
            if (since < backoffNanos) {
                throw new LoginFailedException(refused.cause().getMessage() + "; not tried again for another "
                        + seconds(backoffNanos - since) + " s (the login back-off after a refusal)", refused.cause().status());
            }
            refusals.remove(origin, refused);
        }
        listener.loginStart(origin);
        long start = ticker.read();
        try {
            RestResponse r = channel.send(loginRequest);
            if (r.status() != 200 && r.status() != 204) {
                throw new LoginFailedException("login to " + origin + auth.loginPath() + " as " + auth.user()
                        + " failed: HTTP " + r.status() + hint(r.status()), r.status());
            }
            LtpaToken token = LtpaToken.fromSetCookies(origin, r.headers("Set-Cookie"), ticker.read());
            if (token == null) {
                throw new LoginFailedException("login to " + origin + auth.loginPath() + " answered HTTP " + r.status()
                        + " but set no " + LtpaToken.NAME_PREFIX + " cookie (is this mqweb? check the login path)", r.status());
            }
            listener.loginEnd(origin, ticker.read() - start);
            return token;
        } catch (IOException e) {
            long now = ticker.read();
            if (e instanceof LoginFailedException refusal && backoffNanos > 0) {
                refusals.put(origin, new Refusal(refusal, now));
            }
            listener.loginFailed(origin, e, now - start);
            throw e;
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** Whether a 401 means "your token failed": mqweb answers MQWB0112E then (or 401 with no body, as bare Liberty does). */
    public static boolean tokenRejected(int status) {
        return status == 401;
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (check the user name and password)";
            case 403 -> " (the user has no mqweb role: grant MQWebAdmin, MQWebAdminRO or MQWebUser)";
            case 404 -> " (no login here: check the base URI and the login path)";
            default -> "";
        };
    }
}
