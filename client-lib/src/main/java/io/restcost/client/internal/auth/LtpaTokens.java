package io.restcost.client.internal.auth;

import io.restcost.client.auth.Auth;
import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.session.OriginPools;
import io.restcost.client.internal.session.Session;
import io.restcost.client.internal.session.SessionPool;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an LtpaToken2 is reused: logs in when a session needs a token, keeps the token for
 * the origin that set it (shared by all sessions, or one per session when the policy
 * re-authenticates on rotation), and on a 401 replaces it with exactly one new login however
 * many threads saw the 401 at once (single flight). Thread-safe.
 */
public final class LtpaTokens {

    private final boolean perSession;
    private final Ticker ticker;
    private final TokenLogin login;
    private final Map<Origin, SharedToken> shared = new ConcurrentHashMap<>();

    /** @param backoff see {@link TokenLogin}: how long a refused login is not tried again */
    public LtpaTokens(Auth.Ltpa auth, boolean perSession, Duration backoff, Ticker ticker, RestClientListener listener) {
        this.perSession = perSession;
        this.ticker = ticker;
        this.login = new TokenLogin(auth, backoff, ticker, listener);
    }

    /**
     * The token to send on {@code session}, logging in over that session's connection when
     * there is none yet, it expired, or it is {@code stale}.
     *
     * @param stale the token a 401 just rejected, or null
     * @param wait how long to wait for another thread's login
     * @throws IOException if the login fails (a {@link io.restcost.client.auth.LoginFailedException} when the server said no)
     */
    public LtpaToken tokenFor(Session session, LtpaToken stale, SharedToken.Wait wait) throws IOException {
        SharedToken holder;
        if (perSession) {
            // A session's own token, shared by its streams when it multiplexes (HTTP/2).
            Object own = session.authState();
            holder = (SharedToken) (own != null ? own : session.authState(() -> new SharedToken(session.origin(), ticker)));
        } else {
            holder = shared.get(session.origin());
            if (holder == null) {
                holder = shared.computeIfAbsent(session.origin(), o -> new SharedToken(o, ticker));
            }
        }
        LtpaToken t = holder.peek(stale);
        // The lambda only when a login may be needed: this runs on every request.
        return t != null ? t : holder.get(stale, () -> login(session), wait);
    }

    /** Whether a 401 means "your token failed" (see {@link TokenLogin#tokenRejected}). */
    public static boolean tokenRejected(RestResponse response) {
        return TokenLogin.tokenRejected(response.status());
    }

    /**
     * Logs out the tokens still held, then retires the sessions it used. A shared token is
     * logged out over an idle session of its origin, or a new one when none is idle; a
     * per-session token over its own session. Failures are ignored: the client is closing
     * anyway, and the server lets a token expire.
     */
    public void logoutAll(OriginPools pools) {
        for (SessionPool pool : pools.all()) {
            List<Session> sessions = new ArrayList<>(pool.takeIdle());
            SharedToken holder = shared.get(pool.origin());
            LtpaToken sharedToken = holder == null ? null : holder.current();
            if (sessions.isEmpty() && sharedToken != null) {
                try {
                    sessions.add(pool.acquire());
                } catch (IllegalStateException | java.io.InterruptedIOException alreadyClosedOrInterrupted) {
                    continue;
                }
            }
            if (perSession) {
                for (Session s : sessions) {
                    if (s.authState() instanceof SharedToken own && own.current() != null) {
                        logout(s, own.current());
                        own.forget();
                    }
                }
            } else if (sharedToken != null) {
                logout(sessions.get(0), sharedToken);
                holder.forget();
            }
            sessions.forEach(s -> pool.retire(s, CloseReason.CLIENT_CLOSED));
        }
    }

    private void logout(Session s, LtpaToken t) {
        try {
            s.exchange(login.logoutRequest(), null, t.cookieHeader(), TokenLogin.CSRF_TOKEN, false);
        } catch (IOException | RuntimeException ignored) {
            // Logging out is a courtesy to the server: a failure changes nothing for the caller.
        }
    }

    private LtpaToken login(Session session) throws IOException {
        return login.login(session.origin(), request -> session.exchange(request, null, null, null, false));
    }
}
