package io.restcost.client.internal.engine;

import io.restcost.client.http.Origin;

/**
 * An engine, configured once per client, that opens per-session transports sharing its
 * TLS material and threads.
 *
 * <p>Engine-facing SPI: not for applications.
 */
public interface Transport extends AutoCloseable {

    /** A transport for one new session to {@code origin}; its connections report to {@code hooks}. */
    SessionTransport openSession(Origin origin, ConnectionHooks hooks);

    /** The engine's name and version, e.g. {@code okhttp/5.5.1}. */
    String version();

    @Override
    void close();
}
