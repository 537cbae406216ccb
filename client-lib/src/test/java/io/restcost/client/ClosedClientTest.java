package io.restcost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.restcost.client.http.RestRequest;
import io.restcost.client.testing.RecordingListener;
import io.restcost.client.testing.StubOrigin;
import io.restcost.client.testing.TestPki;
import io.restcost.client.tls.TlsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A closed client stays closed: no request after {@code close()} opens a connection, whichever
 * origin it names, and a first request to an origin that races {@code close()} leaves no
 * session or socket open behind it.
 */
class ClosedClientTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
    }

    static RestClient client(Engine engine, StubOrigin base, RecordingListener events) {
        return RestClient.builder().baseUri(base.uri()).engine(engine).listener(events)
                .tls(TlsOptions.builder().trustPem(pki.caPem).build()).build();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aClosedClientRefusesEveryOriginEvenOneItHadNotUsed(Engine engine) throws Exception {
        RecordingListener events = new RecordingListener();
        try (StubOrigin a = StubOrigin.https("127.0.0.1", pki); StubOrigin b = StubOrigin.https("127.0.0.2", pki)) {
            RestClient client = client(engine, a, events);
            assertThat(client.get("/x").status()).isEqualTo(200);
            client.close();
            assertThatThrownBy(() -> client.get("/x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThatThrownBy(() -> client.execute(RestRequest.get(b.url("/y")))).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the client is closed; build a new RestClient");
            assertThat(b.requests()).isEmpty();
            assertThat(events.connects).hasValue(1);
            assertThat(client.openSessions()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFirstRequestToAnOriginThatRacesCloseLeavesNothingOpen(Engine engine) throws Exception {
        try (StubOrigin a = StubOrigin.https("127.0.0.1", pki); StubOrigin b = StubOrigin.https("127.0.0.2", pki)) {
            for (int round = 0; round < 30; round++) {
                RecordingListener events = new RecordingListener();
                RestClient client = client(engine, a, events);
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
                    try {
                        go.await();
                        client.execute(RestRequest.get(b.url("/y")));
                    } catch (Exception refused) {
                        // closed first: refused, as it should be
                    }
                });
                go.countDown();
                if (round % 2 == 1) {
                    Thread.onSpinWait();
                }
                client.close();
                request.get(10, TimeUnit.SECONDS);
                int r = round;
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(client.openSessions()).as("round %d", r).isZero();
                    assertThat(events.closedConnections.values().stream().mapToInt(java.util.List::size).sum())
                            .as("round %d: connections closed", r).isEqualTo(events.connects.get());
                    assertThat(events.sessionsOpened.get()).as("round %d: sessions retired", r)
                            .isEqualTo(events.retiredSessions.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum());
                });
            }
        }
    }
}
