package io.restcost.client.internal.engine.okhttp;

import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.client.internal.engine.SessionTransport;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;

/** One session's OkHttpClient over its one-connection pool. Used by one thread at a time on HTTP/1.1, by its streams' on HTTP/2. */
final class OkHttpSession implements SessionTransport {

    private static final byte[] EMPTY = new byte[0];
    private static final RequestBody EMPTY_BODY = RequestBody.create(EMPTY, null);
    private static final RequestBody EMPTY_SENT_ONCE = new SentOnce(EMPTY_BODY);

    private final String originPrefix;
    private final OkHttpClient client;
    // The URL of the last request sent, parsed once: applications send the same request
    // objects again and again, and parsing a URL per request is most of what a thin client
    // would otherwise add to OkHttp's own allocation. One object, so streams sharing the
    // session never pair one request with another's URL.
    private volatile Parsed lastParsed;

    private record Parsed(RestRequest request, HttpUrl url) {
    }

    /** @param originPrefix {@code https://host:port}, the session's origin */
    OkHttpSession(String originPrefix, OkHttpClient client) {
        this.originPrefix = originPrefix;
        this.client = client;
    }

    @Override
    public RestResponse exchange(RestRequest request, String authorization, String cookie,
                                 String csrfToken, boolean last) throws IOException {
        Parsed parsed = lastParsed;
        if (parsed == null || parsed.request() != request) {
            parsed = new Parsed(request, HttpUrl.get(originPrefix + request.path()));
            lastParsed = parsed;
        }
        HttpUrl url = parsed.url();
        Request.Builder b = new Request.Builder().url(url);
        for (int i = 0, n = request.headerCount(); i < n; i++) {
            b.addHeader(request.headerName(i), request.headerValue(i));
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrfToken != null) {
            b.header("ibm-mq-rest-csrf-token", csrfToken);
        }
        if (last) {
            // OkHttp takes no new exchange on a connection once a request said close.
            b.header("Connection", "close");
        }
        RequestBody body = null;
        if (request.body() != null) {
            body = RequestBody.create(request.body(), MediaType.get(request.contentType()));
        } else if (request.method().equals("POST") || request.method().equals("PUT") || request.method().equals("PATCH")) {
            body = EMPTY_BODY;
        }
        if (!request.idempotent()) {
            // OkHttp sends a request again after a connection failure, once the request may
            // already have reached the server too, unless its body is one-shot: a POST the
            // server carried out, or a destructive get, must not be carried out twice (FaultInjectionTest).
            body = body == null || body == EMPTY_BODY ? EMPTY_SENT_ONCE : new SentOnce(body);
        }
        b.method(request.method(), body);
        try (Response response = client.newCall(b.build()).execute()) {
            ResponseBody rb = response.body();
            byte[] bytes = rb == null ? EMPTY : rb.bytes();
            return new OkHttpResponse(response.code(), response.headers(), bytes);
        }
    }

    @Override
    public void close() {
        client.connectionPool().evictAll();
    }

    /** A body OkHttp may write only once, so it never retries its request after sending began. */
    private static final class SentOnce extends RequestBody {
        private final RequestBody body;

        SentOnce(RequestBody body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() throws IOException {
            return body.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            body.writeTo(sink);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }
}
