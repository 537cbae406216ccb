package io.restcost.client.internal.auth;

import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.http.Origin;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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
     * @throws IOException if the login (this thread's or the one it waited for) failed
     */
    public LtpaToken get(LtpaToken stale, Login login) throws IOException {
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
        try {
            return flight.get();
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
