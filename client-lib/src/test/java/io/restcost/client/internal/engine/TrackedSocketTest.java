package io.restcost.client.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

class TrackedSocketTest {

    /** Both engines connect through this socket; OkHttp would leave Nagle on and wait 40 ms for delayed ACKs. */
    @Test
    void connectsWithNagleOffAndReportsOpenAndCloseOnce() throws IOException {
        List<String> events = new ArrayList<>();
        ConnectionHooks hooks = new ConnectionHooks() {
            @Override
            public void connectStart(InetSocketAddress address) {
                events.add("start");
            }

            @Override
            public void connectEnd(TrackedConnection socket) {
                events.add("end");
            }

            @Override
            public void connectFailed(InetSocketAddress address, IOException cause) {
                events.add("failed");
            }

            @Override
            public void secureConnectStart(TrackedConnection socket) {
            }

            @Override
            public void secureConnectEnd(TrackedConnection socket, SSLSession session) {
            }

            @Override
            public void secureConnectFailed(TrackedConnection socket, IOException cause) {
            }

            @Override
            public void connectionClosed(TrackedConnection socket) {
                events.add("closed");
            }
        };
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TrackedSocket socket = new TrackedSocket(hooks);
            socket.connect(server.getLocalSocketAddress(), 5_000);
            try (Socket accepted = server.accept()) {
                assertThat(socket.getTcpNoDelay()).isTrue();
            }
            socket.close();
            socket.close();
        }
        assertThat(events).containsExactly("start", "end", "closed");
    }
}
