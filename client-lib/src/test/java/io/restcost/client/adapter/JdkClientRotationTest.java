package io.restcost.client.adapter;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.client.internal.adapter.JdkRotation;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Load;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.StockClients;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.stats.ServerStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDK's own client with the drop-in rotation, checked on the server's side as the other
 * drop-ins are: 8 threads, 2,000 requests, rotating every 50 (± 20%). No connection carries more
 * than a generation's limit, on HTTP/1.1 (a generation's connections share its requests) and on
 * HTTP/2 (one connection per generation). The mock closes what Java 17 leaves open (it cannot
 * shut an old inner client down), so every connection's count is read.
 */
class JdkClientRotationTest {

    MockMqWeb mq;

    @BeforeEach
    void start() {
        mq = Mqweb.mock().start();
    }

    @AfterEach
    void stop() {
        mq.close();
    }

    @ParameterizedTest
    @EnumSource(value = HttpClient.Version.class)
    void noConnectionCarriesMoreThanItsGenerationsLimit(HttpClient.Version version) throws Exception {
        DropInRotation rotation = DropInRotation.builder(SessionPolicy.rotating().maxRequests(50).jitter(0.2).build()).build();
        HttpClient client = rotation.applyTo(HttpClient.newBuilder().version(version).sslContext(StockClients.trust(mq).context()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(mq.baseUri() + QMGR_PATH))
                .header("Authorization", StockClients.basic(mq)).build();
        Map<Integer, Integer> statuses = Load.run(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode(), 2000, 8);
        assertThat(statuses).containsExactly(Map.entry(200, 2000));
        long generations = ((JdkRotation) client).generations();
        assertThat(generations).as("inner clients, one per 40 to 60 requests").isBetween(2000L / 60, 2000L / 40 + 1);

        mq.closeConnections(); // what Java 17's dropped inner clients still hold
        Mqweb.awaitAllClosed(mq);
        ServerStats s = mq.stats();
        SortedMap<Long, Long> perConnection = s.requestsPerClosedConnection();
        long served = perConnection.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
        System.out.printf("[restcost] JDK client %s: %d generations, %d connections; requests per connection %s%n", version,
                generations, s.accepted(), perConnection);
        assertThat(served).as("requests the server counted").isEqualTo(2000);
        assertThat(perConnection.lastKey()).as("the most requests one connection carried").isLessThanOrEqualTo(60);
        if (version == HttpClient.Version.HTTP_2) {
            assertThat(s.accepted()).as("one connection per generation on HTTP/2").isEqualTo(generations);
        }
    }

    @org.junit.jupiter.api.Test
    void asynchronousRequestsRotateTooAndWaitForANewClientsFirst() throws Exception {
        DropInRotation rotation = DropInRotation.builder(SessionPolicy.rotating().maxRequests(50).build()).build();
        HttpClient client = rotation.applyTo(HttpClient.newBuilder().sslContext(StockClients.trust(mq).context()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(mq.baseUri() + QMGR_PATH))
                .header("Authorization", StockClients.basic(mq)).build();
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (var f : all) {
            assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(((JdkRotation) client).generations()).isEqualTo(4);
        mq.closeConnections();
        Mqweb.awaitAllClosed(mq);
        assertThat(mq.stats().requestsPerClosedConnection()).as("HTTP/2: one connection of 50 per inner client")
                .containsExactly(Map.entry(50L, 4L));
    }
}
