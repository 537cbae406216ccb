package io.restcost.mock.api;

import static io.restcost.mock.api.MqwebErrors.like;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import io.restcost.mock.queue.Message;
import io.restcost.mock.queue.MessageQueue;
import io.restcost.mock.queue.QueueManager;
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
    ResponseDefinitionBuilder answer(Request request, String method, String path, String resource) {
        Matcher m = MESSAGE.matcher(resource);
        if (!m.matches()) {
            return like(MqwebErrors.notFound(path));
        }
        if (!qmgr.name().equals(m.group(1))) {
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
}
