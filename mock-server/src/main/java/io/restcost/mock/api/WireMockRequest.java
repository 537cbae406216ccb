package io.restcost.mock.api;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import io.restcost.mqweb.ApiRequest;
import io.restcost.mqweb.ApiResponse;

/** WireMock's request as mqweb's resources read it, and their response in WireMock's terms. */
final class WireMockRequest implements ApiRequest {

    private final Request request;

    WireMockRequest(Request request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod().getName();
    }

    @Override
    public String url() {
        return request.getUrl();
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public byte[] body() {
        byte[] b = request.getBody();
        return b == null ? new byte[0] : b;
    }

    @Override
    public String queryParameter(String name) {
        QueryParameter p = request.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    /** The value of a cookie, or null. */
    String cookie(String name) {
        Cookie c = request.getCookies().get(name);
        return c != null && c.isPresent() ? c.getValue() : null;
    }

    /** The response as WireMock sends it, headers in order. */
    static ResponseDefinitionBuilder toWireMock(ApiResponse r) {
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(r.status());
        for (String[] h : r.headers()) {
            b.withHeader(h[0], h[1]);
        }
        if (r.body().length > 0) {
            b.withBody(r.body());
        }
        return b;
    }
}
