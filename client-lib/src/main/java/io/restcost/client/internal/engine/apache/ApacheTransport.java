package io.restcost.client.internal.engine.apache;

import io.restcost.client.http.HttpVersion;
import io.restcost.client.http.Origin;
import io.restcost.client.internal.engine.ConnectionHooks;
import io.restcost.client.internal.engine.EngineSettings;
import io.restcost.client.internal.engine.SessionTransport;
import io.restcost.client.internal.engine.TlsSocketFactory;
import io.restcost.client.internal.engine.TrackedSocket;
import io.restcost.client.internal.engine.Transport;
import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.config.ConnectionConfig;
import io.restcost.client.http.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Lookup;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.core5.util.VersionInfo;

/**
 * Apache HttpClient 5 (classic): each session gets its own {@link BasicHttpClientConnectionManager},
 * which holds exactly one connection, so the session, not a shared pool, decides which
 * connection a request rides on. TLS material is shared by all sessions. On HTTP/2 each
 * session is HttpClient 5's asynchronous HTTP/2 client instead ({@link ApacheH2Session}).
 */
public final class ApacheTransport implements Transport {

    private final EngineSettings settings;
    private final Lookup<TlsSocketStrategy> tlsStrategies;
    private final ConnectionConfig connectionConfig;
    private final String version;
    private final DnsResolver dns;

    public ApacheTransport(EngineSettings settings) {
        this.settings = settings;
        HostResolver resolver = settings.resolver();
        this.dns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return resolver.resolve(host).toArray(new InetAddress[0]);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        RegistryBuilder<TlsSocketStrategy> tls = RegistryBuilder.create();
        if (settings.tls() != null) {
            tls.register("https", new ObservedTlsStrategy(new TlsSocketFactory(settings.tls())));
        }
        this.tlsStrategies = tls.build();
        this.connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(settings.connectTimeout().toMillis()))
                .setSocketTimeout(Timeout.ofMilliseconds(settings.readTimeout().toMillis()))
                // Check a connection that sat idle this long before reusing it: catches most
                // connections the server closed meanwhile, at the cost of one 1 ms read.
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build();
        VersionInfo vi = VersionInfo.loadVersionInfo("org.apache.hc.client5", ApacheTransport.class.getClassLoader());
        this.version = "httpclient5/" + (vi == null ? "unknown" : vi.getRelease());
    }

    @Override
    public SessionTransport openSession(Origin origin, ConnectionHooks hooks) {
        if (settings.http() == HttpVersion.HTTP_2) {
            return new ApacheH2Session(new HttpHost(origin.scheme(), origin.host(), origin.port()), settings, dns, hooks);
        }
        DetachedSocketFactory sockets = proxy -> new TrackedSocket(hooks);
        DefaultHttpClientConnectionOperator operator =
                new DefaultHttpClientConnectionOperator(sockets, null, dns, tlsStrategies);
        BasicHttpClientConnectionManager manager = new BasicHttpClientConnectionManager(operator, null);
        manager.setConnectionConfig(connectionConfig);
        return new ApacheSession(new HttpHost(origin.scheme(), origin.host(), origin.port()), manager, settings.userAgent());
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public void close() {
        // Sessions own their connection managers; nothing is shared that needs closing.
    }

    /** Layers TLS with the client's socket factory and reports the handshake to the session. */
    private static final class ObservedTlsStrategy implements TlsSocketStrategy {
        private final TlsSocketFactory tls;

        ObservedTlsStrategy(TlsSocketFactory tls) {
            this.tls = tls;
        }

        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
                throws IOException {
            TrackedSocket tracked = (TrackedSocket) socket;
            ConnectionHooks hooks = tracked.hooks();
            hooks.secureConnectStart(tracked);
            try {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, target, port, true);
                // JSSE verifies the chain and (endpoint identification, set by the factory) the host name.
                ssl.startHandshake();
                hooks.secureConnectEnd(tracked, ssl.getSession());
                return ssl;
            } catch (IOException e) {
                hooks.secureConnectFailed(tracked, e);
                throw e;
            }
        }
    }
}
