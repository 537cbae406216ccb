package io.restcost.mock.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.mock.auth.MqwebSecurity;
import io.restcost.mock.auth.MqwebSecurity.Principal;
import io.restcost.mqweb.ApiResponse;
import io.restcost.mqweb.MqwebErrors;
import io.restcost.mqweb.MqwebPaths;
import io.restcost.mqweb.MqwebRoles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * mqweb's security: the CSRF rule, login, and authentication by LtpaToken2 cookie, basic
 * credentials or client certificate, then the role check. Called first by {@link MqwebApi}
 * for every request.
 *
 * <p>Not a WireMock request filter on purpose: a filter that lets a request through makes
 * WireMock copy the whole request a second time (profiled: a fifth of the server's time per
 * request), and the principal would have to travel in a header.
 */
public final class MqwebSecurityCheck {

    /** Internal: the CN of the client certificate of the TLS connection, set by the connection filter. */
    public static final String CLIENT_CN_HEADER = "X-Restcost-Client-Cn";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqwebSecurity security;
    private final int csrfStatus;
    private final boolean secureCookie;

    public MqwebSecurityCheck(MqwebSecurity security, int csrfStatus, boolean secureCookie) {
        this.security = security;
        this.csrfStatus = csrfStatus;
        this.secureCookie = secureCookie;
    }

    /**
     * The outcome of the checks: a response to send at once (login, or a refusal), or the
     * principal the request runs as and whether to hand it a token cookie.
     */
    public record Outcome(ApiResponse answer, Principal principal, boolean setCookie) {
    }

    /** The token cookie's name, {@code LtpaToken2_<suffix>}. */
    String cookieName() {
        return security.cookieName();
    }

    /** Runs the checks for one request. */
    Outcome check(WireMockRequest request) {
        String method = request.method();
        String path = MqwebPaths.path(request.url());
        String resource = MqwebPaths.resource(path);
        boolean login = "/login".equals(resource);
        if (login && method.equals("POST")) {
            return login(request);
        }
        if (MqwebRoles.needsCsrfHeader(method) && request.header("ibm-mq-rest-csrf-token") == null) {
            return stop(MqwebErrors.csrfMissing(csrfStatus));
        }
        Authenticated who = authenticate(request);
        if (who.failure != null) {
            return who.failure;
        }
        Set<String> wanted = MqwebRoles.required(method, resource);
        if (!who.principal.hasAnyRole(wanted)) {
            return stop(MqwebErrors.forbidden(who.principal.user(), wanted.toString()));
        }
        if (login && method.equals("DELETE")) {
            security.loggedOut(who.token);
        }
        return new Outcome(null, who.principal, who.setCookie);
    }

    private Outcome login(WireMockRequest request) {
        String user;
        String password;
        try {
            JsonNode body = JSON.readTree(request.bodyAsString());
            if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
                return stop(MqwebErrors.badRequest("the login body must be {\"username\":\"...\",\"password\":\"...\"}"));
            }
            user = body.get("username").asText();
            password = body.get("password").asText();
        } catch (IOException e) {
            return stop(MqwebErrors.badRequest("the login body is not JSON"));
        }
        Principal p = security.checkPassword(user, password.toCharArray());
        if (p == null) {
            return stop(MqwebErrors.loginFailed());
        }
        security.loggedIn();
        return stop(MqwebErrors.response(204).withHeader("Set-Cookie", cookie(security.issueToken(p))));
    }

    /** A Set-Cookie with {@code p}'s token (Liberty sets one on basic-auth responses too). */
    String cookieFor(Principal p) {
        return cookie(security.basicAuthToken(p));
    }

    /** The Set-Cookie value mqweb sends: a session cookie, never readable by scripts. */
    String cookie(String token) {
        return security.cookieName() + "=" + token + "; Path=/;" + (secureCookie ? " Secure;" : "") + " HttpOnly; SameSite=Strict";
    }

    private record Authenticated(Principal principal, String token, boolean setCookie, Outcome failure) {
    }

    private Authenticated authenticate(WireMockRequest request) {
        String token = request.cookie(security.cookieName());
        if (token != null) {
            Optional<Principal> p = security.verifyToken(token);
            if (p.isEmpty()) {
                return new Authenticated(null, null, false, stop(MqwebErrors.tokenFailed(security.cookieName())));
            }
            return new Authenticated(p.get(), token, false, null);
        }
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Authenticated(null, null, false, stop(MqwebErrors.badRequest("the Authorization header is not valid base64")));
            }
            int colon = decoded.indexOf(':');
            Principal p = colon < 0 ? null : security.checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
            if (p == null) {
                return new Authenticated(null, null, false, stop(MqwebErrors.loginFailed()));
            }
            // Liberty sets the token cookie on basic-auth responses too.
            return new Authenticated(p, null, true, null);
        }
        String cn = request.header(CLIENT_CN_HEADER);
        if (cn != null) {
            Principal p = security.certificateUser(cn);
            if (p != null) {
                return new Authenticated(p, null, false, null);
            }
        }
        return new Authenticated(null, null, false, stop(MqwebErrors.notAuthenticated()));
    }

    private static Outcome stop(ApiResponse response) {
        return new Outcome(response, null, false);
    }
}
