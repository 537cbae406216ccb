package io.restcost.kit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A TCP port free now on one loopback address, for a server started next (HAProxy, Liberty) that cannot take port 0 itself. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port nothing listens on at {@code bindAddress} now; another process may take it before the caller binds it. */
    public static int on(String bindAddress) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bindAddress))) {
            return s.getLocalPort();
        }
    }
}
