package io.restcost.mock.server;

import java.util.Locale;

/** Liberty's TLS client authentication, as {@code <ssl clientAuthentication clientAuthenticationSupported>}. */
public enum ClientAuthMode {
    /** No certificate asked for. */
    NONE,
    /** Asked for; without one the handshake still succeeds and user/password is needed (clientAuthenticationSupported). */
    WANTED,
    /** Required: without a certificate the handshake fails (clientAuthentication="true"). */
    REQUIRED;

    /**
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static ClientAuthMode parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown client authentication mode: " + s + " (use none, wanted or required)");
        }
    }
}
