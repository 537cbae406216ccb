package io.restcost.client.internal.session;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.internal.engine.Transport;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Where rotation is decided on HTTP/2: lends each session to many holders at once, one
 * stream each, over its one connection.
 *
 * <ul>
 *   <li>A session takes new streams while it has fewer in flight than its limit and its
 *       server's {@code SETTINGS_MAX_CONCURRENT_STREAMS}, and until it
 *       has been lent as many times as its drawn request limit. Then it drains: it takes no
 *       new stream and retires once its last stream has ended. A connection so carries
 *       exactly its limit, never more, and no exchange is cut off.</li>
 *   <li>Age, an error or the server's close drain a session the same way.</li>
 *   <li>At most {@link Multiplexing#connectionsPerOrigin()} sessions take streams at once;
 *       a new one opens when fewer do (pooled: one for the client's life; rotating: the next
 *       once the last drains; one-shot: one per request, as on HTTP/1.1).</li>
 *   <li>A new session is lent to one holder until its connection is up, so threads starting
 *       together share one connection instead of racing to make one each. The others wait.</li>
 *   <li>When the server chooses the protocol and chose HTTP/1.1, a session carries one stream
 *       at a time and as many open as there are holders, as {@link ExclusivePool} does.</li>
 * </ul>
 *
 * Thread-safe: one lock guards the counts; no engine call is made under it.
 */
public final class MultiplexedPool implements SessionPool {

    private static final long WAIT_MILLIS = 1000;

    private final Origin origin;
    private final Transport engine;
    private final SessionPolicy policy;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final RestClientListener listener;
    private final Multiplexing multiplexing;
    private final Object lock = new Object();
    // Guarded by lock: sessions taking new streams, and every open session with its counts.
    private final List<Lent> admitting = new ArrayList<>();
    private final Map<Session, Lent> open = new IdentityHashMap<>();
    private boolean closed;
    private int waiters;
    private List<Lent> retiring; // drained sessions with nothing in flight, to retire once the lock is let go
    private Boolean multiplexes; // null until an origin's first connection says (learnsProtocol only)

    /** One session's counts. Guarded by the pool's lock. */
    private static final class Lent {
        final Session session;
        int inFlight;
        int lent;
        boolean ready;
        int maxStreams = 1;
        CloseReason draining;

        Lent(Session session) {
            this.session = session;
        }
    }

    public MultiplexedPool(Origin origin, Transport engine, SessionPolicy policy, Ticker ticker, RandomGenerator random,
                           RestClientListener listener, Multiplexing multiplexing) {
        this.origin = origin;
        this.engine = engine;
        this.policy = policy;
        this.ticker = ticker;
        this.random = random;
        this.listener = listener;
        this.multiplexing = multiplexing;
        this.multiplexes = multiplexing.learnsProtocol() ? null : Boolean.TRUE;
    }

    @Override
    public Session acquire() throws InterruptedIOException {
        List<Lent> done = null;
        try {
            synchronized (lock) {
                try {
                    Lent chosen = chooseOrWait();
                    chosen.inFlight++;
                    chosen.lent++;
                    if (chosen.lent >= chosen.session.limits().maxRequests()) {
                        // Its last stream is lent: it drains (the session words it one-shot or max-requests).
                        drain(chosen, CloseReason.MAX_REQUESTS);
                    }
                    return chosen.session;
                } finally {
                    done = takeRetiring();
                }
            }
        } finally {
            retireAll(done); // those that expired while it looked, whether it got a session or not
        }
    }

    /** The session with the fewest streams in flight that takes one more; a new one if none and the limit allows. */
    private Lent chooseOrWait() throws InterruptedIOException {
        for (;;) {
            if (closed) {
                throw new IllegalStateException("the client is closed; build a new RestClient");
            }
            long now = ticker.read();
            Lent chosen = null;
            for (int i = 0; i < admitting.size(); ) {
                Lent l = admitting.get(i);
                CloseReason reason = l.session.expiredReason(now, l.inFlight == 0);
                if (reason != null) {
                    drain(l, reason); // takes it out of admitting: the next is at i now
                    continue;
                }
                if (l.ready && l.inFlight < streamsAllowed(l) && (chosen == null || l.inFlight < chosen.inFlight)) {
                    chosen = l;
                }
                i++;
            }
            if (chosen != null) {
                return chosen;
            }
            if (admitting.size() < connectionLimit()) {
                return openLocked();
            }
            waiters++;
            try {
                lock.wait(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a stream to " + origin);
            } finally {
                waiters--;
            }
        }
    }

    /** Its streams at once: the client's setting, or fewer where the server allows fewer (it would open another connection). */
    private static int streamsAllowed(Lent l) {
        int server = l.session.serverStreamLimit();
        return server > 0 ? Math.min(l.maxStreams, server) : l.maxStreams;
    }

    private int connectionLimit() {
        if (multiplexes == null) {
            return 1; // the first connection tells what the server speaks
        }
        return multiplexes ? multiplexing.connectionsPerOrigin() : Integer.MAX_VALUE;
    }

    private Lent openLocked() {
        Session s = Session.open(origin, engine, policy, ticker, random, listener);
        Lent l = new Lent(s);
        s.onReady(() -> ready(s));
        admitting.add(l);
        open.put(s, l);
        return l;
    }

    /** The session's connection is up and pooled by its engine: it may take more streams. */
    private void ready(Session s) {
        synchronized (lock) {
            Lent l = open.get(s);
            if (l != null && !l.ready) {
                readyLocked(l);
                wake();
            }
        }
    }

    /**
     * Marks a session's connection up. Asked for HTTP/2, it is HTTP/2 (the engine refuses
     * anything else); when the server chooses, ALPN says, and the first connection tells the pool.
     */
    private void readyLocked(Lent l) {
        l.ready = true;
        String alpn = l.session.applicationProtocol();
        boolean h2 = !multiplexing.learnsProtocol() || "h2".equals(alpn);
        if (multiplexes == null && alpn != null) {
            multiplexes = h2;
        }
        l.maxStreams = h2 ? multiplexing.streamsPerConnection() : 1;
    }

    @Override
    public void release(Session s, CloseReason decided) {
        s.touched(ticker.read());
        List<Lent> done;
        synchronized (lock) {
            Lent l = open.get(s);
            if (l == null) {
                return; // retired already (takeIdle and retire)
            }
            l.inFlight--;
            if (!l.ready && decided == null) {
                readyLocked(l); // its first exchange ended, and the engine did not say so before
            }
            if (decided != null) {
                drain(l, decided);
            } else {
                retireIfDrained(l);
            }
            wake(); // a stream is free, or a connection may open
            done = takeRetiring();
        }
        retireAll(done);
    }

    /** Takes no new stream on {@code l}, and retires it once nothing is in flight on it. Under the lock. */
    private void drain(Lent l, CloseReason reason) {
        if (l.draining == null) {
            l.draining = reason;
        }
        admitting.remove(l);
        retireIfDrained(l);
    }

    /** A drained session with nothing in flight leaves the pool; it is retired once the lock is let go. */
    private void retireIfDrained(Lent l) {
        if (l.draining != null && l.inFlight == 0 && open.remove(l.session) != null) {
            if (retiring == null) {
                retiring = new ArrayList<>(2);
            }
            retiring.add(l);
        }
    }

    private List<Lent> takeRetiring() {
        List<Lent> r = retiring;
        retiring = null;
        return r;
    }

    /** Closes what {@link #retireIfDrained} took out: engine calls, so never under the lock. */
    private static void retireAll(List<Lent> retiring) {
        if (retiring != null) {
            retiring.forEach(l -> l.session.retire(l.draining));
        }
    }

    private void wake() {
        if (waiters > 0) {
            lock.notifyAll();
        }
    }

    @Override
    public void evictExpired(long now) {
        List<Lent> expired;
        synchronized (lock) {
            for (int i = 0; i < admitting.size(); ) {
                Lent l = admitting.get(i);
                CloseReason reason = l.session.expiredReason(now, l.inFlight == 0);
                if (reason != null) {
                    drain(l, reason);
                } else {
                    i++;
                }
            }
            expired = takeRetiring();
        }
        retireAll(expired);
    }

    @Override
    public int openSessions() {
        synchronized (lock) {
            return open.size();
        }
    }

    @Override
    public List<Session> takeIdle() {
        List<Session> taken = new ArrayList<>();
        synchronized (lock) {
            admitting.removeIf(l -> {
                if (l.inFlight > 0) {
                    return false;
                }
                open.remove(l.session);
                taken.add(l.session);
                return true;
            });
        }
        return taken;
    }

    @Override
    public void retire(Session s, CloseReason reason) {
        synchronized (lock) {
            Lent l = open.remove(s);
            if (l != null) {
                admitting.remove(l);
            }
        }
        s.retire(reason);
    }

    @Override
    public void close() {
        List<Lent> idle;
        synchronized (lock) {
            closed = true;
            while (!admitting.isEmpty()) {
                drain(admitting.get(0), CloseReason.CLIENT_CLOSED);
            }
            lock.notifyAll();
            idle = takeRetiring();
        }
        retireAll(idle);
    }

    @Override
    public Origin origin() {
        return origin;
    }
}
