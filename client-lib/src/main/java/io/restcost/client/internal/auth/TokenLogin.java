package io.restcost.client.internal.auth;

import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.session.Ticker;
import java.io.IOException;

/**
 * One mqweb login: sends {@code POST /login} over whatever channel the caller has (a session's
 * connection, or an application's own HTTP client), reads the LtpaToken2 out of the answer,
 * and reports it to the listener. Failures name the URL, the user and the fix, never the
 * password. Thread-safe.
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

    public TokenLogin(Auth.Ltpa auth, Ticker ticker, RestClientListener listener) {
        this.auth = auth;
        this.ticker = ticker;
        this.listener = listener;
        this.loginRequest = RestRequest.builder("POST", auth.loginPath()).body("application/json", auth.loginBody()).build();
        this.logoutRequest = RestRequest.delete(auth.loginPath());
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
     * Logs in to {@code origin} over {@code channel}.
     *
     * @throws IOException if the login fails: a {@link LoginFailedException} when the server said no
     */
    public LtpaToken login(Origin origin, Channel channel) throws IOException {
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
            listener.loginFailed(origin, e, ticker.read() - start);
            throw e;
        }
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
