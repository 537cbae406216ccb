package io.restcost.mqweb;

import java.util.List;

/**
 * mqweb's error bodies and the headers it sends on every response. Every non-2xx answer is
 * {@code {"error":[{"type":"rest","msgId":..,"message":..,"explanation":..,"action":..,
 * "completionCode":..,"reasonCode":..}]}}.
 */
public final class MqwebErrors {

    /** Headers mqweb (Liberty) sends on every response. */
    public static final List<String[]> SECURITY_HEADERS = List.of(
            new String[] {"X-Content-Type-Options", "nosniff"},
            new String[] {"X-Frame-Options", "DENY"},
            new String[] {"X-XSS-Protection", "1;mode=block"},
            new String[] {"Cache-Control", "no-cache, no-store, must-revalidate"},
            new String[] {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"});

    private MqwebErrors() {
    }

    /** A response builder with mqweb's headers already on it. */
    public static ApiResponse response(int status) {
        ApiResponse b = new ApiResponse(status);
        for (String[] h : SECURITY_HEADERS) {
            b.withHeader(h[0], h[1]);
        }
        return b;
    }

    public static ApiResponse badRequest(String detail) {
        return error(400, "MQWB0005E", "The request body or a parameter is not valid: " + detail + ".",
                "The REST API request could not be parsed.", "Correct the request and try again.", 0, 0);
    }

    public static ApiResponse notAuthenticated() {
        return error(401, "MQWB0104E", "The user is not authenticated.",
                "The request carried no valid credentials, token or client certificate.",
                "Log in (POST /login) or send credentials.", 0, 0);
    }

    public static ApiResponse tokenFailed(String cookieName) {
        return error(401, "MQWB0112E", "The '" + cookieName + "' authentication token cookie failed verification.",
                "The token has expired, was altered, or was issued by another server.",
                "Log in again to get a new token.", 0, 0);
    }

    public static ApiResponse loginFailed() {
        return error(401, "MQWB0104E", "The user could not be authenticated with the user name and password given.",
                "The credentials were not valid.", "Check the user name and password.", 0, 0);
    }

    public static ApiResponse csrfMissing(int status) {
        return error(status, "MQWB0100E", "The 'ibm-mq-rest-csrf-token' HTTP header is missing.",
                "POST, PATCH and DELETE requests must carry the ibm-mq-rest-csrf-token header.",
                "Add the header, with any value.", 0, 0);
    }

    public static ApiResponse forbidden(String user, String roles) {
        return error(403, "MQWB0108E", "The user '" + user + "' is not granted any of the roles " + roles + ".",
                "The principal is not in a role that may use this resource.", "Grant the user a role.", 0, 0);
    }

    public static ApiResponse qmgrNotFound(String qmgr) {
        return error(404, "MQWB0009E", "Could not find the queue manager '" + qmgr + "'.",
                "The queue manager does not exist.", "Name an existing queue manager.", 2, 2058);
    }

    public static ApiResponse queueNotFound(String queue) {
        return error(404, "MQWB0009E", "Could not find the queue '" + queue + "'.",
                "The queue does not exist.", "Name an existing queue.", 2, 2085);
    }

    public static ApiResponse notFound(String path) {
        return error(404, "MQWB0101E", "The REST API resource '" + path + "' could not be found.",
                "There is no such resource in this version of the REST API.", "Check the URL.", 0, 0);
    }

    public static ApiResponse methodNotAllowed(String method, String path) {
        return error(405, "MQWB0102E", "The HTTP method '" + method + "' is not supported by '" + path + "'.",
                "The resource does not support this method.", "Use a supported method.", 0, 0);
    }

    public static ApiResponse queueFull(String queue) {
        return error(500, "MQWB0302E", "The queue '" + queue + "' is full.",
                "MQ returned reason code 2053 (MQRC_Q_FULL).", "Get messages from the queue.", 2, 2053);
    }

    static ApiResponse error(int status, String msgId, String message, String explanation, String action,
                                    int completionCode, int reasonCode) {
        String json = "{\"error\":[{\"type\":\"rest\",\"msgId\":\"" + msgId + "\",\"message\":" + Json.quote(msgId + ": " + message)
                + ",\"explanation\":" + Json.quote(explanation) + ",\"action\":" + Json.quote(action)
                + ",\"completionCode\":" + completionCode + ",\"reasonCode\":" + reasonCode + "}]}";
        return response(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(json);
    }

    /** A response with a JSON body and mqweb's headers. */
    public static ApiResponse json(int status, byte[] body) {
        return response(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** A copy of {@code d}, to add headers to. */
    public static ApiResponse like(ApiResponse d) {
        return d.copy();
    }
}
