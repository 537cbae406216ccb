package io.restcost.client.internal.session;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends idle sessions on time without waiting for traffic: one daemon thread for every client
 * in the JVM looks at each client's idle sessions a few times per idle timeout (at most once
 * a second) and retires those that expired, so an idle connection closes when its policy says
 * and not when the server gives up on it (which would leave the client's side in CLOSE_WAIT
 * until the next request). Expiry is judged by the client's own ticker.
 */
final class SessionReaper {

    private static final ScheduledThreadPoolExecutor THREAD = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "restcost-session-reaper");
        t.setDaemon(true);
        return t;
    });

    static {
        THREAD.setRemoveOnCancelPolicy(true);
        // The thread ends when no client is open, so an application server that redeploys the
        // application is not left holding it (and its class loader).
        THREAD.setKeepAliveTime(10, TimeUnit.SECONDS);
        THREAD.allowCoreThreadTimeOut(true);
    }

    private SessionReaper() {
    }

    /**
     * Looks at {@code pools} every {@code period} until the returned future is cancelled, or
     * the pools are garbage (a client dropped without {@code close()} is not kept alive by this).
     */
    static ScheduledFuture<?> watch(OriginPools pools, Duration period) {
        WeakReference<OriginPools> ref = new WeakReference<>(pools);
        long nanos = period.toNanos();
        return THREAD.scheduleWithFixedDelay(() -> {
            OriginPools p = ref.get();
            if (p == null) {
                throw new CancellationException("its client is gone"); // ends the repetition
            }
            try {
                p.evictExpired();
            } catch (RuntimeException e) {
                // A failure to close one session must not stop the looks at every client.
                System.getLogger(SessionReaper.class.getName()).log(System.Logger.Level.WARNING,
                        "could not retire an expired session: " + e);
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** A few looks per idle timeout, at most one a second, at least 10 ms apart. */
    static Duration periodFor(Duration idleTimeout) {
        Duration quarter = idleTimeout.dividedBy(4);
        if (quarter.compareTo(Duration.ofSeconds(1)) > 0) {
            return Duration.ofSeconds(1);
        }
        return quarter.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : quarter;
    }
}
