package io.restcost.client;

import io.restcost.client.auth.Auth;
import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.auth.LtpaToken;
import io.restcost.client.internal.auth.LtpaTokens;
import io.restcost.client.internal.auth.TokenLogin;
import io.restcost.client.internal.engine.Transport;
import io.restcost.client.internal.session.OriginPools;
import io.restcost.client.internal.session.Session;
import io.restcost.client.internal.session.SessionPool;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import io.restcost.client.tls.TlsResumption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
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

    RestClient(Origin baseOrigin, Transport transport, SessionPolicy policy, Engine engine, Auth auth, boolean csrfHeader,
               RestClientListener listener, Ticker ticker, RandomGenerator random, TlsResumption resumption) {
        this.transport = transport;
        this.policy = policy;
        this.engine = engine;
        this.auth = auth;
        this.authorization = auth instanceof Auth.Basic basic ? basic.authorizationHeader() : null;
        this.csrfHeader = csrfHeader;
        this.listener = listener;
        this.ticker = ticker;
        this.resumption = resumption;
        this.tokens = auth instanceof Auth.Ltpa ltpa
                ? new LtpaTokens(ltpa, policy.reauthenticate(), ticker, listener) : null;
        this.pools = new OriginPools(baseOrigin, origin -> new SessionPool(origin, transport, policy, ticker, random, listener));
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
     * @throws IOException if no response came (connect, TLS, timeout, or a failed login:
     *     {@link io.restcost.client.auth.LoginFailedException})
     * @throws IllegalStateException if the client is closed
     */
    public RestResponse execute(RestRequest request) throws IOException {
        SessionPool pool = pools.poolFor(request.origin());
        String csrf = csrfHeader && request.needsCsrfHeader() ? TokenLogin.CSRF_TOKEN : null;
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
            }
            CloseReason retire = null;
            boolean reused = session.requests() > 0;
            try {
                LtpaToken token = tokens == null ? null : tokens.tokenFor(session, rejected);
                boolean last = session.reserve();
                if (last) {
                    retire = session.decidedReason();
                }
                RestResponse response = session.exchange(request, authorization,
                        token == null ? null : token.cookieHeader(), csrf, last);
                if (token != null && attempt == 0 && LtpaTokens.tokenRejected(response)) {
                    rejected = token;
                    continue;
                }
                listener.requestEnd(request, response, ticker.read() - start);
                return response;
            } catch (IOException e) {
                retire = CloseReason.ERROR;
                IOException failure = reused && !request.idempotent() && !(e instanceof InterruptedIOException)
                        && !(e instanceof SSLException) ? notSentAgain(request, e) : e;
                listener.requestFailed(request, failure, ticker.read() - start);
                throw failure;
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
    }

    @Override
    public String toString() {
        return "RestClient{" + pools.baseOrigin() + ", " + policy + ", " + engine.tag() + ", auth=" + auth + "}";
    }
}
