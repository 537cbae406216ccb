package io.restcost.client.internal.auth;

import io.restcost.client.auth.Auth;
import io.restcost.client.http.Origin;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
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
     * The credential origins of {@code auth}: {@code origins}, once checked. A password allowed
     * to go over plain http is logged once, at WARNING, to {@code log}.
     *
     * @param insecureHttp whether the builder allowed a password over plain http
     * @param log where to warn of that; null for nowhere
     * @throws IllegalStateException if {@code auth} carries a password and one of {@code origins}
     *     is plain http without {@code insecureHttp}, naming the origin and the fix
     */
    public static CredentialOrigins of(Auth auth, Collection<Origin> origins, boolean insecureHttp, System.Logger log) {
        CredentialOrigins credentials = new CredentialOrigins(Set.copyOf(origins));
        List<Origin> plain = credentials.plainHttp();
        if (carriesPassword(auth) && !plain.isEmpty()) {
            if (!insecureHttp) {
                throw new IllegalStateException("auth " + auth + " would send the password to " + plain.get(0) + " over plain http:"
                        + " use its https:// URI, or call insecureCredentialsOverHttp() on a test network");
            }
            if (log != null) {
                log.log(System.Logger.Level.WARNING, "auth " + auth + " sends the password over plain http to " + plain
                        + " (insecureCredentialsOverHttp): anyone on the network path can read it. Use only on a test network.");
            }
        }
        return credentials;
    }

    /**
     * The origins of {@code uris} as a builder takes them: scheme, host and port, a path ignored.
     *
     * @throws IllegalArgumentException if a URI has no http(s) scheme or no host
     * @throws NullPointerException if the array or one of them is null
     */
    public static List<Origin> parse(URI... uris) {
        Objects.requireNonNull(uris, "origins");
        List<Origin> list = new ArrayList<>();
        for (URI uri : uris) {
            list.add(Origin.of(Objects.requireNonNull(uri, "origin")));
        }
        return List.copyOf(list);
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
    List<Origin> plainHttp() {
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
