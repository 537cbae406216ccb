package io.restcost.mqweb;

import static io.restcost.mqweb.MqwebErrors.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restcost.mqweb.queue.MessageQueue;
import io.restcost.mqweb.queue.QueueManager;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** mqweb's admin resources: the queue manager list, one queue manager, the installation, and v1's queue list. */
final class AdminResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QMGR = Pattern.compile("/admin/qmgr/([^/]+)");
    private static final Pattern QUEUES_V1 = Pattern.compile("/admin/qmgr/([^/]+)/queue");

    private final QueueManager qmgr;
    private final byte[] qmgrList;
    private final byte[] installation;

    AdminResource(QueueManager qmgr) {
        this.qmgr = qmgr;
        this.qmgrList = ("{\"qmgr\":[{\"name\":\"" + qmgr.name() + "\",\"state\":\"running\"}]}").getBytes(StandardCharsets.UTF_8);
        this.installation = ("{\"installation\":[{\"name\":\"Installation1\",\"version\":\"" + QueueManager.VERSION
                + "\",\"platform\":\"linux\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** The answer to a request for {@code resource} (its path under {@code /ibmmq/rest/vN}, starting {@code /admin/}). */
    ApiResponse answer(String method, String path, int version, String resource) {
        if (resource.equals("/admin/qmgr")) {
            return method.equals("GET") ? json(200, qmgrList) : MqwebErrors.methodNotAllowed(method, path);
        }
        if (resource.equals("/admin/installation")) {
            return method.equals("GET") ? json(200, installation) : MqwebErrors.methodNotAllowed(method, path);
        }
        Matcher m;
        if ((m = QMGR.matcher(resource)).matches()) {
            if (!method.equals("GET")) {
                return MqwebErrors.methodNotAllowed(method, path);
            }
            return known(m.group(1)) ? json(200, qmgrList) : MqwebErrors.qmgrNotFound(m.group(1));
        }
        if ((m = QUEUES_V1.matcher(resource)).matches() && version == 1) {
            if (!known(m.group(1))) {
                return MqwebErrors.qmgrNotFound(m.group(1));
            }
            ArrayNode list = JSON.createArrayNode();
            for (MessageQueue q : qmgr.queues()) {
                list.addObject().put("name", q.name()).put("type", "local");
            }
            ObjectNode root = JSON.createObjectNode();
            root.set("queue", list);
            return json(200, root.toString().getBytes(StandardCharsets.UTF_8));
        }
        return MqwebErrors.notFound(path);
    }

    private boolean known(String name) {
        return qmgr.name().equals(name);
    }
}
