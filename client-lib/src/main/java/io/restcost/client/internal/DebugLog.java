package io.restcost.client.internal;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.RotationLimits;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The client's events at DEBUG on the {@code io.restcost.client} logger (System.Logger: the
 * JDK's logging unless the application routes it elsewhere): sessions opening and retiring,
 * connections and handshakes, logins and failed requests, which is what a user needs to see
 * rotation at work. Never a credential: no header, cookie or token value is known here, and a
 * failure is logged by its class only, since a message may quote what the server sent.
 * Per-request successes are not logged. Every event costs one level check when DEBUG is off.
 */
public final class DebugLog extends RestClientListener {

    private static final System.Logger LOG = System.getLogger("io.restcost.client");

    private DebugLog() {
    }

    /** The listener, or {@link RestClientListener#NONE} when DEBUG is off as the client is built. */
    public static RestClientListener ifEnabled() {
        return LOG.isLoggable(System.Logger.Level.DEBUG) ? new DebugLog() : NONE;
    }

    private static void debug(String message) {
        LOG.log(System.Logger.Level.DEBUG, message);
    }

    private static String limits(RotationLimits l) {
        if (l.maxRequests() == Integer.MAX_VALUE && l.maxAgeNanos() == Long.MAX_VALUE) {
            return "kept until idle";
        }
        String requests = l.maxRequests() == Integer.MAX_VALUE ? null : l.maxRequests() + " requests";
        String age = l.maxAgeNanos() == Long.MAX_VALUE ? null : String.format(java.util.Locale.ROOT, "%.1f s", l.maxAgeNanos() / 1e9);
        return "retires after " + (requests == null ? age : age == null ? requests : requests + " or " + age);
    }

    @Override
    public void requestFailed(RestRequest request, IOException cause, long nanos) {
        debug(String.format(java.util.Locale.ROOT, "%s %s failed after %.1f ms: %s", request.method(), request.path(), nanos / 1e6,
                cause.getClass().getName()));
    }

    @Override
    public void sessionOpened(SessionInfo session) {
        debug("session " + session.id() + " to " + session.origin() + " opened; " + limits(session.limits()));
    }

    @Override
    public void sessionRetired(SessionInfo session, CloseReason reason) {
        debug("session " + session.id() + " retired after " + session.requests() + " requests: " + reason);
    }

    @Override
    public void connectEnd(SessionInfo session, InetSocketAddress address) {
        debug("session " + session.id() + " connected to " + address);
    }

    @Override
    public void connectFailed(SessionInfo session, InetSocketAddress address, IOException cause) {
        debug("session " + session.id() + " could not connect to " + address + ": " + cause.getClass().getName());
    }

    @Override
    public void secureConnectEnd(SessionInfo session, boolean resumed, String protocol, String applicationProtocol) {
        debug("session " + session.id() + " " + protocol + " handshake, " + (resumed ? "resumed" : "full")
                + (applicationProtocol == null || applicationProtocol.isEmpty() ? "" : ", ALPN " + applicationProtocol));
    }

    @Override
    public void secureConnectFailed(SessionInfo session, IOException cause) {
        debug("session " + session.id() + " TLS handshake failed: " + cause.getClass().getName());
    }

    @Override
    public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
        debug("session " + session.id() + " connection closed (" + reason + ") after " + exchanges + " exchanges");
    }

    @Override
    public void streamsOnConnection(SessionInfo session, int mostInFlight, int serverMaxConcurrentStreams) {
        debug("session " + session.id() + " HTTP/2 connection carried at most " + mostInFlight + " streams at once (server allows "
                + (serverMaxConcurrentStreams < 0 ? "no stated limit" : String.valueOf(serverMaxConcurrentStreams)) + ")");
    }

    @Override
    public void loginStart(Origin origin) {
        debug("login to " + origin);
    }

    @Override
    public void loginEnd(Origin origin, long nanos) {
        debug(String.format(java.util.Locale.ROOT, "login to %s done in %.1f ms; its token is kept for the next requests", origin,
                nanos / 1e6));
    }

    @Override
    public void loginFailed(Origin origin, IOException cause, long nanos) {
        debug("login to " + origin + " failed: " + cause.getClass().getName());
    }
}
