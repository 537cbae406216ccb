package io.restcost.client.internal.adapter;

import io.restcost.client.http.RestResponse;
import java.util.List;

/**
 * A login's answer, read whole from an application's client: its status, its Set-Cookie
 * headers (where the token is) and its body. The other headers are not kept.
 */
record LoginAnswer(int status, List<String> setCookies, byte[] body) implements RestResponse {

    @Override
    public String header(String name) {
        List<String> v = headers(name);
        return v.isEmpty() ? null : v.get(0);
    }

    @Override
    public List<String> headers(String name) {
        return name.equalsIgnoreCase("Set-Cookie") ? setCookies : List.of();
    }

    /** Status and size only: the cookies hold the token. */
    @Override
    public String toString() {
        return "HTTP " + status + " (" + body.length + " bytes)";
    }
}
