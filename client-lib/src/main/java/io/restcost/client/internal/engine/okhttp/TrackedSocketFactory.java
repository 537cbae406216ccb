package io.restcost.client.internal.engine.okhttp;

import io.restcost.client.internal.engine.ConnectionHooks;
import io.restcost.client.internal.engine.TrackedSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/** Creates one session's sockets, and remembers the latest for the handshake report. */
final class TrackedSocketFactory extends SocketFactory {

    private final ConnectionHooks hooks;
    private volatile TrackedSocket latest;

    TrackedSocketFactory(ConnectionHooks hooks) {
        this.hooks = hooks;
    }

    ConnectionHooks hooks() {
        return hooks;
    }

    TrackedSocket latest() {
        return latest;
    }

    @Override
    public Socket createSocket() {
        TrackedSocket s = new TrackedSocket(hooks);
        latest = s;
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        Socket s = createSocket();
        s.connect(address, 0);
        return s;
    }
}
