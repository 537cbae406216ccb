package io.restcost.mock.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.restcost.mock.auth.MqwebSecurity;
import io.restcost.mock.queue.Message;
import io.restcost.mock.queue.MessageQueue;
import io.restcost.mock.queue.QueueManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mqweb REST API (admin, MQSC and messaging). Each request first passes
 * {@link MqwebSecurityCheck}; then this answers with mqweb's bodies, status codes and headers,
 * adds the configured response delay, and injects faults at the configured rate.
 *
 * <p>It answers in WireMock's terms (a {@link Request} in, a {@link ResponseDefinition} out),
 * called either directly by the server's connection filter (the default, see
 * {@code io.restcost.mock.server.DirectResponder}) or as the transformer behind WireMock's single
 * catch-all stub.
 */
public final class MqwebApi implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QMGR = Pattern.compile("/admin/qmgr/([^/]+)");
    private static final Pattern QUEUES_V1 = Pattern.compile("/admin/qmgr/([^/]+)/queue");
    private static final Pattern MQSC = Pattern.compile("/admin/action/qmgr/([^/]+)/mqsc");
    private static final Pattern MESSAGE = Pattern.compile("/messaging/qmgr/([^/]+)/queue/([^/]+)/message");
    private static final Pattern DISPLAY_QUEUE = Pattern.compile(
            "(?i)\\s*DIS(?:PLAY)?\\s+(?:QLOCAL|QL|QUEUE|Q)\\s*\\(\\s*([^)\\s]+)\\s*\\).*");
    private static final Pattern DISPLAY_QMGR = Pattern.compile("(?i)\\s*DIS(?:PLAY)?\\s+QMGR\\b.*");
    private static final Pattern HEX48 = Pattern.compile("[0-9a-fA-F]{48}");
    private static final String ZERO_ID = "0".repeat(48);
    private static final long MAX_WAIT_MILLIS = 30_000;

    private final QueueManager qmgr;
    private final MqwebSecurityCheck security;
    private final ResponseShaping shaping;
    private final byte[] qmgrList;
    private final byte[] installation;

    /**
     * @param shaping response delay and fault injection
     */
    public MqwebApi(QueueManager qmgr, MqwebSecurityCheck security, ResponseShaping shaping) {
        this.qmgr = qmgr;
        this.security = security;
        this.shaping = shaping;
        this.qmgrList = ("{\"qmgr\":[{\"name\":\"" + qmgr.name() + "\",\"state\":\"running\"}]}").getBytes(StandardCharsets.UTF_8);
        this.installation = ("{\"installation\":[{\"name\":\"Installation1\",\"version\":\"" + QueueManager.VERSION
                + "\",\"platform\":\"linux\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String getName() {
        return "mqweb-api";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        return answer(serveEvent.getRequest());
    }

    /**
     * The whole of mqweb's answer to one request, fault and delay included: what both the
     * direct responder and WireMock's stub pipeline send.
     */
    public ResponseDefinition answer(Request request) {
        Fault fault = shaping.fault(ThreadLocalRandom.current());
        if (fault != null) {
            return ResponseDefinitionBuilder.responseDefinition().withFault(fault).build();
        }
        MqwebSecurityCheck.Outcome outcome = security.check(request);
        if (outcome.answer() != null) {
            return shaping.delay(ResponseDefinitionBuilder.like(outcome.answer())).build();
        }
        ResponseDefinitionBuilder answer = route(request, outcome.principal());
        if (outcome.setCookie()) {
            answer.withHeader("Set-Cookie", security.cookieFor(outcome.principal()));
        }
        return shaping.delay(answer).build();
    }

    private ResponseDefinitionBuilder route(Request request, MqwebSecurity.Principal principal) {
        String method = request.getMethod().getName();
        String path = MqwebPaths.path(request.getUrl());
        int version = MqwebPaths.version(path);
        String resource = MqwebPaths.resource(path);
        if (resource == null) {
            return like(MqwebErrors.notFound(path));
        }
        Matcher m;
        if (resource.equals("/login")) {
            return switch (method) {
                case "GET" -> json(200, whoAmI(principal));
                case "DELETE" -> MqwebErrors.response(204).withHeader("Set-Cookie",
                        security.cookieName() + "=\"\"; Path=/; Max-Age=0; HttpOnly");
                default -> like(MqwebErrors.methodNotAllowed(method, path));
            };
        }
        if (resource.equals("/admin/qmgr")) {
            return method.equals("GET") ? json(200, qmgrList) : like(MqwebErrors.methodNotAllowed(method, path));
        }
        if (resource.equals("/admin/installation")) {
            return method.equals("GET") ? json(200, installation) : like(MqwebErrors.methodNotAllowed(method, path));
        }
        if ((m = QMGR.matcher(resource)).matches()) {
            if (!method.equals("GET")) {
                return like(MqwebErrors.methodNotAllowed(method, path));
            }
            return known(m.group(1)) ? json(200, qmgrList) : like(MqwebErrors.qmgrNotFound(m.group(1)));
        }
        if ((m = QUEUES_V1.matcher(resource)).matches() && version == 1) {
            if (!known(m.group(1))) {
                return like(MqwebErrors.qmgrNotFound(m.group(1)));
            }
            ArrayNode list = JSON.createArrayNode();
            for (MessageQueue q : qmgr.queues()) {
                list.addObject().put("name", q.name()).put("type", "local");
            }
            ObjectNode root = JSON.createObjectNode();
            root.set("queue", list);
            return json(200, root.toString().getBytes(StandardCharsets.UTF_8));
        }
        if ((m = MQSC.matcher(resource)).matches()) {
            if (!method.equals("POST")) {
                return like(MqwebErrors.methodNotAllowed(method, path));
            }
            return known(m.group(1)) ? mqsc(request) : like(MqwebErrors.qmgrNotFound(m.group(1)));
        }
        if ((m = MESSAGE.matcher(resource)).matches() && version >= 2) {
            if (!known(m.group(1))) {
                return like(MqwebErrors.qmgrNotFound(m.group(1)));
            }
            MessageQueue q = qmgr.queue(m.group(2));
            if (q == null) {
                return like(MqwebErrors.queueNotFound(m.group(2)));
            }
            return switch (method) {
                case "POST" -> put(q, request);
                case "DELETE" -> get(q, request, true);
                case "GET" -> get(q, request, false);
                default -> like(MqwebErrors.methodNotAllowed(method, path));
            };
        }
        return like(MqwebErrors.notFound(path));
    }

    private boolean known(String name) {
        return qmgr.name().equals(name);
    }

    private static byte[] whoAmI(MqwebSecurity.Principal principal) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode user = root.putArray("user").addObject();
        user.put("name", principal.user());
        ArrayNode roles = user.putArray("role");
        principal.roles().forEach(roles::add);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ResponseDefinitionBuilder put(MessageQueue q, Request request) {
        String correlationId = request.getHeader("ibm-mq-md-correlationId");
        if (correlationId != null && !HEX48.matcher(correlationId).matches()) {
            return like(MqwebErrors.badRequest("ibm-mq-md-correlationId must be 48 hexadecimal characters"));
        }
        String contentType = request.getHeader("Content-Type");
        Message message = new Message(qmgr.newMessageId(), correlationId == null ? ZERO_ID : correlationId.toLowerCase(Locale.ROOT),
                request.getBody(), contentType == null ? "text/plain;charset=utf-8" : contentType, System.currentTimeMillis());
        if (!q.put(message)) {
            return like(MqwebErrors.queueFull(q.name()));
        }
        return MqwebErrors.response(201).withHeader("ibm-mq-md-messageId", message.messageId());
    }

    private ResponseDefinitionBuilder get(MessageQueue q, Request request, boolean destructive) {
        String messageId = selector(request, "messageId");
        String correlationId = selector(request, "correlationId");
        if ("bad".equals(messageId) || "bad".equals(correlationId)) {
            return like(MqwebErrors.badRequest("messageId and correlationId must be 48 hexadecimal characters"));
        }
        long wait = 0;
        QueryParameter w = request.queryParameter("wait");
        if (w.isPresent()) {
            try {
                wait = Math.min(MAX_WAIT_MILLIS, Long.parseLong(w.firstValue()));
            } catch (NumberFormatException e) {
                return like(MqwebErrors.badRequest("wait must be a number of milliseconds: " + w.firstValue()));
            }
            if (wait < 0) {
                return like(MqwebErrors.badRequest("wait must not be negative: " + wait));
            }
        }
        Message m;
        try {
            m = destructive ? q.get(messageId, correlationId, wait) : q.browse(messageId, correlationId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MqwebErrors.response(204);
        }
        if (m == null) {
            return MqwebErrors.response(204);
        }
        return MqwebErrors.response(200).withHeader("Content-Type", m.contentType())
                .withHeader("ibm-mq-md-messageId", m.messageId())
                .withHeader("ibm-mq-md-correlationId", m.correlationId())
                .withBody(m.body());
    }

    private static String selector(Request request, String name) {
        QueryParameter p = request.queryParameter(name);
        if (!p.isPresent()) {
            return null;
        }
        String v = p.firstValue();
        return HEX48.matcher(v).matches() ? v : "bad";
    }

    private ResponseDefinitionBuilder mqsc(Request request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            return like(MqwebErrors.badRequest("the body is not JSON"));
        }
        if (body == null || !body.isObject()) {
            return like(MqwebErrors.badRequest("the body must be a JSON object with a \"type\""));
        }
        String type = body.path("type").asText("");
        List<ObjectNode> responses = new ArrayList<>();
        switch (type) {
            case "runCommand" -> {
                String command = body.path("parameters").path("command").asText(null);
                if (command == null) {
                    return like(MqwebErrors.badRequest("runCommand needs parameters.command"));
                }
                runCommand(command, responses);
            }
            case "runCommandJSON" -> {
                String command = body.path("command").asText("");
                String qualifier = body.path("qualifier").asText("");
                if (command.isEmpty() || qualifier.isEmpty()) {
                    return like(MqwebErrors.badRequest("runCommandJSON needs command and qualifier"));
                }
                runCommandJson(command, qualifier, body.path("name").asText("*"), responses);
            }
            default -> {
                return like(MqwebErrors.badRequest("type must be runCommand or runCommandJSON: " + type));
            }
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("commandResponse");
        int overallCc = 0;
        int overallRc = 0;
        for (ObjectNode r : responses) {
            list.add(r);
            if (r.path("completionCode").asInt() != 0) {
                overallCc = 2;
                overallRc = 3008;
            }
        }
        root.put("overallCompletionCode", overallCc).put("overallReasonCode", overallRc);
        return json(200, root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void runCommand(String command, List<ObjectNode> out) {
        if (DISPLAY_QMGR.matcher(command).matches()) {
            ObjectNode r = ok();
            r.putArray("text").add("AMQ8408I: Display Queue Manager details.").add("QMNAME(" + qmgr.name() + ")");
            out.add(r);
            return;
        }
        Matcher m = DISPLAY_QUEUE.matcher(command);
        if (!m.matches()) {
            ObjectNode r = failed(3008);
            r.putArray("text").add("AMQ8405I: Syntax error detected at or near end of command segment below:-").add(command);
            out.add(r);
            return;
        }
        List<MessageQueue> found = matching(m.group(1));
        if (found.isEmpty()) {
            ObjectNode r = failed(2085);
            r.putArray("text").add("AMQ8147E: IBM MQ object " + m.group(1).toUpperCase(Locale.ROOT) + " not found.");
            out.add(r);
            return;
        }
        for (MessageQueue q : found) {
            ObjectNode r = ok();
            r.putArray("text").add("AMQ8409I: Display Queue details.")
                    .add("QUEUE(" + q.name() + ") TYPE(QLOCAL) CURDEPTH(" + q.depth() + ") MAXDEPTH(" + q.maxDepth() + ")");
            out.add(r);
        }
    }

    private void runCommandJson(String command, String qualifier, String name, List<ObjectNode> out) {
        if (!command.equalsIgnoreCase("display")) {
            ObjectNode r = failed(3008);
            r.put("message", "The command '" + command + "' is not supported by the mock.");
            out.add(r);
            return;
        }
        switch (qualifier.toLowerCase(Locale.ROOT)) {
            case "qmgr" -> {
                ObjectNode r = ok();
                r.putObject("parameters").put("qmname", qmgr.name());
                out.add(r);
            }
            case "qlocal", "queue", "q" -> {
                List<MessageQueue> found = matching(name);
                if (found.isEmpty()) {
                    ObjectNode r = failed(2085);
                    r.putArray("message").add("AMQ8147E: IBM MQ object " + name.toUpperCase(Locale.ROOT) + " not found.");
                    out.add(r);
                }
                for (MessageQueue q : found) {
                    ObjectNode r = ok();
                    r.putObject("parameters").put("queue", q.name()).put("type", "QLOCAL")
                            .put("curdepth", q.depth()).put("maxdepth", q.maxDepth());
                    out.add(r);
                }
            }
            default -> {
                ObjectNode r = failed(3008);
                r.put("message", "The qualifier '" + qualifier + "' is not supported by the mock.");
                out.add(r);
            }
        }
    }

    /** Queues named by an MQSC name: exact, {@code *}, or a generic prefix ending in {@code *}. */
    private List<MessageQueue> matching(String name) {
        List<MessageQueue> found = new ArrayList<>();
        String upper = name.toUpperCase(Locale.ROOT);
        for (MessageQueue q : qmgr.queues()) {
            boolean match = upper.endsWith("*") ? q.name().startsWith(upper.substring(0, upper.length() - 1)) : q.name().equals(upper);
            if (match) {
                found.add(q);
            }
        }
        return found;
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("completionCode", 0).put("reasonCode", 0);
    }

    private static ObjectNode failed(int reasonCode) {
        return JSON.createObjectNode().put("completionCode", 2).put("reasonCode", reasonCode);
    }

    private static ResponseDefinitionBuilder json(int status, byte[] body) {
        return MqwebErrors.response(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private static ResponseDefinitionBuilder like(ResponseDefinition d) {
        return ResponseDefinitionBuilder.like(d);
    }
}
