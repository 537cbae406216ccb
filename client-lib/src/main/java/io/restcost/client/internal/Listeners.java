package io.restcost.client.internal;

import io.restcost.client.event.CloseReason;
import io.restcost.client.event.RestClientListener;
import io.restcost.client.event.SessionInfo;
import io.restcost.client.http.Origin;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Several listeners as one (the client's metrics and the application's), each kept apart from
 * the others' failures: a listener that throws is logged once and the rest are still called,
 * so the request never sees it.
 */
public final class Listeners extends RestClientListener {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final RestClientListener[] listeners;
    private final AtomicBoolean[] warned;

    private Listeners(List<RestClientListener> listeners) {
        this.listeners = listeners.toArray(new RestClientListener[0]);
        this.warned = new AtomicBoolean[this.listeners.length];
        for (int i = 0; i < warned.length; i++) {
            warned[i] = new AtomicBoolean();
        }
    }

    /** The given listeners, {@link RestClientListener#NONE} left out, each guarded against the others' failures. */
    public static RestClientListener of(RestClientListener... listeners) {
        List<RestClientListener> real = java.util.Arrays.stream(listeners).filter(l -> l != NONE).toList();
        return real.isEmpty() ? NONE : new Listeners(real);
    }

    private void each(String event, Consumer<RestClientListener> call) {
        for (int i = 0; i < listeners.length; i++) {
            try {
                call.accept(listeners[i]);
            } catch (RuntimeException e) {
                failed(i, event, e);
            }
        }
    }

    private void failed(int i, String event, RuntimeException e) {
        if (warned[i].compareAndSet(false, true)) {
            // The exception's class only: its message might quote what the listener saw.
            LOG.log(System.Logger.Level.WARNING, "listener " + listeners[i].getClass().getName() + " threw "
                    + e.getClass().getName() + " in " + event + "; it is skipped for that event "
                    + "(listeners must not throw; later failures of this listener are not logged)");
        }
    }

    // The two per-request events loop by hand: no capturing lambda on every request.
    @Override
    public void requestStart(RestRequest request) {
        for (int i = 0; i < listeners.length; i++) {
            try {
                listeners[i].requestStart(request);
            } catch (RuntimeException e) {
                failed(i, "requestStart", e);
            }
        }
    }

    @Override
    public void requestEnd(RestRequest request, RestResponse response, long nanos) {
        for (int i = 0; i < listeners.length; i++) {
            try {
                listeners[i].requestEnd(request, response, nanos);
            } catch (RuntimeException e) {
                failed(i, "requestEnd", e);
            }
        }
    }

    @Override
    public void requestFailed(RestRequest request, IOException cause, long nanos) {
        each("requestFailed", l -> l.requestFailed(request, cause, nanos));
    }

    @Override
    public void sessionOpened(SessionInfo session) {
        each("sessionOpened", l -> l.sessionOpened(session));
    }

    @Override
    public void sessionRetired(SessionInfo session, CloseReason reason) {
        each("sessionRetired", l -> l.sessionRetired(session, reason));
    }

    @Override
    public void connectStart(SessionInfo session, InetSocketAddress address) {
        each("connectStart", l -> l.connectStart(session, address));
    }

    @Override
    public void connectEnd(SessionInfo session, InetSocketAddress address) {
        each("connectEnd", l -> l.connectEnd(session, address));
    }

    @Override
    public void connectFailed(SessionInfo session, InetSocketAddress address, IOException cause) {
        each("connectFailed", l -> l.connectFailed(session, address, cause));
    }

    @Override
    public void secureConnectStart(SessionInfo session) {
        each("secureConnectStart", l -> l.secureConnectStart(session));
    }

    @Override
    public void secureConnectEnd(SessionInfo session, boolean resumed, String protocol, String applicationProtocol) {
        each("secureConnectEnd", l -> l.secureConnectEnd(session, resumed, protocol, applicationProtocol));
    }

    @Override
    public void secureConnectFailed(SessionInfo session, IOException cause) {
        each("secureConnectFailed", l -> l.secureConnectFailed(session, cause));
    }

    @Override
    public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
        each("connectionClosed", l -> l.connectionClosed(session, reason, exchanges));
    }

    @Override
    public void streamsOnConnection(SessionInfo session, int mostInFlight, int serverMaxConcurrentStreams) {
        each("streamsOnConnection", l -> l.streamsOnConnection(session, mostInFlight, serverMaxConcurrentStreams));
    }

    @Override
    public void loginStart(Origin origin) {
        each("loginStart", l -> l.loginStart(origin));
    }

    @Override
    public void loginEnd(Origin origin, long nanos) {
        each("loginEnd", l -> l.loginEnd(origin, nanos));
    }

    @Override
    public void loginFailed(Origin origin, IOException cause, long nanos) {
        each("loginFailed", l -> l.loginFailed(origin, cause, nanos));
    }
}
