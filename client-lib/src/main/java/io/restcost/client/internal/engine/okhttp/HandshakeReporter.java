package io.restcost.client.internal.engine.okhttp;

import io.restcost.client.internal.engine.TrackedSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import javax.net.ssl.SSLSocket;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;

/**
 * Turns OkHttp's handshake events for one session into session hooks. OkHttp's
 * {@link Handshake} does not expose the TLS session, so the report reads it from the TLS
 * socket the session's latest connection carries.
 */
final class HandshakeReporter extends EventListener {

    private final TrackedSocketFactory sockets;
    private volatile boolean handshaking;

    HandshakeReporter(TrackedSocketFactory sockets) {
        this.sockets = sockets;
    }

    @Override
    public void secureConnectStart(Call call) {
        TrackedSocket s = sockets.latest();
        handshaking = true;
        s.hooks().secureConnectStart(s);
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        handshaking = false;
        TrackedSocket s = sockets.latest();
        SSLSocket tls = s.tlsSocket();
        if (tls != null) {
            s.hooks().secureConnectEnd(s, tls.getSession());
        }
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        sockets.hooks().connectionReady();
    }

    @Override
    public void connectionReleased(Call call, Connection connection) {
        // By the first exchange's end the server's SETTINGS have been read: they come before any answer.
        sockets.hooks().serverStreamLimit(OkHttpStreams.serverLimit(connection));
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, IOException e) {
        if (handshaking) {
            handshaking = false;
            TrackedSocket s = sockets.latest();
            s.hooks().secureConnectFailed(s, e);
        }
    }
}
