package io.restcost.client.internal.auth;

import io.restcost.client.auth.InsecureCookieException;
import io.restcost.client.http.Origin;
import java.net.HttpCookie;
import java.util.List;

/**
 * An {@code LtpaToken2*} cookie as mqweb set it, scoped to the origin that set it. Its value
 * is a secret: {@link #toString()} shows the name only, and the value leaves this object
 * only as the Cookie header sent back to that origin.
 */
public final class LtpaToken {

    /** mqweb names the cookie {@code LtpaToken2_<suffix>}, the suffix changing when the server restarts: match the prefix. */
    public static final String NAME_PREFIX = "LtpaToken2";

    private final Origin origin;
    private final String name;
    private final String cookieHeader;
    private final long expiresAtNanos;

    private LtpaToken(Origin origin, String name, String value, long expiresAtNanos) {
        this.origin = origin;
        this.name = name;
        this.cookieHeader = name + "=" + value;
        this.expiresAtNanos = expiresAtNanos;
    }

    /**
     * The token among a response's {@code Set-Cookie} headers, or null if there is none.
     *
     * @param nowNanos the ticker's time, to turn {@code Max-Age} into an expiry
     * @throws InsecureCookieException if the token is marked {@code Secure} but came over plain
     *     HTTP: it must never be sent back over plain HTTP
     */
    public static LtpaToken fromSetCookies(Origin origin, List<String> setCookies, long nowNanos) throws InsecureCookieException {
        for (String header : setCookies) {
            if (!header.regionMatches(true, 0, NAME_PREFIX, 0, NAME_PREFIX.length())) {
                continue;
            }
            List<HttpCookie> cookies;
            try {
                cookies = HttpCookie.parse(header);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (HttpCookie c : cookies) {
                if (!c.getName().startsWith(NAME_PREFIX) || c.getValue() == null || c.getValue().isEmpty()) {
                    continue;
                }
                if (c.getSecure() && !origin.secure()) {
                    throw new InsecureCookieException("the server at " + origin + " set a Secure " + c.getName()
                            + " cookie over plain HTTP; restcost never sends it back over HTTP (use an https:// base URI)");
                }
                long maxAge = c.getMaxAge();
                if (maxAge == 0) {
                    continue; // a clearing cookie, as sent by logout
                }
                long expires = maxAge > 0 ? nowNanos + maxAge * 1_000_000_000L : Long.MAX_VALUE;
                return new LtpaToken(origin, c.getName(), c.getValue(), expires);
            }
        }
        return null;
    }

    /** Whether the cookie set its own expiry and it has passed (mqweb's has none: it expires inside the server). */
    public boolean expired(long nowNanos) {
        return expiresAtNanos != Long.MAX_VALUE && nowNanos - expiresAtNanos >= 0;
    }

    public Origin origin() {
        return origin;
    }

    /** The cookie's name, e.g. {@code LtpaToken2_1648032846462470073}; not a secret. */
    public String name() {
        return name;
    }

    /** The Cookie header value to send to {@link #origin()}: a secret, never to be logged. */
    public String cookieHeader() {
        return cookieHeader;
    }

    @Override
    public String toString() {
        return name + "=<redacted> for " + origin;
    }

}
