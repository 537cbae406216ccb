package io.restcost.client.testing;

import io.restcost.mock.stats.Handshakes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.HttpConnection;

/**
 * What the server saw, counted on Jetty's connector: TCP connections accepted, TLS
 * handshakes full and resumed, and the requests each connection carried (recorded when it
 * closed). Resumption is judged as the mock judges it ({@link Handshakes#resumed}).
 */
public final class ServerCounters {

    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger fullHandshakes = new AtomicInteger();
    private final AtomicInteger resumedHandshakes = new AtomicInteger();
    private final AtomicInteger failedHandshakes = new AtomicInteger();
    private final List<Long> requestsPerClosedConnection = new CopyOnWriteArrayList<>();
    private final Map<SSLEngine, SslConnection> connections = new ConcurrentHashMap<>();

    final Connection.Listener connectionListener = new Connection.Listener() {
        @Override
        public void onOpened(Connection connection) {
            if (connection instanceof SslConnection ssl) {
                accepted.incrementAndGet();
                connections.put(ssl.getSSLEngine(), ssl);
            } else if (connection instanceof HttpConnection http && !(http.getEndPoint() instanceof SslConnection.DecryptedEndPoint)) {
                accepted.incrementAndGet(); // plain HTTP
            }
        }

        @Override
        public void onClosed(Connection connection) {
            if (connection instanceof HttpConnection http) {
                requestsPerClosedConnection.add(http.getMessagesIn());
                closed.incrementAndGet();
            } else if (connection instanceof SslConnection ssl) {
                connections.remove(ssl.getSSLEngine());
            }
        }
    };

    final SslHandshakeListener handshakeListener = new SslHandshakeListener() {
        @Override
        public void handshakeSucceeded(Event event) {
            SslConnection ssl = connections.get(event.getSSLEngine());
            if (ssl != null && Handshakes.resumed(ssl, ssl.getCreatedTimeStamp())) {
                resumedHandshakes.incrementAndGet();
            } else {
                fullHandshakes.incrementAndGet();
            }
        }

        @Override
        public void handshakeFailed(Event event, Throwable failure) {
            failedHandshakes.incrementAndGet();
        }
    };

    public int accepted() {
        return accepted.get();
    }

    /** HTTP connections closed so far (an HTTP connection exists once a TLS handshake succeeded, or at once for plain HTTP). */
    public int closed() {
        return closed.get();
    }

    public int fullHandshakes() {
        return fullHandshakes.get();
    }

    public int resumedHandshakes() {
        return resumedHandshakes.get();
    }

    public int failedHandshakes() {
        return failedHandshakes.get();
    }

    public List<Long> requestsPerClosedConnection() {
        return List.copyOf(requestsPerClosedConnection);
    }

    public long requestsOnClosedConnections() {
        return requestsPerClosedConnection.stream().mapToLong(Long::longValue).sum();
    }
}
