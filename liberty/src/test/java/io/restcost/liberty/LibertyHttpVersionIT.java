package io.restcost.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liberty offers HTTP/2 by ALPN by default (servlet 4.0 and later); {@code http2(false)}, the
 * command line's {@code --http 1.1}, pins its HTTPS port to HTTP/1.1 ({@code protocolVersion}).
 * Asked by the JDK's client, which prefers HTTP/2.
 */
class LibertyHttpVersionIT {

    @TempDir
    Path dir;

    @Test
    void http11PinsTheHttpsPortWhereTheDefaultOffersHttp2() throws Exception {
        try (LibertyServer pinned = LibertyServer.builder().stateDir(dir).http2(false).start()) {
            assertThat(version(pinned)).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    /** The version of a GET the JDK's client sends with its defaults (HTTP/2 preferred); the answer is a 401, unauthenticated. */
    static HttpClient.Version version(LibertyServer liberty) throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(LibertyServer.trusting(liberty.caPem())).build();
        HttpResponse<Void> r = c.send(HttpRequest.newBuilder(liberty.baseUri().resolve("/ibmmq/rest/v2/admin/qmgr")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(401);
        return r.version();
    }
}
