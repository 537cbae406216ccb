package io.restcost.client.auth;

import java.io.IOException;

/**
 * The server set a {@code Secure} LtpaToken2 cookie over plain HTTP. restcost never sends such
 * a token back over HTTP: use an {@code https://} base URI. The message names the origin and
 * the cookie's name, never its value.
 */
public final class InsecureCookieException extends IOException {

    /** @param message names the origin and the cookie, never its value */
    public InsecureCookieException(String message) {
        super(message);
    }
}
