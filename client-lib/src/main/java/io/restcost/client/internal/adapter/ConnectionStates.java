package io.restcost.client.internal.adapter;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import io.restcost.client.session.PolicyKind;
import io.restcost.client.session.RotationLimits;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLSession;

/**
 * Where a stock client's rotation is decided: the limits each connection drew when it was
 * first seen, and the rule that ends it after its drawn number of exchanges or its drawn age.
 * Connections are the engine's own objects (HttpClient 5's {@code EndpointDetails}, OkHttp's
 * {@code Connection}), held weakly, so one the engine drops on its own is forgotten.
 * Reports each connection to the listener as a session of one connection. Thread-safe.
 */
public final class ConnectionStates {

    private static final AtomicLong IDS = new AtomicLong();

    private final SessionPolicy policy;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final RestClientListener listener;
    private final Map<Object, State> states = Collections.synchronizedMap(new WeakHashMap<>());
    // Creation times of the TLS sessions connections were opened with: a TLS 1.3 session that
    // resumes another keeps that one's creation time, under a new session id.
    private final Set<Long> sessionsCreated = ConcurrentHashMap.newKeySet();

    /** @param random the source of jitter, or null for {@link ThreadLocalRandom} */
    public ConnectionStates(SessionPolicy policy, Ticker ticker, RandomGenerator random, RestClientListener listener) {
        this.policy = policy;
        this.ticker = ticker;
        this.random = random;
        this.listener = listener;
    }

    /**
     * One connection's drawn limits and what it carried. A connection is retired once (it takes
     * no new exchange from then on), and reported closed once its exchanges in flight have
     * ended: on HTTP/2 other streams may still be on it when it reaches its limit.
     */
    public static final class State {
        final long id = IDS.incrementAndGet();
        final Origin origin;
        final RotationLimits limits;
        final long openedNanos;
        private int exchanges; // guarded by this
        private int inFlight; // guarded by this
        private int mostInFlight; // guarded by this
        private int serverStreamLimit = -1; // guarded by this
        private String protocol; // guarded by this: what ALPN chose, once known
        private CloseReason retired; // guarded by this
        private boolean reported; // guarded by this
        private boolean handshakeReported; // guarded by this

        synchronized CloseReason retired() {
            return retired;
        }

        State(Origin origin, RotationLimits limits, long openedNanos) {
            this.origin = origin;
            this.limits = limits;
            this.openedNanos = openedNanos;
        }

        synchronized SessionInfo info() {
            return new SessionInfo(id, origin, limits, exchanges);
        }

        /** Whether it is retired, held by no call and not yet reported closed: true once, for the one report. */
        synchronized boolean takeCloseReport() {
            boolean report = retired != null && inFlight <= 0 && !reported;
            reported |= report;
            return report;
        }
    }

    /** The state of {@code connection}, or null if it was not seen yet. */
    public State get(Object connection) {
        return states.get(connection);
    }

    /**
     * Records a new connection: draws its limits and reports it opened, and its handshake when
     * it has a TLS session. Returns the state it already had if it was seen, reporting its
     * handshake then if it was seen without one.
     *
     * <p>The handshake counts as resumed when its session was created before the connection began
     * (so it came from an earlier connection). When only the first exchange's start is known, it
     * also counts as resumed when its session was created at the same millisecond as an earlier
     * connection's (a TLS 1.3 session that resumes another keeps that one's creation time), at
     * the risk of counting the second of two full handshakes in one millisecond as resumed.
     *
     * @param address where it goes, or null if unknown
     * @param tls the connection's TLS session, or null for plain HTTP
     * @param startedMillis wall-clock time at which the connection's TLS handshake (or the
     *     connection, or its first exchange) began
     * @param connectTime whether {@code startedMillis} is the connection's own start
     * @param applicationProtocol what ALPN chose, e.g. {@code h2}, or null when the engine does not say
     */
    public State opened(Object connection, Origin origin, InetSocketAddress address, SSLSession tls, long startedMillis,
                        boolean connectTime, String applicationProtocol) {
        State s;
        boolean known;
        synchronized (states) {
            s = states.get(connection);
            known = s != null;
            if (!known) {
                s = new State(origin, draw(), ticker.read());
                states.put(connection, s);
            }
        }
        if (applicationProtocol != null) {
            synchronized (s) {
                s.protocol = applicationProtocol;
            }
        }
        SessionInfo info = s.info();
        if (!known) {
            listener.sessionOpened(info);
            listener.connectEnd(info, address);
        }
        boolean handshake;
        synchronized (s) {
            // On HTTP/2 another call's exchange may reach a new connection before its maker
            // reports it, knowing no TLS session: the maker reports the handshake then.
            handshake = tls != null && !s.handshakeReported;
            s.handshakeReported |= handshake;
        }
        if (handshake) {
            long created = tls.getCreationTime();
            boolean seenBefore = !sessionsCreated.add(created);
            // Within one millisecond the clock cannot tell: then a creation time an earlier
            // connection's session had says resumed.
            boolean resumed = created < startedMillis || (seenBefore && (!connectTime || created == startedMillis));
            listener.secureConnectEnd(info, resumed, tls.getProtocol(), applicationProtocol);
        }
        return s;
    }


    /**
     * Reports a connection the engine made and closed unused, having kept another call's to the
     * same origin: opened, shaken hands with and closed at once, as a session that carried
     * nothing ({@link CloseReason#RACED}). Whether its handshake resumed is not known to a stock
     * client's listener (OkHttp reports no TLS session for it): it is reported as full, which
     * connections made at the same moment mostly are (measured on the mock: 256 of 290
     * handshakes full where 8 threads rotated OkHttp's HTTP/2 connection every 50 exchanges).
     *
     * @param tlsProtocol the TLS version of its handshake, or null for plain HTTP
     */
    public void raced(Origin origin, InetSocketAddress address, String tlsProtocol, String applicationProtocol) {
        State s = new State(origin, draw(), ticker.read());
        SessionInfo info = s.info();
        listener.sessionOpened(info);
        listener.connectEnd(info, address);
        if (tlsProtocol != null) {
            listener.secureConnectEnd(info, false, tlsProtocol, applicationProtocol);
        }
        closed(s, CloseReason.RACED);
    }


    /**
     * Counts one exchange on the connection and says whether it must be the last: its drawn
     * number of exchanges is reached, or it has lived its drawn age. Null when it may go on.
     *
     * @param exchanges the exchanges the connection has carried with this one, or -1 to count them here
     */
    public CloseReason exchange(State s, int exchanges) {
        int n;
        synchronized (s) {
            n = exchanges >= 0 ? exchanges : s.exchanges + 1;
            s.exchanges = n;
            if (s.retired != null) {
                return null; // already retired: an exchange that was on its way when it was (HTTP/2)
            }
        }
        if (n >= s.limits.maxRequests()) {
            return policy.kind() == PolicyKind.ONE_SHOT ? CloseReason.ONE_SHOT : CloseReason.MAX_REQUESTS;
        }
        if (ticker.read() - s.openedNanos >= s.limits.maxAgeNanos()) {
            return CloseReason.MAX_AGE;
        }
        return null;
    }

    /** A call takes the connection (an HTTP/2 connection may be held by several at once): it is on it until {@link #end}. */
    public void begin(State s) {
        synchronized (s) {
            s.inFlight++;
            s.mostInFlight = Math.max(s.mostInFlight, s.inFlight);
        }
    }

    /** The most streams the connection's server allows, as its engine knows it now; ignored when not known (not positive). */
    public void serverStreamLimit(State s, int limit) {
        if (limit > 0) {
            synchronized (s) {
                s.serverStreamLimit = limit;
            }
        }
    }

    /**
     * A call releases the connection. A retired connection is reported closed once no call holds
     * it and the engine has closed it: OkHttp gives a pooled HTTP/2 connection to a call before
     * it tells that call's listener, so a connection no listener holds may still carry one more
     * exchange while it is open; and it closes a retired connection's socket before it tells the
     * last call that released it.
     *
     * @param engineClosed whether the engine has closed the connection
     */
    public void end(State s, boolean engineClosed) {
        synchronized (s) {
            s.inFlight--;
        }
        if (engineClosed) {
            reportIfDrained(s);
        }
    }

    /**
     * The connection takes no new exchange, for {@code reason}: retired now, once, and reported
     * closed once the exchanges in flight on it (begun and not ended) have ended. Its state stays
     * (held weakly, as every state is), so a stream that was already on its way to it counts on
     * it instead of opening a session of its own.
     */
    public void closed(State s, CloseReason reason) {
        synchronized (s) {
            if (s.retired != null) {
                return;
            }
            s.retired = reason;
        }
        reportIfDrained(s);
        listener.sessionRetired(s.info(), reason);
    }

    /** Reports every connection still open as closed for {@code reason} (the client was closed), and every retired one not yet reported. */
    public void closeAll(CloseReason reason) {
        List<State> all;
        synchronized (states) {
            all = new ArrayList<>(states.values());
        }
        for (State s : all) {
            synchronized (s) {
                s.inFlight = 0;
            }
            closed(s, reason);
            reportIfDrained(s);
        }
    }

    private void reportIfDrained(State s) {
        if (s.takeCloseReport()) {
            SessionInfo info = s.info();
            int most;
            int limit;
            boolean h2;
            synchronized (s) {
                most = s.mostInFlight;
                limit = s.serverStreamLimit;
                h2 = "h2".equals(s.protocol);
            }
            if (h2) {
                listener.streamsOnConnection(info, most, limit);
            }
            listener.connectionClosed(info, s.retired(), info.requests());
        }
    }

    private RotationLimits draw() {
        if (random == null) {
            return RotationLimits.draw(policy, ThreadLocalRandom.current());
        }
        synchronized (random) {
            return RotationLimits.draw(policy, random);
        }
    }
}
