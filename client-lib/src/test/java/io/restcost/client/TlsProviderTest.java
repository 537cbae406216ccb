package io.restcost.client;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.testing.TestPki;
import io.restcost.client.tls.TlsOptions;
import io.restcost.client.tls.TlsProvider;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.stats.ServerStats;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conscrypt as the client's TLS, on both engines: handshakes forced full or resumed as with
 * the JDK's, counted the same on both sides, and the same trust and host-name checks.
 */
class TlsProviderTest {

    private static TlsOptions.Builder conscrypt() {
        return TlsOptions.builder().provider(TlsProvider.CONSCRYPT);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneShotOverConscryptDoesAFullHandshakePerRequest(Engine engine) throws Exception {
        RecordingListener events = new RecordingListener();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).policy(SessionPolicy.oneShot())
                    .tls(conscrypt().trustPem(mq.caPem()).build()).auth(Mqweb.basic(mq)).listener(events).build()) {
                assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 50, 1)).containsExactly(Map.entry(200, 50));
            }
            Mqweb.awaitAllClosed(mq);
            ServerStats s = mq.stats();
            assertThat(s.accepted()).isEqualTo(50);
            assertThat(s.fullHandshakes()).isEqualTo(50);
            assertThat(s.resumedHandshakes()).isZero();
            assertThat(events.fullHandshakes).hasValue(50);
            assertThat(events.resumedHandshakes).hasValue(0);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rotatingOverConscryptResumesAfterTheFirstHandshake(Engine engine) throws Exception {
        RecordingListener events = new RecordingListener();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine)
                    .policy(SessionPolicy.rotating().maxRequests(10).build())
                    .tls(conscrypt().trustPem(mq.caPem()).build()).auth(Mqweb.basic(mq)).listener(events).build()) {
                assertThat(Load.run(client, RestRequest.get(QMGR_PATH), 100, 1)).containsExactly(Map.entry(200, 100));
            }
            Mqweb.awaitAllClosed(mq);
            ServerStats s = mq.stats();
            assertThat(s.accepted()).isEqualTo(10);
            assertThat(s.fullHandshakes()).isEqualTo(1);
            assertThat(s.resumedHandshakes()).isEqualTo(9);
            assertThat(events.resumedHandshakes.get()).isEqualTo(9);
            assertThat(events.fullHandshakes.get()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void conscryptRefusesAnUntrustedServerAndAWrongHostName(Engine engine, @TempDir Path dir) throws Exception {
        try (MockMqWeb mq = Mqweb.mock().start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine)
                     .tls(conscrypt().build()).auth(Mqweb.basic(mq)).build()) {
            assertThatThrownBy(() -> client.get(QMGR_PATH)).isInstanceOf(SSLException.class);
            assertThat(mq.exchanges()).isEmpty();
        }
        // The certificate names localhost and 127.0.0.1 to 127.0.0.3: 127.0.0.4 is not among them.
        TestPki pki = TestPki.create(dir);
        try (MockMqWeb mq = Mqweb.mock().bindAddress("127.0.0.4").keyStore(pki.serverKeystore, pki.password.toCharArray()).start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine)
                     .tls(conscrypt().trustPem(pki.caPem).build()).auth(Mqweb.basic(mq)).build()) {
            assertThatThrownBy(() -> client.get(QMGR_PATH)).isInstanceOf(SSLException.class);
            assertThat(mq.exchanges()).isEmpty();
        }
    }
}
