package io.restcost.client.internal.engine.apache;

import io.restcost.client.internal.engine.TrackedConnection;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection of HttpClient 5's asynchronous client, as its session sees it: made when the
 * I/O reactor reports it connected, closed once when it reports it disconnected. Its bytes are
 * not counted (-1): a resumed handshake is told by its TLS session's creation time alone.
 */
final class IoSessionConnection implements TrackedConnection {

    private final long connectStartMillis;
    private final InetSocketAddress remote;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String applicationProtocol;
    private volatile int exchanges;
    private volatile boolean established;
    private volatile Runnable onClose;

    IoSessionConnection(long connectStartMillis, InetSocketAddress remote) {
        this.connectStartMillis = connectStartMillis;
        this.remote = remote;
    }

    @Override
    public long connectStartMillis() {
        return connectStartMillis;
    }

    @Override
    public boolean sessionTimesExact() {
        return true; // the JDK's TLS: the builder refuses Conscrypt here
    }

    @Override
    public long bytesRead() {
        return -1;
    }

    @Override
    public String applicationProtocol() {
        return applicationProtocol;
    }

    void applicationProtocol(String alpn) {
        this.applicationProtocol = alpn == null ? "" : alpn;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void countExchange() {
        exchanges++;
    }

    @Override
    public int exchanges() {
        return exchanges;
    }

    @Override
    public void markEstablished() {
        established = true;
    }

    @Override
    public boolean established() {
        return established;
    }

    @Override
    public boolean isClosedOrBroken() {
        return closed.get();
    }

    /** Runs {@code action} once it closes (its TLS context goes back to the pool). */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Marks it closed; true the first time only. */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        Runnable r = onClose;
        if (r != null) {
            r.run();
        }
        return true;
    }
}
