package io.restcost.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.restcost.client.auth.Auth;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.HostResolver;
import io.restcost.client.http.HttpVersion;
import io.restcost.client.http.Origin;
import io.restcost.client.internal.DebugLog;
import io.restcost.client.internal.Listeners;
import io.restcost.client.internal.auth.CredentialOrigins;
import io.restcost.client.internal.auth.TokenLogin;
import io.restcost.client.internal.engine.EngineSettings;
import io.restcost.client.internal.engine.Engines;
import io.restcost.client.internal.engine.Transport;
import io.restcost.client.internal.engine.apache.ApacheTransport;
import io.restcost.client.internal.engine.okhttp.OkHttpTransport;
import io.restcost.client.internal.session.Multiplexing;
import io.restcost.client.internal.metrics.ClientMetrics;
import io.restcost.client.internal.tls.TlsContexts;
import io.restcost.client.internal.tls.TlsMaterial;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import io.restcost.client.tls.TlsOptions;
import io.restcost.client.tls.TlsResumption;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link RestClient}. Every argument is checked when set and each setting may be
 * given once; checks across settings run in {@link #build()}. Defaults live in the built
 * client, not here: after {@code build()} the builder holds only what was set, and may be
 * changed and built again. Not thread-safe.
 */
public final class RestClientBuilder {

    /** TCP connect and TLS handshake timeout when none is set. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest silence while reading a response when none is set. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** How long a refused login is not tried again, when none is set. */
    public static final Duration DEFAULT_LOGIN_BACKOFF = Duration.ofSeconds(5);
    /** On HTTP/2, the most exchanges one connection carries at once, unless set. */
    public static final int DEFAULT_STREAMS_PER_CONNECTION = 100;

    private static final System.Logger LOG = System.getLogger(RestClient.class.getName());

    private URI baseUri;
    private Engine engine;
    private SessionPolicy policy;
    private Auth auth;
    private TlsOptions tls;
    private MeterRegistry meterRegistry;
    private RestClientListener listener;
    private Ticker ticker;
    private RandomGenerator random;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Boolean csrfHeader;
    private HostResolver resolver;
    private List<Origin> authOrigins;
    private boolean insecureCredentialsOverHttp;
    private Duration loginBackoff;
    private HttpVersion httpVersion;
    private Integer streamsPerConnection;
    private Integer connectionsPerOrigin;

    RestClientBuilder() {
    }

    /**
     * Where requests with a path go, e.g. {@code https://mqweb.example:9443}.
     *
     * @throws IllegalArgumentException if the URI has no http(s) scheme or no host
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder baseUri(URI baseUri) {
        once("baseUri", this.baseUri);
        Objects.requireNonNull(baseUri, "baseUri");
        Origin.of(baseUri);
        this.baseUri = baseUri;
        return this;
    }

    /**
     * The HTTP engine; default {@link Engine#APACHE_HTTPCLIENT5}.
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder engine(Engine engine) {
        once("engine", this.engine);
        this.engine = Objects.requireNonNull(engine, "engine");
        return this;
    }

    /**
     * The session policy; default {@link SessionPolicy#pooled()}.
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder policy(SessionPolicy policy) {
        once("policy", this.policy);
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * How to authenticate; default {@link Auth#none()}.
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder auth(Auth auth) {
        once("auth", this.auth);
        this.auth = Objects.requireNonNull(auth, "auth");
        return this;
    }

    /**
     * More origins that get the credentials, besides the base URI's: a request to one of them
     * carries the Basic header, or logs in there and sends that origin's own token. Requests to
     * any other origin are sent without credentials or CSRF header. Default: none.
     *
     * @throws IllegalArgumentException if a URI has no http(s) scheme or no host
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder authOrigins(URI... origins) {
        once("authOrigins", this.authOrigins);
        this.authOrigins = CredentialOrigins.parse(origins);
        return this;
    }

    /**
     * Allows a password (Basic, or the LtpaToken2 login) to go to a plain-http origin, where
     * anyone on the path reads it; logged once at WARNING when the client is built. Without
     * it, {@link #build()} refuses such an origin. For test networks only.
     *
     * @throws IllegalStateException if already set
     */
    public RestClientBuilder insecureCredentialsOverHttp() {
        if (insecureCredentialsOverHttp) {
            throw new IllegalStateException("insecureCredentialsOverHttp was already set");
        }
        insecureCredentialsOverHttp = true;
        return this;
    }

    /**
     * After the server refuses a login, how long requests that need one fail at once with that
     * refusal instead of logging in again; then one login is tried. A server that counts failed
     * logins would otherwise lock the account after a password change. Default
     * {@link #DEFAULT_LOGIN_BACKOFF}; zero tries every time.
     *
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder loginBackoff(Duration backoff) {
        once("loginBackoff", this.loginBackoff);
        this.loginBackoff = TokenLogin.checkedBackoff(backoff);
        return this;
    }

    /**
     * Trust, client certificate, protocols and resumption; default {@link TlsOptions#defaults()}.
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder tls(TlsOptions tls) {
        once("tls", this.tls);
        this.tls = Objects.requireNonNull(tls, "tls");
        return this;
    }

    /**
     * Registers the client's meters in this registry: {@code restcost.client.requests} (timer;
     * outcome and status class), {@code .connections.opened} (tls = full, resumed, none),
     * {@code .connections.closed} (reason), {@code .connection.requests} (summary),
     * {@code .logins} (timer; outcome) and {@code .sessions.active} (gauge), all tagged with
     * policy and engine. To record in several registries, give a composite registry.
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder meterRegistry(MeterRegistry registry) {
        once("meterRegistry", this.meterRegistry);
        this.meterRegistry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * Receives the client's events (see {@link RestClientListener} for threads and failures).
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder listener(RestClientListener listener) {
        once("listener", this.listener);
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * The time source for session ages and durations; default {@link Ticker#system()}.
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder ticker(Ticker ticker) {
        once("ticker", this.ticker);
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * The source of jitter; default {@link java.util.concurrent.ThreadLocalRandom}. A seeded
     * generator makes the drawn limits repeatable; the client uses it under a lock, since most
     * generators are not thread-safe.
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder random(RandomGenerator random) {
        once("random", this.random);
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * TCP connect and TLS handshake timeout; default {@link #DEFAULT_CONNECT_TIMEOUT}.
     *
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder connectTimeout(Duration timeout) {
        once("connectTimeout", this.connectTimeout);
        this.connectTimeout = positive("connectTimeout", timeout);
        return this;
    }

    /**
     * The longest silence while reading a response; default {@link #DEFAULT_READ_TIMEOUT}.
     *
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder readTimeout(Duration timeout) {
        once("readTimeout", this.readTimeout);
        this.readTimeout = positive("readTimeout", timeout);
        return this;
    }

    /**
     * Where sessions connect: asked each time a session opens its connection, the addresses
     * tried in its order; default {@link HostResolver#system()}. With a name that resolves to
     * several servers, {@code HostResolver.roundRobin(HostResolver.system())} spreads sessions
     * over them, so rotation rebalances; TLS still verifies the name, and a token is still
     * scoped to it (the servers behind one name share their token keys, as a Liberty
     * collective does).
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder resolver(HostResolver resolver) {
        once("resolver", this.resolver);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        return this;
    }

    /**
     * Which HTTP to speak; default {@link HttpVersion#HTTP_1_1}. On HTTP/2 threads share
     * sessions, one stream each: see {@link HttpVersion}. {@code HTTP_2} needs an
     * {@code https://} base URI; on the Apache engine it is HttpClient 5's asynchronous HTTP/2
     * client behind the same blocking API, on the JDK's TLS. {@code SERVER_CHOICE} on Apache is
     * HTTP/1.1, as a stock HttpClient 5 classic client offers no ALPN.
     *
     * @throws IllegalStateException if already set
     * @throws NullPointerException if null
     */
    public RestClientBuilder httpVersion(HttpVersion version) {
        once("httpVersion", this.httpVersion);
        this.httpVersion = Objects.requireNonNull(version, "httpVersion");
        return this;
    }

    /**
     * On HTTP/2, the most exchanges one connection carries at once; default
     * {@value #DEFAULT_STREAMS_PER_CONNECTION}. Keep it at or under the server's
     * {@code SETTINGS_MAX_CONCURRENT_STREAMS} (nginx 128, Jetty 128, Open Liberty 200): past it,
     * the engine opens a second connection inside the session.
     *
     * @throws IllegalArgumentException if under 1
     * @throws IllegalStateException if already set
     */
    public RestClientBuilder streamsPerConnection(int streams) {
        once("streamsPerConnection", this.streamsPerConnection);
        this.streamsPerConnection = atLeastOne("streamsPerConnection", streams);
        return this;
    }

    /**
     * On HTTP/2, how many connections of one origin take new streams at once; default 1.
     * Threads are spread over them, the least busy first. A rotating connection that drains
     * is replaced, so this many stay open (plus those draining).
     *
     * @throws IllegalArgumentException if under 1
     * @throws IllegalStateException if already set
     */
    public RestClientBuilder connectionsPerOrigin(int connections) {
        once("connectionsPerOrigin", this.connectionsPerOrigin);
        this.connectionsPerOrigin = atLeastOne("connectionsPerOrigin", connections);
        return this;
    }

    /**
     * Whether to send mqweb's {@code ibm-mq-rest-csrf-token} header on POST, PATCH and
     * DELETE; default true (mqweb refuses those requests without it).
     *
     * @throws IllegalStateException if already set
     */
    public RestClientBuilder csrfHeader(boolean send) {
        once("csrfHeader", this.csrfHeader);
        this.csrfHeader = send;
        return this;
    }

    /**
     * Builds a client from the settings given and the defaults of the rest, and loads its TLS
     * material. The builder is unchanged.
     *
     * @throws IllegalStateException if baseUri is missing, the engine's library is not on the
     *     class path (naming the artifact to add), the settings conflict, or a password
     *     would go to a plain-http origin without {@link #insecureCredentialsOverHttp()}
     * @throws IllegalArgumentException if a TLS file is missing, unreadable or its password wrong
     */
    public RestClient build() {
        if (baseUri == null) {
            throw new IllegalStateException("baseUri is required, e.g. baseUri(URI.create(\"https://localhost:9443\"))");
        }
        Engine engine = orDefault(this.engine, Engine.APACHE_HTTPCLIENT5);
        if (engine == Engine.OKHTTP) {
            Engines.requireOkHttp();
        } else {
            Engines.requireHttpClient5();
        }
        SessionPolicy policy = orDefault(this.policy, SessionPolicy.pooled());
        Auth auth = orDefault(this.auth, Auth.none());
        TlsOptions tls = orDefault(this.tls, TlsOptions.defaults());
        Ticker ticker = orDefault(this.ticker, Ticker.system());
        Origin base = Origin.of(baseUri);
        checkClientCertificate(auth, tls, base);
        List<Origin> credentialOrigins = new ArrayList<>();
        credentialOrigins.add(base);
        if (authOrigins != null) {
            credentialOrigins.addAll(authOrigins);
        }
        CredentialOrigins credentials = CredentialOrigins.of(auth, credentialOrigins, insecureCredentialsOverHttp, LOG);
        TlsResumption resumption = tls.resumption() != null ? tls.resumption()
                : policy.resumesTlsByDefault() ? TlsResumption.RESUME : TlsResumption.FULL_HANDSHAKE;
        TlsContexts contexts = new TlsContexts(TlsMaterial.load(tls), tls.protocols(), resumption, !tls.insecureTrustAll(),
                tls.provider(), tls.groups());
        if (tls.insecureTrustAll()) {
            LOG.log(System.Logger.Level.WARNING, "TLS verification is OFF for the client of " + base
                    + ": any server can impersonate it. Use only against throw-away test servers.");
        }
        HttpVersion http = httpVersion(engine, base, tls);
        EngineSettings settings = new EngineSettings(contexts, orDefault(connectTimeout, DEFAULT_CONNECT_TIMEOUT),
                orDefault(readTimeout, DEFAULT_READ_TIMEOUT), policy.idleTimeout(), "restcost/" + version(),
                orDefault(resolver, HostResolver.system()), http);
        Multiplexing multiplexing = http == HttpVersion.HTTP_1_1 ? null : new Multiplexing(
                orDefault(streamsPerConnection, DEFAULT_STREAMS_PER_CONNECTION), orDefault(connectionsPerOrigin, 1),
                http == HttpVersion.SERVER_CHOICE);
        Transport transport = engine == Engine.OKHTTP ? new OkHttpTransport(settings) : new ApacheTransport(settings);
        RestClientListener user = orDefault(listener, RestClientListener.NONE);
        ClientHolder holder = new ClientHolder();
        RestClientListener events;
        ClientMetrics metrics = null;
        if (meterRegistry != null) {
            metrics = new ClientMetrics(policy.kind().tag(), engine.tag(), holder::openSessions);
            metrics.bindTo(meterRegistry);
            events = Listeners.of(metrics, user, DebugLog.ifEnabled());
        } else {
            events = Listeners.of(user, DebugLog.ifEnabled());
        }
        // A thread waiting for another thread's login waits no longer than its own request could take.
        Duration loginWait = settings.connectTimeout().plus(settings.readTimeout());
        RestClient client = new RestClient(base, transport, policy, engine, auth, orDefault(csrfHeader, true),
                events, ticker, random, resumption, credentials, orDefault(loginBackoff, DEFAULT_LOGIN_BACKOFF), loginWait, metrics,
                multiplexing);
        holder.client = client;
        return client;
    }

    private void checkClientCertificate(Auth auth, TlsOptions tls, Origin base) {
        if (auth instanceof Auth.ClientCertificate && !tls.hasClientCertificate()) {
            throw new IllegalStateException("auth clientCertificate() needs a client certificate: "
                    + "set tls(TlsOptions.builder().keyStore(...) or .keyPem(...))");
        }
        if (auth instanceof Auth.ClientCertificate && !base.secure()) {
            throw new IllegalStateException("auth clientCertificate() needs an https:// baseUri: " + baseUri);
        }
    }

    /** The HTTP spoken: HTTP/2 refused where it cannot be, the server's choice HTTP/1.1 where HTTP/2 cannot be offered. */
    private HttpVersion httpVersion(Engine engine, Origin base, TlsOptions tls) {
        HttpVersion http = orDefault(httpVersion, HttpVersion.HTTP_1_1);
        // Apache offers no ALPN on HTTP/1.1 (as a stock classic client): its server's choice is HTTP/1.1.
        boolean h2Possible = base.secure() && (engine == Engine.OKHTTP || http == HttpVersion.HTTP_2);
        if (http == HttpVersion.HTTP_2 && engine == Engine.APACHE_HTTPCLIENT5
                && (tls.provider() == io.restcost.client.tls.TlsProvider.CONSCRYPT || !tls.groups().isEmpty())) {
            throw new IllegalStateException("httpVersion HTTP_2 with engine(Engine.APACHE_HTTPCLIENT5) runs on the JDK's TLS with its "
                    + "default groups: drop the Conscrypt provider and the groups, or use engine(Engine.OKHTTP)");
        }
        if (http == HttpVersion.HTTP_2 && !base.secure()) {
            throw new IllegalStateException("httpVersion HTTP_2 is negotiated by ALPN, in TLS: it needs an https:// baseUri, not "
                    + baseUri);
        }
        if ((streamsPerConnection != null || connectionsPerOrigin != null) && (http == HttpVersion.HTTP_1_1 || !h2Possible)) {
            throw new IllegalStateException("streamsPerConnection and connectionsPerOrigin are HTTP/2 settings: "
                    + "set httpVersion(HttpVersion.HTTP_2) or SERVER_CHOICE, with engine(Engine.OKHTTP) and an https:// baseUri");
        }
        return http == HttpVersion.SERVER_CHOICE && !h2Possible ? HttpVersion.HTTP_1_1 : http;
    }

    private static int atLeastOne(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + n);
        }
        return n;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String version() {
        String v = RestClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static void once(String name, Object current) {
        if (current != null) {
            throw new IllegalStateException(name + " was already set to " + current);
        }
    }

    private static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /** Lets the sessions gauge, bound before the client exists, read the client once it does. */
    private static final class ClientHolder {
        volatile RestClient client;

        int openSessions() {
            RestClient c = client;
            return c == null ? 0 : c.openSessions();
        }
    }
}
