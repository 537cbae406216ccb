package io.restcost.client.internal.engine.apache;

import io.restcost.client.internal.engine.ConnectionHooks;
import io.restcost.client.internal.tls.TlsContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.reactor.ssl.TlsDetails;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * What one session's asynchronous HTTP/2 client does with its connection, reported to the
 * session: the resolver marks a connect's start, the I/O reactor its end and its close, and the
 * TLS strategy the handshake. It offers {@code h2} and {@code http/1.1} by ALPN, as OkHttp does,
 * so that a server without HTTP/2 says so rather than ending the handshake with an alert, and
 * refuses one that chose anything but {@code h2} before a request is sent. One connection at a time: HttpClient 5's
 * HTTP/2 pool holds one per origin, so a new one only ever replaces a closed one.
 */
final class ObservedH2Connections implements DnsResolver, IOSessionListener, TlsStrategy {

    private final ConnectionHooks hooks;
    private final DnsResolver dns;
    private final TlsContexts tls;
    private final int port;
    private volatile long connectStartMillis;
    private volatile IoSessionConnection current;
    private String currentSession; // guarded by this: the I/O session's id

    /** @param dns the engine's resolver (the client's {@code HostResolver}), asked here for each connect */
    ObservedH2Connections(ConnectionHooks hooks, DnsResolver dns, TlsContexts tls, int port) {
        this.hooks = hooks;
        this.dns = dns;
        this.tls = tls;
        this.port = port;
    }

    // ---- DnsResolver: asked once per connect, just before it begins ----

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = dns.resolve(host);
        connectStartMillis = System.currentTimeMillis();
        hooks.connectStart(addresses.length == 0 ? null : new InetSocketAddress(addresses[0], port));
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return dns.resolveCanonicalHostname(host);
    }

    // ---- IOSessionListener: the reactor's thread ----

    @Override
    public void connected(IOSession session) {
        connection(session);
    }

    /**
     * The connection of {@code session}, reported connected the first time it is seen: the
     * reactor tells its listener of a connect after the TLS strategy is asked to upgrade it.
     */
    private synchronized IoSessionConnection connection(Object session) {
        // The reactor hands the strategy and the listener different views of one I/O session: same id.
        String id = session instanceof IOSession io ? io.getId() : String.valueOf(System.identityHashCode(session));
        IoSessionConnection c = current;
        if (c != null && id.equals(currentSession)) {
            return c;
        }
        long started = connectStartMillis;
        c = new IoSessionConnection(started != 0 ? started : System.currentTimeMillis(),
                session instanceof IOSession io && io.getRemoteAddress() instanceof InetSocketAddress a ? a : null);
        current = c;
        currentSession = id;
        hooks.connectEnd(c);
        return c;
    }

    @Override
    public void disconnected(IOSession session) {
        IoSessionConnection c = connection(session);
        if (c.close()) {
            hooks.connectionClosed(c);
        }
    }

    @Override
    public void startTls(IOSession session) {
    }

    @Override
    public void inputReady(IOSession session) {
    }

    @Override
    public void outputReady(IOSession session) {
    }

    @Override
    public void timeout(IOSession session) {
    }

    @Override
    public void exception(IOSession session, Exception ex) {
    }

    // ---- TlsStrategy ----

    @Override
    public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment, Timeout handshakeTimeout,
                        FutureCallback<TransportSecurityLayer> callback) {
        IoSessionConnection c = connection(session);
        SSLContext ctx = tls.acquire();
        c.onClose(() -> tls.release(ctx));
        hooks.secureConnectStart(c);
        session.startTls(ctx, endpoint, SSLBufferMode.STATIC, (e, engine) -> tls.configure(engine, "h2", "http/1.1"),
                (e, engine) -> verified(c, e, engine.getSession(), engine.getApplicationProtocol()), handshakeTimeout,
                new FutureCallback<>() {
                    @Override
                    public void completed(TransportSecurityLayer result) {
                        if (callback != null) {
                            callback.completed(result);
                        }
                    }

                    @Override
                    public void failed(Exception ex) {
                        if (!c.established()) {
                            hooks.secureConnectFailed(c, ex instanceof IOException io ? io : new IOException(ex));
                        }
                        if (callback != null) {
                            callback.failed(ex);
                        }
                    }

                    @Override
                    public void cancelled() {
                        if (callback != null) {
                            callback.cancelled();
                        }
                    }
                });
    }

    /** The handshake is done: HTTP/2 chosen, or nothing is sent and the reason says why. */
    private TlsDetails verified(IoSessionConnection c, NamedEndpoint e, SSLSession session, String alpn) throws SSLException {
        if (!"h2".equals(alpn)) {
            throw new SSLException(e.getHostName() + ":" + e.getPort() + " chose " + (alpn == null || alpn.isEmpty() ? "no protocol"
                    : alpn) + " by ALPN, not HTTP/2: nothing was sent. Use HttpVersion.HTTP_1_1 with the Apache engine");
        }
        c.applicationProtocol(alpn);
        hooks.secureConnectEnd(c, session);
        return new TlsDetails(session, alpn);
    }

    @Deprecated
    @Override
    public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress, SocketAddress remoteAddress,
                           Object attachment, Timeout handshakeTimeout) {
        upgrade(session, host, attachment, handshakeTimeout, null);
        return true;
    }
}
