package io.restcost.mock;

import static io.restcost.mock.ServerCountingTest.QMGR;
import static io.restcost.mock.ServerCountingTest.basic;
import static io.restcost.mock.ServerCountingTest.settled;
import static io.restcost.mock.ServerCountingTest.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.restcost.mock.cli.MockCommand;
import io.restcost.mock.tls.ServerTlsProvider;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * The mock on Conscrypt's TLS: handshakes really done by Conscrypt's engine, and counted full
 * or resumed as on the JDK's (Conscrypt's session times are whole seconds, so the count cannot
 * lean on them).
 */
class ConscryptServerTest {

    private static MockMqWebBuilder conscrypt() {
        return MockMqWeb.builder().passwordIterations(100).tlsProvider(ServerTlsProvider.CONSCRYPT);
    }

    @Test
    void oneShotConnectionsAreFullHandshakesDoneByConscrypt() throws Exception {
        try (MockMqWeb mq = conscrypt().start()) {
            for (int i = 0; i < 30; i++) {
                SSLContext fresh = Clients.tls(mq.caPem(), null, null);
                assertThat(Clients.oneShot(fresh, mq.baseUri(), QMGR, basic(mq, "mqadmin"))).isEqualTo(200);
            }
            JsonNode s = settled(mq);
            assertThat(s.path("connectionsAccepted").asLong()).isEqualTo(30);
            assertThat(s.at("/tlsHandshakes/full").asLong()).isEqualTo(30);
            assertThat(s.at("/tlsHandshakes/resumed").asLong()).isZero();
            assertThat(s.at("/tlsHandshakes/implementation").asText()).isEqualTo("conscrypt");
        }
    }

    @Test
    void connectionsOfOneClientResumeAfterTheFirst() throws Exception {
        try (MockMqWeb mq = conscrypt().start()) {
            SSLContext shared = Clients.tls(mq.caPem(), null, null);
            for (int i = 0; i < 10; i++) {
                assertThat(Clients.oneShot(shared, mq.baseUri(), QMGR, basic(mq, "mqadmin"))).isEqualTo(200);
            }
            JsonNode s = settled(mq);
            assertThat(s.at("/tlsHandshakes/full").asLong()).isEqualTo(1);
            assertThat(s.at("/tlsHandshakes/resumed").asLong()).isEqualTo(9);
        }
    }

    @Test
    void resumptionSwitchedOffMakesEveryHandshakeFull() throws Exception {
        try (MockMqWeb mq = conscrypt().tlsResumption(false).start()) {
            SSLContext shared = Clients.tls(mq.caPem(), null, null);
            for (int i = 0; i < 10; i++) {
                assertThat(Clients.oneShot(shared, mq.baseUri(), QMGR, basic(mq, "mqadmin"))).isEqualTo(200);
            }
            JsonNode s = settled(mq);
            assertThat(s.at("/tlsHandshakes/full").asLong()).isEqualTo(10);
            assertThat(s.at("/tlsHandshakes/resumed").asLong()).isZero();
            assertThat(s.at("/tlsHandshakes/implementation").asText()).isEqualTo("conscrypt");
        }
    }

    @Test
    void itServesHttp11WhereTheJdkMockOffersHttp2() throws Exception {
        try (MockMqWeb jdk = MockMqWeb.builder().passwordIterations(100).start(); MockMqWeb boring = conscrypt().start()) {
            assertThat(version(jdk)).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(version(boring)).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(stats(jdk).at("/tlsHandshakes/implementation").asText()).isEqualTo("jdk");
        }
    }

    @Test
    void theProviderIsATlsSettingAndParsedWithItsChoicesNamed() {
        assertThatThrownBy(() -> MockMqWeb.builder().plainHttp().tlsProvider(ServerTlsProvider.CONSCRYPT).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tlsProvider");
        assertThatThrownBy(() -> ServerTlsProvider.parse("boringssl"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use jdk or conscrypt");
        assertThat(new picocli.CommandLine(new MockCommand()).getCommandSpec().findOption("--tls-provider")).isNotNull();
    }

    private static HttpClient.Version version(MockMqWeb mq) throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(Clients.tls(mq.caPem(), null, null)).build();
        HttpResponse<String> r = Clients.send(c, Clients.request(mq.baseUri(), QMGR).header("Authorization",
                basic(mq, "mqadmin").substring("Authorization: ".length()).trim()).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.version();
    }
}
