package io.restcost.client.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.HttpsSettings;
import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small mqweb stand-in for the client's tests: WireMock over real TLS, with counters on the
 * Jetty connector ({@link ServerCounters}) and a filter that behaves like mqweb's login:
 * {@code POST /ibmmq/rest/v2/login} issues an {@code LtpaToken2_<suffix>} cookie, other
 * requests need a valid one (or valid basic credentials), and POST/PATCH/DELETE need the CSRF
 * header. Binds to a loopback address only; close it to stop it.
 */
public final class MqwebTestServer implements AutoCloseable {

    public static final String USER = "mqadmin";
    public static final String PASSWORD = "s3cret-Pa55";
    public static final String QMGR_PATH = "/ibmmq/rest/v2/admin/qmgr";
    public static final String QMGR_JSON = "{\"qmgr\":[{\"name\":\"QM1\",\"state\":\"running\"}]}";

    private final WireMockServer wireMock;
    private final ServerCounters counters = new ServerCounters();
    private final AuthFilter auth;
    private final boolean https;
    private final String host;

    private MqwebTestServer(Builder b) {
        this.https = b.https;
        this.host = b.host;
        this.auth = new AuthFilter(b.authMode, "LtpaToken2_" + Math.abs(UUID.randomUUID().getMostSignificantBits()),
                https || b.secureCookieOverHttp);
        WireMockConfiguration config = wireMockConfig()
                .bindAddress(b.host)
                .disableRequestJournal()
                .containerThreads(16)
                .httpServerFactory(new CountingServerFactory(counters))
                .extensions(auth);
        if (b.https) {
            config.httpDisabled(true).httpsPort(0)
                    .keystorePath(b.pki.serverKeystore.toString()).keystorePassword(b.pki.password)
                    .keyManagerPassword(b.pki.password).keystoreType("PKCS12");
            if (b.needClientAuth) {
                config.needClientAuth(true).trustStorePath(b.pki.serverTruststore.toString())
                        .trustStorePassword(b.pki.password).trustStoreType("PKCS12");
            }
        } else {
            config.port(0);
        }
        this.wireMock = new WireMockServer(config);
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(QMGR_JSON)));
        wireMock.start();
    }

    public static Builder builder(TestPki pki) {
        return new Builder(pki);
    }

    public URI baseUri() {
        return URI.create((https ? "https://" : "http://") + host + ":" + (https ? wireMock.httpsPort() : wireMock.port()));
    }

    public ServerCounters counters() {
        return counters;
    }

    public int logins() {
        return auth.logins.get();
    }

    public int logouts() {
        return auth.logouts.get();
    }

    /** Requests answered 401 because their token failed verification. */
    public int tokenRejections() {
        return auth.rejections.get();
    }

    /** Every LtpaToken2 value issued by this server. */
    public Set<String> issuedTokens() {
        return Set.copyOf(auth.issued);
    }

    /** Every Cookie header this server received. */
    public List<String> cookiesSeen() {
        return List.copyOf(auth.cookiesSeen);
    }

    /** Every Authorization header this server received. */
    public List<String> authorizationsSeen() {
        return List.copyOf(auth.authorizationsSeen);
    }

    /** Requests (other than login) that arrived without the CSRF header, by method. */
    public List<String> csrfMissing() {
        return List.copyOf(auth.csrfMissing);
    }

    /** Logins that wrongly carried the CSRF header or an old cookie (should stay empty). */
    public int loginsWithCookie() {
        return auth.loginsWithCookie.get();
    }

    /** Requests that carried {@code Connection: close}. */
    public int connectionCloseRequests() {
        return auth.connectionClose.get();
    }

    /** Makes every token issued so far fail verification, as an expiry or a server restart would. */
    public void expireAllTokens() {
        auth.valid.clear();
    }

    @Override
    public void close() {
        wireMock.stop();
    }

    /** Options for a test server. */
    public static final class Builder {
        private final TestPki pki;
        private String host = "127.0.0.1";
        private boolean https = true;
        private boolean needClientAuth;
        private String authMode = "none";
        private boolean secureCookieOverHttp;

        private Builder(TestPki pki) {
            this.pki = pki;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder plainHttp() {
            this.https = false;
            return this;
        }

        /** Marks the token cookie Secure even over plain HTTP, as a misconfigured proxy might. */
        public Builder secureCookieOverHttp() {
            this.secureCookieOverHttp = true;
            return this;
        }

        public Builder needClientAuth() {
            this.needClientAuth = true;
            return this;
        }

        /** none | ltpa | basic */
        public Builder auth(String mode) {
            this.authMode = mode;
            return this;
        }

        public MqwebTestServer start() {
            return new MqwebTestServer(this);
        }
    }

    /** Adds the counters' listeners to the HTTPS (or HTTP) connector WireMock builds. */
    private static final class CountingServerFactory implements HttpServerFactory {
        private final ServerCounters counters;

        CountingServerFactory(ServerCounters counters) {
            this.counters = counters;
        }

        @Override
        public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
            ServerCounters c = counters;
            return new Jetty11HttpServer(options, admin, stubs) {
                @Override
                protected ServerConnector createHttpsConnector(String bindAddress, HttpsSettings https,
                                                               JettySettings jetty, NetworkTrafficListener listener) {
                    ServerConnector connector = super.createHttpsConnector(bindAddress, https, jetty, listener);
                    connector.addBean(c.connectionListener);
                    connector.addBean(c.handshakeListener);
                    return connector;
                }

                @Override
                protected ServerConnector createHttpConnector(String bindAddress, int port, JettySettings jetty,
                                                              NetworkTrafficListener listener) {
                    ServerConnector connector = super.createHttpConnector(bindAddress, port, jetty, listener);
                    connector.addBean(c.connectionListener);
                    return connector;
                }
            };
        }
    }

    /** mqweb's login, token check and CSRF rule, as a WireMock request filter. */
    private static final class AuthFilter implements RequestFilterV2 {
        private final String mode;
        private final String cookieName;
        private final boolean secure;
        private final String basicHeader = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        final Set<String> valid = ConcurrentHashMap.newKeySet();
        final Set<String> issued = ConcurrentHashMap.newKeySet();
        final List<String> cookiesSeen = new CopyOnWriteArrayList<>();
        final List<String> authorizationsSeen = new CopyOnWriteArrayList<>();
        final List<String> csrfMissing = new CopyOnWriteArrayList<>();
        final AtomicInteger logins = new AtomicInteger();
        final AtomicInteger logouts = new AtomicInteger();
        final AtomicInteger rejections = new AtomicInteger();
        final AtomicInteger loginsWithCookie = new AtomicInteger();
        final AtomicInteger connectionClose = new AtomicInteger();

        AuthFilter(String mode, String cookieName, boolean secure) {
            this.mode = mode;
            this.cookieName = cookieName;
            this.secure = secure;
        }

        @Override
        public String getName() {
            return "mqweb-auth";
        }

        @Override
        public boolean applyToAdmin() {
            return false;
        }

        @Override
        public boolean applyToStubs() {
            return true;
        }

        @Override
        public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
            String cookie = request.getHeader("Cookie");
            if (cookie != null) {
                cookiesSeen.add(cookie);
            }
            String authorization = request.getHeader("Authorization");
            if (authorization != null) {
                authorizationsSeen.add(authorization);
            }
            if ("close".equalsIgnoreCase(request.getHeader("Connection"))) {
                connectionClose.incrementAndGet();
            }
            String method = request.getMethod().getName();
            String path = request.getUrl();
            boolean login = path.matches("/ibmmq/rest/v[123]/login");
            if (login && method.equals("POST")) {
                if (cookie != null || request.containsHeader("ibm-mq-rest-csrf-token")) {
                    loginsWithCookie.incrementAndGet();
                }
                String body = request.getBodyAsString();
                if (!body.contains("\"username\":\"" + USER + "\"") || !body.contains("\"password\":\"" + PASSWORD + "\"")) {
                    return stop(error(401, "MQWB0104E", "The user could not be authenticated."));
                }
                logins.incrementAndGet();
                String token = UUID.randomUUID() + "-" + UUID.randomUUID();
                valid.add(token);
                issued.add(token);
                return stop(aResponse().withStatus(204).withHeader("Set-Cookie",
                        cookieName + "=" + token + "; Path=/;" + (secure ? " Secure;" : "") + " HttpOnly; SameSite=Strict").build());
            }
            if ((method.equals("POST") || method.equals("PATCH") || method.equals("DELETE"))
                    && !request.containsHeader("ibm-mq-rest-csrf-token")) {
                csrfMissing.add(method);
                return stop(error(403, "MQWB0100E", "The CSRF header is missing."));
            }
            switch (mode) {
                case "ltpa" -> {
                    String token = tokenIn(cookie);
                    if (token == null || !valid.contains(token)) {
                        if (token != null) {
                            rejections.incrementAndGet();
                        }
                        return stop(error(401, token == null ? "MQWB0104E" : "MQWB0112E",
                                "The '" + cookieName + "' authentication token cookie failed verification."));
                    }
                    if (login && method.equals("DELETE")) {
                        logouts.incrementAndGet();
                        valid.remove(token);
                        return stop(aResponse().withStatus(204)
                                .withHeader("Set-Cookie", cookieName + "=; Max-Age=0; Path=/").build());
                    }
                }
                case "basic" -> {
                    if (!basicHeader.equals(authorization)) {
                        return stop(error(401, "MQWB0104E", "The user could not be authenticated."));
                    }
                    // Liberty sets the token cookie on basic-auth responses too; a basic client must ignore it.
                    return stop(aResponse().withStatus(200).withBody(QMGR_JSON)
                            .withHeader("Content-Type", "application/json")
                            .withHeader("Set-Cookie", cookieName + "=from-basic; Path=/; HttpOnly").build());
                }
                default -> {
                    // no authentication
                }
            }
            return RequestFilterAction.continueWith(request);
        }

        private String tokenIn(String cookieHeader) {
            if (cookieHeader == null) {
                return null;
            }
            for (String part : cookieHeader.split(";")) {
                String p = part.trim();
                if (p.startsWith(cookieName + "=")) {
                    return p.substring(cookieName.length() + 1);
                }
            }
            return null;
        }

        private static RequestFilterAction stop(ResponseDefinition response) {
            return RequestFilterAction.stopWith(response);
        }

        private static ResponseDefinition error(int status, String msgId, String message) {
            String json = "{\"error\":[{\"type\":\"rest\",\"msgId\":\"" + msgId + "\",\"message\":\"" + msgId + ": "
                    + message.replace("\"", "'") + "\",\"completionCode\":0,\"reasonCode\":0}]}";
            return aResponse().withStatus(status).withBody(json).withHeader("Content-Type", "application/json").build();
        }
    }
}
