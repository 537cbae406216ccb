package io.restcost.mock.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.restcost.mock.auth.MqwebSecurity;
import io.restcost.mock.queue.QueueManager;
import io.restcost.mock.stats.ExchangeLog;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mqweb REST API's entry and router. Each request first passes {@link MqwebSecurityCheck};
 * then the login resource is answered here, the rest by {@link AdminResource},
 * {@link MqscCommands} and {@link MessagingResource}, with mqweb's bodies, status codes and
 * headers; this adds the configured response delay and injects faults at the configured rate.
 *
 * <p>It answers in WireMock's terms (a {@link Request} in, a {@link ResponseDefinition} out),
 * called either directly by the server's connection filter (the default, see
 * {@code io.restcost.mock.server.DirectResponder}) or as the transformer behind WireMock's single
 * catch-all stub.
 */
public final class MqwebApi implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MQSC = Pattern.compile("/admin/action/qmgr/([^/]+)/mqsc");

    private final QueueManager qmgr;
    private final MqwebSecurityCheck security;
    private final ResponseShaping shaping;
    private final ExchangeLog log;
    private final AdminResource admin;
    private final MqscCommands mqsc;
    private final MessagingResource messaging;

    /**
     * @param shaping response delay and fault injection
     * @param log records every exchange answered, or null
     */
    public MqwebApi(QueueManager qmgr, MqwebSecurityCheck security, ResponseShaping shaping, ExchangeLog log) {
        this.qmgr = qmgr;
        this.security = security;
        this.shaping = shaping;
        this.log = log;
        this.admin = new AdminResource(qmgr);
        this.mqsc = new MqscCommands(qmgr);
        this.messaging = new MessagingResource(qmgr);
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
        ResponseDefinition response = answerUnlogged(request);
        if (log != null) {
            log.record(request, response);
        }
        return response;
    }

    private ResponseDefinition answerUnlogged(Request request) {
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
            return MqwebErrors.like(MqwebErrors.notFound(path));
        }
        if (resource.equals("/login")) {
            return switch (method) {
                case "GET" -> MqwebErrors.json(200, whoAmI(principal));
                case "DELETE" -> MqwebErrors.response(204).withHeader("Set-Cookie",
                        security.cookieName() + "=\"\"; Path=/; Max-Age=0; HttpOnly");
                default -> MqwebErrors.like(MqwebErrors.methodNotAllowed(method, path));
            };
        }
        if (resource.startsWith("/admin/action/")) {
            Matcher m = MQSC.matcher(resource);
            if (!m.matches()) {
                return MqwebErrors.like(MqwebErrors.notFound(path));
            }
            if (!method.equals("POST")) {
                return MqwebErrors.like(MqwebErrors.methodNotAllowed(method, path));
            }
            return qmgr.name().equals(m.group(1)) ? mqsc.run(request) : MqwebErrors.like(MqwebErrors.qmgrNotFound(m.group(1)));
        }
        if (resource.startsWith("/admin/")) {
            return admin.answer(method, path, version, resource);
        }
        if (resource.startsWith("/messaging/") && version >= 2) {
            return messaging.answer(request, method, path, resource);
        }
        return MqwebErrors.like(MqwebErrors.notFound(path));
    }

    private static byte[] whoAmI(MqwebSecurity.Principal principal) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode user = root.putArray("user").addObject();
        user.put("name", principal.user());
        ArrayNode roles = user.putArray("role");
        principal.roles().forEach(roles::add);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
