package io.restcost.mqweb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP response as mqweb's resources make it: status, headers in order, body. Built by
 * one thread and handed to the server that sends it (the mock turns it into WireMock's
 * response, the Liberty servlet writes it), so it is mutable until then; {@link #copy()}
 * before changing one that is shared.
 */
public final class ApiResponse {

    private static final byte[] EMPTY = new byte[0];

    private final int status;
    private final List<String[]> headers;
    private byte[] body = EMPTY;

    public ApiResponse(int status) {
        this.status = status;
        this.headers = new ArrayList<>(8);
    }

    private ApiResponse(ApiResponse other) {
        this.status = other.status;
        this.headers = new ArrayList<>(other.headers);
        this.body = other.body;
    }

    /** Adds a header (a name may repeat, e.g. {@code Set-Cookie}). */
    public ApiResponse withHeader(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    public ApiResponse withBody(byte[] body) {
        this.body = body == null ? EMPTY : body;
        return this;
    }

    public ApiResponse withBody(String body) {
        return withBody(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy to add to, leaving this one as it is. */
    public ApiResponse copy() {
        return new ApiResponse(this);
    }

    public int status() {
        return status;
    }

    /** The headers in the order added, each {@code {name, value}}. */
    public List<String[]> headers() {
        return headers;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    public byte[] body() {
        return body;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
