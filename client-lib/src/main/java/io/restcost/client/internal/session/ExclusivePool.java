package io.restcost.client.internal.session;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.internal.engine.Transport;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Where rotation is decided on HTTP/1.1: hands out the sessions of one origin, one holder at a time,
 * and retires each when its drawn request limit, age limit or idle timeout says so, or when
 * the server closed its connection.
 *
 * <p>Idle sessions are kept most-recently-used first, so under light load the same few stay
 * warm and the rest age out. A session is opened only when none is idle, so C threads hold
 * at most C sessions. An idle session that expires is retired without waiting for traffic:
 * {@link #evictExpired} runs on the {@link SessionReaper}'s thread. Thread-safe.
 */
public final class ExclusivePool implements SessionPool {

    private final Origin origin;
    private final Transport engine;
    private final SessionPolicy policy;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final RestClientListener listener;
    private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param random the source of jitter; null for {@link ThreadLocalRandom}. An injected
     *     generator is used under a lock, since most are not thread-safe.
     */
    public ExclusivePool(Origin origin, Transport engine, SessionPolicy policy, Ticker ticker,
                       RandomGenerator random, RestClientListener listener) {
        this.origin = origin;
        this.engine = engine;
        this.policy = policy;
        this.ticker = ticker;
        this.random = random;
        this.listener = listener;
    }

    /**
     * A session for the calling thread alone, until it gives it back with {@link #release}.
     *
     * @throws IllegalStateException if the pool is closed
     */
    @Override
    public Session acquire() {
        for (;;) {
            if (closed) {
                throw new IllegalStateException("the client is closed; build a new RestClient");
            }
            Session s = idle.pollFirst();
            if (s == null) {
                s = open();
                if (closed) {
                    // close() ran while it opened: it must not outlive the pool.
                    retire(s, CloseReason.CLIENT_CLOSED);
                    throw new IllegalStateException("the client is closed; build a new RestClient");
                }
                return s;
            }
            CloseReason expired = s.expiredReason(ticker.read());
            if (expired == null) {
                return s;
            }
            retire(s, expired);
        }
    }

    /**
     * Gives a session back.
     *
     * @param decided a reason to retire it now (its last request went out, or it failed), or
     *     null to keep it unless it has expired
     */
    @Override
    public void release(Session s, CloseReason decided) {
        long now = ticker.read();
        s.touched(now);
        CloseReason reason = decided != null ? decided : s.expiredReason(now);
        if (reason != null) {
            retire(s, reason);
            return;
        }
        idle.offerFirst(s);
        // The coldest session sits at the tail: retire it here if it has idled out, so idle
        // connections close even when LIFO order never hands them out again.
        Session coldest = idle.peekLast();
        if (coldest != null && coldest != s) {
            CloseReason coldReason = coldest.expiredReason(now);
            if (coldReason != null && idle.removeLastOccurrence(coldest)) {
                retire(coldest, coldReason);
            }
        }
        if (closed) {
            drainIdle(CloseReason.CLIENT_CLOSED);
        }
    }

    /**
     * Retires every idle session that has expired (idle timeout, age, or a connection that is
     * gone) as of {@code now}, without waiting for a request to find it. A session taken by a
     * request meanwhile is that request's to judge.
     */
    @Override
    public void evictExpired(long now) {
        for (Session s : idle) {
            CloseReason reason = s.expiredReason(now);
            if (reason != null && idle.removeFirstOccurrence(s)) {
                retire(s, reason);
            }
        }
    }

    /** Sessions open now: idle plus held. */
    @Override
    public int openSessions() {
        return open.get();
    }

    /** Takes every idle session out of the pool (for logging out before close). */
    @Override
    public List<Session> takeIdle() {
        List<Session> taken = new ArrayList<>();
        for (Session s; (s = idle.pollFirst()) != null; ) {
            taken.add(s);
        }
        return taken;
    }

    /** Retires a session taken with {@link #takeIdle()} or held. */
    @Override
    public void retire(Session s, CloseReason reason) {
        s.retire(reason);
        open.decrementAndGet();
    }

    /** Retires the idle sessions; held ones retire when released. */
    @Override
    public void close() {
        closed = true;
        drainIdle(CloseReason.CLIENT_CLOSED);
    }

    @Override
    public Origin origin() {
        return origin;
    }

    private void drainIdle(CloseReason reason) {
        for (Session s; (s = idle.pollFirst()) != null; ) {
            retire(s, reason);
        }
    }

    private Session open() {
        Session s = Session.open(origin, engine, policy, ticker, random, listener);
        open.incrementAndGet();
        return s;
    }
}
