package io.restcost.mock.server;

import com.github.tomakehurst.wiremock.http.DelayDistribution;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.jetty.JettyFaultInjectorFactory;
import com.github.tomakehurst.wiremock.jetty.JettyHttpUtils;
import com.github.tomakehurst.wiremock.servlet.MultipartRequestConfigurer;
import com.github.tomakehurst.wiremock.servlet.WireMockHttpServletRequestAdapter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Answers mqweb requests from the connection filter, without WireMock's per-request serve
 * pipeline (serve event, copy of the request for the journal, stub matching, transformer
 * chain, response rendering). With a single catch-all stub that pipeline decides nothing but
 * costs much of the keep-alive throughput ({@code benchmarks/scripts/mock-vs-nginx.sh} measures
 * both paths; the figures are in docs/mock.md).
 *
 * <p>What stays WireMock's: the request model the API reads ({@link WireMockHttpServletRequestAdapter}
 * over the servlet request), the response definition it answers with, the delay
 * distributions, and the fault injectors, built by WireMock's own factory for the connection.
 * The response carries what WireMock's servlet would write, less the {@code Matched-Stub-Id}
 * header, which real mqweb does not send.
 */
final class DirectResponder {

    private final Function<Request, ResponseDefinition> api;
    private JettyHttpUtils utils;
    private MultipartRequestConfigurer multipart;
    private JettyFaultInjectorFactory faults;

    DirectResponder(Function<Request, ResponseDefinition> api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** Takes what WireMock put in the servlet context for its own servlet; called once, at start. */
    void init(ServletContext context) {
        utils = (JettyHttpUtils) context.getAttribute(JettyHttpUtils.class.getName());
        multipart = (MultipartRequestConfigurer) context.getAttribute(MultipartRequestConfigurer.KEY);
        if (utils == null) {
            throw new IllegalStateException("WireMock's Jetty utilities are missing from the servlet context");
        }
        faults = new JettyFaultInjectorFactory(utils);
    }

    /**
     * Answers one request, delay and fault included.
     *
     * @param lastOnConnection the connection closes after this response (the keep-alive limit)
     * @param counted told the status before the response leaves (0 for a fault), so that a
     *     client reading the server's counts right after its response finds it counted
     */
    void serve(HttpServletRequest request, HttpServletResponse response, boolean lastOnConnection, IntConsumer counted)
            throws IOException {
        Request wireMockRequest = new WireMockHttpServletRequestAdapter(request, multipart, null, false, utils);
        ResponseDefinition answer = api.apply(wireMockRequest);
        sleep(delayMillis(answer));
        if (answer.getFault() != null) {
            counted.accept(0);
            answer.getFault().apply(faults.buildFaultInjector(request, response));
            return;
        }
        response.setStatus(answer.getStatus());
        HttpHeaders headers = answer.getHeaders();
        if (headers != null) {
            for (HttpHeader h : headers.all()) {
                for (String v : h.values()) {
                    response.addHeader(h.key(), v);
                }
            }
        }
        counted.accept(answer.getStatus());
        // Not flushed, and no Content-Length set here: Jetty sends the whole response in one
        // write when the filter returns, with the Content-Length it then knows. A flush would
        // chunk the body (one more TLS record and write per response), and a response that
        // completes inside write() changes when clients see the connection free.
        //
        // A connection's last response (the keep-alive limit) is flushed at once, so its body
        // is delimited by the close: Jetty then closes the connection itself, as Liberty does,
        // rather than half-close it and wait for the client.
        byte[] body = answer.getByteBody();
        if (body != null && body.length > 0) {
            response.getOutputStream().write(body);
        }
        if (lastOnConnection) {
            response.getOutputStream().flush();
        }
    }

    private static long delayMillis(ResponseDefinition answer) {
        long millis = answer.getFixedDelayMilliseconds() == null ? 0 : answer.getFixedDelayMilliseconds();
        DelayDistribution d = answer.getDelayDistribution();
        return d == null ? millis : millis + d.sampleMillis();
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping: answer at once
        }
    }
}
