package io.restcost.mqweb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restcost.mqweb.queue.QueueManager;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mqweb's REST resources behind its security: who am I and logout ({@code /login}), the admin
 * resources, MQSC and messaging, with mqweb's bodies, status codes and headers. One
 * implementation for every server that imitates mqweb: restcost's mock (after its own
 * security check) and the servlet in Open Liberty (after Liberty's). Logging in
 * ({@code POST /login}) and the authentication itself belong to the server. Thread-safe.
 */
public final class MqwebResources {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MQSC = Pattern.compile("/admin/action/qmgr/([^/]+)/mqsc");

    private final QueueManager qmgr;
    private final AdminResource admin;
    private final MqscCommands mqsc;
    private final MessagingResource messaging;

    public MqwebResources(QueueManager qmgr) {
        this.qmgr = qmgr;
        this.admin = new AdminResource(qmgr);
        this.mqsc = new MqscCommands(qmgr);
        this.messaging = new MessagingResource(qmgr);
    }

    public QueueManager queueManager() {
        return qmgr;
    }

    /**
     * The answer to an authenticated, authorised request.
     *
     * @param user the authenticated user
     * @param roles the user's mqweb roles
     * @param tokenCookie the token cookie's name, cleared on logout ({@code DELETE /login})
     */
    public ApiResponse answer(ApiRequest request, String user, Collection<String> roles, String tokenCookie) {
        String method = request.method();
        String path = MqwebPaths.path(request.url());
        int version = MqwebPaths.version(path);
        String resource = MqwebPaths.resource(path);
        if (resource == null) {
            return MqwebErrors.notFound(path);
        }
        if (resource.equals("/login")) {
            return switch (method) {
                case "GET" -> MqwebErrors.json(200, whoAmI(user, roles));
                case "DELETE" -> MqwebErrors.response(204).withHeader("Set-Cookie",
                        tokenCookie + "=\"\"; Path=/; Max-Age=0; HttpOnly");
                default -> MqwebErrors.methodNotAllowed(method, path);
            };
        }
        if (resource.startsWith("/admin/action/")) {
            Matcher m = MQSC.matcher(resource);
            if (!m.matches()) {
                return MqwebErrors.notFound(path);
            }
            if (!method.equals("POST")) {
                return MqwebErrors.methodNotAllowed(method, path);
            }
            return qmgr.name().equals(m.group(1)) ? mqsc.run(request) : MqwebErrors.qmgrNotFound(m.group(1));
        }
        if (resource.startsWith("/admin/")) {
            return admin.answer(method, path, version, resource);
        }
        if (resource.startsWith("/messaging/") && version >= 2) {
            return messaging.answer(request, method, path, resource);
        }
        return MqwebErrors.notFound(path);
    }

    private static byte[] whoAmI(String name, Collection<String> roleNames) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode user = root.putArray("user").addObject();
        user.put("name", name);
        ArrayNode roles = user.putArray("role");
        roleNames.forEach(roles::add);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
