package io.restcost.mqweb;

import java.util.List;
import java.util.Set;

/**
 * Which of mqweb's roles may use which resource. MQWebUser may use the admin API too, under
 * its own queue-manager authority (the queue manager's OAM decides; the imitations have none,
 * so they allow what the role allows). The admin roles run under mqweb's own identity and have
 * no messaging API.
 */
public final class MqwebRoles {

    public static final String ADMIN = "MQWebAdmin";
    public static final String ADMIN_RO = "MQWebAdminRO";
    public static final String USER = "MQWebUser";
    /** Every role, in the order mqweb's documentation lists them. */
    public static final List<String> ALL = List.of(ADMIN, ADMIN_RO, USER);

    private static final Set<String> ADMIN_READ = Set.of(ADMIN, ADMIN_RO, USER);
    private static final Set<String> ADMIN_WRITE = Set.of(ADMIN, USER);
    private static final Set<String> MESSAGING = Set.of(USER);
    private static final Set<String> ANY = Set.of(ADMIN, ADMIN_RO, USER);

    private MqwebRoles() {
    }

    /** The roles of which a user needs one for {@code method} on {@code resource} (a path under {@code /ibmmq/rest/vN}). */
    public static Set<String> required(String method, String resource) {
        if (resource == null || resource.equals("/login")) {
            return ANY;
        }
        if (resource.startsWith("/messaging/")) {
            return MESSAGING;
        }
        if (resource.startsWith("/admin/")) {
            return method.equals("GET") ? ADMIN_READ : ADMIN_WRITE;
        }
        return ANY;
    }

    /** Whether a method must carry the {@code ibm-mq-rest-csrf-token} header. */
    public static boolean needsCsrfHeader(String method) {
        return method.equals("POST") || method.equals("PATCH") || method.equals("DELETE");
    }
}
