package io.restcost.bench.client;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the client did, counted from its events rather than inferred from requests:
 * connections opened, full and resumed TLS handshakes, logins, and requests carried per
 * closed connection. Cheap enough for the request path: adders and accumulators only.
 */
public final class ClientCounters extends RestClientListener {

    private final LongAdder connections = new LongAdder();
    private final LongAdder fullHandshakes = new LongAdder();
    private final LongAdder resumedHandshakes = new LongAdder();
    private final LongAdder logins = new LongAdder();
    private final Set<String> applicationProtocols = ConcurrentHashMap.newKeySet();
    private final LongAdder closedConnections = new LongAdder();
    private final LongAdder requestsOnClosed = new LongAdder();
    private final LongAccumulator minRequests = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator maxRequests = new LongAccumulator(Math::max, 0);

    @Override
    public void connectEnd(SessionInfo session, InetSocketAddress address) {
        connections.increment();
    }

    @Override
    public void secureConnectEnd(SessionInfo session, boolean resumed, String protocol, String applicationProtocol) {
        if (applicationProtocol != null) {
            applicationProtocols.add(applicationProtocol.isEmpty() ? "none" : applicationProtocol);
        }
        (resumed ? resumedHandshakes : fullHandshakes).increment();
    }

    /**
     * What ALPN negotiated on the run's connections, e.g. {@code http/1.1}, or {@code none}
     * (no ALPN: HTTP/1.1); several joined by commas; null when not known (no TLS, or a stock client).
     */
    public String applicationProtocols() {
        return applicationProtocols.isEmpty() ? null : String.join(",", new TreeSet<>(applicationProtocols));
    }

    @Override
    public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
        closedConnections.increment();
        requestsOnClosed.add(exchanges);
        minRequests.accumulate(exchanges);
        maxRequests.accumulate(exchanges);
    }

    @Override
    public void loginEnd(Origin origin, long nanos) {
        logins.increment();
    }

    public long connectionsOpened() {
        return connections.sum();
    }

    public long fullHandshakes() {
        return fullHandshakes.sum();
    }

    public long resumedHandshakes() {
        return resumedHandshakes.sum();
    }

    /** Connections the client closed (retired, idle, refused by the server, or at close). */
    public long connectionsClosed() {
        return closedConnections.sum();
    }

    public long logins() {
        return logins.sum();
    }

    /** Requests per connection over the connections closed so far; null when none closed. */
    public PerConnection requestsPerConnection() {
        long n = closedConnections.sum();
        if (n == 0) {
            return null;
        }
        return new PerConnection((double) requestsOnClosed.sum() / n, minRequests.get(), maxRequests.get(), n);
    }

    /** Requests carried per connection: mean, min and max over {@code connections} closed ones. */
    public record PerConnection(double mean, long min, long max, long connections) {
    }
}
