package io.restcost.client.auth;

import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a client proves who it is. Passwords are copied in as {@code char[]}, never printed
 * and never put in an exception message; take them from an environment variable, a file or
 * the console, not from a command-line argument.
 *
 * <p>Every implementation is immutable and thread-safe: one {@code Auth} may serve many clients.
 */
public sealed interface Auth permits Auth.None, Auth.Basic, Auth.Ltpa, Auth.ClientCertificate {

    /** The login path of mqweb's REST API v2. */
    String DEFAULT_LOGIN_PATH = "/ibmmq/rest/v2/login";

    /** No credentials. */
    static Auth none() {
        return None.INSTANCE;
    }

    /**
     * HTTP basic authentication: an {@code Authorization} header on every request, cookies
     * ignored, so the server checks the credentials (or its cache) every time.
     *
     * @throws IllegalArgumentException if the user is blank or contains ':'
     */
    static Auth basic(String user, char[] password) {
        return new Basic(user, password);
    }

    /**
     * mqweb token login: {@code POST /ibmmq/rest/v2/login} once, then send only the
     * {@code LtpaToken2*} cookie; on 401 log in again (once, for all threads) and retry once.
     *
     * @throws IllegalArgumentException if the user is blank
     */
    static Auth ltpa(String user, char[] password) {
        return new Ltpa(user, password, DEFAULT_LOGIN_PATH);
    }

    /**
     * As {@link #ltpa(String, char[])} with another login path, e.g. {@code /ibmmq/rest/v1/login}.
     *
     * @throws IllegalArgumentException if the user is blank or the path does not start with '/'
     */
    static Auth ltpa(String user, char[] password, String loginPath) {
        return new Ltpa(user, password, loginPath);
    }

    /** TLS client certificate: identity comes from the handshake (configure the key in TLS options). */
    static Auth clientCertificate() {
        return ClientCertificate.INSTANCE;
    }

    /** The mode's name for tags and reports: none, basic, ltpa, cert. */
    String mode();

    /** No credentials. */
    enum None implements Auth {
        /** The one value. */
        INSTANCE;

        @Override
        public String mode() {
            return "none";
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /** Client certificate; the certificate itself is part of the TLS options. */
    enum ClientCertificate implements Auth {
        /** The one value. */
        INSTANCE;

        @Override
        public String mode() {
            return "cert";
        }

        @Override
        public String toString() {
            return "cert";
        }
    }

    /** HTTP basic authentication. */
    final class Basic implements Auth {
        private final String user;
        private final String headerValue;

        private Basic(String user, char[] password) {
            this.user = checkUser(user);
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("user must not contain ':' for basic auth: " + user);
            }
            Objects.requireNonNull(password, "password");
            byte[] raw = (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8);
            this.headerValue = "Basic " + Base64.getEncoder().encodeToString(raw);
        }

        /** The user name; not a secret. */
        public String user() {
            return user;
        }

        /** The Authorization header value; a secret, never to be logged. */
        public String authorizationHeader() {
            return headerValue;
        }

        @Override
        public String mode() {
            return "basic";
        }

        @Override
        public String toString() {
            return "basic(user=" + user + ")";
        }
    }

    /** mqweb LtpaToken2 login. */
    final class Ltpa implements Auth {
        private final String user;
        private final char[] password;
        private final String loginPath;

        private Ltpa(String user, char[] password, String loginPath) {
            this.user = checkUser(user);
            this.password = Objects.requireNonNull(password, "password").clone();
            Objects.requireNonNull(loginPath, "loginPath");
            if (!loginPath.startsWith("/")) {
                throw new IllegalArgumentException("loginPath must start with '/': " + loginPath);
            }
            this.loginPath = loginPath;
        }

        /** The user name; not a secret. */
        public String user() {
            return user;
        }

        /** The path logins are POSTed to, e.g. {@code /ibmmq/rest/v2/login}. */
        public String loginPath() {
            return loginPath;
        }

        /**
         * The JSON login body, {@code {"username":..,"password":..}}: it holds the password, so
         * it is a secret, never to be logged. A new array on every call.
         */
        public byte[] loginBody() {
            String json = "{\"username\":" + Json.quote(user) + ",\"password\":" + Json.quote(new String(password)) + "}";
            return json.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String mode() {
            return "ltpa";
        }

        @Override
        public String toString() {
            return "ltpa(user=" + user + ", loginPath=" + loginPath + ")";
        }
    }

    private static String checkUser(String user) {
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        return user;
    }
}
