package io.restcost.client.internal.auth;

import io.restcost.client.auth.Auth;
import io.restcost.client.auth.LoginFailedException;
import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.session.OriginPools;
import io.restcost.client.internal.session.Session;
import io.restcost.client.internal.session.SessionPool;
import io.restcost.client.session.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Where an LtpaToken2 is reused: logs in when a session needs a token, keeps the token for
 * the origin that set it (shared by all sessions, or one per session when the policy
 * re-authenticates on rotation), and on a 401 replaces it with exactly one new login however
 * many threads saw the 401 at once (single flight). Thread-safe.
 */
public final class LtpaTokens {

    /** mqweb wants the {@code ibm-mq-rest-csrf-token} header on POST, PATCH and DELETE; any value will do. */
    public static final String CSRF_TOKEN = "restcost";

    private final Auth.Ltpa auth;
    private final boolean perSession;
    private final Ticker ticker;
    private final RestClientListener listener;
    private final RestRequest loginRequest;
    private final RestRequest logoutRequest;
    private final Map<Origin, Shared> shared = new ConcurrentHashMap<>();

    public LtpaTokens(Auth.Ltpa auth, boolean perSession, Ticker ticker, RestClientListener listener) {
        this.auth = auth;
        this.perSession = perSession;
        this.ticker = ticker;
        this.listener = listener;
        this.loginRequest = RestRequest.builder("POST", auth.loginPath()).body("application/json", auth.loginBody()).build();
        this.logoutRequest = RestRequest.delete(auth.loginPath());
    }

    /**
     * The token to send on {@code session}, logging in over that session's connection when
     * there is none yet, it expired, or it is {@code stale}.
     *
     * @param stale the token a 401 just rejected, or null
     * @throws IOException if the login fails (a {@link LoginFailedException} when the server said no)
     */
    public LtpaToken tokenFor(Session session, LtpaToken stale) throws IOException {
        if (perSession) {
            LtpaToken t = (LtpaToken) session.authState();
            if (t == null || t == stale || t.expired(ticker.read())) {
                t = login(session);
                session.authState(t);
            }
            return t;
        }
        Shared holder = shared.get(session.origin());
        if (holder == null) {
            holder = shared.computeIfAbsent(session.origin(), o -> new Shared());
        }
        return holder.token(session, stale);
    }

    /** Whether a 401 means "your token failed": mqweb answers MQWB0112E then (or 401 with no body, as bare Liberty does). */
    public static boolean tokenRejected(RestResponse response) {
        return response.status() == 401;
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
            Shared holder = shared.get(pool.origin());
            LtpaToken sharedToken = holder == null ? null : holder.token;
            if (sessions.isEmpty() && sharedToken != null) {
                try {
                    sessions.add(pool.acquire());
                } catch (IllegalStateException alreadyClosed) {
                    continue;
                }
            }
            if (perSession) {
                for (Session s : sessions) {
                    if (s.authState() instanceof LtpaToken t) {
                        logout(s, t);
                        s.authState(null);
                    }
                }
            } else if (sharedToken != null) {
                logout(sessions.get(0), sharedToken);
                holder.token = null;
            }
            sessions.forEach(s -> pool.retire(s, CloseReason.CLIENT_CLOSED));
        }
    }

    private void logout(Session s, LtpaToken t) {
        try {
            s.exchange(logoutRequest, null, t.cookieHeader(), CSRF_TOKEN, false);
        } catch (IOException | RuntimeException ignored) {
            // Logging out is a courtesy to the server: a failure changes nothing for the caller.
        }
    }

    private LtpaToken login(Session session) throws IOException {
        Origin origin = session.origin();
        listener.loginStart(origin);
        long start = ticker.read();
        try {
            RestResponse r = session.exchange(loginRequest, null, null, null, false);
            if (r.status() != 200 && r.status() != 204) {
                throw new LoginFailedException("login to " + origin + auth.loginPath() + " as " + auth.user()
                        + " failed: HTTP " + r.status() + hint(r.status()), r.status());
            }
            LtpaToken token = LtpaToken.fromSetCookies(origin, r.headers("Set-Cookie"), ticker.read());
            if (token == null) {
                throw new LoginFailedException("login to " + origin + auth.loginPath() + " answered HTTP " + r.status()
                        + " but set no " + LtpaToken.NAME_PREFIX + " cookie (is this mqweb? check the login path)", r.status());
            }
            listener.loginEnd(origin, ticker.read() - start);
            return token;
        } catch (IOException e) {
            listener.loginFailed(origin, e, ticker.read() - start);
            throw e;
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (check the user name and password)";
            case 403 -> " (the user has no mqweb role: grant MQWebAdmin, MQWebAdminRO or MQWebUser)";
            case 404 -> " (no login here: check the base URI and the login path)";
            default -> "";
        };
    }

    /** One origin's shared token, and the login in flight for it, if any. */
    private final class Shared {
        volatile LtpaToken token;
        private CompletableFuture<LtpaToken> inflight; // guarded by this

        LtpaToken token(Session session, LtpaToken stale) throws IOException {
            LtpaToken t = token;
            if (t != null && t != stale && !t.expired(ticker.read())) {
                return t;
            }
            CompletableFuture<LtpaToken> flight;
            boolean mine = false;
            synchronized (this) {
                t = token;
                if (t != null && t != stale && !t.expired(ticker.read())) {
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
                    LtpaToken fresh = login(session);
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
                throw new InterruptedIOException("interrupted while waiting for another thread's login to " + session.origin());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof LoginFailedException lf) {
                    throw new LoginFailedException(lf.getMessage(), lf.status());
                }
                throw new IOException(cause.getMessage(), cause);
            }
        }
    }
}
