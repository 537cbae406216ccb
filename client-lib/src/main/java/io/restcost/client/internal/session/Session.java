package io.restcost.client.internal.session;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.engine.ConnectionHooks;
import io.restcost.client.internal.engine.SessionTransport;
import io.restcost.client.internal.engine.TrackedSocket;
import io.restcost.client.internal.engine.Transport;
import io.restcost.client.session.RotationLimits;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One session: one connection at a time, its TLS session, its auth token and its counters.
 * Held by one thread at a time (the {@link SessionPool} hands it out exclusively); the
 * engine's connection events arrive here through {@link ConnectionHooks}, so every
 * connection, handshake and close is attributed to the session that caused it.
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

    // Touched only by the holding thread; the pool's queue publishes them between holders.
    private int requests;
    private Object authState;
    // Written by the holder, read by the pool's reaper while the session idles.
    private volatile long lastUsedNanos;

    private volatile TrackedSocket socket;
    // Guarded by this: a close during an exchange is reported once the exchange knows its outcome.
    private CloseReason decided;
    private boolean inExchange;
    // A stale connection replaced mid-exchange by one that closes too: every close is reported.
    private final List<TrackedSocket> closedDuringExchange = new ArrayList<>(2);
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
        return requests;
    }

    /** What listeners get: a snapshot, never this live object. */
    public SessionInfo info() {
        return new SessionInfo(id, origin, limits, requests);
    }

    /** Per-session authentication state (a token), owned by the auth layer. */
    public Object authState() {
        return authState;
    }

    public void authState(Object state) {
        this.authState = state;
    }

    /**
     * Counts one application request about to be sent and says whether it is the session's
     * last: then it must carry {@code Connection: close}, and the session retires after it.
     */
    public boolean reserve() {
        if (++requests >= limits.maxRequests()) {
            synchronized (this) {
                decided = oneShot ? CloseReason.ONE_SHOT : CloseReason.MAX_REQUESTS;
            }
            return true;
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
            inExchange = true;
        }
        boolean failed = true;
        try {
            RestResponse response = transport.exchange(request, authorization, cookie, csrfToken, last);
            failed = false;
            return response;
        } finally {
            TrackedSocket[] closed = null; // most exchanges close nothing: no copy, no iterator then
            CloseReason reason;
            TrackedSocket current;
            synchronized (this) {
                inExchange = false;
                current = socket;
                if (current != null && !failed) {
                    current.countExchange();
                }
                if (!closedDuringExchange.isEmpty()) {
                    closed = closedDuringExchange.toArray(new TrackedSocket[0]);
                    closedDuringExchange.clear();
                }
                reason = decided != null ? decided : failed ? CloseReason.ERROR : CloseReason.SERVER;
            }
            if (closed != null) {
                for (TrackedSocket c : closed) {
                    // A connection closed under the exchange and replaced by another was closed by the
                    // server (the engine found it stale); the one that carried the exchange closes for its reason.
                    listener.connectionClosed(info(), c == current ? reason : CloseReason.SERVER, c.exchanges());
                }
            }
        }
    }

    /** Why the pool must not hand this session out again, or null if it may. */
    CloseReason expiredReason(long now) {
        if (now - openedNanos >= limits.maxAgeNanos()) {
            return CloseReason.MAX_AGE;
        }
        if (now - lastUsedNanos >= idleTimeoutNanos) {
            return CloseReason.IDLE;
        }
        TrackedSocket s = socket;
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
    public void connectEnd(TrackedSocket s) {
        socket = s;
        if (!origin.secure()) {
            s.markEstablished();
        }
        listener.connectEnd(info(), (InetSocketAddress) s.getRemoteSocketAddress());
    }

    @Override
    public void connectFailed(InetSocketAddress address, IOException cause) {
        listener.connectFailed(info(), address, cause);
    }

    @Override
    public void secureConnectStart(TrackedSocket s) {
        listener.secureConnectStart(info());
    }

    @Override
    public void secureConnectEnd(TrackedSocket s, SSLSession tls) {
        // Observed, not assumed: a session created before this connection began was resumed;
        // and so was one whose handshake read less than the server's certificate, which a
        // full handshake must carry. The second catches a resumption from a ticket received
        // in the same millisecond the connect began, and is the only test where session times
        // are whole seconds (Conscrypt).
        boolean resumed = (s.sessionTimesExact() && tls.getCreationTime() < s.connectStartMillis())
                || carriedNoCertificate(s, tls);
        s.markEstablished();
        SSLSocket socket = s.tlsSocket();
        listener.secureConnectEnd(info(), resumed, tls.getProtocol(), socket == null ? null : socket.getApplicationProtocol());
    }

    private static boolean carriedNoCertificate(TrackedSocket s, SSLSession tls) {
        try {
            Certificate[] chain = tls.getPeerCertificates();
            return chain.length > 0 && s.bytesRead() < chain[0].getEncoded().length;
        } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
            return false;
        }
    }

    @Override
    public void secureConnectFailed(TrackedSocket s, IOException cause) {
        listener.secureConnectFailed(info(), cause);
    }

    @Override
    public void connectionClosed(TrackedSocket s) {
        if (!s.established()) {
            return; // reported already as connectFailed or secureConnectFailed
        }
        CloseReason reason;
        synchronized (this) {
            if (inExchange) {
                closedDuringExchange.add(s);
                return;
            }
            if (decided != null) {
                reason = decided;
            } else {
                reason = ticker.read() - lastUsedNanos >= idleTimeoutNanos ? CloseReason.IDLE : CloseReason.SERVER;
            }
        }
        listener.connectionClosed(info(), reason, s.exchanges());
    }

    /** Identity and counters only. */
    @Override
    public String toString() {
        return "Session#" + id + "{" + origin + ", requests=" + requests + ", limits=" + limits + "}";
    }
}
