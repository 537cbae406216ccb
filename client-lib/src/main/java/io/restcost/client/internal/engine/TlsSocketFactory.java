package io.restcost.client.internal.engine;

import io.restcost.client.internal.tls.TlsContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Layers TLS over the tracked sockets both engines connect: each TLS socket comes from a
 * context of {@link TlsContexts}, goes back to it when the socket closes, and is attached to
 * the tracked socket under it, so the handshake is observed on the session's connection.
 */
public final class TlsSocketFactory extends SSLSocketFactory {

    private final TlsContexts contexts;

    public TlsSocketFactory(TlsContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        SSLContext ctx = contexts.acquire();
        if (s instanceof TrackedSocket tracked) {
            tracked.onClose(() -> contexts.release(ctx));
        }
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(s, host, port, autoClose);
        contexts.configure(ssl);
        if (s instanceof TrackedSocket tracked) {
            tracked.attachTls(ssl, contexts.sessionTimesExact());
        }
        return ssl;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return contexts.defaultContext().getSocketFactory().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return contexts.defaultContext().getSocketFactory().getSupportedCipherSuites();
    }

    // The engines only layer TLS over sockets they connected themselves; the rest of
    // SSLSocketFactory is answered by the default context, unobserved.
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return contexts.defaultContext().getSocketFactory().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return contexts.defaultContext().getSocketFactory().createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return contexts.defaultContext().getSocketFactory().createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return contexts.defaultContext().getSocketFactory().createSocket(address, port, localAddress, localPort);
    }
}
