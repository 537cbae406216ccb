package io.restcost.client;

import io.restcost.client.session.CloseReason;
import io.restcost.client.session.SessionInfo;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Two listeners as one: the client's metrics and the application's listener. */
final class Listeners extends RestClientListener {

    private final RestClientListener first;
    private final RestClientListener second;

    private Listeners(RestClientListener first, RestClientListener second) {
        this.first = first;
        this.second = second;
    }

    static RestClientListener of(RestClientListener a, RestClientListener b) {
        if (a == NONE) {
            return b;
        }
        if (b == NONE) {
            return a;
        }
        return new Listeners(a, b);
    }

    @Override
    public void requestStart(RestRequest request) {
        first.requestStart(request);
        second.requestStart(request);
    }

    @Override
    public void requestEnd(RestRequest request, RestResponse response, long nanos) {
        first.requestEnd(request, response, nanos);
        second.requestEnd(request, response, nanos);
    }

    @Override
    public void requestFailed(RestRequest request, IOException cause, long nanos) {
        first.requestFailed(request, cause, nanos);
        second.requestFailed(request, cause, nanos);
    }

    @Override
    public void sessionOpened(SessionInfo session) {
        first.sessionOpened(session);
        second.sessionOpened(session);
    }

    @Override
    public void sessionRetired(SessionInfo session, CloseReason reason) {
        first.sessionRetired(session, reason);
        second.sessionRetired(session, reason);
    }

    @Override
    public void connectStart(SessionInfo session, InetSocketAddress address) {
        first.connectStart(session, address);
        second.connectStart(session, address);
    }

    @Override
    public void connectEnd(SessionInfo session, InetSocketAddress address) {
        first.connectEnd(session, address);
        second.connectEnd(session, address);
    }

    @Override
    public void connectFailed(SessionInfo session, InetSocketAddress address, IOException cause) {
        first.connectFailed(session, address, cause);
        second.connectFailed(session, address, cause);
    }

    @Override
    public void secureConnectStart(SessionInfo session) {
        first.secureConnectStart(session);
        second.secureConnectStart(session);
    }

    @Override
    public void secureConnectEnd(SessionInfo session, boolean resumed, String protocol) {
        first.secureConnectEnd(session, resumed, protocol);
        second.secureConnectEnd(session, resumed, protocol);
    }

    @Override
    public void secureConnectFailed(SessionInfo session, IOException cause) {
        first.secureConnectFailed(session, cause);
        second.secureConnectFailed(session, cause);
    }

    @Override
    public void connectionClosed(SessionInfo session, CloseReason reason, int exchanges) {
        first.connectionClosed(session, reason, exchanges);
        second.connectionClosed(session, reason, exchanges);
    }

    @Override
    public void loginStart(Origin origin) {
        first.loginStart(origin);
        second.loginStart(origin);
    }

    @Override
    public void loginEnd(Origin origin, long nanos) {
        first.loginEnd(origin, nanos);
        second.loginEnd(origin, nanos);
    }

    @Override
    public void loginFailed(Origin origin, IOException cause, long nanos) {
        first.loginFailed(origin, cause, nanos);
        second.loginFailed(origin, cause, nanos);
    }
}
