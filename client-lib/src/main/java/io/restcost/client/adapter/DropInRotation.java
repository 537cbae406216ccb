package io.restcost.client.adapter;

import io.micrometer.core.instrument.MeterRegistry;
import io.restcost.client.auth.Auth;
import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.internal.Listeners;
import io.restcost.client.internal.adapter.ApacheRotation;
import io.restcost.client.internal.adapter.ConnectionStates;
import io.restcost.client.internal.adapter.OkHttpRotation;
import io.restcost.client.http.Origin;
import io.restcost.client.internal.auth.CredentialOrigins;
import io.restcost.client.internal.auth.TokenLogin;
import io.restcost.client.internal.metrics.ClientMetrics;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;

/**
 * restcost's rotation for the HTTP client an application already has: a few lines that make
 * a stock Apache HttpClient 5 or OkHttp client end each connection after about N requests or
 * T minutes, each connection drawing its own limits with the policy's jitter when it opens;
 * and for the JDK's own {@code java.net.http.HttpClient}, a client that moves to a fresh inner
 * client after about N requests or T ({@link #applyTo(java.net.http.HttpClient.Builder)}).
 *
 * <pre>{@code
 * DropInRotation rotation = DropInRotation.builder(SessionPolicy.rotating()
 *         .maxRequests(50).maxAge(Duration.ofMinutes(10)).jitter(0.2).build()).build();
 * // Apache HttpClient 5
 * PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create();
 * HttpClientBuilder builder = HttpClients.custom();
 * rotation.applyTo(connections, builder);
 * CloseableHttpClient client = builder.setConnectionManager(connections.build()).build();
 * // OkHttp
 * OkHttpClient okhttp = rotation.applyTo(new OkHttpClient());
 * }</pre>
 *
 * <p>What it does, through each engine's own seams: HttpClient 5 keeps a connection only while
 * its {@code EndpointDetails} count fewer exchanges than it drew and it is younger than its
 * drawn age (a {@code ConnectionReuseStrategy}), and its {@code ConnectionConfig} time-to-live
 * bounds connections that idle past their age; OkHttp sends {@code Connection: close} on a
 * connection's last exchange (a network interceptor), after which OkHttp does not pool it. No
 * request is cut off: a connection ends after a whole exchange. With {@link Builder#auth} an
 * LtpaToken2 login is added too: one login per origin, and exactly one new login however many
 * requests meet a 401 at once.
 *
 * <p>OkHttp on HTTP/2 (its default where the server offers it, as mqweb does) multiplexes
 * every thread's exchanges over one connection. The overshoot is bounded, not removed: OkHttp
 * stops pooling a connection when the response headers of its last exchange arrive, so the
 * exchanges that begin on it meanwhile (at most the calls in flight at once, less one) are
 * carried past its drawn limit. They are counted on it, and it is reported closed once they
 * have ended. When it leaves the pool every waiting call makes a connection, and OkHttp keeps
 * one and closes the rest unused: each of those is reported as a session closed for
 * {@link io.restcost.client.event.CloseReason#RACED}, so the counts equal the server's.
 *
 * <p><b>Not covered: HttpClient 5's asynchronous clients</b> ({@code HttpAsyncClients}, and so
 * its HTTP/2). Their connection pools have no seam for a per-connection exchange count: an
 * application on HttpClient 5's HTTP/2 rotates with restcost's own client instead
 * ({@code RestClient.builder().engine(Engine.APACHE_HTTPCLIENT5).httpVersion(HttpVersion.HTTP_2)}),
 * which drives that same async client behind a blocking API, one per session.
 *
 * <p>Credentials go only where they were given: the login (with the password) and the token go
 * to the origins named in {@link Builder#auth} and to no other origin the client calls; the
 * token is added to each hop of a request on its own, so it never follows a redirect to
 * another origin, and a login is never redirected. A plain-http origin is refused for the
 * password unless {@link Builder#insecureCredentialsOverHttp()} says otherwise. A refused login
 * is not tried again for {@link Builder#loginBackoff}.
 *
 * <p>What it does not do, compared with restcost's own {@code RestClient}: exchanges are
 * counted as the server sees them, logins included; the TLS handshake is the application's
 * (one-shot does not force full handshakes, and resumption is whatever its SSLContext does);
 * there is no per-session login ({@code reauthenticate}) and no logout when the client
 * closes; it sends no CSRF header; an idle connection past its drawn age, but within the
 * time-to-live, carries one more exchange before it ends; a connection the engine discards on
 * its own (time-to-live, idle eviction) is not reported closed, and those still open when the
 * application closes its client are reported only through {@link #clientsClosed()}. Keep the client's cookie
 * handling off, or its cookie store sends the token too, scoped by host rather than origin.
 *
 * <p>Thread-safe. Each {@code applyTo} gives the client its own state: counters, tokens and
 * the metrics tagged {@code engine=apache-dropin} or {@code okhttp-dropin}.
 */
public final class DropInRotation {

    private static final System.Logger LOG = System.getLogger(DropInRotation.class.getName());

    /** The engine tag of a stock HttpClient 5 with this rotation, in metrics and reports. */
    public static final String APACHE_TAG = "apache-dropin";
    /** The engine tag of a stock OkHttp client with this rotation, in metrics and reports. */
    public static final String OKHTTP_TAG = "okhttp-dropin";
    /**
     * The tags before the drop-in had one name, {@code apache-adapted} and {@code okhttp-adapted}:
     * {@link Builder#legacyEngineTags()} keeps them for dashboards built on them, for one version.
     */
    public static final String LEGACY_APACHE_TAG = "apache-adapted";
    /** See {@link #LEGACY_APACHE_TAG}. */
    public static final String LEGACY_OKHTTP_TAG = "okhttp-adapted";

    /** How long a refused login is not tried again, when the builder sets none. */
    public static final Duration DEFAULT_LOGIN_BACKOFF = Duration.ofSeconds(5);

    private final SessionPolicy policy;
    private final Auth auth;
    private final CredentialOrigins credentials;
    private final Duration loginBackoff;
    private final MeterRegistry registry;
    private final RestClientListener listener;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final boolean legacyEngineTags;
    private final List<ConnectionStates> applied = new CopyOnWriteArrayList<>();
    private final List<ClientMetrics> meters = new CopyOnWriteArrayList<>();

    private DropInRotation(SessionPolicy policy, Auth auth, List<Origin> authOrigins, boolean insecureHttp, Duration loginBackoff,
                           MeterRegistry registry, RestClientListener listener, Ticker ticker, RandomGenerator random,
                           boolean legacyEngineTags) {
        this.policy = policy;
        this.legacyEngineTags = legacyEngineTags;
        this.auth = auth;
        this.credentials = auth == null ? null : CredentialOrigins.of(auth, authOrigins, insecureHttp, LOG);
        this.loginBackoff = loginBackoff;
        this.registry = registry;
        this.listener = listener;
        this.ticker = ticker;
        this.random = random;
    }

    /**
     * A builder for {@code policy}'s rotation.
     *
     * @param policy one-shot, pooled or rotating; not {@code reauthenticate}
     * @throws NullPointerException if null
     */
    public static Builder builder(SessionPolicy policy) {
        return new Builder(Objects.requireNonNull(policy, "policy"));
    }

    /** The policy each connection follows. */
    public SessionPolicy policy() {
        return policy;
    }

    /**
     * Configures a stock HttpClient 5: the connection reuse strategy and an exec-chain handler
     * on {@code client}; on {@code connections}, a default connection config with the
     * time-to-live and a connection factory that notes when each connection begins (it replaces
     * a connection factory set before). Then build the manager and give it to the client.
     */
    public void applyTo(PoolingHttpClientConnectionManagerBuilder connections, HttpClientBuilder client) {
        applyTo(connections, client, ConnectionConfig.DEFAULT);
    }

    /**
     * As {@link #applyTo(PoolingHttpClientConnectionManagerBuilder, HttpClientBuilder)}, keeping
     * the timeouts of {@code base}, the connection config the application would have set.
     */
    public void applyTo(PoolingHttpClientConnectionManagerBuilder connections, HttpClientBuilder client,
                        ConnectionConfig base) {
        ConnectionConfig.Builder config = ConnectionConfig.copy(Objects.requireNonNull(base, "base"));
        Duration longest = longestAge(policy);
        if (longest != null) {
            // The longest age any connection may draw; each one's own age is checked after every exchange.
            config.setTimeToLive(TimeValue.ofMilliseconds(longest.toMillis()));
        }
        connections.setDefaultConnectionConfig(config.build());
        RestClientListener events = events(legacyEngineTags ? LEGACY_APACHE_TAG : APACHE_TAG);
        ApacheRotation rotation = new ApacheRotation(states(events), login(events), credentials, ticker);
        connections.setConnectionFactory(rotation.connectionFactory());
        client.setConnectionReuseStrategy(rotation.reuseStrategy());
        // Under the redirect handling: it sees each hop, so the token goes to each hop's own
        // origin only, and a login's redirect comes back to it as an answer, never followed.
        client.addExecInterceptorBefore(ChainElement.PROTOCOL.name(), "restcost-rotation", rotation.handler());
    }

    /**
     * A client like {@code client}, sharing its pool and dispatcher, that rotates its
     * connections: a network interceptor, an event listener composed with the client's own,
     * and with {@link Builder#auth} an application interceptor that logs in and renews the
     * token (the network interceptor adds it to each hop bound for the token's own origin).
     */
    public OkHttpClient applyTo(OkHttpClient client) {
        RestClientListener events = events(legacyEngineTags ? LEGACY_OKHTTP_TAG : OKHTTP_TAG);
        OkHttpRotation rotation = new OkHttpRotation(states(events), login(events), credentials, ticker);
        OkHttpClient.Builder b = client.newBuilder()
                .addNetworkInterceptor(rotation.networkInterceptor())
                .eventListenerFactory(rotation.eventListenerFactory(client.eventListenerFactory()));
        if (rotation.tokenInterceptor() != null) {
            b.addInterceptor(rotation.tokenInterceptor());
        }
        return b.build();
    }

    /**
     * A JDK {@link java.net.http.HttpClient} that rotates: it sends through an inner client built
     * from {@code builder}, and moves to a fresh one after about N requests or T (each inner
     * client draws its own limits with the policy's jitter). The old inner client gets no new
     * request and is shut down once its last exchange has ended, so no exchange is cut off and
     * its connections close. On HTTP/2 (the JDK client's default) an inner client carries its
     * requests over one connection per origin, so a connection carries at most its drawn limit;
     * a new inner client's first request goes alone and the others wait for it, since the JDK's
     * client otherwise opens a connection per waiting request (in {@code JdkClientRotationTest},
     * 317 connections for 40 inner clients, 277 of them used once, before it waited; 42 for 42
     * after). On HTTP/1.1 an inner client spreads its requests over as many connections as
     * threads send at once, so each carries about N / threads (there, 8 threads and N = 50 made
     * 349 connections of 1 to 14 requests): set {@code maxRequests} to N times the threads.
     *
     * <p>{@code HttpClient.shutdown()} exists from Java 21. On Java 17 an old inner client is
     * dropped instead: its idle connections stay open until the JDK's keep-alive timeout
     * ({@code -Djdk.httpclient.keepalive.timeout=SECONDS}, 1,200 by default: set it near the
     * policy's idle timeout) or until the garbage collector finds it unreachable, whichever is
     * first; its requests still never pass its limit.
     *
     * <p>Not covered here, unlike the other two engines: LtpaToken2 login ({@link Builder#auth}
     * is ignored: send credentials with the application's own {@code Authenticator} or headers),
     * meters and listener events. The builder is used again for every inner client: do not
     * change it afterwards.
     */
    public java.net.http.HttpClient applyTo(java.net.http.HttpClient.Builder builder) {
        return new io.restcost.client.internal.adapter.JdkRotation(Objects.requireNonNull(builder, "builder"), policy, ticker,
                random != null ? random : new java.util.SplittableRandom());
    }

    /**
     * Reports the connections still open in the clients this rotation was applied to as closed
     * by the client ({@code client_closed}), with the requests each carried, and takes them out
     * of the {@code sessions.active} gauge. Call it after closing those clients: neither engine
     * says when it closes its pooled connections.
     */
    public void clientsClosed() {
        applied.forEach(s -> s.closeAll(CloseReason.CLIENT_CLOSED));
        meters.forEach(ClientMetrics::close);
    }

    private ConnectionStates states(RestClientListener events) {
        ConnectionStates s = new ConnectionStates(policy, ticker, random, events);
        applied.add(s);
        return s;
    }

    private RestClientListener events(String engineTag) {
        if (registry == null) {
            return Listeners.of(listener);
        }
        AtomicInteger open = new AtomicInteger();
        RestClientListener counter = new RestClientListener() {
            @Override
            public void sessionOpened(SessionInfo s) {
                open.incrementAndGet();
            }

            @Override
            public void sessionRetired(SessionInfo s, CloseReason r) {
                open.decrementAndGet();
            }
        };
        ClientMetrics metrics = new ClientMetrics(policy.kind().tag(), engineTag, open::get);
        metrics.bindTo(registry);
        meters.add(metrics);
        return Listeners.of(counter, metrics, listener);
    }

    private TokenLogin login(RestClientListener events) {
        return auth instanceof Auth.Ltpa ltpa ? new TokenLogin(ltpa, loginBackoff, ticker, events) : null;
    }

    /**
     * Builds a {@link DropInRotation}; each setting may be given once, as on
     * {@code RestClientBuilder}. Not thread-safe.
     */
    public static final class Builder {
        private final SessionPolicy policy;
        private Auth auth;
        private List<Origin> authOrigins;
        private boolean insecureCredentialsOverHttp;
        private Duration loginBackoff;
        private MeterRegistry registry;
        private RestClientListener listener;
        private Ticker ticker;
        private RandomGenerator random;
        private boolean legacyEngineTags;

        private Builder(SessionPolicy policy) {
            if (policy.reauthenticate()) {
                throw new IllegalArgumentException("a drop-in rotation shares one token per origin: per-session logins "
                        + "(reauthenticate) need restcost's RestClient");
            }
            this.policy = policy;
        }

        /**
         * Adds LtpaToken2 login and reuse ({@link Auth#ltpa}) for requests to {@code origins}
         * (scheme, host and port; a path is ignored), e.g.
         * {@code auth(Auth.ltpa(user, password), URI.create("https://mqweb.example:9443"))}.
         * Requests to any other origin go through untouched: no login, no token. Other modes
         * are the client's own business (basic credentials, client certificates) and are refused.
         * {@link #build()} refuses it without an origin.
         *
         * @throws IllegalArgumentException if {@code auth} is not an LtpaToken2 login, or an
         *     origin has no http(s) scheme or no host
         * @throws IllegalStateException if already set
         * @throws NullPointerException if {@code auth}, {@code origins} or one of them is null
         */
        public Builder auth(Auth auth, URI... origins) {
            once("auth", this.auth);
            Objects.requireNonNull(auth, "auth");
            if (!(auth instanceof Auth.Ltpa)) {
                throw new IllegalArgumentException("a drop-in rotation adds only the LtpaToken2 login (Auth.ltpa): "
                        + auth.mode() + " is configured on the client itself");
            }
            this.auth = auth;
            this.authOrigins = parseOrigins(origins);
            return this;
        }

        /**
         * Allows the login's password to go to a plain-http origin, where anyone on the path
         * reads it; logged once at WARNING by {@link #build()}. Without it, a plain-http origin
         * in {@link #auth} is refused. For test networks only.
         *
         * @throws IllegalStateException if already set
         */
        public Builder insecureCredentialsOverHttp() {
            if (insecureCredentialsOverHttp) {
                throw new IllegalStateException("insecureCredentialsOverHttp was already set");
            }
            insecureCredentialsOverHttp = true;
            return this;
        }

        /**
         * After the server refuses a login, how long requests that need one fail at once with that
         * refusal ({@link io.restcost.client.auth.LoginFailedException}) instead of logging in
         * again; then one login is tried. Default {@link #DEFAULT_LOGIN_BACKOFF}; zero tries every time.
         *
         * @throws IllegalArgumentException if negative
         * @throws IllegalStateException if already set
         * @throws NullPointerException if null
         */
        public Builder loginBackoff(Duration backoff) {
            once("loginBackoff", this.loginBackoff);
            this.loginBackoff = checkedBackoff(backoff);
            return this;
        }

        /**
         * Registers the same meters as {@code RestClient} under {@code restcost.client.}, tagged with
         * the policy and {@code engine=apache-dropin} or {@code okhttp-dropin}.
         *
         * @throws IllegalStateException if already set
         */
        public Builder meterRegistry(MeterRegistry registry) {
            once("meterRegistry", this.registry);
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Receives connection, handshake, login and rotation events; each connection is reported
         * as a session of one connection. A listener that throws is logged and skipped.
         *
         * @throws IllegalStateException if already set
         */
        public Builder listener(RestClientListener listener) {
            once("listener", this.listener);
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The time source for connection ages; default {@link Ticker#system()}.
         *
         * @throws IllegalStateException if already set
         */
        public Builder ticker(Ticker ticker) {
            once("ticker", this.ticker);
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * The source of jitter; default {@link java.util.concurrent.ThreadLocalRandom}.
         *
         * @throws IllegalStateException if already set
         */
        public Builder random(RandomGenerator random) {
            once("random", this.random);
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * The rotation; the builder may be changed and built again.
         *
         * @throws IllegalStateException if {@link #auth} names no origin, or a plain-http one
         *     without {@link #insecureCredentialsOverHttp()}
         */
        public DropInRotation build() {
            if (auth != null && authOrigins.isEmpty()) {
                throw new IllegalStateException("auth(Auth.ltpa(..)) needs the origins it may log in to, e.g. "
                        + "auth(Auth.ltpa(user, password), URI.create(\"https://mqweb.example:9443\"))");
            }
            return new DropInRotation(policy, auth, authOrigins, insecureCredentialsOverHttp,
                    loginBackoff == null ? DEFAULT_LOGIN_BACKOFF : loginBackoff,
                    registry, listener == null ? RestClientListener.NONE : listener, ticker == null ? Ticker.system() : ticker, random,
                    legacyEngineTags);
        }

        /**
         * Tags the meters {@code engine=apache-adapted} or {@code okhttp-adapted}, the names the
         * drop-in had before it had one name ({@link #LEGACY_APACHE_TAG}), so that dashboards and
         * alerts built on them keep working while they move to {@code apache-dropin} and
         * {@code okhttp-dropin}. The old tags go in the next version.
         */
        @Deprecated(forRemoval = true)
        public Builder legacyEngineTags() {
            this.legacyEngineTags = true;
            return this;
        }

        private static void once(String name, Object current) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
        }
    }

    // The builder checks as RestClientBuilder does, through these: it may not reach the internals itself.
    private static List<Origin> parseOrigins(URI... origins) {
        return CredentialOrigins.parse(origins);
    }

    private static Duration checkedBackoff(Duration backoff) {
        return TokenLogin.checkedBackoff(backoff);
    }

    /** The longest age a connection may draw under {@code policy}, or null when it has no age limit. */
    static Duration longestAge(SessionPolicy policy) {
        return policy.maxAge() == null ? null : Duration.ofMillis(Math.round(policy.maxAge().toMillis() * (1 + policy.jitter())));
    }
}
