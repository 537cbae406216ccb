package io.restcost.mqweb;

/**
 * One HTTP request as mqweb's resources read it, whatever server received it: the mock's
 * WireMock/Jetty, or a servlet in Open Liberty. Header names are case-insensitive.
 */
public interface ApiRequest {

    /** The method, upper case: {@code GET}, {@code POST} ... */
    String method();

    /** The path and query, e.g. {@code /ibmmq/rest/v2/admin/qmgr?x=y}. */
    String url();

    /** The first value of a header, or null. */
    String header(String name);

    /** The body; empty, never null. */
    byte[] body();

    /** The first value of a query parameter, or null. */
    String queryParameter(String name);

    default String bodyAsString() {
        return new String(body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
