package io.restcost.client.internal.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLSession;

/**
 * What an engine reports about the one connection of a session, as it happens. Implemented
 * by the session; called on the thread that drives the connection, except
 * {@link #connectionClosed} which may come from an engine's housekeeping thread.
 *
 * <p>Engine-facing SPI: not for applications.
 */
public interface ConnectionHooks {

    void connectStart(InetSocketAddress address);

    void connectEnd(TrackedConnection connection);

    void connectFailed(InetSocketAddress address, IOException cause);

    void secureConnectStart(TrackedConnection connection);

    /** The handshake finished; {@code session} tells whether it was resumed. */
    void secureConnectEnd(TrackedConnection connection, SSLSession session);

    void secureConnectFailed(TrackedConnection connection, IOException cause);

    /**
     * The connection is up and in its engine's pool, so further exchanges may share it (an
     * HTTP/2 connection's streams). Called for every exchange the engine starts on it; engines
     * that cannot say so leave it uncalled, and the session counts as ready when its first
     * exchange ends.
     */
    default void connectionReady() {
    }

    /**
     * The most streams the connection's server allows at once ({@code SETTINGS_MAX_CONCURRENT_STREAMS}),
     * as far as the engine knows it yet: -1 while it is not known or the server set no limit.
     * Engines that cannot say leave it uncalled.
     */
    default void serverStreamLimit(int limit) {
    }

    /** The connection was closed, by whichever side. Called once per connection. */
    void connectionClosed(TrackedConnection connection);
}
