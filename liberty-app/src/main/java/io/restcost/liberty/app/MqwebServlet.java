package io.restcost.liberty.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.mqweb.ApiResponse;
import io.restcost.mqweb.MqwebErrors;
import io.restcost.mqweb.MqwebPaths;
import io.restcost.mqweb.MqwebResources;
import io.restcost.mqweb.MqwebRoles;
import io.restcost.mqweb.queue.QueueManager;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * mqweb's REST API in Open Liberty. Liberty's own security authenticates (basic registry,
 * LtpaToken2 single sign-on cookie, authentication cache) and enforces that the caller has
 * one of mqweb's roles (web.xml); this servlet adds what mqweb adds: login and logout by
 * {@code /login}, the CSRF header rule, the per-resource role check, and then answers with
 * {@link MqwebResources}, the same code the mock answers with.
 *
 * <p>The resources carry no auth-constraint: Liberty's own BASIC challenge would be an empty
 * 401 that no error page reaches. Liberty still authenticates the credentials or token a
 * request carries (webAppSecurity useAuthenticationDataForUnprotectedResource, its default) and
 * sets its cookie; this servlet refuses what it did not authenticate, in mqweb's words.
 *
 * <p>Login is {@code request.login}, so the token is Liberty's own LtpaToken2, under the
 * cookie name the server configures ({@code webAppSecurity ssoCookieName}), which the
 * launcher also passes as the system property {@code restcost.ssoCookieName}.
 */
public final class MqwebServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private MqwebResources resources;
    private String cookieName;

    @Override
    public void init() {
        String qmgr = System.getProperty("restcost.qmgr", "QM1");
        List<String> queues = Arrays.asList(System.getProperty("restcost.queues", "DEV.QUEUE.1,DEV.QUEUE.2,DEV.QUEUE.3").split(","));
        resources = new MqwebResources(new QueueManager(qmgr, queues, 5000));
        cookieName = System.getProperty("restcost.ssoCookieName", "LtpaToken2");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            answer(request, response);
        } finally {
            StatsServlet.record(request, response.getStatus());
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServletRequests api = new ServletRequests(request);
        String method = request.getMethod();
        String path = MqwebPaths.path(api.url());
        String resource = MqwebPaths.resource(path);
        if ("/login".equals(resource) && method.equals("POST")) {
            ServletRequests.write(login(request, api), response);
            return;
        }
        if (MqwebRoles.needsCsrfHeader(method) && request.getHeader("ibm-mq-rest-csrf-token") == null) {
            ServletRequests.write(MqwebErrors.csrfMissing(403), response);
            return;
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null && request.getHeader("Authorization") == null && !hasCookie(request, cookieName)
                && request.getAttribute(CERTIFICATES) != null) {
            principal = byCertificate(request, response);
        }
        if (principal == null) {
            // Liberty authenticated nothing: say why as mqweb does
            ServletRequests.write(request.getHeader("Authorization") != null ? MqwebErrors.loginFailed()
                    : hasCookie(request, cookieName) ? MqwebErrors.tokenFailed(cookieName) : MqwebErrors.notAuthenticated(), response);
            return;
        }
        List<String> roles = new ArrayList<>(3);
        for (String role : MqwebRoles.ALL) {
            if (request.isUserInRole(role)) {
                roles.add(role);
            }
        }
        Set<String> wanted = MqwebRoles.required(method, resource);
        if (roles.stream().noneMatch(wanted::contains)) {
            ServletRequests.write(MqwebErrors.forbidden(principal.getName(), wanted.toString()), response);
            return;
        }
        if ("/login".equals(resource) && method.equals("DELETE")) {
            try {
                request.logout();
            } catch (ServletException e) {
                log("logout failed: " + e.getMessage());
            }
        }
        ServletRequests.write(resources.answer(api, principal.getName(), roles, cookieName), response);
    }

    /**
     * A request that carries only a client certificate: Liberty maps it to a user of its registry
     * (certificateMapMode, PRINCIPAL_CN for a basic registry) when the server authenticates by
     * certificate ({@code webAppSecurity overrideHttpAuthMethod="CLIENT_CERT"}). Liberty does not
     * do that by itself for a resource without an auth-constraint, so the servlet asks it to.
     * Null when the certificate maps to no user; then the answer is mqweb's, not Liberty's.
     */
    private Principal byCertificate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (request.authenticate(response)) {
                return request.getUserPrincipal();
            }
        } catch (ServletException e) {
            log("certificate authentication failed: " + e.getMessage());
        }
        if (!response.isCommitted()) {
            response.reset();
        }
        return null;
    }

    private static boolean hasCookie(HttpServletRequest request, String name) {
        if (request.getCookies() != null) {
            for (jakarta.servlet.http.Cookie c : request.getCookies()) {
                if (c.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code POST /login}: Liberty checks the password and issues its LtpaToken2 cookie. */
    private ApiResponse login(HttpServletRequest request, ServletRequests api) {
        String user;
        String password;
        try {
            JsonNode body = JSON.readTree(api.body());
            if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
                return MqwebErrors.badRequest("the login body must be {\"username\":\"...\",\"password\":\"...\"}");
            }
            user = body.get("username").asText();
            password = body.get("password").asText();
        } catch (IOException e) {
            return MqwebErrors.badRequest("the login body is not JSON");
        }
        try {
            if (request.getUserPrincipal() != null) {
                request.logout();
            }
            request.login(user, password);
        } catch (ServletException e) {
            return MqwebErrors.loginFailed();
        }
        return MqwebErrors.response(204);
    }
}
