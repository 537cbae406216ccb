package io.restcost.mock.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.mock.auth.MqwebSecurity;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

    /**
     * The counts since the start or the last reset. A reset starts a new one rather than zeroing
     * this one, and a connection counts its accept, handshake and close in the one it was
     * accepted under: so a connection that closes while a reset runs is never half in the new
     * figures, however the two interleave.
     */
    private static final class Epoch {
        final LongAdder accepted = new LongAdder();
        final LongAdder closed = new LongAdder();
        final LongAdder fullHandshakes = new LongAdder();
        final LongAdder resumedHandshakes = new LongAdder();
        final LongAdder failedHandshakes = new LongAdder();
        final LongAdder requestsOnClosed = new LongAdder();
        final AtomicLong minRequestsPerConnection = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong maxRequestsPerConnection = new AtomicLong();
        // Closed connections by the requests each carried: as many entries as distinct counts.
        final Map<Long, LongAdder> closedByRequests = new ConcurrentHashMap<>();
        final LongAdder[] byStatusClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
                new LongAdder()};
        final long cpuBaselineNanos = processCpuNanos();
        final long startedAtMillis = System.currentTimeMillis();

        void countClose(long requests) {
            closed.increment();
            requestsOnClosed.add(requests);
            closedByRequests.computeIfAbsent(requests, k -> new LongAdder()).increment();
            minRequestsPerConnection.accumulateAndGet(requests, Math::min);
            maxRequestsPerConnection.accumulateAndGet(requests, Math::max);
        }
    }

    /** One TCP connection, keyed by its network end point. */
    public static final class Conn {
        final long acceptedAtMillis;
        /** Where its accept, handshake and close are counted: the figures current when it was accepted. */
        final Epoch epoch;
        volatile SslConnection tls;
        volatile int handshake; // 0 none yet, 1 full, 2 resumed
        // Carried a stats request: out of the figures.
        volatile boolean admin;
        final AtomicInteger requests = new AtomicInteger();

        Conn(long acceptedAtMillis, Epoch epoch) {
            this.acceptedAtMillis = acceptedAtMillis;
            this.epoch = epoch;
        }

        /** Counts a request on this connection and returns how many it has carried. */
        public int countRequest() {
            return requests.incrementAndGet();
        }
    }

    private final MqwebSecurity security;
    private final Map<Object, Conn> connections = new ConcurrentHashMap<>();
    private final Map<SSLEngine, Conn> byEngine = new ConcurrentHashMap<>();
    private volatile Epoch epoch = new Epoch();
    /** The TLS implementation that did the last handshake: jdk or conscrypt; null before any. */
    private volatile String tlsImplementation;

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
            Conn conn = opened(network, c.getCreatedTimeStamp());
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
                closed(network);
            }
        }
    };

    /** Counts a connection accepted at {@code network}; returns its record (the one it has if it was seen). */
    Conn opened(Object network, long acceptedAtMillis) {
        Conn conn = new Conn(acceptedAtMillis, epoch);
        Conn known = connections.putIfAbsent(network, conn);
        if (known != null) {
            return known;
        }
        conn.epoch.accepted.increment();
        return conn;
    }

    /** Counts the close of the connection at {@code network}, with the requests it carried. */
    void closed(Object network) {
        Conn conn = connections.remove(network);
        if (conn != null && !conn.admin) {
            // Into the figures it was accepted under: a connection from before the last reset
            // closes into figures no longer read.
            conn.epoch.countClose(conn.requests.get());
        }
    }

    /** Jetty handshake listener: full or resumed (see {@link Handshakes#resumed}). */
    public final SslHandshakeListener handshakeListener = new SslHandshakeListener() {
        @Override
        public void handshakeSucceeded(Event event) {
            SSLEngine engine = event.getSSLEngine();
            tlsImplementation = engine.getClass().getName().startsWith("org.conscrypt.") ? "conscrypt" : "jdk";
            Conn conn = byEngine.get(engine);
            boolean resumed = conn != null && conn.tls != null && Handshakes.resumed(conn.tls, conn.acceptedAtMillis);
            Epoch e = conn != null ? conn.epoch : epoch;
            if (conn != null) {
                conn.handshake = resumed ? 2 : 1;
            }
            if (conn == null || !conn.admin) {
                (resumed ? e.resumedHandshakes : e.fullHandshakes).increment();
            }
        }

        @Override
        public void handshakeFailed(Event event, Throwable failure) {
            epoch.failedHandshakes.increment();
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
        Epoch e = conn.epoch;
        e.accepted.decrement();
        if (conn.handshake == 1) {
            e.fullHandshakes.decrement();
        } else if (conn.handshake == 2) {
            e.resumedHandshakes.decrement();
        }
    }

    /**
     * Closes every connection open now, as a server that drops its idle connections (or a
     * balancer that restarts) would: each close is counted as usual.
     */
    public void closeConnections() {
        connections.keySet().forEach(k -> {
            if (k instanceof EndPoint ep) {
                ep.close();
            }
        });
    }

    /** Counts a response by its status class. */
    public void countStatus(int status) {
        int cls = status / 100;
        // Into the current figures: a connection kept alive across a reset goes on carrying load.
        epoch.byStatusClass[cls >= 1 && cls <= 5 ? cls : 0].increment();
    }

    /**
     * Starts every count again from zero, CPU time included. Connections open now are not in
     * the new figures (neither their accept nor their close), but requests they carry from now
     * on are.
     */
    public void reset() {
        epoch = new Epoch();
        security.resetCounters();
    }

    /** Requests answered since the start (or the last reset), every status, stats requests left out. */
    public long requests() {
        long n = 0;
        for (LongAdder a : epoch.byStatusClass) {
            n += a.sum();
        }
        return n;
    }

    /** Successful logins (POST /login) since the start, or the last reset of the security counters. */
    public long logins() {
        return security.logins();
    }

    public long accepted() {
        return epoch.accepted.sum();
    }

    /** Connections closed since the start (or the last reset), stats connections left out. */
    public long closed() {
        return epoch.closed.sum();
    }

    /** Requests carried by the connections closed, summed. */
    public long requestsOnClosedConnections() {
        return epoch.requestsOnClosed.sum();
    }

    /**
     * How many closed connections carried each number of requests, fewest requests first
     * (e.g. {@code {1=500}} after 500 one-shot requests).
     */
    public java.util.SortedMap<Long, Long> requestsPerClosedConnection() {
        java.util.SortedMap<Long, Long> m = new java.util.TreeMap<>();
        epoch.closedByRequests.forEach((n, count) -> m.put(n, count.sum()));
        return m;
    }

    public long fullHandshakes() {
        return epoch.fullHandshakes.sum();
    }

    public long resumedHandshakes() {
        return epoch.resumedHandshakes.sum();
    }

    /** The figures now, the body of {@code GET /__restcost/stats}. */
    public StatsSnapshot snapshot() {
        Epoch e = epoch;
        long closedCount = e.closed.sum();
        StatsSnapshot.PerConnection perConnection = closedCount == 0
                ? new StatsSnapshot.PerConnection(null, null, null, 0)
                : new StatsSnapshot.PerConnection((double) e.requestsOnClosed.sum() / closedCount, e.minRequestsPerConnection.get(),
                        e.maxRequestsPerConnection.get(), closedCount);
        Map<String, Long> requests = new java.util.LinkedHashMap<>();
        long total = 0;
        String[] names = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
        for (int i = 0; i < names.length; i++) {
            long n = e.byStatusClass[i].sum();
            requests.put(names[i], n);
            total += n;
        }
        requests.put("total", total);
        long cpu = processCpuNanos();
        return new StatsSnapshot(e.accepted.sum(), closedCount, connections.values().stream().filter(c -> !c.admin).count(), perConnection,
                new StatsSnapshot.Handshakes(e.fullHandshakes.sum(), e.resumedHandshakes.sum(), e.failedHandshakes.sum(), tlsImplementation),
                requests, security.logins(), security.passwordChecks(), security.cacheHits(),
                new StatsSnapshot.Tokens(security.tokenVerifications() - security.tokenRejections(), security.tokenRejections()),
                cpu >= 0 ? (cpu - e.cpuBaselineNanos) / 1000 : null, System.currentTimeMillis() - e.startedAtMillis);
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
