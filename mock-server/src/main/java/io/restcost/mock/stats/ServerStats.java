package io.restcost.mock.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.mock.auth.MqwebSecurity;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.HttpConnection;

/**
 * What the server did, counted exactly where it happens: Jetty's connection and handshake
 * listeners count connections and full or resumed handshakes; the connection filter counts
 * requests by status class; the security layer counts logins, password checks, cache hits
 * and token verifications. Connections that carry the stats endpoints themselves are taken
 * out again, so asking for the figures does not change them. Thread-safe.
 *
 * <p>A handshake is resumed when its TLS session was created before its connection was
 * accepted.
 */
public final class ServerStats {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One TCP connection, keyed by its network end point. */
    public static final class Conn {
        final long acceptedAtMillis;
        volatile SslConnection tls;
        volatile int handshake; // 0 none yet, 1 full, 2 resumed
        volatile boolean admin;
        // Whether this connection is in the current figures: false once it carried a stats
        // request, and for connections accepted before the last reset.
        volatile boolean counted = true;
        final AtomicInteger requests = new AtomicInteger();

        Conn(long acceptedAtMillis) {
            this.acceptedAtMillis = acceptedAtMillis;
        }

        /** Counts a request on this connection and returns how many it has carried. */
        public int countRequest() {
            return requests.incrementAndGet();
        }
    }

    private final MqwebSecurity security;
    private final Map<EndPoint, Conn> connections = new ConcurrentHashMap<>();
    private final Map<SSLEngine, Conn> byEngine = new ConcurrentHashMap<>();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder fullHandshakes = new LongAdder();
    private final LongAdder resumedHandshakes = new LongAdder();
    private final LongAdder failedHandshakes = new LongAdder();
    /** The TLS implementation that did the last handshake: jdk or conscrypt; null before any. */
    private volatile String tlsImplementation;
    private final LongAdder requestsOnClosed = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong minRequestsPerConnection = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    private final java.util.concurrent.atomic.AtomicLong maxRequestsPerConnection = new java.util.concurrent.atomic.AtomicLong();
    // Closed connections by the requests each carried: as many entries as distinct counts.
    private final Map<Long, LongAdder> closedByRequests = new ConcurrentHashMap<>();
    private final LongAdder[] byStatusClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private volatile long cpuBaselineNanos = processCpuNanos();
    private volatile long startedAtMillis = System.currentTimeMillis();

    public ServerStats(MqwebSecurity security) {
        this.security = security;
    }

    /** Jetty connection listener: counts TCP connections accepted and closed. */
    public final Connection.Listener connectionListener = new Connection.Listener() {
        @Override
        public void onOpened(Connection c) {
            EndPoint network = networkEndPoint(c);
            if (network == null) {
                return;
            }
            Conn conn = new Conn(c.getCreatedTimeStamp());
            Conn known = connections.putIfAbsent(network, conn);
            if (known == null) {
                accepted.increment();
            } else {
                conn = known;
            }
            if (c instanceof SslConnection ssl) {
                conn.tls = ssl;
                byEngine.put(ssl.getSSLEngine(), conn);
            }
        }

        @Override
        public void onClosed(Connection c) {
            if (c instanceof SslConnection ssl) {
                byEngine.remove(ssl.getSSLEngine());
            }
            EndPoint network = networkEndPoint(c);
            if (network != null) {
                Conn conn = connections.remove(network);
                if (conn != null && conn.counted) {
                    closed.increment();
                    long n = conn.requests.get();
                    requestsOnClosed.add(n);
                    closedByRequests.computeIfAbsent(n, k -> new LongAdder()).increment();
                    minRequestsPerConnection.accumulateAndGet(n, Math::min);
                    maxRequestsPerConnection.accumulateAndGet(n, Math::max);
                }
            }
        }
    };

    /** Jetty handshake listener: full or resumed (see {@link Handshakes#resumed}). */
    public final SslHandshakeListener handshakeListener = new SslHandshakeListener() {
        @Override
        public void handshakeSucceeded(Event event) {
            SSLEngine engine = event.getSSLEngine();
            tlsImplementation = engine.getClass().getName().startsWith("org.conscrypt.") ? "conscrypt" : "jdk";
            Conn conn = byEngine.get(engine);
            boolean resumed = conn != null && conn.tls != null && Handshakes.resumed(conn.tls, conn.acceptedAtMillis);
            if (conn != null) {
                conn.handshake = resumed ? 2 : 1;
            }
            if (conn == null || conn.counted) {
                (resumed ? resumedHandshakes : fullHandshakes).increment();
            }
        }

        @Override
        public void handshakeFailed(Event event, Throwable failure) {
            failedHandshakes.increment();
        }
    };

    /** The connection record of a request's end point (TLS or plain), or null. */
    public Conn connection(EndPoint requestEndPoint) {
        return connections.get(network(requestEndPoint));
    }

    /** Takes a connection that carried a stats request out of the figures. */
    public void markAdmin(Conn conn) {
        if (conn == null || conn.admin) {
            return;
        }
        conn.admin = true;
        if (conn.counted) {
            conn.counted = false;
            accepted.decrement();
            if (conn.handshake == 1) {
                fullHandshakes.decrement();
            } else if (conn.handshake == 2) {
                resumedHandshakes.decrement();
            }
        }
    }

    /**
     * Closes every connection open now, as a server that drops its idle connections (or a
     * balancer that restarts) would: each close is counted as usual.
     */
    public void closeConnections() {
        connections.keySet().forEach(EndPoint::close);
    }

    /** Counts a response by its status class. */
    public void countStatus(int status) {
        int cls = status / 100;
        byStatusClass[cls >= 1 && cls <= 5 ? cls : 0].increment();
    }

    /** Starts every count again from zero, CPU time included. */
    public void reset() {
        accepted.reset();
        closed.reset();
        fullHandshakes.reset();
        resumedHandshakes.reset();
        failedHandshakes.reset();
        requestsOnClosed.reset();
        closedByRequests.clear();
        minRequestsPerConnection.set(Long.MAX_VALUE);
        maxRequestsPerConnection.set(0);
        for (LongAdder a : byStatusClass) {
            a.reset();
        }
        security.resetCounters();
        cpuBaselineNanos = processCpuNanos();
        startedAtMillis = System.currentTimeMillis();
        for (Conn c : connections.values()) {
            // Accepted before the reset: their close must not count, but their later
            // requests still do (a kept-alive connection goes on carrying load).
            c.counted = false;
        }
    }

    /** Requests answered since the start (or the last reset), every status, stats requests left out. */
    public long requests() {
        long n = 0;
        for (LongAdder a : byStatusClass) {
            n += a.sum();
        }
        return n;
    }

    /** Successful logins (POST /login) since the start, or the last reset of the security counters. */
    public long logins() {
        return security.logins();
    }

    public long accepted() {
        return accepted.sum();
    }

    /** Connections closed since the start (or the last reset), stats connections left out. */
    public long closed() {
        return closed.sum();
    }

    /** Requests carried by the connections closed, summed. */
    public long requestsOnClosedConnections() {
        return requestsOnClosed.sum();
    }

    /**
     * How many closed connections carried each number of requests, fewest requests first
     * (e.g. {@code {1=500}} after 500 one-shot requests).
     */
    public java.util.SortedMap<Long, Long> requestsPerClosedConnection() {
        java.util.SortedMap<Long, Long> m = new java.util.TreeMap<>();
        closedByRequests.forEach((n, count) -> m.put(n, count.sum()));
        return m;
    }

    public long fullHandshakes() {
        return fullHandshakes.sum();
    }

    public long resumedHandshakes() {
        return resumedHandshakes.sum();
    }

    /** The figures now, the body of {@code GET /__restcost/stats}. */
    public StatsSnapshot snapshot() {
        long closedCount = closed.sum();
        StatsSnapshot.PerConnection perConnection = closedCount == 0
                ? new StatsSnapshot.PerConnection(null, null, null, 0)
                : new StatsSnapshot.PerConnection((double) requestsOnClosed.sum() / closedCount, minRequestsPerConnection.get(),
                        maxRequestsPerConnection.get(), closedCount);
        Map<String, Long> requests = new java.util.LinkedHashMap<>();
        long total = 0;
        String[] names = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
        for (int i = 0; i < names.length; i++) {
            long n = byStatusClass[i].sum();
            requests.put(names[i], n);
            total += n;
        }
        requests.put("total", total);
        long cpu = processCpuNanos();
        return new StatsSnapshot(accepted.sum(), closedCount, connections.values().stream().filter(c -> !c.admin).count(), perConnection,
                new StatsSnapshot.Handshakes(fullHandshakes.sum(), resumedHandshakes.sum(), failedHandshakes.sum(), tlsImplementation),
                requests, security.logins(), security.passwordChecks(), security.cacheHits(),
                new StatsSnapshot.Tokens(security.tokenVerifications() - security.tokenRejections(), security.tokenRejections()),
                cpu >= 0 ? (cpu - cpuBaselineNanos) / 1000 : null, System.currentTimeMillis() - startedAtMillis);
    }

    /** {@link #snapshot()} as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(snapshot());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stats as JSON", e);
        }
    }

    private static EndPoint networkEndPoint(Connection c) {
        if (c instanceof SslConnection) {
            return c.getEndPoint();
        }
        if (c instanceof HttpConnection) {
            return network(c.getEndPoint());
        }
        return null;
    }

    /** The TCP end point under an HTTP end point (itself for plain HTTP, the TLS layer's for HTTPS). */
    private static EndPoint network(EndPoint ep) {
        return ep instanceof SslConnection.DecryptedEndPoint d ? d.getSslConnection().getEndPoint() : ep;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
