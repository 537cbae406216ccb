package io.restcost.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.kit.GeneratedPki;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options a deployment sets: its own keystore, protocols, CSRF status, idle timeout. */
class OptionsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesWithAUserSuppliedKeystore(@TempDir Path dir) throws Exception {
        GeneratedPki own = GeneratedPki.generate(dir.resolve("own"), GeneratedPki.KeyType.RSA_2048,
                List.of("localhost", "127.0.0.1"), List.of());
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).keyStore(own.serverKeystore(), own.password()).start()) {
            assertThat(mq.caPem()).isNull();
            SSLContext ctx = Clients.tls(own.caPem(), null, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", mq.port())) {
                s.startHandshake();
                assertThat(s.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm()).isEqualTo("RSA");
            }
        }
    }

    @Test
    void speaksOnlyTheProtocolsItIsGiven() throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).protocols("TLSv1.2").start()) {
            SSLContext ctx = Clients.tls(mq.caPem(), null, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", mq.port())) {
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
            }
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", mq.port())) {
                SSLParameters p = s.getSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3"});
                s.setSSLParameters(p);
                org.assertj.core.api.Assertions.assertThatThrownBy(s::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
            }
        }
    }

    @Test
    void theCsrfStatusIsConfigurable() throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).csrfStatus(401).start()) {
            HttpClient c = Clients.http(Clients.tls(mq.caPem(), null, null));
            HttpResponse<String> r = Clients.send(c, Clients.request(mq.baseUri(), "/ibmmq/rest/v2/admin/action/qmgr/QM1/mqsc")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).at("/error/0/msgId").asText()).isEqualTo("MQWB0100E");
        }
    }

    @Test
    void anIdleConnectionIsClosedByTheServer() throws Exception {
        // Jetty's idle timer runs on real time: the shortest timeout that still proves the setting reached it.
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).idleTimeout(Duration.ofMillis(100)).start()) {
            SSLContext ctx = Clients.tls(mq.caPem(), null, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", mq.port())) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                long start = System.nanoTime();
                // The server closes first: read() returns end of stream once the idle timeout passes.
                assertThat(s.getInputStream().read()).isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> mq.stats().closed() == 1);
        }
    }
}
