package io.restcost.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.restcost.cli.TempFolders;
import io.restcost.kit.CredentialsFile;
import io.restcost.kit.GeneratedPki;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.api.MqwebApi;
import io.restcost.mock.api.MqwebSecurityCheck;
import io.restcost.mock.api.RequestWork;
import io.restcost.mock.auth.AuthCache;
import io.restcost.mock.auth.LtpaTokenCodec;
import io.restcost.mock.auth.MqwebSecurity;
import io.restcost.mock.server.ClientAuthMode;
import io.restcost.mock.server.MqwebServerFactory;
import io.restcost.mock.stats.ExchangeLog;
import io.restcost.mock.stats.ServerStats;
import io.restcost.mqweb.queue.QueueManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** Whether stateDir is a temporary folder this mock made, deleted at close. */
    private final boolean ownsStateDir;
    private final Path credentialsFile;
    private final boolean https;
    private final String host;
    private final ExchangeLog exchangeLog = new ExchangeLog();
    private final boolean recordExchanges;

    MockMqWeb(MockSettings s) {
        this.https = s.https();
        this.recordExchanges = s.recordExchanges();
        this.host = s.bindAddress();
        try {
            this.ownsStateDir = s.stateDir() == null;
            this.stateDir = s.stateDir() != null ? Files.createDirectories(s.stateDir()) : Files.createTempDirectory("restcost-mock");
        } catch (IOException e) {
            throw new UncheckedIOException("state folder " + s.stateDir() + ": cannot be created (" + e.getMessage() + ")", e);
        }
        List<UserRegistry.User> users = s.users() != null ? s.users() : UserRegistry.defaultUsers();
        this.passwords = new LinkedHashMap<>();
        users.forEach(u -> passwords.put(u.name(), u.password()));

        // Hashing the users' passwords (PBKDF2) overlaps with making the PKI below.
        CompletableFuture<UserRegistry> registryLater = CompletableFuture.supplyAsync(
                () -> UserRegistry.of(users, s.passwordIterations()));
        this.pki = s.https() && s.keyStore() == null ? generatePki(s) : null;
        Stores stores = Stores.of(s, pki);
        UserRegistry registry;
        try {
            registry = registryLater.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        this.security = security(s, registry);
        this.stats = new ServerStats(security);
        this.qmgr = new QueueManager(s.queueManager(), s.queues(), s.maxQueueDepth());
        MqwebApi api = new MqwebApi(qmgr, new MqwebSecurityCheck(security, s.csrfStatus(), s.ssoRequiresSsl()), s.shaping(),
                new RequestWork(s.requestWork()),
                s.recordExchanges() ? exchangeLog : null);
        WireMockServer server;
        try {
            server = new WireMockServer(wireMockConfiguration(s, stores, api));
            server.stubFor(any(anyUrl()).willReturn(ResponseDefinitionBuilder.okForEmptyJson()));
            server.start();
        } catch (Exception e) { // Jetty's start can throw checked exceptions through WireMock
            deleteOwnState();
            throw new IllegalStateException(StartFailure.describe(s, e), e);
        }
        this.wireMock = server;
        this.credentialsFile = CredentialsFile.write(stateDir, users, pki);
    }

    /** A PKI made now: the server's certificate for its host names, and a client certificate per user. */
    private GeneratedPki generatePki(MockSettings s) {
        List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        if (!hosts.contains(s.bindAddress())) {
            hosts.add(s.bindAddress());
        }
        hosts.addAll(s.extraHosts());
        return GeneratedPki.generate(stateDir.resolve("tls"), s.certificateType(), hosts, new ArrayList<>(passwords.keySet()));
    }

    /** The server's keystore and truststore: the user's, or the generated PKI's; null paths where there is none. */
    private record Stores(String keystore, String keystorePassword, String truststore, String truststorePassword) {

        static Stores of(MockSettings s, GeneratedPki pki) {
            String keystore = null;
            String keystorePassword = null;
            String truststore = null;
            String truststorePassword = null;
            if (pki != null) {
                keystore = pki.serverKeystore().toString();
                keystorePassword = new String(pki.password());
                truststore = pki.serverTruststore().toString();
                truststorePassword = keystorePassword;
            } else if (s.keyStore() != null) {
                keystore = s.keyStore().toString();
                keystorePassword = new String(s.keyStorePassword());
            }
            if (s.trustStore() != null) {
                truststore = s.trustStore().toString();
                truststorePassword = new String(s.trustStorePassword());
            }
            return new Stores(keystore, keystorePassword, truststore, truststorePassword);
        }
    }

    /** mqweb's security: the registry behind an auth cache, and LtpaToken2 cookies under this realm's name. */
    private static MqwebSecurity security(MockSettings s, UserRegistry registry) {
        AuthCache cache = new AuthCache(registry, s.authCacheTimeout(), s.authCacheMaxSize(), s.ticker());
        String issuer = "restcost-mock/" + s.realm();
        LtpaTokenCodec codec = s.tokenKeyFile() != null ? LtpaTokenCodec.withKeyFile(s.tokenKeyFile(), issuer)
                : LtpaTokenCodec.withRandomKey(issuer);
        String suffix = s.cookieSuffix() != null ? s.cookieSuffix() : Long.toString(Math.abs(RANDOM.nextLong() % 10_000_000_000_000_000L));
        return new MqwebSecurity(registry, cache, codec, "LtpaToken2_" + suffix, s.tokenExpiry(), s.clock(), s.trackLoggedOutTokens());
    }

    private WireMockConfiguration wireMockConfiguration(MockSettings s, Stores stores, MqwebApi api) {
        WireMockConfiguration config = wireMockConfig()
                .bindAddress(s.bindAddress())
                .disableRequestJournal()
                .gzipDisabled(true)
                .stubCorsEnabled(false)
                .templatingEnabled(false)
                .asynchronousResponseEnabled(false)
                .containerThreads(s.containerThreads())
                .jettyAcceptors(1)
                .notifier(new Slf4jNotifier(false))
                // Otherwise WireMock renders every request and response to text, logged or not.
                .stubRequestLoggingDisabled(true)
                // Content-Length, not chunks, for inline bodies, as the direct path sends (and as a
                // servlet container does when the whole body fits its buffer).
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.BODY_FILE)
                .httpServerFactory(new MqwebServerFactory(stats, s.clientAuth(), s.protocols(), s.tlsResumption(), s.tlsProvider(),
                        s.http2(), s.http2MaxConcurrentStreams(),
                        s.idleTimeout().toMillis(), s.maxKeepAliveRequests(), s.wireMockStubs() ? null : api::answer))
                .extensions(api);
        if (!s.https()) {
            return config.port(s.port());
        }
        config.httpDisabled(true).httpsPort(s.port()).keystorePath(stores.keystore()).keystorePassword(stores.keystorePassword())
                .keyManagerPassword(stores.keystorePassword()).keystoreType(s.keyStore() == null ? "PKCS12" : storeType(s.keyStore()));
        if (s.clientAuth() != ClientAuthMode.NONE && stores.truststore() != null) {
            config.trustStorePath(stores.truststore()).trustStorePassword(stores.truststorePassword())
                    .trustStoreType(s.trustStore() == null ? "PKCS12" : storeType(s.trustStore()));
        }
        return config;
    }

    /** A new builder; every setting has a default. */
    public static MockMqWebBuilder builder() {
        return new MockMqWebBuilder();
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

    /**
     * Where the certificates and credentials are: the builder's {@code stateDir}, kept, or a
     * temporary folder that {@link #close()} deletes with the passwords and private keys in it.
     */
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

    /**
     * Whether {@code candidate} is an LtpaToken2 value this mock issued, expired or not. It
     * changes no counter: a test searches every log, result and report for leaked tokens with it.
     */
    public boolean issuedToken(String candidate) {
        return security.signed(candidate);
    }

    /**
     * Closes every client connection open now, without waiting for an idle timeout: a test's
     * way to make "the server closed my pooled connection" happen at a moment it chooses.
     */
    public void closeConnections() {
        stats.closeConnections();
    }

    public ServerStats stats() {
        return stats;
    }

    public QueueManager queueManager() {
        return qmgr;
    }

    /**
     * Every exchange answered so far, with the headers a client's tests check, when the
     * builder's {@code recordExchanges(true)} turned recording on.
     *
     * @throws IllegalStateException if recording is off
     */
    public java.util.List<ExchangeLog.Exchange> exchanges() {
        if (!recordExchanges) {
            throw new IllegalStateException("exchanges are recorded only with MockMqWeb.builder().recordExchanges(true)");
        }
        return exchangeLog.exchanges();
    }

    /** Stops the server; deletes the state folder if it is a temporary one this mock made. */
    @Override
    public void close() {
        wireMock.stop();
        deleteOwnState();
    }

    private void deleteOwnState() {
        if (!ownsStateDir) {
            return;
        }
        TempFolders.deleteTree(stateDir);
    }

    @Override
    public String toString() {
        return "MockMqWeb{" + (wireMock.isRunning() ? baseUri() : "stopped") + ", qmgr=" + qmgr.name() + "}";
    }

    private static String storeType(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".jks") ? "JKS" : "PKCS12";
    }

}
