package io.restcost.client.internal.session;

import io.restcost.client.http.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link SessionPool} per origin: the base URI's, made at once, and one for each other
 * origin a request names, made when first needed. Thread-safe.
 */
public final class OriginPools {

    private final Origin baseOrigin;
    private final SessionPool basePool;
    private final Map<Origin, SessionPool> otherPools = new ConcurrentHashMap<>();
    private final Function<Origin, SessionPool> newPool;

    /** @param newPool makes the pool of one origin; called once per origin */
    public OriginPools(Origin baseOrigin, Function<Origin, SessionPool> newPool) {
        this.baseOrigin = baseOrigin;
        this.newPool = newPool;
        this.basePool = newPool.apply(baseOrigin);
    }

    public Origin baseOrigin() {
        return baseOrigin;
    }

    /** The pool of {@code origin}; null means the base URI's. */
    public SessionPool poolFor(Origin origin) {
        return origin == null || origin.equals(baseOrigin) ? basePool : otherPools.computeIfAbsent(origin, newPool);
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
}
