package io.restcost.client.testing;

import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.CloseReason;
import io.restcost.client.session.RotationLimits;
import io.restcost.client.event.SessionInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a client reported, for tests to compare with what the server counted. */
public final class RecordingListener extends RestClientListener {

    public final AtomicInteger connects = new AtomicInteger();
    public final AtomicInteger fullHandshakes = new AtomicInteger();
    public final AtomicInteger resumedHandshakes = new AtomicInteger();
    public final AtomicInteger sessionsOpened = new AtomicInteger();
    public final AtomicInteger logins = new AtomicInteger();
    public final Map<CloseReason, List<Integer>> closedConnections = new ConcurrentHashMap<>();
    public final Map<CloseReason, AtomicInteger> retiredSessions = new ConcurrentHashMap<>();
    public final List<RotationLimits> limits = new CopyOnWriteArrayList<>();
    /** Per HTTP/2 connection closed: {most streams in flight at once, the server's announced limit}. */
    public final List<int[]> streams = new CopyOnWriteArrayList<>();
    /** Handshakes by the protocol ALPN chose ("none" without ALPN). */
    public final Map<String, AtomicInteger> applicationProtocols = new ConcurrentHashMap<>();

    @Override
    public void sessionOpened(SessionInfo session) {
        sessionsOpened.incrementAndGet();
        limits.add(session.limits());
    }

    @Override
    public void sessionRetired(SessionInfo session, CloseReason reason) {
        retiredSessions.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void connectEnd(SessionInfo session, java.net.InetSocketAddress address) {
        connects.incrementAndGet();
    }

    @Override
    public void secureConnectEnd(SessionInfo session, boolean resumed, String protocol, String applicationProtocol) {
        (resumed ? resumedHandshakes : fullHandshakes).incrementAndGet();
        String alpn = applicationProtocol == null || applicationProtocol.isEmpty() ? "none" : applicationProtocol;
        applicationProtocols.computeIfAbsent(alpn, p -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
        closedConnections.computeIfAbsent(reason, r -> new CopyOnWriteArrayList<>()).add(exchanges);
    }

    @Override
    public void streamsOnConnection(SessionInfo session, int mostInFlight, int serverMaxConcurrentStreams) {
        streams.add(new int[] {mostInFlight, serverMaxConcurrentStreams});
    }

    @Override
    public void loginEnd(io.restcost.client.http.Origin origin, long nanos) {
        logins.incrementAndGet();
    }

    public List<Integer> closed(CloseReason reason) {
        return closedConnections.getOrDefault(reason, List.of());
    }

    public int retired(CloseReason reason) {
        AtomicInteger n = retiredSessions.get(reason);
        return n == null ? 0 : n.get();
    }
}
