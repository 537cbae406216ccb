package io.restcost.client.internal.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
public final class TrackedSocket extends Socket implements TrackedConnection {

    private final ConnectionHooks hooks;
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private volatile long connectStartMillis;
    private volatile SSLSocket tlsSocket;
    private volatile boolean sessionTimesExact = true;
    private volatile int exchanges;
    private volatile boolean connected;
    private volatile boolean established;
    private CountingInput input; // guarded by this
    private volatile Runnable onClose;

    public TrackedSocket(ConnectionHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        InetSocketAddress address = endpoint instanceof InetSocketAddress isa ? isa : null;
        connectStartMillis = System.currentTimeMillis();
        hooks.connectStart(address);
        try {
            // REST exchanges are small and latency-bound: without TCP_NODELAY a handshake or
            // request written in several segments waits for the peer's delayed ACK (40 ms on
            // Linux). Apache HttpClient sets it by default; OkHttp does not.
            setTcpNoDelay(true);
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
            if (closeReported.compareAndSet(false, true)) {
                Runnable r = onClose;
                if (r != null) {
                    r.run();
                }
                if (connected) {
                    hooks.connectionClosed(this);
                }
            }
        }
    }

    /** Runs {@code action} once, when this socket closes (TLS gives its context back to the pool). */
    public void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Counts what is read, so a handshake's size is known (see {@link #bytesRead()}). */
    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (input == null) {
            input = new CountingInput(super.getInputStream());
        }
        return input;
    }

    /**
     * Bytes read from the network so far. Read when a TLS handshake ends, it is the size of
     * the server's handshake flight: a full handshake carries the server's certificate, a
     * resumed one does not.
     */
    @Override
    public synchronized long bytesRead() {
        return input == null ? 0 : input.count;
    }

    /** Wall-clock time the connect began; a TLS session created before it was resumed. */
    @Override
    public long connectStartMillis() {
        return connectStartMillis;
    }

    public ConnectionHooks hooks() {
        return hooks;
    }

    @Override
    public String applicationProtocol() {
        SSLSocket tls = tlsSocket;
        return tls == null ? null : tls.getApplicationProtocol();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return getRemoteSocketAddress() instanceof InetSocketAddress a ? a : null;
    }

    /** The TLS socket layered on this one, or null for plain HTTP. */
    public SSLSocket tlsSocket() {
        return tlsSocket;
    }

    /**
     * Called by the TLS socket factory when it layers TLS over this socket.
     *
     * @param sessionTimesExact whether its sessions' creation times are in milliseconds (JSSE's),
     *     rather than whole seconds (Conscrypt's, from BoringSSL)
     */
    public void attachTls(SSLSocket socket, boolean sessionTimesExact) {
        this.tlsSocket = socket;
        this.sessionTimesExact = sessionTimesExact;
    }

    /** Whether the TLS session's creation time can tell a resumed handshake (see {@link #attachTls}). */
    @Override
    public boolean sessionTimesExact() {
        return sessionTimesExact;
    }

    /** Counts one exchange (request and response) carried by this connection. */
    @Override
    public void countExchange() {
        exchanges++;
    }

    /** The exchanges this connection carried, logins included: what the server saw. */
    @Override
    public int exchanges() {
        return exchanges;
    }

    /** Marks the connection usable: connected, and for TLS its handshake done. */
    @Override
    public void markEstablished() {
        established = true;
    }

    /**
     * Whether the connection became usable. One that failed its TLS handshake never did: its
     * failure is reported as such, and its close is not reported as a connection closing.
     */
    @Override
    public boolean established() {
        return established;
    }

    /** Counts bytes; read by one thread at a time (the connection's). */
    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** Whether the socket was closed (by restcost or by the engine on the server's word). */
    @Override
    public boolean isClosedOrBroken() {
        return isClosed() || closeReported.get();
    }
}
