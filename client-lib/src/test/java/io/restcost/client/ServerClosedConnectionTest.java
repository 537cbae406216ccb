package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restcost.client.auth.Auth;
import io.restcost.client.event.CloseReason;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.tls.TlsOptions;
import io.restcost.mock.MockMqWeb;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pooled connection that the server closed while it sat idle (shorter keep-alive timeout
 * than the client's, or a server limit): the next idempotent request is retried on a new
 * connection instead of failing, and a server's keep-alive request limit retires sessions.
 */
class ServerClosedConnectionTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anIdempotentRequestOnAConnectionTheServerClosedIsRetried(Engine engine) throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).policy(SessionPolicy.pooled())
                     .tls(TlsOptions.builder().trustPem(mq.caPem()).build())
                     .auth(Auth.basic("mqadmin", mq.password("mqadmin").toCharArray())).build()) {
            assertThat(client.get("/ibmmq/rest/v2/admin/qmgr").status()).isEqualTo(200);
            // The server closes the idle connection (as its keep-alive timeout would); the client has not noticed.
            mq.closeConnections();
            await().atMost(Duration.ofSeconds(10)).until(() -> mq.stats().closed() == 1);
            assertThat(client.get("/ibmmq/rest/v2/admin/qmgr").status()).isEqualTo(200);
            assertThat(mq.stats().accepted()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aServerKeepAliveLimitRetiresTheSessionAsClosedByTheServer(Engine engine) throws Exception {
        RecordingListener events = new RecordingListener();
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).maxKeepAliveRequests(5).start()) {
            try (RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).policy(SessionPolicy.pooled())
                    .tls(TlsOptions.builder().trustPem(mq.caPem()).build()).listener(events)
                    .auth(Auth.basic("mqadmin", mq.password("mqadmin").toCharArray())).build()) {
                for (int i = 0; i < 12; i++) {
                    assertThat(client.get("/ibmmq/rest/v2/admin/qmgr").status()).isEqualTo(200);
                }
            }
            assertThat(mq.stats().accepted()).isEqualTo(3);
            assertThat(events.closed(CloseReason.SERVER)).containsExactly(5, 5);
            assertThat(events.closed(CloseReason.CLIENT_CLOSED)).containsExactly(2);
        }
    }
}
