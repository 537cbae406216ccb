package io.restcost.mqweb;


import io.restcost.mqweb.queue.Message;
import io.restcost.mqweb.queue.MessageQueue;
import io.restcost.mqweb.queue.QueueManager;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mqweb's messaging resource, {@code /messaging/qmgr/{qmgr}/queue/{queue}/message}: put
 * (POST), destructive get (DELETE, with an optional wait) and browse (GET), selected by
 * message or correlation id.
 */
final class MessagingResource {

    private static final Pattern MESSAGE = Pattern.compile("/messaging/qmgr/([^/]+)/queue/([^/]+)/message");
    private static final Pattern HEX48 = Pattern.compile("[0-9a-fA-F]{48}");
    private static final String ZERO_ID = "0".repeat(48);
    private static final long MAX_WAIT_MILLIS = 30_000;

    private final QueueManager qmgr;

    MessagingResource(QueueManager qmgr) {
        this.qmgr = qmgr;
    }

    /** The answer to a request for {@code resource} (its path under {@code /ibmmq/rest/vN}, starting {@code /messaging/}). */
    ApiResponse answer(ApiRequest request, String method, String path, String resource) {
        Matcher m = MESSAGE.matcher(resource);
        if (!m.matches()) {
            return MqwebErrors.notFound(path);
        }
        if (!qmgr.name().equals(m.group(1))) {
            return MqwebErrors.qmgrNotFound(m.group(1));
        }
        MessageQueue q = qmgr.queue(m.group(2));
        if (q == null) {
            return MqwebErrors.queueNotFound(m.group(2));
        }
        return switch (method) {
            case "POST" -> put(q, request);
            case "DELETE" -> get(q, request, true);
            case "GET" -> get(q, request, false);
            default -> MqwebErrors.methodNotAllowed(method, path);
        };
    }

    private ApiResponse put(MessageQueue q, ApiRequest request) {
        String correlationId = request.header("ibm-mq-md-correlationId");
        if (correlationId != null && !HEX48.matcher(correlationId).matches()) {
            return MqwebErrors.badRequest("ibm-mq-md-correlationId must be 48 hexadecimal characters");
        }
        String contentType = request.header("Content-Type");
        Message message = new Message(qmgr.newMessageId(), correlationId == null ? ZERO_ID : correlationId.toLowerCase(Locale.ROOT),
                request.body(), contentType == null ? "text/plain;charset=utf-8" : contentType, System.currentTimeMillis());
        if (!q.put(message)) {
            return MqwebErrors.queueFull(q.name());
        }
        return MqwebErrors.response(201).withHeader("ibm-mq-md-messageId", message.messageId());
    }

    private ApiResponse get(MessageQueue q, ApiRequest request, boolean destructive) {
        String messageId = selector(request, "messageId");
        String correlationId = selector(request, "correlationId");
        if ("bad".equals(messageId) || "bad".equals(correlationId)) {
            return MqwebErrors.badRequest("messageId and correlationId must be 48 hexadecimal characters");
        }
        long wait = 0;
        String w = request.queryParameter("wait");
        if (w != null) {
            try {
                wait = Math.min(MAX_WAIT_MILLIS, Long.parseLong(w));
            } catch (NumberFormatException e) {
                return MqwebErrors.badRequest("wait must be a number of milliseconds: " + w);
            }
            if (wait < 0) {
                return MqwebErrors.badRequest("wait must not be negative: " + wait);
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

    private static String selector(ApiRequest request, String name) {
        String v = request.queryParameter(name);
        if (v == null) {
            return null;
        }
        return HEX48.matcher(v).matches() ? v : "bad";
    }
}
