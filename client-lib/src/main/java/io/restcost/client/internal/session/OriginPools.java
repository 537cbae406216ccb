package io.restcost.client.internal.session;

import io.restcost.client.http.Origin;
import io.restcost.client.session.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/**
 * One {@link SessionPool} per origin: the base URI's, made at once, and one for each other
 * origin a request names, made when first needed. Once closed, it makes no pool and every
 * pool refuses new sessions, even for an origin first named while {@link #close()} ran.
 * Thread-safe.
 */
public final class OriginPools {

    private final Origin baseOrigin;
    private final SessionPool basePool;
    private final Map<Origin, SessionPool> otherPools = new ConcurrentHashMap<>();
    private final Function<Origin, SessionPool> newPool;
    private volatile boolean closed;
    private volatile Ticker ticker;
    private volatile ScheduledFuture<?> reaper;

    /** @param newPool makes the pool of one origin; called once per origin */
    public OriginPools(Origin baseOrigin, Function<Origin, SessionPool> newPool) {
        this.baseOrigin = baseOrigin;
        this.newPool = newPool;
        this.basePool = newPool.apply(baseOrigin);
    }

    /**
     * Retires idle sessions as they expire by {@code ticker}'s time, looking a few times per
     * {@code idleTimeout} on a shared daemon thread, until {@link #close()}.
     */
    public void retireExpiredInBackground(Ticker ticker, Duration idleTimeout) {
        this.ticker = ticker;
        this.reaper = SessionReaper.watch(this, SessionReaper.periodFor(idleTimeout));
    }

    public Origin baseOrigin() {
        return baseOrigin;
    }

    /**
     * The pool of {@code origin}; null means the base URI's.
     *
     * @throws IllegalStateException if closed
     */
    public SessionPool poolFor(Origin origin) {
        if (origin == null || origin.equals(baseOrigin)) {
            return basePool;
        }
        SessionPool pool = otherPools.get(origin);
        if (pool == null) {
            if (closed) {
                throw closedClient();
            }
            pool = otherPools.computeIfAbsent(origin, newPool);
            if (closed) {
                // close() may have listed the pools before this one was added: close it here.
                pool.close();
                throw closedClient();
            }
        }
        return pool;
    }

    private static IllegalStateException closedClient() {
        return new IllegalStateException("the client is closed; build a new RestClient");
    }

    /** Every pool made so far, the base URI's first. */
    public List<SessionPool> all() {
        List<SessionPool> pools = new ArrayList<>();
        pools.add(basePool);
        pools.addAll(otherPools.values());
        return pools;
    }

    /** Sessions open now, over all origins. */
    public int openSessions() {
        int n = basePool.openSessions();
        for (SessionPool p : otherPools.values()) {
            n += p.openSessions();
        }
        return n;
    }

    /** Retires the idle sessions that expired by now (see {@link SessionPool#evictExpired}). */
    void evictExpired() {
        Ticker t = ticker;
        if (t != null && !closed) {
            long now = t.read();
            all().forEach(p -> p.evictExpired(now));
        }
    }

    /** Closes every pool: idle sessions now, held ones when released. */
    public void close() {
        closed = true;
        ScheduledFuture<?> r = reaper;
        if (r != null) {
            r.cancel(false);
        }
        all().forEach(SessionPool::close);
    }
}
