package io.restcost.client;

import io.restcost.client.session.CloseReason;
import io.restcost.client.session.SessionInfo;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Events of a {@link RestClient}, in start/end/failed pairs (the shape of OkHttp's
 * {@code EventListener}). Every method is a no-op, so adding an event breaks nobody: override
 * what you need.
 *
 * <p>Methods are called on the thread doing the work, synchronously, from many threads at
 * once: they must be fast, thread-safe and must not throw. Whether a handshake was resumed
 * is observed from the TLS session, not assumed from the policy.
 */
public abstract class RestClientListener {

    /** A listener that ignores everything. */
    public static final RestClientListener NONE = new RestClientListener() { };

    public void requestStart(RestRequest request) {
    }

    /** The request got a response (of any status); {@code nanos} from requestStart. */
    public void requestEnd(RestRequest request, RestResponse response, long nanos) {
    }

    /** The request failed without a response; {@code nanos} from requestStart. */
    public void requestFailed(RestRequest request, IOException cause, long nanos) {
    }

    /** A session opened; its connection opens with its first request. */
    public void sessionOpened(SessionInfo session) {
    }

    /** A session was retired and its connection closed. */
    public void sessionRetired(SessionInfo session, CloseReason reason) {
    }

    public void connectStart(SessionInfo session, InetSocketAddress address) {
    }

    public void connectEnd(SessionInfo session, InetSocketAddress address) {
    }

    public void connectFailed(SessionInfo session, InetSocketAddress address, IOException cause) {
    }

    public void secureConnectStart(SessionInfo session) {
    }

    /**
     * A TLS handshake finished.
     *
     * @param resumed whether it resumed an earlier TLS session (its session was created before
     *     this connection began), rather than doing a full handshake
     * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}
     */
    public void secureConnectEnd(SessionInfo session, boolean resumed, String protocol) {
    }

    public void secureConnectFailed(SessionInfo session, IOException cause) {
    }

    /**
     * A connection closed.
     *
     * @param exchanges the exchanges it carried, logins included (what the server saw)
     */
    public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
    }

    public void loginStart(Origin origin) {
    }

    public void loginEnd(Origin origin, long nanos) {
    }

    public void loginFailed(Origin origin, IOException cause, long nanos) {
    }
}
