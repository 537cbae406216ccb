package io.restcost.mqweb;

import static io.restcost.mqweb.MqwebErrors.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restcost.mqweb.queue.MessageQueue;
import io.restcost.mqweb.queue.QueueManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mqweb's MQSC resource: parses {@code runCommand} (MQSC text) and {@code runCommandJSON}
 * bodies and runs the DISPLAY commands the mock knows (the queue manager, local queues by
 * name or generic name). A failed command is still HTTP 200, with completion code 2.
 */
final class MqscCommands {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DISPLAY_QUEUE = Pattern.compile(
            "(?i)\\s*DIS(?:PLAY)?\\s+(?:QLOCAL|QL|QUEUE|Q)\\s*\\(\\s*([^)\\s]+)\\s*\\).*");
    private static final Pattern DISPLAY_QMGR = Pattern.compile("(?i)\\s*DIS(?:PLAY)?\\s+QMGR\\b.*");

    private final QueueManager qmgr;

    MqscCommands(QueueManager qmgr) {
        this.qmgr = qmgr;
    }

    /** Runs the command in the body of a POST to {@code /admin/action/qmgr/{qmgr}/mqsc}. */
    ApiResponse run(ApiRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.bodyAsString());
        } catch (IOException e) {
            return MqwebErrors.badRequest("the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            return MqwebErrors.badRequest("the body must be a JSON object with a \"type\"");
        }
        String type = body.path("type").asText("");
        List<ObjectNode> responses = new ArrayList<>();
        switch (type) {
            case "runCommand" -> {
                String command = body.path("parameters").path("command").asText(null);
                if (command == null) {
                    return MqwebErrors.badRequest("runCommand needs parameters.command");
                }
                runCommand(command, responses);
            }
            case "runCommandJSON" -> {
                String command = body.path("command").asText("");
                String qualifier = body.path("qualifier").asText("");
                if (command.isEmpty() || qualifier.isEmpty()) {
                    return MqwebErrors.badRequest("runCommandJSON needs command and qualifier");
                }
                runCommandJson(command, qualifier, body.path("name").asText("*"), responses);
            }
            default -> {
                return MqwebErrors.badRequest("type must be runCommand or runCommandJSON: " + type);
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
}
