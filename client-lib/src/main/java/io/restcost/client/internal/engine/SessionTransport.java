package io.restcost.client.internal.engine;

import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import java.io.IOException;

/**
 * One session's view of an engine: everything it sends goes to the session's origin over at
 * most one connection at a time, opened on demand. Used by one thread at a time (the session's holder).
 *
 * <p>Engine-facing SPI: not for applications.
 */
public interface SessionTransport extends AutoCloseable {

    /**
     * Sends one request and reads the whole response.
     *
     * @param request method, path, headers, body
     * @param authorization the Authorization header value, or null
     * @param cookie the Cookie header value, or null
     * @param csrfToken the {@code ibm-mq-rest-csrf-token} header value, or null to omit it
     * @param last whether this is the connection's last request: it then carries
     *     {@code Connection: close} and the connection is closed after the response
     */
    RestResponse exchange(RestRequest request, String authorization, String cookie,
                          String csrfToken, boolean last) throws IOException;

    /** Closes the connection, if one is open. Never throws. */
    @Override
    void close();
}
