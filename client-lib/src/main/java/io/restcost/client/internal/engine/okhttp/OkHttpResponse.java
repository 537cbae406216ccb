package io.restcost.client.internal.engine.okhttp;

import io.restcost.client.http.RestResponse;
import java.util.List;
import okhttp3.Headers;

/** A response read whole; headers stay in OkHttp's {@link Headers}. */
final class OkHttpResponse implements RestResponse {

    private final int status;
    private final Headers headers;
    private final byte[] body;

    OkHttpResponse(int status, Headers headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public List<String> headers(String name) {
        return headers.values(name);
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public String toString() {
        return "HTTP " + status + " (" + body.length + " bytes)";
    }
}
