package io.restcost.liberty.app;

import io.restcost.mqweb.MqwebErrors;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for what Liberty's security refuses before the servlet runs, so the caller
 * gets mqweb's JSON rather than Liberty's empty 401: MQWB0112E when a token cookie failed
 * verification, MQWB0104E when credentials were missing or wrong, MQWB0108E for a user in no
 * mqweb role.
 */
public final class MqwebErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        String cookieName = System.getProperty("restcost.ssoCookieName", "LtpaToken2");
        response.resetBuffer();
        if (status == 401) {
            boolean token = false;
            if (request.getCookies() != null) {
                for (Cookie c : request.getCookies()) {
                    token |= c.getName().equals(cookieName);
                }
            }
            ServletRequests.write(token && request.getHeader("Authorization") == null
                    ? MqwebErrors.tokenFailed(cookieName) : MqwebErrors.notAuthenticated(), response);
        } else if (status == 403) {
            ServletRequests.write(MqwebErrors.forbidden(request.getRemoteUser() == null ? "" : request.getRemoteUser(),
                    io.restcost.mqweb.MqwebRoles.ALL.toString()), response);
        } else {
            ServletRequests.write(MqwebErrors.response(status), response);
        }
    }
}
