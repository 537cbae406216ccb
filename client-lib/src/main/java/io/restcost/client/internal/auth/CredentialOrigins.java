package io.restcost.client.internal.auth;

import io.restcost.client.auth.Auth;
import io.restcost.client.http.Origin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The origins a client's credentials go to (the Basic header, the login with its password, the
 * LtpaToken2): the ones it was configured for, and no other. A request to any other origin goes
 * through untouched. Immutable and thread-safe.
 */
public final class CredentialOrigins {

    private final Set<Origin> origins;

    private CredentialOrigins(Set<Origin> origins) {
        this.origins = origins;
    }

    /**
     * The credential origins of {@code auth}: {@code origins}, once checked.
     *
     * @param insecureHttp whether the builder allowed a password over plain http
     * @throws IllegalStateException if {@code auth} carries a password and one of {@code origins}
     *     is plain http without {@code insecureHttp}, naming the origin and the fix
     */
    public static CredentialOrigins of(Auth auth, Collection<Origin> origins, boolean insecureHttp) {
        if (carriesPassword(auth) && !insecureHttp) {
            for (Origin o : origins) {
                if (!o.secure()) {
                    throw new IllegalStateException("auth " + auth + " would send the password to " + o + " over plain http: use its"
                            + " https:// URI, or call insecureCredentialsOverHttp() on a test network");
                }
            }
        }
        return new CredentialOrigins(Set.copyOf(origins));
    }

    /** Whether {@code auth} sends a password (Basic) or logs in with one (LtpaToken2). */
    public static boolean carriesPassword(Auth auth) {
        return auth instanceof Auth.Basic || auth instanceof Auth.Ltpa;
    }

    /** Whether credentials may go to {@code origin}. */
    public boolean covers(Origin origin) {
        return origins.contains(origin);
    }

    /** The plain-http origins among them (allowed only when the builder said insecure). */
    public List<Origin> plainHttp() {
        List<Origin> plain = new ArrayList<>();
        for (Origin o : origins) {
            if (!o.secure()) {
                plain.add(o);
            }
        }
        return plain;
    }

    @Override
    public String toString() {
        return origins.toString();
    }
}
