package io.restcost.mock.api;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.restcost.mock.auth.MqwebSecurity;
import io.restcost.mock.stats.ExchangeLog;
import io.restcost.mqweb.ApiResponse;
import io.restcost.mqweb.MqwebResources;
import io.restcost.mqweb.queue.QueueManager;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The mock's mqweb REST API: each request first passes {@link MqwebSecurityCheck}, the mock's
 * imitation of Liberty's security; then {@link MqwebResources} answers it, the same resources
 * the Liberty servlet serves; this adds the configured response delay and injects faults at
 * the configured rate, and spends the {@link RequestWork} that stands for what Liberty's web
 * container does per request.
 *
 * <p>It answers in WireMock's terms (a {@link Request} in, a {@link ResponseDefinition} out),
 * called either directly by the server's connection filter (the default, see
 * {@code io.restcost.mock.server.DirectResponder}) or as the transformer behind WireMock's single
 * catch-all stub.
 */
public final class MqwebApi implements ResponseDefinitionTransformerV2 {

    private final MqwebSecurityCheck security;
    private final ResponseShaping shaping;
    private final ExchangeLog log;
    private final MqwebResources resources;
    private final RequestWork work;

    /**
     * @param shaping response delay and fault injection
     * @param work the CPU spent per request on top of the mock's own (Liberty's container)
     * @param log records every exchange answered, or null
     */
    public MqwebApi(QueueManager qmgr, MqwebSecurityCheck security, ResponseShaping shaping, RequestWork work, ExchangeLog log) {
        this.security = security;
        this.shaping = shaping;
        this.work = work;
        this.log = log;
        this.resources = new MqwebResources(qmgr);
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

    /**
     * A fault loses the response, not the request: the request is authenticated and carried out
     * first (a message put stays put, a login's token is issued), as when a connection dies
     * while the server answers. That is the case a client must not paper over by sending a
     * POST again.
     */
    private ResponseDefinition answerUnlogged(Request request) {
        work.spend();
        WireMockRequest api = new WireMockRequest(request);
        MqwebSecurityCheck.Outcome outcome = security.check(api);
        ApiResponse answer;
        if (outcome.answer() != null) {
            answer = outcome.answer();
        } else {
            answer = resources.answer(api, outcome.principal().user(), outcome.principal().roles(), security.cookieName());
            if (outcome.setCookie()) {
                answer.withHeader("Set-Cookie", security.cookieFor(outcome.principal()));
            }
        }
        Fault fault = shaping.fault(ThreadLocalRandom.current());
        if (fault != null) {
            return shaping.delay(ResponseDefinitionBuilder.responseDefinition().withFault(fault)).build();
        }
        return shaping.delay(WireMockRequest.toWireMock(answer)).build();
    }
}
