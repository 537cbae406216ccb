package io.restcost.client.internal.session;

import io.restcost.client.event.CloseReason;
import io.restcost.client.http.Origin;
import java.io.InterruptedIOException;
import java.util.List;

/**
 * The sessions of one origin, and where rotation is decided: which session a request goes
 * out on, and when a session retires. {@link ExclusivePool} lends each session to one holder
 * at a time (HTTP/1.1: one exchange per connection at a time); {@link MultiplexedPool} lends
 * each to many (HTTP/2: streams over one connection). Thread-safe.
 */
public interface SessionPool {

    /**
     * A session for one exchange, until it is given back with {@link #release}.
     *
     * @throws IllegalStateException if the pool is closed
     * @throws InterruptedIOException if the thread was interrupted while it waited for a stream
     */
    Session acquire() throws InterruptedIOException;

    /**
     * Gives a session back.
     *
     * @param decided a reason to retire it (its last request went out, or it failed), or null
     *     to keep it unless it has expired
     */
    void release(Session s, CloseReason decided);

    /** Retires the unused sessions that expired by {@code now}, without waiting for a request to find them. */
    void evictExpired(long now);

    /** Sessions open now. */
    int openSessions();

    /** Takes every unused session out of the pool (for logging out before close). */
    List<Session> takeIdle();

    /** Retires a session taken with {@link #takeIdle()}, or acquired and not given back. */
    void retire(Session s, CloseReason reason);

    /** Retires the unused sessions now, and the others when their exchanges end; no new ones open. */
    void close();

    Origin origin();
}
