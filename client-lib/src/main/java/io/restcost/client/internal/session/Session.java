package io.restcost.client.internal.session;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.engine.ConnectionHooks;
import io.restcost.client.internal.engine.SessionTransport;
import io.restcost.client.internal.engine.TrackedConnection;
import io.restcost.client.internal.engine.Transport;
import io.restcost.client.session.PolicyKind;
import io.restcost.client.session.RotationLimits;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * One session: one connection at a time, its TLS session, its auth token and its counters.
 * Held by one thread at a time on HTTP/1.1 ({@link ExclusivePool}), by one per stream on
 * HTTP/2 ({@link MultiplexedPool}); the engine's connection events arrive here through
 * {@link ConnectionHooks}, so every connection, handshake and close is attributed to the
 * session that caused it. Thread-safe.
 */
public final class Session implements ConnectionHooks {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Origin origin;
    private final RotationLimits limits;
    private final boolean oneShot;
    private final long openedNanos;
    private final long idleTimeoutNanos;
    private final Ticker ticker;
    private final RestClientListener listener;
    private final SessionTransport transport;

    private final AtomicInteger requests = new AtomicInteger();
    private volatile Object authState;
    // Written by the holder, read by the pool's reaper while the session idles.
    private volatile long lastUsedNanos;

    private volatile TrackedConnection connection;
    private volatile String applicationProtocol;
    private volatile int serverStreamLimit = -1;
    private volatile Runnable onReady;
    // Guarded by this: a close during an exchange is reported once the exchange knows its outcome.
    private CloseReason decided;
    private int inExchange;
    private int mostInExchange; // on the current connection
    // A stale connection replaced mid-exchange by one that closes too: every close is reported.
    private final List<TrackedConnection> closedDuringExchange = new ArrayList<>(2);
    private boolean retired;

    Session(Origin origin, RotationLimits limits, boolean oneShot, long idleTimeoutNanos, Ticker ticker,
            RestClientListener listener, Transport engine) {
        this.origin = origin;
        this.limits = limits;
        this.oneShot = oneShot;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.ticker = ticker;
        this.listener = listener;
        this.openedNanos = ticker.read();
        this.lastUsedNanos = openedNanos;
        this.transport = engine.openSession(origin, this);
    }

    /**
     * A new session of {@code origin}, its limits drawn from {@code policy} (jitter from
     * {@code random}, or {@link java.util.concurrent.ThreadLocalRandom} when null; an injected
     * generator is used under a lock, since most are not thread-safe), reported opened.
     */
    static Session open(Origin origin, Transport engine, SessionPolicy policy, Ticker ticker, RandomGenerator random,
                        RestClientListener listener) {
        RotationLimits limits;
        if (random == null) {
            limits = RotationLimits.draw(policy, java.util.concurrent.ThreadLocalRandom.current());
        } else {
            synchronized (random) {
                limits = RotationLimits.draw(policy, random);
            }
        }
        Session s = new Session(origin, limits, policy.kind() == PolicyKind.ONE_SHOT, policy.idleTimeout().toNanos(),
                ticker, listener, engine);
        listener.sessionOpened(s.info());
        return s;
    }

    public long id() {
        return id;
    }

    public Origin origin() {
        return origin;
    }

    public RotationLimits limits() {
        return limits;
    }

    /** Application requests carried so far (logins not included). */
    public int requests() {
        return requests.get();
    }

    /** What listeners get: a snapshot, never this live object. */
    public SessionInfo info() {
        return new SessionInfo(id, origin, limits, requests.get());
    }

    /** Per-session authentication state (a token holder), owned by the auth layer. */
    public Object authState() {
        return authState;
    }

    /** The authentication state, made by {@code make} once however many holders ask at once. */
    public Object authState(java.util.function.Supplier<Object> make) {
        Object state = authState;
        if (state == null) {
            synchronized (this) {
                state = authState;
                if (state == null) {
                    state = make.get();
                    authState = state;
                }
            }
        }
        return state;
    }

    /** The protocol ALPN chose for the connection ({@code h2}, {@code http/1.1}), or null before it is up or without ALPN. */
    public String applicationProtocol() {
        return applicationProtocol;
    }

    /** Called once the connection is up and its engine can share it between exchanges. */
    void onReady(Runnable ready) {
        this.onReady = ready;
    }

    /**
     * Counts one application request about to be sent and says whether it is the session's
     * last on HTTP/1.1: then it must carry {@code Connection: close}, and the session retires
     * after it. On HTTP/2 it is never so: the streams lent before it may not have started yet,
     * and an engine takes no new stream on a connection once a request said close. The
     * {@link MultiplexedPool} closes the connection once they have all ended.
     */
    public boolean reserve() {
        if (requests.incrementAndGet() >= limits.maxRequests()) {
            synchronized (this) {
                decided = oneShot ? CloseReason.ONE_SHOT : CloseReason.MAX_REQUESTS;
            }
            return !"h2".equals(applicationProtocol);
        }
        return false;
    }

    /** The reason this session will close, once {@link #reserve()} said its last request is out; else null. */
    public synchronized CloseReason decidedReason() {
        return decided;
    }

    /** Sends one exchange to the session's origin over its connection, opening one if needed. */
    public RestResponse exchange(RestRequest request, String authorization, String cookie,
                                 String csrfToken, boolean last) throws IOException {
        synchronized (this) {
            inExchange++;
            mostInExchange = Math.max(mostInExchange, inExchange);
        }
        boolean failed = true;
        try {
            RestResponse response = transport.exchange(request, authorization, cookie, csrfToken, last);
            failed = false;
            return response;
        } finally {
            TrackedConnection[] closed = null; // most exchanges close nothing: no copy, no iterator then
            CloseReason reason;
            TrackedConnection current;
            synchronized (this) {
                inExchange--;
                current = connection;
                if (current != null && !failed) {
                    current.countExchange();
                }
                if (!closedDuringExchange.isEmpty()) {
                    closed = closedDuringExchange.toArray(new TrackedConnection[0]);
                    closedDuringExchange.clear();
                }
                reason = decided != null ? decided : failed ? CloseReason.ERROR : CloseReason.SERVER;
            }
            if (closed != null) {
                for (TrackedConnection c : closed) {
                    // A connection closed under the exchange and replaced by another was closed by the
                    // server (the engine found it stale); the one that carried the exchange closes for its reason.
                    reportClosed(c == current ? reason : CloseReason.SERVER, c);
                }
            }
        }
    }

    /** Why the pool must not hand this session out again, or null if it may. */
    CloseReason expiredReason(long now) {
        return expiredReason(now, true);
    }

    /** As {@link #expiredReason(long)}; {@code unused} false when exchanges are in flight, so it is not idle. */
    CloseReason expiredReason(long now, boolean unused) {
        if (now - openedNanos >= limits.maxAgeNanos()) {
            return CloseReason.MAX_AGE;
        }
        if (unused && now - lastUsedNanos >= idleTimeoutNanos) {
            return CloseReason.IDLE;
        }
        TrackedConnection s = connection;
        if (s != null && s.isClosedOrBroken()) {
            return CloseReason.SERVER;
        }
        return null;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    void touched(long now) {
        lastUsedNanos = now;
    }

    /** Closes the connection (if open) and reports the session retired. Idempotent. */
    void retire(CloseReason reason) {
        synchronized (this) {
            if (retired) {
                return;
            }
            retired = true;
            if (decided == null) {
                decided = reason;
            }
            reason = decided;
        }
        transport.close();
        listener.sessionRetired(info(), reason);
    }

    // ---- ConnectionHooks: what the engine reports about this session's connection ----

    @Override
    public void connectStart(InetSocketAddress address) {
        listener.connectStart(info(), address);
    }

    @Override
    public void connectEnd(TrackedConnection s) {
        synchronized (this) {
            mostInExchange = inExchange;
        }
        serverStreamLimit = -1;
        connection = s;
        if (!origin.secure()) {
            applicationProtocol = "http/1.1";
            s.markEstablished();
        }
        listener.connectEnd(info(), s.remoteAddress());
    }

    @Override
    public void connectFailed(InetSocketAddress address, IOException cause) {
        listener.connectFailed(info(), address, cause);
    }

    @Override
    public void secureConnectStart(TrackedConnection s) {
        listener.secureConnectStart(info());
    }

    @Override
    public void secureConnectEnd(TrackedConnection s, SSLSession tls) {
        // Observed, not assumed: a session created before this connection began was resumed;
        // and so was one whose handshake read less than the server's certificate, which a
        // full handshake must carry. The second catches a resumption from a ticket received
        // in the same millisecond the connect began, and is the only test where session times
        // are whole seconds (Conscrypt).
        boolean resumed = (s.sessionTimesExact() && tls.getCreationTime() < s.connectStartMillis())
                || carriedNoCertificate(s, tls);
        s.markEstablished();
        String alpn = s.applicationProtocol();
        applicationProtocol = alpn == null || alpn.isEmpty() ? "http/1.1" : alpn;
        listener.secureConnectEnd(info(), resumed, tls.getProtocol(), alpn);
    }

    @Override
    public void connectionReady() {
        if (serverStreamLimit < 0 && "h2".equals(applicationProtocol)) {
            // The server's SETTINGS are not read yet: it may allow fewer streams than the pool
            // would lend. The pool counts the session ready once its first exchange has ended.
            return;
        }
        // The engine says so for every exchange; the pool needs it once (a race runs it twice, harmlessly).
        Runnable r = onReady;
        if (r != null) {
            onReady = null;
            r.run();
        }
    }

    private static boolean carriedNoCertificate(TrackedConnection s, SSLSession tls) {
        try {
            Certificate[] chain = tls.getPeerCertificates();
            long read = s.bytesRead();
            return read >= 0 && chain.length > 0 && read < chain[0].getEncoded().length;
        } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
            return false;
        }
    }

    @Override
    public void secureConnectFailed(TrackedConnection s, IOException cause) {
        listener.secureConnectFailed(info(), cause);
    }

    @Override
    public void connectionClosed(TrackedConnection s) {
        if (!s.established()) {
            return; // reported already as connectFailed or secureConnectFailed
        }
        CloseReason reason;
        synchronized (this) {
            if (inExchange > 0) {
                closedDuringExchange.add(s);
                return;
            }
            if (decided != null) {
                reason = decided;
            } else {
                reason = ticker.read() - lastUsedNanos >= idleTimeoutNanos ? CloseReason.IDLE : CloseReason.SERVER;
            }
        }
        reportClosed(reason, s);
    }

    /** Reports a connection closed, with its streams first when it spoke HTTP/2. */
    private void reportClosed(CloseReason reason, TrackedConnection s) {
        if ("h2".equals(applicationProtocol)) {
            int most;
            synchronized (this) {
                most = mostInExchange;
            }
            listener.streamsOnConnection(info(), most, serverStreamLimit);
        }
        listener.connectionClosed(info(), reason, s.exchanges());
    }

    @Override
    public void serverStreamLimit(int limit) {
        if (limit > 0) {
            serverStreamLimit = limit;
        }
    }

    /** The most streams the connection's server allows at once, or -1 while not known or unlimited. */
    int serverStreamLimit() {
        return serverStreamLimit;
    }

    /** Identity and counters only. */
    @Override
    public String toString() {
        return "Session#" + id + "{" + origin + ", requests=" + requests.get() + ", limits=" + limits + "}";
    }
}
