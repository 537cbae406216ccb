package io.restcost.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LtpaToken;
import io.restcost.client.auth.LtpaTokens;
import io.restcost.client.engine.EngineSettings;
import io.restcost.client.engine.Transport;
import io.restcost.client.engine.apache.ApacheTransport;
import io.restcost.client.engine.okhttp.OkHttpTransport;
import io.restcost.client.metrics.ClientMetrics;
import io.restcost.client.session.CloseReason;
import io.restcost.client.session.Session;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.SessionPool;
import io.restcost.client.session.Ticker;
import io.restcost.client.tls.TlsOptions;
import io.restcost.client.tls.TlsResumption;
import io.restcost.client.tls.TlsSetup;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * A REST client whose connection strategy is a {@link SessionPolicy}. One client is shared by
 * many threads; under C threads it holds at most C sessions (plus connections closing).
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
 */
public final class RestClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RestClient.class.getName());

    private final Origin baseOrigin;
    private final SessionPool basePool;
    private final Map<Origin, SessionPool> otherPools = new ConcurrentHashMap<>();
    private final Transport transport;
    private final SessionPolicy policy;
    private final Engine engine;
    private final Auth auth;
    private final String authorization;
    private final LtpaTokens tokens;
    private final boolean csrfHeader;
    private final RestClientListener listener;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final TlsResumption resumption;

    private RestClient(Builder b, Transport transport, TlsResumption resumption, RestClientListener listener) {
        this.baseOrigin = Origin.of(b.baseUri);
        this.transport = transport;
        this.policy = b.policy;
        this.engine = b.engine;
        this.auth = b.auth;
        this.authorization = auth instanceof Auth.Basic basic ? basic.authorizationHeader() : null;
        this.csrfHeader = b.csrfHeader;
        this.listener = listener;
        this.ticker = b.ticker;
        this.random = b.random;
        this.resumption = resumption;
        this.tokens = auth instanceof Auth.Ltpa ltpa
                ? new LtpaTokens(ltpa, policy.reauthenticate(), ticker, listener) : null;
        this.basePool = newPool(baseOrigin);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a request and reads the whole response, over a session the policy chooses. With
     * LtpaToken2 login, a 401 gets one new login (shared by every thread that saw it) and
     * one retry.
     *
     * @throws IOException if no response came (connect, TLS, timeout, or a failed login)
     * @throws IllegalStateException if the client is closed
     */
    public RestResponse execute(RestRequest request) throws IOException {
        Origin other = request.origin();
        SessionPool pool = other == null || other.equals(baseOrigin) ? basePool : otherPools.computeIfAbsent(other, this::newPool);
        String csrf = csrfHeader && request.needsCsrfHeader() ? LtpaTokens.CSRF_TOKEN : null;
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
                listener.requestFailed(request, e, ticker.read() - start);
                throw e;
            } finally {
                pool.release(session, retire);
            }
        }
    }

    /** A GET of {@code target}: a path on the base URI, or an absolute URI. */
    public RestResponse get(String target) throws IOException {
        return execute(RestRequest.get(target));
    }

    /** Sessions open now, over all origins. */
    public int openSessions() {
        int n = basePool.openSessions();
        for (SessionPool p : otherPools.values()) {
            n += p.openSessions();
        }
        return n;
    }

    public SessionPolicy policy() {
        return policy;
    }

    public Engine engine() {
        return engine;
    }

    /** The engine library and its version, e.g. {@code okhttp/5.5.1}. */
    public String engineVersion() {
        return transport.version();
    }

    public Auth auth() {
        return auth;
    }

    /** Whether new connections may resume TLS sessions (from the TLS options, else the policy). */
    public TlsResumption tlsResumption() {
        return resumption;
    }

    public URI baseUri() {
        return URI.create(baseOrigin.toString());
    }

    /**
     * Logs out the tokens it holds (DELETE on the login path), closes every idle session and
     * the engine. Sessions still in use close when their request ends. Never throws.
     */
    @Override
    public void close() {
        List<SessionPool> pools = new ArrayList<>();
        pools.add(basePool);
        pools.addAll(otherPools.values());
        if (tokens != null) {
            List<Origin> withSharedToken = tokens.originsWithSharedToken();
            Map<SessionPool, List<Session>> held = new LinkedHashMap<>();
            for (SessionPool p : pools) {
                List<Session> sessions = new ArrayList<>(p.takeIdle());
                if (sessions.isEmpty() && withSharedToken.contains(p.origin())) {
                    try {
                        sessions.add(p.acquire());
                    } catch (IllegalStateException alreadyClosed) {
                        continue;
                    }
                }
                held.put(p, sessions);
            }
            tokens.logoutAll(held.values());
            held.forEach((p, sessions) -> sessions.forEach(s -> p.retire(s, CloseReason.CLIENT_CLOSED)));
        }
        pools.forEach(SessionPool::close);
        transport.close();
    }

    @Override
    public String toString() {
        return "RestClient{" + baseOrigin + ", " + policy + ", " + engine.tag() + ", auth=" + auth + "}";
    }

    private SessionPool newPool(Origin origin) {
        return new SessionPool(origin, transport, policy, ticker, random, listener);
    }

    /**
     * Builds a {@link RestClient}. Every argument is checked when set and each setting may be
     * given once; checks across settings run in {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private URI baseUri;
        private Engine engine;
        private SessionPolicy policy;
        private Auth auth;
        private TlsOptions tls;
        private MeterRegistry meterRegistry;
        private RestClientListener userListener;
        private Ticker ticker;
        private RandomGenerator random;
        private Duration connectTimeout;
        private Duration readTimeout;
        private boolean csrfHeader = true;
        private boolean csrfSet;

        private Builder() {
        }

        /**
         * Where requests with a path go, e.g. {@code https://mqweb.example:9443}.
         *
         * @throws IllegalArgumentException if the URI has no http(s) scheme or no host
         * @throws IllegalStateException if already set
         */
        public Builder baseUri(URI baseUri) {
            once("baseUri", this.baseUri);
            Objects.requireNonNull(baseUri, "baseUri");
            Origin.of(baseUri);
            this.baseUri = baseUri;
            return this;
        }

        /** The HTTP engine; default {@link Engine#APACHE_HTTPCLIENT5}. @throws IllegalStateException if already set */
        public Builder engine(Engine engine) {
            once("engine", this.engine);
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** The session policy; default {@link SessionPolicy#pooled()}. @throws IllegalStateException if already set */
        public Builder policy(SessionPolicy policy) {
            once("policy", this.policy);
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How to authenticate; default {@link Auth#none()}. @throws IllegalStateException if already set */
        public Builder auth(Auth auth) {
            once("auth", this.auth);
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Trust, client certificate, protocols and resumption; default {@link TlsOptions#defaults()}. @throws IllegalStateException if already set */
        public Builder tls(TlsOptions tls) {
            once("tls", this.tls);
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Registers the client's meters (see {@link ClientMetrics}) in this registry. @throws IllegalStateException if already set */
        public Builder meterRegistry(MeterRegistry registry) {
            once("meterRegistry", this.meterRegistry);
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Receives the client's events. @throws IllegalStateException if already set */
        public Builder listener(RestClientListener listener) {
            once("listener", this.userListener);
            this.userListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The time source for session ages and durations; default {@link Ticker#system()}. @throws IllegalStateException if already set */
        public Builder ticker(Ticker ticker) {
            once("ticker", this.ticker);
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** The source of jitter; default {@link java.util.concurrent.ThreadLocalRandom}. @throws IllegalStateException if already set */
        public Builder random(RandomGenerator random) {
            once("random", this.random);
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * TCP connect and TLS handshake timeout; default 10 s.
         *
         * @throws IllegalArgumentException if not positive
         * @throws IllegalStateException if already set
         */
        public Builder connectTimeout(Duration timeout) {
            once("connectTimeout", this.connectTimeout);
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * The longest silence while reading a response; default 30 s.
         *
         * @throws IllegalArgumentException if not positive
         * @throws IllegalStateException if already set
         */
        public Builder readTimeout(Duration timeout) {
            once("readTimeout", this.readTimeout);
            this.readTimeout = positive("readTimeout", timeout);
            return this;
        }

        /**
         * Whether to send mqweb's {@code ibm-mq-rest-csrf-token} header on POST, PATCH and
         * DELETE; default true (mqweb refuses those requests without it).
         *
         * @throws IllegalStateException if already set
         */
        public Builder csrfHeader(boolean send) {
            if (csrfSet) {
                throw new IllegalStateException("csrfHeader was already set to " + csrfHeader);
            }
            csrfSet = true;
            this.csrfHeader = send;
            return this;
        }

        /**
         * Builds the client and loads its TLS material.
         *
         * @throws IllegalStateException if baseUri is missing or the settings conflict
         * @throws IllegalArgumentException if a TLS file is missing, unreadable or its password wrong
         */
        public RestClient build() {
            if (baseUri == null) {
                throw new IllegalStateException("baseUri is required, e.g. baseUri(URI.create(\"https://localhost:9443\"))");
            }
            if (engine == null) {
                engine = Engine.APACHE_HTTPCLIENT5;
            }
            if (policy == null) {
                policy = SessionPolicy.pooled();
            }
            if (auth == null) {
                auth = Auth.none();
            }
            if (tls == null) {
                tls = TlsOptions.defaults();
            }
            if (ticker == null) {
                ticker = Ticker.system();
            }
            if (connectTimeout == null) {
                connectTimeout = Duration.ofSeconds(10);
            }
            if (readTimeout == null) {
                readTimeout = Duration.ofSeconds(30);
            }
            Origin base = Origin.of(baseUri);
            if (auth instanceof Auth.ClientCertificate && !tls.hasClientCertificate()) {
                throw new IllegalStateException("auth clientCertificate() needs a client certificate: "
                        + "set tls(TlsOptions.builder().keyStore(...) or .keyPem(...))");
            }
            if (auth instanceof Auth.ClientCertificate && !base.secure()) {
                throw new IllegalStateException("auth clientCertificate() needs an https:// baseUri: " + baseUri);
            }
            TlsResumption resumption = tls.resumption() != null ? tls.resumption()
                    : policy.resumesTlsByDefault() ? TlsResumption.RESUME : TlsResumption.FULL_HANDSHAKE;
            TlsSetup tlsSetup = TlsSetup.load(tls, resumption);
            if (tls.insecureTrustAll()) {
                LOG.log(System.Logger.Level.WARNING, "TLS verification is OFF for the client of " + base
                        + ": any server can impersonate it. Use only against throw-away test servers.");
            }
            EngineSettings settings = new EngineSettings(tlsSetup, connectTimeout, readTimeout,
                    policy.idleTimeout(), "restcost/" + version());
            Transport transport = engine == Engine.OKHTTP ? new OkHttpTransport(settings) : new ApacheTransport(settings);
            RestClientListener user = userListener == null ? RestClientListener.NONE : userListener;
            ClientHolder holder = new ClientHolder();
            RestClientListener listener = user;
            if (meterRegistry != null) {
                ClientMetrics metrics = new ClientMetrics(policy.kind().tag(), engine.tag(), holder::openSessions);
                metrics.bindTo(meterRegistry);
                listener = Listeners.of(metrics, user);
            }
            RestClient client = new RestClient(this, transport, resumption, listener);
            holder.client = client;
            return client;
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
