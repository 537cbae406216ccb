package io.restcost.client.event;

import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Events of a {@code RestClient}, in start/end/failed pairs (the shape of OkHttp's
 * {@code EventListener}). Every method is a no-op, so adding an event breaks nobody: override
 * what you need.
 *
 * <p><b>Threads.</b> Methods are called synchronously on the thread doing the work, from many
 * threads at once, so an implementation must be thread-safe and fast. Events of one session
 * arrive in order; events of different sessions interleave.
 *
 * <p><b>Failures.</b> A listener should not throw. If it does, the client logs it once at
 * WARNING, goes on calling the other listeners, and the request is not affected.
 *
 * <p>Whether a handshake was resumed is observed from the TLS session, not assumed from the
 * policy. Sessions arrive as {@link SessionInfo} snapshots.
 */
public abstract class RestClientListener {

    /** A listener that ignores everything. */
    public static final RestClientListener NONE = new RestClientListener() { };

    /** An application request is about to be sent (once per {@code execute}, retries included). */
    public void requestStart(RestRequest request) {
    }

    /**
     * The request got a response, of any status.
     *
     * @param nanos from {@link #requestStart}, logins and a retry after a rejected token included
     */
    public void requestEnd(RestRequest request, RestResponse response, long nanos) {
    }

    /**
     * The request failed without a response (connect, TLS, timeout, a failed login, or the
     * client was closed).
     *
     * @param nanos from {@link #requestStart}
     */
    public void requestFailed(RestRequest request, IOException cause, long nanos) {
    }

    /** A session opened; its connection opens with its first request. */
    public void sessionOpened(SessionInfo session) {
    }

    /** A session was retired, for {@code reason}, and its connection closed. */
    public void sessionRetired(SessionInfo session, CloseReason reason) {
    }

    /** A TCP connect to {@code address} begins for {@code session}. */
    public void connectStart(SessionInfo session, InetSocketAddress address) {
    }

    /** The TCP connect to {@code address} succeeded (TLS, if any, follows). */
    public void connectEnd(SessionInfo session, InetSocketAddress address) {
    }

    /** The TCP connect to {@code address} failed with {@code cause}. */
    public void connectFailed(SessionInfo session, InetSocketAddress address, IOException cause) {
    }

    /** A TLS handshake begins on the session's new connection. */
    public void secureConnectStart(SessionInfo session) {
    }

    /**
     * A TLS handshake finished.
     *
     * @param resumed whether it resumed an earlier TLS session (its session was created before
     *     this connection began), rather than doing a full handshake
     * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}
     * @param applicationProtocol what ALPN negotiated, e.g. {@code http/1.1}; empty when the
     *     handshake negotiated none (the connection speaks HTTP/1.1); null when not known
     */
    public void secureConnectEnd(SessionInfo session, boolean resumed, String protocol, String applicationProtocol) {
    }

    /** The TLS handshake failed with {@code cause} (untrusted certificate, wrong host name, refused client certificate...). */
    public void secureConnectFailed(SessionInfo session, IOException cause) {
    }

    /**
     * A connection that was established closed, by either side.
     *
     * @param reason why: the session's decision, or {@link CloseReason#SERVER} when the server closed it
     * @param exchanges the exchanges it carried, logins included (what the server saw)
     */
    public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
    }

    /**
     * An HTTP/2 connection closed (reported just before {@link #connectionClosed}): how many
     * streams it carried at once at most, and the most its server allows
     * ({@code SETTINGS_MAX_CONCURRENT_STREAMS}). The client never lends a connection more streams
     * than its server allows.
     *
     * @param mostInFlight the most exchanges in flight on it at one time
     * @param serverMaxConcurrentStreams what the server announced, or -1 when it announced no
     *     limit or the engine does not say (a stock client's engine other than OkHttp)
     */
    public void streamsOnConnection(SessionInfo session, int mostInFlight, int serverMaxConcurrentStreams) {
    }

    /** A login ({@code POST} to the login path) to {@code origin} begins. */
    public void loginStart(Origin origin) {
    }

    /** The login to {@code origin} gave a token, {@code nanos} after {@link #loginStart}. */
    public void loginEnd(Origin origin, long nanos) {
    }

    /** The login to {@code origin} failed with {@code cause}, {@code nanos} after {@link #loginStart}. */
    public void loginFailed(Origin origin, IOException cause, long nanos) {
    }
}
