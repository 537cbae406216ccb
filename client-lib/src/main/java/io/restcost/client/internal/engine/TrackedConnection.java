package io.restcost.client.internal.engine;

import java.net.InetSocketAddress;

/**
 * One connection an engine opened for a session, as the session sees it: when it began, what
 * TLS and ALPN chose, what it carried and whether it is still open. A blocking engine's is the
 * {@link TrackedSocket} under it; an asynchronous engine's wraps its I/O session.
 *
 * <p>Engine-facing SPI: not for applications.
 */
public interface TrackedConnection {

    /** Wall-clock time the connect began; a TLS session created before it was resumed. */
    long connectStartMillis();

    /** Whether the TLS session's creation time can tell a resumed handshake (milliseconds, not whole seconds). */
    boolean sessionTimesExact();

    /**
     * Bytes read from the network so far, read when the handshake ends (a full handshake carries
     * the server's certificate, a resumed one does not); -1 where the engine does not count them.
     */
    long bytesRead();

    /** What ALPN chose ({@code h2}, {@code http/1.1}), empty without ALPN, null before TLS or on plain HTTP. */
    String applicationProtocol();

    /** Where it goes, or null if not known. */
    InetSocketAddress remoteAddress();

    /** Counts one exchange (request and response) carried by this connection. */
    void countExchange();

    /** The exchanges this connection carried, logins included: what the server saw. */
    int exchanges();

    /** Marks the connection usable: connected, and for TLS its handshake done. */
    void markEstablished();

    /** Whether the connection became usable; one that failed its handshake never did. */
    boolean established();

    /** Whether it was closed, by either side. */
    boolean isClosedOrBroken();
}
