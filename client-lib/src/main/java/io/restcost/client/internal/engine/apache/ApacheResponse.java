package io.restcost.client.internal.engine.apache;

import io.restcost.client.http.RestResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.core5.http.Header;

/** A response read whole; headers stay in the engine's array until asked for. */
final class ApacheResponse implements RestResponse {

    private final int status;
    private final Header[] headers;
    private final byte[] body;

    ApacheResponse(int status, Header[] headers, byte[] body) {
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
        for (Header h : headers) {
            if (h.getName().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>(2);
        for (Header h : headers) {
            if (h.getName().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
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
