package io.restcost.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.restcost.mock.api.MqwebApi;
import io.restcost.mock.api.MqwebSecurityCheck;
import io.restcost.mock.api.ResponseShaping;
import io.restcost.mock.auth.AuthCache;
import io.restcost.mock.auth.LtpaTokenCodec;
import io.restcost.mock.auth.MqwebSecurity;
import io.restcost.mock.auth.UserRegistry;
import io.restcost.mock.queue.QueueManager;
import io.restcost.mock.server.ClientAuthMode;
import io.restcost.mock.server.MqwebServerFactory;
import io.restcost.mock.stats.ServerStats;
import io.restcost.mock.tls.GeneratedPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An imitation of IBM MQ's REST API (mqweb) on WireMock, with real TLS, real token
 * cryptography and a real CPU cost for checking passwords, that counts what it does.
 *
 * <pre>{@code
 * try (MockMqWeb mq = MockMqWeb.builder().start()) {
 *     URI base = mq.baseUri();          // https://127.0.0.1:PORT
 *     Path ca = mq.caPem();             // trust this
 *     String pw = mq.password("mqadmin");
 * }
 * }</pre>
 */
public final class MockMqWeb implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WireMockServer wireMock;
    private final ServerStats stats;
    private final MqwebSecurity security;
    private final QueueManager qmgr;
    private final Map<String, String> passwords;
    private final GeneratedPki pki;
    private final Path stateDir;
    private final Path credentialsFile;
    private final boolean https;
    private final String host;

    private MockMqWeb(Builder b) {
        this.https = b.https;
        this.host = b.bindAddress;
        try {
            this.stateDir = b.stateDir != null ? Files.createDirectories(b.stateDir) : Files.createTempDirectory("restcost-mock");
        } catch (IOException e) {
            throw new UncheckedIOException("state folder " + b.stateDir + ": cannot be created (" + e.getMessage() + ")", e);
        }
        List<UserRegistry.User> users = b.users != null ? b.users : UserRegistry.defaultUsers();
        this.passwords = new LinkedHashMap<>();
        users.forEach(u -> passwords.put(u.name(), u.password()));

        // Hashing the users' passwords (PBKDF2) overlaps with making the PKI below.
        CompletableFuture<UserRegistry> registryLater = CompletableFuture.supplyAsync(
                () -> UserRegistry.of(users, b.passwordIterations));

        // TLS: the user's keystore, or a PKI made now with a client certificate per user.
        String keystore = null;
        String keystorePassword = null;
        String truststore = null;
        String truststorePassword = null;
        if (b.https && b.keyStore == null) {
            List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1"));
            if (!hosts.contains(b.bindAddress)) {
                hosts.add(b.bindAddress);
            }
            hosts.addAll(b.extraHosts);
            this.pki = GeneratedPki.generate(stateDir.resolve("tls"), b.certificateType, hosts, new ArrayList<>(passwords.keySet()));
            keystore = pki.serverKeystore().toString();
            keystorePassword = new String(pki.password());
            truststore = pki.serverTruststore().toString();
            truststorePassword = keystorePassword;
        } else {
            this.pki = null;
            if (b.keyStore != null) {
                keystore = b.keyStore.toString();
                keystorePassword = new String(b.keyStorePassword);
            }
        }
        if (b.trustStore != null) {
            truststore = b.trustStore.toString();
            truststorePassword = new String(b.trustStorePassword);
        }

        UserRegistry registry;
        try {
            registry = registryLater.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        AuthCache cache = new AuthCache(registry, b.authCacheTimeout, b.authCacheMaxSize, b.ticker);
        String issuer = "restcost-mock/" + b.realm;
        LtpaTokenCodec codec = b.tokenKeyFile != null ? LtpaTokenCodec.withKeyFile(b.tokenKeyFile, issuer)
                : LtpaTokenCodec.withRandomKey(issuer);
        String suffix = b.cookieSuffix != null ? b.cookieSuffix : Long.toString(Math.abs(RANDOM.nextLong() % 10_000_000_000_000_000L));
        this.security = new MqwebSecurity(registry, cache, codec, "LtpaToken2_" + suffix, b.tokenExpiry, b.clock, b.trackLoggedOutTokens);
        this.stats = new ServerStats(security);
        this.qmgr = new QueueManager(b.queueManager, b.queues, b.maxQueueDepth);
        MqwebApi api = new MqwebApi(qmgr, new MqwebSecurityCheck(security, b.csrfStatus, b.https), b.shaping);

        WireMockConfiguration config = wireMockConfig()
                .bindAddress(b.bindAddress)
                .disableRequestJournal()
                .gzipDisabled(true)
                .stubCorsEnabled(false)
                .templatingEnabled(false)
                .asynchronousResponseEnabled(false)
                .containerThreads(b.containerThreads)
                .jettyAcceptors(1)
                .notifier(new Slf4jNotifier(false))
                // Otherwise WireMock renders every request and response to text, logged or not.
                .stubRequestLoggingDisabled(true)
                // Content-Length, not chunks, for inline bodies, as the direct path sends (and as a
                // servlet container does when the whole body fits its buffer).
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.BODY_FILE)
                .httpServerFactory(new MqwebServerFactory(stats, b.clientAuth, b.protocols, b.tlsResumption,
                        b.idleTimeout.toMillis(), b.maxKeepAliveRequests, b.wireMockStubs ? null : api::answer))
                .extensions(api);
        if (b.https) {
            config.httpDisabled(true).httpsPort(b.port).keystorePath(keystore).keystorePassword(keystorePassword)
                    .keyManagerPassword(keystorePassword).keystoreType(b.keyStore == null ? "PKCS12" : storeType(b.keyStore));
            if (b.clientAuth != ClientAuthMode.NONE && truststore != null) {
                config.trustStorePath(truststore).trustStorePassword(truststorePassword)
                        .trustStoreType(b.trustStore == null ? "PKCS12" : storeType(b.trustStore));
            }
        } else {
            config.port(b.port);
        }
        WireMockServer server;
        try {
            server = new WireMockServer(config);
            server.stubFor(any(anyUrl()).willReturn(ResponseDefinitionBuilder.okForEmptyJson()));
            server.start();
        } catch (Exception e) { // Jetty's start can throw checked exceptions through WireMock
            throw new IllegalStateException(describeStartFailure(b, e), e);
        }
        this.wireMock = server;
        this.credentialsFile = writeCredentials(users);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code https://HOST:PORT} (or http), without a path. */
    public URI baseUri() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return URI.create((https ? "https://" : "http://") + h + ":" + (https ? wireMock.httpsPort() : wireMock.port()));
    }

    public int port() {
        return https ? wireMock.httpsPort() : wireMock.port();
    }

    /** The CA certificate clients trust, or null when the server runs on the user's own keystore. */
    public Path caPem() {
        return pki == null ? null : pki.caPem();
    }

    /** The generated PKI (client keystores per user), or null. */
    public GeneratedPki pki() {
        return pki;
    }

    /** {@code credentials.properties}: every user's password, roles and client keystore; owner-readable only. */
    public Path credentialsFile() {
        return credentialsFile;
    }

    public Path stateDir() {
        return stateDir;
    }

    /**
     * A user's password (generated at start unless users were given).
     *
     * @throws IllegalArgumentException if there is no such user
     */
    public String password(String user) {
        String p = passwords.get(user);
        if (p == null) {
            throw new IllegalArgumentException("no user " + user + " (users: " + passwords.keySet() + ")");
        }
        return p;
    }

    /** The token cookie's name, {@code LtpaToken2_<suffix>}. */
    public String cookieName() {
        return security.cookieName();
    }

    public ServerStats stats() {
        return stats;
    }

    public QueueManager queueManager() {
        return qmgr;
    }

    @Override
    public void close() {
        wireMock.stop();
    }

    @Override
    public String toString() {
        return "MockMqWeb{" + (wireMock.isRunning() ? baseUri() : "stopped") + ", qmgr=" + qmgr.name() + "}";
    }

    private Path writeCredentials(List<UserRegistry.User> users) {
        StringBuilder sb = new StringBuilder("# restcost mock mqweb users, made at start; keep this file private\n");
        for (UserRegistry.User u : users) {
            sb.append("user.").append(u.name()).append(".password=").append(u.password()).append('\n');
            sb.append("user.").append(u.name()).append(".roles=").append(String.join(",", u.roles())).append('\n');
            if (pki != null) {
                sb.append("user.").append(u.name()).append(".keystore=").append(pki.clientKeystore(u.name())).append('\n');
            }
        }
        if (pki != null) {
            sb.append("keystore.password=").append(new String(pki.password())).append('\n');
            sb.append("ca=").append(pki.caPem()).append('\n');
        }
        Path file = stateDir.resolve("credentials.properties");
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's ACL applies
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String storeType(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".jks") ? "JKS" : "PKCS12";
    }

    /** Jetty's refusal to start with fewer threads than its acceptors, selectors and reserve need. */
    private static final java.util.regex.Pattern TOO_FEW_THREADS =
            java.util.regex.Pattern.compile("Insufficient configured threads: required=(\\d+)");

    private static String describeStartFailure(Builder b, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            java.util.regex.Matcher threads = t.getMessage() == null ? null : TOO_FEW_THREADS.matcher(t.getMessage());
            if (threads != null && threads.find()) {
                return b.containerThreads + " threads are too few for the server on this machine: it needs more than "
                        + threads.group(1) + " (give --threads " + (Integer.parseInt(threads.group(1)) + 4) + " or more)";
            }
            if (t instanceof BindException) {
                return "port " + b.port + " on " + b.bindAddress + " is in use (choose another with --port, or 0 for any free port)";
            }
            if (b.keyStore != null && (t instanceof IOException || t instanceof java.security.GeneralSecurityException)) {
                return "keystore " + b.keyStore + ": not a PKCS12 or JKS keystore, or its password is wrong "
                        + "(check --keystore and its password)";
            }
        }
        return "the mock server did not start: " + e;
    }

    /** Options of a {@link MockMqWeb}; each checked as it is set. Not thread-safe. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 0;
        private boolean https = true;
        private GeneratedPki.KeyType certificateType = GeneratedPki.KeyType.EC_P256;
        private final List<String> extraHosts = new ArrayList<>();
        private Path keyStore;
        private char[] keyStorePassword;
        private Path trustStore;
        private char[] trustStorePassword;
        private Path stateDir;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private boolean tlsResumption = true;
        private ClientAuthMode clientAuth = ClientAuthMode.NONE;
        private List<UserRegistry.User> users;
        private int passwordIterations = 10_000;
        private Duration authCacheTimeout = Duration.ofSeconds(600);
        private int authCacheMaxSize = 25_000;
        private Duration tokenExpiry = Duration.ofMinutes(120);
        private Path tokenKeyFile;
        private String realm = "defaultRealm";
        private String cookieSuffix;
        private boolean trackLoggedOutTokens;
        private int csrfStatus = 403;
        private int maxKeepAliveRequests = 0;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private ResponseShaping shaping = ResponseShaping.NONE;
        private String queueManager = "QM1";
        private List<String> queues = List.of("DEV.QUEUE.1", "DEV.QUEUE.2", "DEV.QUEUE.3");
        private int maxQueueDepth = 5000;
        private int containerThreads = 32;
        private boolean wireMockStubs;
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {
        }

        /** Loopback address to listen on (127.0.0.1 by default; 127.0.0.2... for more instances). */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** @throws IllegalArgumentException unless 0 (any free port) to 65535 */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
            }
            this.port = port;
            return this;
        }

        /** Serve plain HTTP instead of HTTPS. */
        public Builder plainHttp() {
            this.https = false;
            return this;
        }

        public Builder certificateType(GeneratedPki.KeyType type) {
            this.certificateType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** More host names or addresses for the generated server certificate. */
        public Builder certificateHosts(String... hosts) {
            extraHosts.addAll(Arrays.asList(hosts));
            return this;
        }

        /** Serve with this keystore (PKCS12 or JKS) instead of generating a PKI. */
        public Builder keyStore(Path file, char[] password) {
            this.keyStore = Objects.requireNonNull(file, "file");
            this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** Verify client certificates against this truststore instead of the generated CA. */
        public Builder trustStore(Path file, char[] password) {
            this.trustStore = Objects.requireNonNull(file, "file");
            this.trustStorePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** Where certificates and credentials are written (a new temporary folder by default). */
        public Builder stateDir(Path dir) {
            this.stateDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** @throws IllegalArgumentException unless each is TLSv1.2 or TLSv1.3 */
        public Builder protocols(String... protocols) {
            for (String p : protocols) {
                if (!p.equals("TLSv1.2") && !p.equals("TLSv1.3")) {
                    throw new IllegalArgumentException("protocol must be TLSv1.2 or TLSv1.3: " + p);
                }
            }
            this.protocols = List.of(protocols);
            return this;
        }

        /** Let clients resume TLS sessions (default true). */
        public Builder tlsResumption(boolean on) {
            this.tlsResumption = on;
            return this;
        }

        public Builder clientAuth(ClientAuthMode mode) {
            this.clientAuth = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The users (default: mqadmin, mqreader, mquser, mqnobody with random passwords). */
        public Builder users(List<UserRegistry.User> users) {
            this.users = List.copyOf(users);
            return this;
        }

        /** PBKDF2 iterations per password check: the CPU a registry check costs. @throws IllegalArgumentException if < 1 */
        public Builder passwordIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("passwordIterations must be >= 1: " + iterations);
            }
            this.passwordIterations = iterations;
            return this;
        }

        /** Liberty's authentication cache (default 600 s, 25000 entries). @throws IllegalArgumentException if not positive */
        public Builder authCache(Duration timeout, int maxSize) {
            if (timeout.isNegative() || timeout.isZero() || maxSize < 1) {
                throw new IllegalArgumentException("authCache needs a positive timeout and size: " + timeout + ", " + maxSize);
            }
            this.authCacheTimeout = timeout;
            this.authCacheMaxSize = maxSize;
            return this;
        }

        /** Every basic-auth request pays the full password check. */
        public Builder noAuthCache() {
            this.authCacheTimeout = null;
            return this;
        }

        /** Token lifetime (Liberty's ltpaExpiration, default 120 minutes). */
        public Builder tokenExpiry(Duration expiry) {
            if (expiry.isNegative() || expiry.isZero()) {
                throw new IllegalArgumentException("tokenExpiry must be positive: " + expiry);
            }
            this.tokenExpiry = expiry;
            return this;
        }

        /** A token key shared by every instance started with this file (made if missing). */
        public Builder tokenKeyFile(Path file) {
            this.tokenKeyFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** The token cookie's suffix, {@code LtpaToken2_<suffix>} (random per start by default). */
        public Builder cookieSuffix(String suffix) {
            if (!suffix.matches("[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("cookieSuffix must be letters and digits: " + suffix);
            }
            this.cookieSuffix = suffix;
            return this;
        }

        /** Refuse tokens after logout (Liberty's trackLoggedOutSSOCookies; default false). */
        public Builder trackLoggedOutTokens(boolean on) {
            this.trackLoggedOutTokens = on;
            return this;
        }

        /** Status for a missing CSRF header: 403 (default) or 401. */
        public Builder csrfStatus(int status) {
            if (status != 401 && status != 403) {
                throw new IllegalArgumentException("csrfStatus must be 401 or 403: " + status);
            }
            this.csrfStatus = status;
            return this;
        }

        /** Close a connection after this many requests (Liberty's maxKeepAliveRequests); 0 = no limit (default). */
        public Builder maxKeepAliveRequests(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxKeepAliveRequests must be >= 0: " + n);
            }
            this.maxKeepAliveRequests = n;
            return this;
        }

        /** Close a connection idle this long (default 30 s, Liberty's persistTimeout). */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** Response delay and fault injection. */
        public Builder responseShaping(ResponseShaping shaping) {
            this.shaping = Objects.requireNonNull(shaping, "shaping");
            return this;
        }

        public Builder queueManager(String name) {
            this.queueManager = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder queues(String... names) {
            this.queues = List.of(names);
            return this;
        }

        /**
         * Serve every request through WireMock's stub pipeline (serve event, stub matching, the
         * API as a response transformer) instead of answering it in the connection filter.
         * Same answers, 40 to 60% less keep-alive throughput; kept to compare the two.
         */
        public Builder throughWireMockStubs(boolean on) {
            this.wireMockStubs = on;
            return this;
        }

        /** Jetty's worker threads (default 32). */
        public Builder containerThreads(int n) {
            if (n < 4) {
                throw new IllegalArgumentException("containerThreads must be >= 4: " + n);
            }
            this.containerThreads = n;
            return this;
        }

        /** Wall clock for token expiry (tests inject one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Time source of the authentication cache (tests inject one). */
        public Builder authCacheTicker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Token issuer realm: instances in different realms never accept each other's tokens. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException with one clear line when it cannot start (port in use, bad keystore)
         */
        public MockMqWeb start() {
            return new MockMqWeb(this);
        }
    }
}
