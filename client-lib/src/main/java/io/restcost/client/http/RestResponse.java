package io.restcost.client.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A response, read whole: its connection is free for the next request when you get it. The
 * engines' responses are immutable and may be read from any thread.
 */
public interface RestResponse {

    /** The HTTP status code, e.g. 200. */
    int status();

    /** The first value of a header (case-insensitive name), or null. */
    String header(String name);

    /** Every value of a header (case-insensitive name); empty when absent. */
    List<String> headers(String name);

    /** The body; empty, never null, when there was none. */
    byte[] body();

    /** The body decoded as UTF-8 (what mqweb sends). */
    default String bodyAsString() {
        return new String(body(), StandardCharsets.UTF_8);
    }
}
