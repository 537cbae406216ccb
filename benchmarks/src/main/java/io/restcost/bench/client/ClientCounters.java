package io.restcost.bench.client;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
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
    private final Map<String, LongAdder> applicationProtocols = new ConcurrentHashMap<>();
    private final LongAdder h2Connections = new LongAdder();
    private final LongAdder h2MostStreamsSum = new LongAdder();
    private final LongAccumulator h2MostStreams = new LongAccumulator(Math::max, 0);
    private final LongAccumulator h2ServerLimit = new LongAccumulator(Math::min, Long.MAX_VALUE);
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
            applicationProtocols.computeIfAbsent(applicationProtocol.isEmpty() ? "none" : applicationProtocol, p -> new LongAdder())
                    .increment();
        }
        (resumed ? resumedHandshakes : fullHandshakes).increment();
    }

    /**
     * What ALPN negotiated on the run's connections, e.g. {@code http/1.1}, or {@code none}
     * (no ALPN: HTTP/1.1); several joined by commas; null when not known (no TLS, or a stock client).
     */
    public String applicationProtocols() {
        return applicationProtocols.isEmpty() ? null : String.join(",", new TreeSet<>(applicationProtocols.keySet()));
    }

    /** Connections by what ALPN chose on each ({@code h2}, {@code http/1.1}, {@code none}); null when not known. */
    public Map<String, Long> connectionsByProtocol() {
        if (applicationProtocols.isEmpty()) {
            return null;
        }
        Map<String, Long> by = new TreeMap<>();
        applicationProtocols.forEach((p, n) -> by.put(p, n.sum()));
        return by;
    }

    @Override
    public void streamsOnConnection(SessionInfo session, int mostInFlight, int serverMaxConcurrentStreams) {
        h2Connections.increment();
        h2MostStreamsSum.add(mostInFlight);
        h2MostStreams.accumulate(mostInFlight);
        if (serverMaxConcurrentStreams > 0) {
            h2ServerLimit.accumulate(serverMaxConcurrentStreams);
        }
    }

    /** The HTTP/2 connections closed so far and their streams; null when none was HTTP/2. */
    public Streams streams() {
        long n = h2Connections.sum();
        if (n == 0) {
            return null;
        }
        long limit = h2ServerLimit.get();
        return new Streams(n, h2MostStreams.get(), (double) h2MostStreamsSum.sum() / n, limit == Long.MAX_VALUE ? null : (int) limit);
    }

    /**
     * HTTP/2 connections' streams: how many connections, the most streams any carried at once,
     * the mean of each one's most, and the smallest limit their server announced (null: none announced, or not known).
     */
    public record Streams(long connections, long mostInFlight, double meanMostInFlight, Integer serverMaxConcurrentStreams) {
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
