package io.restcost.liberty.app;

import io.restcost.mqweb.ApiRequest;
import io.restcost.mqweb.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A servlet request as mqweb's resources read it (the body read once), and their response written out. */
final class ServletRequests implements ApiRequest {

    private final HttpServletRequest request;
    private byte[] body;

    ServletRequests(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String url() {
        String q = request.getQueryString();
        return q == null ? request.getRequestURI() : request.getRequestURI() + "?" + q;
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public byte[] body() {
        if (body == null) {
            try {
                body = request.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body;
    }

    @Override
    public String queryParameter(String name) {
        return request.getParameter(name);
    }

    static void write(ApiResponse r, HttpServletResponse response) throws IOException {
        response.setStatus(r.status());
        for (String[] h : r.headers()) {
            response.addHeader(h[0], h[1]);
        }
        if (r.body().length > 0) {
            response.setContentLength(r.body().length);
            response.getOutputStream().write(r.body());
        }
    }
}
