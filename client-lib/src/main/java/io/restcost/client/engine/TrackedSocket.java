package io.restcost.client.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;

/**
 * The plain TCP socket under every connection either engine opens: it reports connect and
 * close to the session that owns it, so connections are counted, not inferred.
 *
 * <p>Both engines take a {@link javax.net.SocketFactory} or equivalent, create an unconnected
 * socket, then call {@link #connect(SocketAddress, int)}; TLS is layered on top with
 * {@code autoClose}, so closing the TLS socket closes this one and reports it.
 */
public final class TrackedSocket extends Socket {

    private final ConnectionHooks hooks;
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private volatile long connectStartMillis;
    private volatile SSLSocket tlsSocket;
    private volatile int exchanges;
    private volatile boolean connected;
    private volatile boolean established;

    public TrackedSocket(ConnectionHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        InetSocketAddress address = endpoint instanceof InetSocketAddress isa ? isa : null;
        connectStartMillis = System.currentTimeMillis();
        hooks.connectStart(address);
        try {
            super.connect(endpoint, timeout);
        } catch (IOException e) {
            hooks.connectFailed(address, e);
            throw e;
        }
        connected = true;
        hooks.connectEnd(this);
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (connected && closeReported.compareAndSet(false, true)) {
                hooks.connectionClosed(this);
            }
        }
    }

    /** Wall-clock time the connect began; a TLS session created before it was resumed. */
    public long connectStartMillis() {
        return connectStartMillis;
    }

    public ConnectionHooks hooks() {
        return hooks;
    }

    /** The TLS socket layered on this one, or null for plain HTTP. */
    public SSLSocket tlsSocket() {
        return tlsSocket;
    }

    /** Called by the TLS socket factory when it layers TLS over this socket. */
    public void attachTls(SSLSocket socket) {
        this.tlsSocket = socket;
    }

    /** Counts one exchange (request and response) carried by this connection. */
    public void countExchange() {
        exchanges++;
    }

    /** The exchanges this connection carried, logins included: what the server saw. */
    public int exchanges() {
        return exchanges;
    }

    /** Marks the connection usable: connected, and for TLS its handshake done. */
    public void markEstablished() {
        established = true;
    }

    /**
     * Whether the connection became usable. One that failed its TLS handshake never did: its
     * failure is reported as such, and its close is not reported as a connection closing.
     */
    public boolean established() {
        return established;
    }

    /** Whether the socket was closed (by restcost or by the engine on the server's word). */
    public boolean isClosedOrBroken() {
        return isClosed() || closeReported.get();
    }
}
