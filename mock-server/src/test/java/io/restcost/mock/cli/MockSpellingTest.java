package io.restcost.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.mock.MockMqWeb;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The mock spells its TLS options as the client does, and still reads the spellings it had before, for one version. */
class MockSpellingTest {

    private static MockCommand parsed(String... args) {
        MockCommand c = new MockCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void tlsVersionsAndResumptionAreSpelledAsTheClientSpellsThem() {
        assertThat(parsed("--tls-protocol", "1.3").protocols).containsExactly("1.3");
        assertThat(parsed("--tls-protocol", "1.2,1.3").protocols).containsExactly("1.2", "1.3");
        assertThat(parsed("--tls-resumption", "off").noResumption).isTrue();
        assertThat(parsed("--tls-resumption", "on").noResumption).isFalse();
        assertThat(parsed().noResumption).isFalse();
    }

    @Test
    void theOldSpellingsStillWorkAndHelpShowsOnlyTheNew() {
        assertThat(parsed("--tls-protocol", "TLSv1.3", "--tls-protocol", "TLSv1.2").protocols).containsExactly("1.3", "1.2");
        assertThat(parsed("--no-tls-resumption").noResumption).isTrue();
        String help = new CommandLine(new MockCommand()).getUsageMessage();
        assertThat(help).contains("--tls-resumption=on|off").contains("--tls-protocol=1.2|1.3").doesNotContain("--no-tls-resumption")
                .doesNotContain("TLSv1.3");
        assertThatThrownBy(() -> parsed("--tls-protocol", "1.1")).hasMessageContaining("unknown --tls-protocol 1.1 (use 1.2 or 1.3)");
        assertThatThrownBy(() -> parsed("--tls-resumption", "maybe")).hasMessageContaining("unknown --tls-resumption maybe (use on or off)");
    }

    /** --http speaks the client's vocabulary: the mock offers HTTP/2 by ALPN, as Liberty does, unless 1.1 pins HTTP/1.1. */
    @Test
    void httpVersionsAreOfferedAsTheClientNamesThemAndPlainHttpHasItsOwnName() throws Exception {
        assertThat(parsed().http).isEqualTo("1.1,2");
        assertThat(parsed("--http", "1.1").http).isEqualTo("1.1");
        assertThat(parsed("--http", "2,1.1").http).isEqualTo("1.1,2");
        assertThat(parsed("--plain-http").plainHttp).isTrue();
        assertThatThrownBy(() -> parsed("--http", "2")).hasMessageContaining("--http 2: a server offers 1.1,2 (HTTP/2 by ALPN, and HTTP/1.1) or 1.1");
        assertThat(alpn()).isEqualTo("h2");
        assertThat(alpn("--http", "1.1")).isEqualTo("http/1.1");
    }

    /** What ALPN chooses when a client offers h2 and http/1.1 to a mock started with {@code args}. */
    private static String alpn(String... args) throws Exception {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("--port", "0", "--password-iterations", "10"),
                java.util.Arrays.stream(args)).toArray(String[]::new);
        try (MockMqWeb mq = parsed(all).builder().start()) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            // Only what ALPN chose is read: no request is sent, and the server is the one just started on loopback.
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(mq.baseUri().getHost(), mq.baseUri().getPort())) {
                SSLParameters p = socket.getSSLParameters();
                p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
                socket.setSSLParameters(p);
                socket.startHandshake();
                return socket.getApplicationProtocol();
            }
        }
    }
}
