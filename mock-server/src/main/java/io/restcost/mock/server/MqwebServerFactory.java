package io.restcost.mock.server;

import com.github.tomakehurst.wiremock.common.HttpsSettings;
import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import io.restcost.mock.stats.ServerStats;
import io.restcost.mock.tls.ServerTlsProvider;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * WireMock's Jetty 11 server, with what an mqweb imitation needs at the connector: the
 * counting listeners, Liberty's client-authentication modes, the TLS protocols, the idle
 * timeout, and the connection filter in front of the stubs.
 */
public final class MqwebServerFactory implements HttpServerFactory {

    private final ServerStats stats;
    private final ClientAuthMode clientAuth;
    private final List<String> protocols;
    private final long idleTimeoutMillis;
    private final ConnectionFilter filter;
    private final boolean tlsResumption;
    private final ServerTlsProvider tlsProvider;
    private final boolean http2;
    private final int http2MaxConcurrentStreams;

    /**
     * @param http2 whether HTTP/2 is offered by ALPN beside HTTP/1.1
     * @param http2MaxConcurrentStreams the streams a client may have open at once on one HTTP/2
     *     connection, or 0 for Jetty's own limit
     * @param direct answers mqweb requests in the connection filter (see {@link DirectResponder});
     *     null to serve them through WireMock's stub pipeline
     */
    public MqwebServerFactory(ServerStats stats, ClientAuthMode clientAuth, List<String> protocols, boolean tlsResumption,
                              ServerTlsProvider tlsProvider, boolean http2, int http2MaxConcurrentStreams, long idleTimeoutMillis,
                              int maxKeepAliveRequests,
                              Function<Request, ResponseDefinition> direct) {
        this.tlsResumption = tlsResumption;
        this.tlsProvider = tlsProvider;
        this.http2 = http2;
        this.http2MaxConcurrentStreams = http2MaxConcurrentStreams;
        this.stats = stats;
        this.clientAuth = clientAuth;
        this.protocols = protocols;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.filter = new ConnectionFilter(stats, maxKeepAliveRequests, clientAuth != ClientAuthMode.NONE,
                direct == null ? null : new DirectResponder(direct));
    }

    /** What the connector offers after TLS, by ALPN or not; returns the protocol TLS hands over to. */
    private static String offered(ServerConnector c, String next, boolean conscrypt, boolean h2, int maxStreams) {
        if (conscrypt) {
            // Jetty's JDK ALPN processor does not apply to Conscrypt's engine (that needs
            // jetty-alpn-conscrypt-server): serve HTTP/1.1 without ALPN.
            c.removeConnectionFactory(next);
            c.removeConnectionFactory("h2");
            return HttpVersion.HTTP_1_1.asString();
        }
        if (!h2) {
            c.removeConnectionFactory("h2"); // HTTP/1.1 pinned: ALPN answers http/1.1 alone
        } else if (maxStreams > 0 && c.getConnectionFactory("h2") instanceof AbstractHTTP2ServerConnectionFactory f) {
            f.setMaxConcurrentStreams(maxStreams);
        }
        return next;
    }

    /** The same keystore and truststore as WireMock's own setup, on the provider given, a context per connection if fresh. */
    private static SslContextFactory.Server ownContexts(HttpsSettings https, java.security.Provider provider, boolean fresh) {
        try {
            return new MqwebSslContextFactory(https, provider, fresh);
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("keystore " + https.keyStorePath() + ": cannot be loaded (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String getName() {
        return "restcost-mqweb-jetty";
    }

    @Override
    public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
        // Copied to locals: the server's constructor calls the overrides below before it returns.
        ServerStats s = stats;
        ClientAuthMode auth = clientAuth;
        List<String> tls = protocols;
        long idle = idleTimeoutMillis;
        ConnectionFilter f = filter;
        boolean resume = tlsResumption;
        boolean h2 = http2;
        int maxStreams = http2MaxConcurrentStreams;
        java.security.Provider jca = tlsProvider.jcaProvider();
        return new Jetty11HttpServer(options, admin, stubs) {
            @Override
            protected ServerConnector createHttpsConnector(String bindAddress, HttpsSettings https, JettySettings jetty,
                                                           NetworkTrafficListener listener) {
                ServerConnector c = super.createHttpsConnector(bindAddress, https, jetty, listener);
                SslConnectionFactory wiremocks = c.getConnectionFactory(SslConnectionFactory.class);
                SslContextFactory.Server ssl = wiremocks.getSslContextFactory();
                String next = wiremocks.getNextProtocol();
                if (!resume || jca != null) {
                    ssl = ownContexts(https, jca, !resume);
                }
                next = offered(c, next, jca != null, h2, maxStreams);
                if (ssl != wiremocks.getSslContextFactory() || jca != null) {
                    c.removeConnectionFactory(wiremocks.getProtocol());
                    c.addFirstConnectionFactory(new SslConnectionFactory(ssl, next));
                }
                ssl.setNeedClientAuth(auth == ClientAuthMode.REQUIRED);
                ssl.setWantClientAuth(auth == ClientAuthMode.WANTED);
                ssl.setIncludeProtocols(tls.toArray(new String[0]));
                // WireMock's connector offers HTTP/2 by ALPN, as Liberty does: streams count on their connection.
                c.addBean(s.connectionListener);
                c.addBean(s.handshakeListener);
                c.setIdleTimeout(idle);
                return c;
            }

            @Override
            protected ServerConnector createHttpConnector(String bindAddress, int port, JettySettings jetty,
                                                          NetworkTrafficListener listener) {
                ServerConnector c = super.createHttpConnector(bindAddress, port, jetty, listener);
                c.addBean(s.connectionListener);
                c.setIdleTimeout(idle);
                return c;
            }

            @Override
            protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
                context.addFilter(new FilterHolder(f), "/*", EnumSet.of(DispatcherType.REQUEST));
            }
        };
    }
}
