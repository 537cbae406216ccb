package io.restcost.client.internal.auth;

import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.http.Origin;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One origin's token, shared by every thread: when it is missing, expired or just rejected,
 * exactly one thread logs in and the others wait for that login (single flight), however
 * many saw the rejection at once. Thread-safe.
 */
public final class SharedToken {

    /** Makes a new token. */
    @FunctionalInterface
    public interface Login {
        LtpaToken login() throws IOException;
    }

    /**
     * How long a thread may wait for another thread's login: no longer than its own request may
     * take, and not once its request is cancelled.
     *
     * @param timeoutNanos the longest wait; {@link Long#MAX_VALUE} for no limit
     * @param cancelled says when the request was cancelled (OkHttp's {@code Call.isCanceled})
     */
    public record Wait(long timeoutNanos, BooleanSupplier cancelled) {

        /** How often a waiter checks {@link #cancelled}. */
        static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

        public Wait {
            Objects.requireNonNull(cancelled, "cancelled");
        }

        /** Wait at most {@code timeout}, and not once {@code cancelled} says so. */
        public static Wait upTo(Duration timeout, BooleanSupplier cancelled) {
            return new Wait(timeout.isNegative() ? 0 : saturatedNanos(timeout), cancelled);
        }

        private static long saturatedNanos(Duration d) {
            return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
        }
    }

    private final Origin origin;
    private final Ticker ticker;
    private volatile LtpaToken token;
    private CompletableFuture<LtpaToken> inflight; // guarded by this

    public SharedToken(Origin origin, Ticker ticker) {
        this.origin = origin;
        this.ticker = ticker;
    }

    /**
     * The token to send, logging in with {@code login} when there is none, it expired, or it is
     * {@code stale}.
     *
     * @param stale the token a 401 just rejected, or null
     * @param wait how long this thread may wait for another thread's login
     * @throws IOException if the login (this thread's or the one it waited for) failed; an
     *     {@link InterruptedIOException} if the wait ran out, was cancelled or interrupted
     */
    public LtpaToken get(LtpaToken stale, Login login, Wait wait) throws IOException {
        LtpaToken t = token;
        if (usable(t, stale)) {
            return t;
        }
        CompletableFuture<LtpaToken> flight;
        boolean mine = false;
        synchronized (this) {
            t = token;
            if (usable(t, stale)) {
                return t;
            }
            if (inflight == null) {
                inflight = new CompletableFuture<>();
                mine = true;
            }
            flight = inflight;
        }
        if (mine) {
            try {
                LtpaToken fresh = login.login();
                token = fresh;
                flight.complete(fresh);
                return fresh;
            } catch (IOException | RuntimeException e) {
                flight.completeExceptionally(e);
                throw e;
            } finally {
                synchronized (this) {
                    inflight = null;
                }
            }
        }
        return await(flight, wait);
    }

    /** The other thread's login, waited for in slices so that a cancelled request stops waiting. */
    private LtpaToken await(CompletableFuture<LtpaToken> flight, Wait wait) throws IOException {
        long start = System.nanoTime();
        try {
            for (;;) {
                if (wait.cancelled().getAsBoolean()) {
                    throw new InterruptedIOException("cancelled while waiting for another thread's login to " + origin);
                }
                long left = wait.timeoutNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : wait.timeoutNanos() - (System.nanoTime() - start);
                if (left <= 0) {
                    throw new InterruptedIOException("gave up after " + TimeUnit.NANOSECONDS.toMillis(wait.timeoutNanos())
                            + " ms waiting for another thread's login to " + origin);
                }
                try {
                    return flight.get(Math.min(left, Wait.POLL_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    // look at the clock and the cancellation again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another thread's login to " + origin);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LoginFailedException lf) {
                throw new LoginFailedException(lf.getMessage(), lf.status());
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    /** The token held now if it may be sent (not expired, not {@code stale}), else null; never logs in. */
    public LtpaToken peek(LtpaToken stale) {
        LtpaToken t = token;
        return usable(t, stale) ? t : null;
    }

    /** The token held now, or null. */
    public LtpaToken current() {
        return token;
    }

    /** Forgets the token (after it was logged out). */
    public void forget() {
        token = null;
    }

    private boolean usable(LtpaToken t, LtpaToken stale) {
        return t != null && t != stale && !t.expired(ticker.read());
    }
}
