package io.restcost.client.internal.session;

import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.internal.engine.Transport;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.session.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * One {@link SessionPool} per origin: the base URI's, made at once, and one for each other
 * origin a request names, made when first needed. Thread-safe.
 */
public final class OriginPools {

    private final Origin baseOrigin;
    private final SessionPool basePool;
    private final Map<Origin, SessionPool> otherPools = new ConcurrentHashMap<>();
    private final Transport transport;
    private final SessionPolicy policy;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final RestClientListener listener;

    /** @param random the source of jitter, or null for {@link java.util.concurrent.ThreadLocalRandom} */
    public OriginPools(Origin baseOrigin, Transport transport, SessionPolicy policy, Ticker ticker,
                       RandomGenerator random, RestClientListener listener) {
        this.baseOrigin = baseOrigin;
        this.transport = transport;
        this.policy = policy;
        this.ticker = ticker;
        this.random = random;
        this.listener = listener;
        this.basePool = newPool(baseOrigin);
    }

    public Origin baseOrigin() {
        return baseOrigin;
    }

    /** The pool of {@code origin}; null means the base URI's. */
    public SessionPool poolFor(Origin origin) {
        return origin == null || origin.equals(baseOrigin) ? basePool : otherPools.computeIfAbsent(origin, this::newPool);
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

    /** Closes every pool: idle sessions now, held ones when released. */
    public void close() {
        all().forEach(SessionPool::close);
    }

    private SessionPool newPool(Origin origin) {
        return new SessionPool(origin, transport, policy, ticker, random, listener);
    }
}
