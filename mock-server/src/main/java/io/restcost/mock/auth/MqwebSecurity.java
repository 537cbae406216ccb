package io.restcost.mock.auth;

import io.restcost.kit.UserRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the mock knows about who is calling: users and their password cost, the
 * authentication cache, the token key, the token cookie's name, and the counters of what
 * authentication cost. Shared by the security filter and the API; thread-safe.
 */
public final class MqwebSecurity {

    private final UserRegistry users;
    private final AuthCache cache;
    private final LtpaTokenCodec tokens;
    private final String cookieName;
    private final Duration tokenExpiry;
    private final Clock clock;
    private final boolean trackLoggedOutTokens;
    private final Set<String> loggedOut = ConcurrentHashMap.newKeySet();
    private final Map<Principal, Issued> basicAuthTokens = new ConcurrentHashMap<>();
    private final LongAdder logins = new LongAdder();
    private final LongAdder tokenVerifications = new LongAdder();
    private final LongAdder tokenRejections = new LongAdder();

    public MqwebSecurity(UserRegistry users, AuthCache cache, LtpaTokenCodec tokens, String cookieName,
                         Duration tokenExpiry, Clock clock, boolean trackLoggedOutTokens) {
        this.users = users;
        this.cache = cache;
        this.tokens = tokens;
        this.cookieName = cookieName;
        this.tokenExpiry = tokenExpiry;
        this.clock = clock;
        this.trackLoggedOutTokens = trackLoggedOutTokens;
    }

    /** Who is calling, and with which roles. */
    public record Principal(String user, List<String> roles) {
        public boolean hasAnyRole(Set<String> wanted) {
            for (String r : roles) {
                if (wanted.contains(r)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Checks a user name and password (through the cache); the principal, or null. */
    public Principal checkPassword(String user, char[] password) {
        List<String> roles = cache.authenticate(user, password);
        return roles == null ? null : new Principal(user, roles);
    }

    /** The principal a valid token names, or empty (counted as a rejection). */
    public Optional<Principal> verifyToken(String token) {
        tokenVerifications.increment();
        Optional<LtpaTokenCodec.Claims> claims = tokens.verify(token, clock.millis());
        if (claims.isEmpty() || (trackLoggedOutTokens && loggedOut.contains(token))) {
            tokenRejections.increment();
            return Optional.empty();
        }
        return Optional.of(new Principal(claims.get().user(), claims.get().roles()));
    }

    /**
     * Whether {@code candidate} is a token this server signed, expired or not; counts nothing.
     * A witness's check: a test searches logs and results for leaked tokens with it.
     */
    public boolean signed(String candidate) {
        return tokens.verify(candidate, 0).isPresent();
    }

    /** The principal of a client certificate's CN, if that user is known. */
    public Principal certificateUser(String cn) {
        List<String> roles = users.rolesOf(cn);
        return roles == null ? null : new Principal(cn, roles);
    }

    /** A new token for {@code p}, valid for the token expiry from now. */
    public String issueToken(Principal p) {
        return tokens.issue(p.user(), p.roles(), clock.millis() + tokenExpiry.toMillis());
    }

    private record Issued(String token, long reuseUntilMillis) {
    }

    /**
     * The token for a basic-auth response's cookie: Liberty keeps the SSO token with the
     * subject in its authentication cache, so it signs one when the cache entry is made and
     * sends the same one until the entry (or the token) expires, not one per request. Without
     * the cache, a new token each time.
     */
    public String basicAuthToken(Principal p) {
        Duration cacheTimeout = cache.timeout();
        if (cacheTimeout == null) {
            return issueToken(p);
        }
        long now = clock.millis();
        Issued issued = basicAuthTokens.get(p);
        if (issued == null || now >= issued.reuseUntilMillis()) {
            issued = new Issued(issueToken(p), now + Math.min(cacheTimeout.toMillis(), tokenExpiry.toMillis()));
            basicAuthTokens.put(p, issued);
        }
        return issued.token();
    }

    /** Counts a successful login. */
    public void loggedIn() {
        logins.increment();
    }

    /** Forgets a token on logout, if the server tracks logged-out tokens (Liberty's trackLoggedOutSSOCookies). */
    public void loggedOut(String token) {
        if (trackLoggedOutTokens && token != null) {
            loggedOut.add(token);
        }
    }

    public String cookieName() {
        return cookieName;
    }

    public long logins() {
        return logins.sum();
    }

    public long tokenVerifications() {
        return tokenVerifications.sum();
    }

    public long tokenRejections() {
        return tokenRejections.sum();
    }

    public long passwordChecks() {
        return cache.passwordChecks();
    }

    public long cacheHits() {
        return cache.hits();
    }

    public void resetCounters() {
        logins.reset();
        tokenVerifications.reset();
        tokenRejections.reset();
        cache.resetCounters();
    }
}
