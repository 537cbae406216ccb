package io.restcost.client;

import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.auth.CredentialOrigins;
import io.restcost.client.internal.auth.LtpaToken;
import io.restcost.client.internal.auth.LtpaTokens;
import io.restcost.client.internal.auth.SharedToken;
import io.restcost.client.internal.auth.TokenLogin;
import io.restcost.client.internal.engine.Transport;
import io.restcost.client.internal.session.ExclusivePool;
import io.restcost.client.internal.session.MultiplexedPool;
import io.restcost.client.internal.session.Multiplexing;
import io.restcost.client.internal.session.OriginPools;
import io.restcost.client.internal.session.Session;
import io.restcost.client.internal.session.SessionPool;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import io.restcost.client.tls.TlsResumption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;

/**
 * A REST client whose connection strategy is a {@link SessionPolicy}. Build one with
 * {@link #builder()}, share it between threads, and close it when done: under C threads it
 * holds at most C sessions per origin (plus connections closing).
 *
 * <pre>{@code
 * try (RestClient client = RestClient.builder()
 *         .baseUri(URI.create("https://mqweb.example:9443"))
 *         .engine(Engine.OKHTTP)
 *         .policy(SessionPolicy.rotating().maxRequests(50).maxAge(Duration.ofMinutes(10)).jitter(0.2).build())
 *         .auth(Auth.ltpa("mqadmin", password))
 *         .tls(TlsOptions.builder().trustPem(Path.of("ca.pem")).build())
 *         .build()) {
 *     RestResponse r = client.execute(RestRequest.get("/ibmmq/rest/v2/admin/qmgr"));
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from many threads at once.
 */
public final class RestClient implements AutoCloseable {

    private final OriginPools pools;
    private final Transport transport;
    private final SessionPolicy policy;
    private final Engine engine;
    private final Auth auth;
    private final String authorization;
    private final LtpaTokens tokens;
    private final boolean csrfHeader;
    private final RestClientListener listener;
    private final Ticker ticker;
    private final TlsResumption resumption;
    private final CredentialOrigins credentials;
    private final SharedToken.Wait loginWait;
    private final AutoCloseable meters;

    RestClient(Origin baseOrigin, Transport transport, SessionPolicy policy, Engine engine, Auth auth, boolean csrfHeader,
               RestClientListener listener, Ticker ticker, RandomGenerator random, TlsResumption resumption) {
        this(baseOrigin, transport, policy, engine, auth, csrfHeader, listener, ticker, random, resumption,
                CredentialOrigins.of(auth, List.of(baseOrigin), true, null), RestClientBuilder.DEFAULT_LOGIN_BACKOFF,
                RestClientBuilder.DEFAULT_CONNECT_TIMEOUT.plus(RestClientBuilder.DEFAULT_READ_TIMEOUT), null, null);
    }

    /**
     * @param credentials the origins credentials go to
     * @param loginBackoff how long a refused login is not tried again
     * @param loginWait how long a request waits for another thread's login: its own timeouts
     * @param meters the client's meters, closed with it; or null
     * @param multiplexing how sessions share HTTP/2 connections; null on HTTP/1.1, where each is lent to one thread at a time
     */
    RestClient(Origin baseOrigin, Transport transport, SessionPolicy policy, Engine engine, Auth auth, boolean csrfHeader,
               RestClientListener listener, Ticker ticker, RandomGenerator random, TlsResumption resumption,
               CredentialOrigins credentials, Duration loginBackoff, Duration loginWait, AutoCloseable meters,
               Multiplexing multiplexing) {
        this.transport = transport;
        this.policy = policy;
        this.engine = engine;
        this.auth = auth;
        this.authorization = auth instanceof Auth.Basic basic ? basic.authorizationHeader() : null;
        this.csrfHeader = csrfHeader;
        this.listener = listener;
        this.ticker = ticker;
        this.resumption = resumption;
        this.credentials = credentials;
        this.loginWait = SharedToken.Wait.upTo(loginWait, () -> false);
        this.meters = meters;
        this.tokens = auth instanceof Auth.Ltpa ltpa
                ? new LtpaTokens(ltpa, policy.reauthenticate(), loginBackoff, ticker, listener) : null;
        this.pools = new OriginPools(baseOrigin, origin -> multiplexing == null || !origin.secure()
                ? new ExclusivePool(origin, transport, policy, ticker, random, listener)
                : new MultiplexedPool(origin, transport, policy, ticker, random, listener, multiplexing));
        pools.retireExpiredInBackground(ticker, policy.idleTimeout());
    }

    /** A new builder; every setting has a default but the base URI. */
    public static RestClientBuilder builder() {
        return new RestClientBuilder();
    }

    /**
     * Sends a request and reads the whole response, over a session the policy chooses. With
     * LtpaToken2 login, a 401 gets one new login (shared by every thread that saw it) and
     * one retry.
     *
     * <p>Credentials (the Basic header, the login, the token) and mqweb's CSRF header go only to
     * the base URI's origin and those added with {@link RestClientBuilder#authOrigins}; a request
     * to any other origin is sent without them. A login the server refused is not tried again
     * for the builder's {@link RestClientBuilder#loginBackoff}: until then such requests fail at
     * once with the refusal.
     *
     * @throws IOException if no response came (connect, TLS, timeout, or a failed login:
     *     {@link io.restcost.client.auth.LoginFailedException})
     * @throws IllegalStateException if the client is closed
     * @throws RuntimeException whatever unchecked exception the engine threw; the request is
     *     reported failed and its session retired
     */
    public RestResponse execute(RestRequest request) throws IOException {
        SessionPool pool = pools.poolFor(request.origin());
        boolean credentialed = credentials.covers(pool.origin());
        String csrf = credentialed && csrfHeader && request.needsCsrfHeader() ? TokenLogin.CSRF_TOKEN : null;
        String basic = credentialed ? authorization : null;
        LtpaTokens login = credentialed ? tokens : null;
        long start = ticker.read();
        listener.requestStart(request);
        LtpaToken rejected = null;
        for (int attempt = 0; ; attempt++) {
            Session session;
            try {
                session = pool.acquire();
            } catch (IllegalStateException closed) {
                listener.requestFailed(request, new IOException(closed.getMessage()), ticker.read() - start);
                throw closed;
            } catch (InterruptedIOException interrupted) {
                listener.requestFailed(request, interrupted, ticker.read() - start);
                throw interrupted;
            }
            CloseReason retire = null;
            boolean reused = session.requests() > 0;
            boolean sent = false;
            try {
                LtpaToken token = login == null ? null : login.tokenFor(session, rejected, loginWait);
                boolean last = session.reserve();
                if (last) {
                    retire = session.decidedReason();
                }
                sent = true;
                RestResponse response = session.exchange(request, basic, token == null ? null : token.cookieHeader(), csrf, last);
                if (token != null && attempt == 0 && LtpaTokens.tokenRejected(response)) {
                    rejected = token;
                    continue;
                }
                listener.requestEnd(request, response, ticker.read() - start);
                return response;
            } catch (LoginFailedException refused) {
                // The server answered the login: the connection is sound, and the session stays.
                listener.requestFailed(request, refused, ticker.read() - start);
                throw refused;
            } catch (IOException e) {
                retire = CloseReason.ERROR;
                IOException failure = sent && reused && !request.idempotent() && !(e instanceof InterruptedIOException)
                        && !(e instanceof SSLException) ? notSentAgain(request, e) : e;
                listener.requestFailed(request, failure, ticker.read() - start);
                throw failure;
            } catch (RuntimeException | Error e) {
                // An engine's own refusal or bug: still one failed request, and not a healthy session.
                retire = CloseReason.ERROR;
                listener.requestFailed(request, new IOException(String.valueOf(e), e), ticker.read() - start);
                throw e;
            } finally {
                pool.release(session, retire);
            }
        }
    }

    /**
     * A request that must not be sent twice (a POST, PATCH, mqweb's destructive get) failed on
     * a connection used before: most often one the server closed while it sat idle. The engines
     * send such a request again only when it is idempotent, so this says why it was not, and the fix.
     */
    private IOException notSentAgain(RestRequest request, IOException e) {
        return new IOException(request.method() + " " + request.path() + " failed on a reused connection (" + e.getMessage()
                + ") and was not sent again, since it may have reached the server; if the server closes idle connections"
                + " sooner than this client (idle timeout " + policy.idleTimeout().toSeconds() + " s), set a shorter"
                + " idleTimeout on the session policy", e);
    }

    /**
     * A GET of {@code target}: a path on the base URI, or an absolute URI.
     *
     * @throws IOException as {@link #execute}
     * @throws IllegalArgumentException if the target is neither a path nor an http(s) URI
     */
    public RestResponse get(String target) throws IOException {
        return execute(RestRequest.get(target));
    }

    /** Sessions open now, over all origins. */
    public int openSessions() {
        return pools.openSessions();
    }

    /** The session policy every session follows. */
    public SessionPolicy policy() {
        return policy;
    }

    /** The HTTP engine under every session. */
    public Engine engine() {
        return engine;
    }

    /** The engine library and its version, e.g. {@code okhttp/5.5.1}. */
    public String engineVersion() {
        return transport.version();
    }

    /** How the client authenticates; its {@code toString} names the user, never the password. */
    public Auth auth() {
        return auth;
    }

    /** Whether new connections may resume TLS sessions (from the TLS options, else the policy). */
    public TlsResumption tlsResumption() {
        return resumption;
    }

    /** Where requests with a path go: scheme, host and port. */
    public URI baseUri() {
        return URI.create(pools.baseOrigin().toString());
    }

    /**
     * Logs out the tokens it holds (DELETE on the login path), closes every idle session and
     * the engine. Sessions still in use close when their request ends. Never throws.
     */
    @Override
    public void close() {
        if (tokens != null) {
            tokens.logoutAll(pools);
        }
        pools.close();
        transport.close();
        if (meters != null) {
            try {
                meters.close();
            } catch (Exception ignored) {
                // Taking a gauge out of a registry does not fail; nothing to report if it did.
            }
        }
    }

    @Override
    public String toString() {
        return "RestClient{" + pools.baseOrigin() + ", " + policy + ", " + engine.tag() + ", auth=" + auth + "}";
    }
}
