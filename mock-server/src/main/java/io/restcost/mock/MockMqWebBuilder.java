package io.restcost.mock;

import com.github.benmanes.caffeine.cache.Ticker;
import io.restcost.kit.GeneratedPki;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.api.RequestWork;
import io.restcost.mock.api.ResponseShaping;
import io.restcost.mock.server.ClientAuthMode;
import io.restcost.mock.tls.ServerTlsProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link MockMqWeb}, checked as {@code RestClientBuilder} checks its own: each
 * argument when it is set (a bad value is an {@link IllegalArgumentException} naming it, a null
 * a {@link NullPointerException} naming it), each setting at most once (an
 * {@link IllegalStateException} saying what it was set to), and settings that conflict when
 * {@link #start()} runs. Defaults apply in {@code start()}; the builder keeps only what was set,
 * and can be changed and started again. Not thread-safe.
 */
public final class MockMqWebBuilder {

    private String bindAddress;
    private Integer port;
    private Boolean plainHttp;
    private GeneratedPki.KeyType certificateType;
    private List<String> certificateHosts;
    private Path keyStore;
    private char[] keyStorePassword;
    private Path trustStore;
    private char[] trustStorePassword;
    private Path stateDir;
    private List<String> protocols;
    private Boolean tlsResumption;
    private Boolean http2;
    private Integer http2MaxConcurrentStreams;
    private ServerTlsProvider tlsProvider;
    private ClientAuthMode clientAuth;
    private Boolean ssoRequiresSsl;
    private List<UserRegistry.User> users;
    private Integer passwordIterations;
    private Integer requestWork;
    private Boolean authCacheSet;
    private Duration authCacheTimeout;
    private int authCacheMaxSize;
    private Duration tokenExpiry;
    private Path tokenKeyFile;
    private String realm;
    private String cookieSuffix;
    private Boolean trackLoggedOutTokens;
    private Integer csrfStatus;
    private Integer maxKeepAliveRequests;
    private Duration idleTimeout;
    private ResponseShaping shaping;
    private String queueManager;
    private List<String> queues;
    private Integer containerThreads;
    private Boolean wireMockStubs;
    private Boolean recordExchanges;
    private Clock clock;
    private Ticker ticker;

    MockMqWebBuilder() {
    }

    /** Loopback address to listen on (127.0.0.1 by default; 127.0.0.2... for more instances). */
    public MockMqWebBuilder bindAddress(String address) {
        once("bindAddress", bindAddress);
        Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank, e.g. 127.0.0.1");
        }
        this.bindAddress = address;
        return this;
    }

    /** The port, 0 (any free port, the default) to 65535. */
    public MockMqWebBuilder port(int port) {
        once("port", this.port);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
        }
        this.port = port;
        return this;
    }

    /** Serve plain HTTP instead of HTTPS: no TLS setting may be given with it. */
    public MockMqWebBuilder plainHttp() {
        once("plainHttp", plainHttp);
        this.plainHttp = true;
        return this;
    }

    /** The key type of the generated certificates (default EC P-256). */
    public MockMqWebBuilder certificateType(GeneratedPki.KeyType type) {
        once("certificateType", certificateType);
        this.certificateType = Objects.requireNonNull(type, "type");
        return this;
    }

    /** More host names or addresses for the generated server certificate. */
    public MockMqWebBuilder certificateHosts(String... hosts) {
        once("certificateHosts", certificateHosts);
        this.certificateHosts = List.of(hosts);
        return this;
    }

    /** Serve with this keystore (PKCS12 or JKS) instead of generating a PKI. */
    public MockMqWebBuilder keyStore(Path file, char[] password) {
        once("keyStore", keyStore);
        this.keyStore = Objects.requireNonNull(file, "file");
        this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
        return this;
    }

    /** Verify client certificates against this truststore instead of the generated CA. */
    public MockMqWebBuilder trustStore(Path file, char[] password) {
        once("trustStore", trustStore);
        this.trustStore = Objects.requireNonNull(file, "file");
        this.trustStorePassword = Objects.requireNonNull(password, "password").clone();
        return this;
    }

    /**
     * Where certificates and credentials are written, and kept after the mock stops. By default a
     * new temporary folder, deleted when the mock closes.
     */
    public MockMqWebBuilder stateDir(Path dir) {
        once("stateDir", stateDir);
        this.stateDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** The TLS protocols, each TLSv1.2 or TLSv1.3 (default both). */
    public MockMqWebBuilder protocols(String... protocols) {
        once("protocols", this.protocols);
        if (protocols.length == 0) {
            throw new IllegalArgumentException("protocols must name TLSv1.3, TLSv1.2 or both");
        }
        for (String p : protocols) {
            if (!"TLSv1.2".equals(p) && !"TLSv1.3".equals(p)) {
                throw new IllegalArgumentException("protocol must be TLSv1.2 or TLSv1.3: " + p);
            }
        }
        this.protocols = List.of(protocols);
        return this;
    }

    /** Let clients resume TLS sessions (default true). */
    /**
     * The TLS implementation: {@link ServerTlsProvider#JDK} (default: Liberty's TLS is JSSE) or
     * {@link ServerTlsProvider#CONSCRYPT}, which needs {@code org.conscrypt:conscrypt-openjdk-uber}
     * on the class path. Conscrypt serves HTTP/1.1 only (no ALPN offer of HTTP/2).
     */
    public MockMqWebBuilder tlsProvider(ServerTlsProvider provider) {
        once("tlsProvider", tlsProvider);
        this.tlsProvider = Objects.requireNonNull(provider, "provider");
        return this;
    }

    /**
     * Whether to offer HTTP/2 by ALPN beside HTTP/1.1 (default true, as Liberty does with servlet
     * 4.0 and later); false pins HTTP/1.1, as an httpEndpoint with {@code protocolVersion="http/1.1"}.
     */
    public MockMqWebBuilder http2(boolean offered) {
        once("http2", http2);
        this.http2 = offered;
        return this;
    }

    /**
     * The most streams a client may have open at once on one HTTP/2 connection, as the server
     * announces it ({@code SETTINGS_MAX_CONCURRENT_STREAMS}); default Jetty's own (128).
     */
    public MockMqWebBuilder http2MaxConcurrentStreams(int streams) {
        once("http2MaxConcurrentStreams", http2MaxConcurrentStreams);
        if (streams < 1) {
            throw new IllegalArgumentException("http2MaxConcurrentStreams " + streams + ": give 1 or more");
        }
        this.http2MaxConcurrentStreams = streams;
        return this;
    }

    public MockMqWebBuilder tlsResumption(boolean on) {
        once("tlsResumption", tlsResumption);
        this.tlsResumption = on;
        return this;
    }

    /** Whether to ask for client certificates (default {@link ClientAuthMode#NONE}). */
    public MockMqWebBuilder clientAuth(ClientAuthMode mode) {
        once("clientAuth", clientAuth);
        this.clientAuth = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * Mark the token cookie {@code Secure} (Liberty's {@code webAppSecurity ssoRequiresSSL});
     * default: when serving HTTPS. Set it true with {@link #plainHttp()} to imitate a server
     * that sends a Secure cookie over plain HTTP, which a client must never send back.
     */
    public MockMqWebBuilder ssoRequiresSsl(boolean on) {
        once("ssoRequiresSsl", ssoRequiresSsl);
        this.ssoRequiresSsl = on;
        return this;
    }

    /** The users (default: mqadmin, mqreader, mquser, mqnobody with random passwords). */
    public MockMqWebBuilder users(List<UserRegistry.User> users) {
        once("users", this.users == null ? null : this.users.size() + " users"); // never the passwords
        Objects.requireNonNull(users, "users");
        if (users.isEmpty()) {
            throw new IllegalArgumentException("users must name at least one user");
        }
        this.users = List.copyOf(users);
        return this;
    }

    /** PBKDF2 iterations per password check, at least 1: the CPU a registry check costs (default 10,000). */
    public MockMqWebBuilder passwordIterations(int iterations) {
        once("passwordIterations", passwordIterations);
        if (iterations < 1) {
            throw new IllegalArgumentException("passwordIterations must be >= 1: " + iterations);
        }
        this.passwordIterations = iterations;
        return this;
    }

    /**
     * CPU spent on every request on top of the mock's own work, standing for what Liberty's
     * web container does per request: {@code units} SHA-256 passes over 1 KiB, 0 for none
     * (default {@link RequestWork#LIBERTY_UNITS}, calibrated against Open Liberty).
     */
    public MockMqWebBuilder requestWork(int units) {
        once("requestWork", requestWork);
        if (units < 0) {
            throw new IllegalArgumentException("requestWork must be >= 0 units: " + units);
        }
        this.requestWork = units;
        return this;
    }

    /** Liberty's authentication cache: entry lifetime and size (default 600 s, 25,000 entries). */
    public MockMqWebBuilder authCache(Duration timeout, int maxSize) {
        once("authCache", authCacheSet);
        positive("authCache timeout", timeout);
        if (maxSize < 1) {
            throw new IllegalArgumentException("authCache maxSize must be >= 1: " + maxSize);
        }
        this.authCacheSet = true;
        this.authCacheTimeout = timeout;
        this.authCacheMaxSize = maxSize;
        return this;
    }

    /** No authentication cache: every basic-auth request pays the full password check. */
    public MockMqWebBuilder noAuthCache() {
        once("authCache", authCacheSet);
        this.authCacheSet = true;
        this.authCacheTimeout = null;
        return this;
    }

    /** Token lifetime (Liberty's ltpaExpiration, default 120 minutes). */
    public MockMqWebBuilder tokenExpiry(Duration expiry) {
        once("tokenExpiry", tokenExpiry);
        this.tokenExpiry = positive("tokenExpiry", expiry);
        return this;
    }

    /** A token key shared by every instance started with this file (made if missing). */
    public MockMqWebBuilder tokenKeyFile(Path file) {
        once("tokenKeyFile", tokenKeyFile);
        this.tokenKeyFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /** Token issuer realm: instances in different realms never accept each other's tokens. */
    public MockMqWebBuilder realm(String realm) {
        once("realm", this.realm);
        this.realm = Objects.requireNonNull(realm, "realm");
        return this;
    }

    /** The token cookie's suffix, letters and digits: {@code LtpaToken2_<suffix>} (random per start by default). */
    public MockMqWebBuilder cookieSuffix(String suffix) {
        once("cookieSuffix", cookieSuffix);
        Objects.requireNonNull(suffix, "suffix");
        if (!suffix.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("cookieSuffix must be letters and digits: " + suffix);
        }
        this.cookieSuffix = suffix;
        return this;
    }

    /** Refuse tokens after logout (Liberty's trackLoggedOutSSOCookies; default false). */
    public MockMqWebBuilder trackLoggedOutTokens(boolean on) {
        once("trackLoggedOutTokens", trackLoggedOutTokens);
        this.trackLoggedOutTokens = on;
        return this;
    }

    /** Status for a missing CSRF header: 403 (default) or 401. */
    public MockMqWebBuilder csrfStatus(int status) {
        once("csrfStatus", csrfStatus);
        if (status != 401 && status != 403) {
            throw new IllegalArgumentException("csrfStatus must be 401 or 403: " + status);
        }
        this.csrfStatus = status;
        return this;
    }

    /** Close a connection after this many requests (Liberty's maxKeepAliveRequests); 0 = no limit (default). */
    public MockMqWebBuilder maxKeepAliveRequests(int n) {
        once("maxKeepAliveRequests", maxKeepAliveRequests);
        if (n < 0) {
            throw new IllegalArgumentException("maxKeepAliveRequests must be >= 0: " + n);
        }
        this.maxKeepAliveRequests = n;
        return this;
    }

    /** Close a connection idle this long (default 30 s, Liberty's persistTimeout). */
    public MockMqWebBuilder idleTimeout(Duration timeout) {
        once("idleTimeout", idleTimeout);
        this.idleTimeout = positive("idleTimeout", timeout);
        return this;
    }

    /** Response delay and fault injection (default none). */
    public MockMqWebBuilder responseShaping(ResponseShaping shaping) {
        once("responseShaping", this.shaping);
        this.shaping = Objects.requireNonNull(shaping, "shaping");
        return this;
    }

    /** The queue manager's name (default QM1). */
    public MockMqWebBuilder queueManager(String name) {
        once("queueManager", queueManager);
        this.queueManager = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The local queues (default DEV.QUEUE.1, DEV.QUEUE.2, DEV.QUEUE.3). */
    public MockMqWebBuilder queues(String... names) {
        once("queues", queues);
        this.queues = List.of(names);
        return this;
    }

    /**
     * Serve every request through WireMock's stub pipeline (serve event, stub matching, the
     * API as a response transformer) instead of answering it in the connection filter. The
     * same answers at less throughput; kept to compare the two.
     */
    public MockMqWebBuilder throughWireMockStubs(boolean on) {
        once("throughWireMockStubs", wireMockStubs);
        this.wireMockStubs = on;
        return this;
    }

    /**
     * Record every exchange's headers and status for {@link MockMqWeb#exchanges()}: for tests
     * of clients (what cookie, credentials and CSRF header came). Off by default; the records
     * hold secrets in memory and are never written.
     */
    public MockMqWebBuilder recordExchanges(boolean on) {
        once("recordExchanges", recordExchanges);
        this.recordExchanges = on;
        return this;
    }

    /** Jetty's worker threads, at least 4 (default 32). */
    public MockMqWebBuilder containerThreads(int n) {
        once("containerThreads", containerThreads);
        if (n < 4) {
            throw new IllegalArgumentException("containerThreads must be >= 4: " + n);
        }
        this.containerThreads = n;
        return this;
    }

    /** Wall clock for token expiry (tests inject one to expire tokens without waiting). */
    public MockMqWebBuilder clock(Clock clock) {
        once("clock", this.clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Time source of the authentication cache (tests inject one). */
    public MockMqWebBuilder authCacheTicker(Ticker ticker) {
        once("authCacheTicker", this.ticker);
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Starts the server from the settings given and the defaults of the rest.
     *
     * @throws IllegalStateException if settings conflict (a TLS setting with plain HTTP), or
     *     with one clear line when it cannot start (port in use, bad keystore, too few threads)
     */
    public MockMqWeb start() {
        return new MockMqWeb(settings());
    }

    MockSettings settings() {
        boolean https = plainHttp == null;
        if (!https) {
            List<String> tlsSettings = new ArrayList<>();
            if (clientAuth != null && clientAuth != ClientAuthMode.NONE) {
                tlsSettings.add("clientAuth(" + clientAuth + ")");
            }
            addIfSet(tlsSettings, "keyStore", keyStore);
            addIfSet(tlsSettings, "trustStore", trustStore);
            addIfSet(tlsSettings, "certificateType", certificateType);
            addIfSet(tlsSettings, "certificateHosts", certificateHosts);
            addIfSet(tlsSettings, "protocols", protocols);
            addIfSet(tlsSettings, "tlsResumption", tlsResumption);
            addIfSet(tlsSettings, "tlsProvider", tlsProvider);
            addIfSet(tlsSettings, "http2", http2);
            addIfSet(tlsSettings, "http2MaxConcurrentStreams", http2MaxConcurrentStreams);
            if (!tlsSettings.isEmpty()) {
                throw new IllegalStateException("plainHttp() has no TLS, but " + String.join(", ", tlsSettings)
                        + " was set: drop plainHttp() or the TLS settings");
            }
        }
        if (trustStore != null && (clientAuth == null || clientAuth == ClientAuthMode.NONE)) {
            throw new IllegalStateException("trustStore verifies client certificates, but clientAuth is NONE: "
                    + "set clientAuth(WANTED) or clientAuth(REQUIRED), or drop trustStore");
        }
        return new MockSettings(
                or(bindAddress, "127.0.0.1"), or(port, 0), https, or(certificateType, GeneratedPki.KeyType.EC_P256),
                or(certificateHosts, List.of()), keyStore, keyStorePassword, trustStore, trustStorePassword, stateDir,
                or(protocols, List.of("TLSv1.3", "TLSv1.2")), or(tlsResumption, true),
                or(tlsProvider, ServerTlsProvider.JDK), or(http2, true), or(http2MaxConcurrentStreams, 0), or(clientAuth, ClientAuthMode.NONE),
                or(ssoRequiresSsl, https), users, or(passwordIterations, 10_000), or(requestWork, RequestWork.LIBERTY_UNITS),
                authCacheSet == null ? Duration.ofSeconds(600) : authCacheTimeout,
                authCacheSet != null && authCacheTimeout != null ? authCacheMaxSize : 25_000,
                or(tokenExpiry, Duration.ofMinutes(120)), tokenKeyFile, or(realm, "defaultRealm"), cookieSuffix,
                or(trackLoggedOutTokens, false), or(csrfStatus, 403), or(maxKeepAliveRequests, 0),
                or(idleTimeout, Duration.ofSeconds(30)), or(shaping, ResponseShaping.NONE), or(queueManager, "QM1"),
                or(queues, List.of("DEV.QUEUE.1", "DEV.QUEUE.2", "DEV.QUEUE.3")), 5000, or(containerThreads, 32),
                or(wireMockStubs, false), or(recordExchanges, false), or(clock, Clock.systemUTC()),
                or(ticker, Ticker.systemTicker()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void addIfSet(List<String> names, String name, Object value) {
        if (value != null) {
            names.add(name);
        }
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
