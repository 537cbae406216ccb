package io.restcost.client.adapter;

import static io.restcost.client.testing.Mqweb.QMGR_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.client.session.SessionPolicy;
import io.restcost.client.testing.Mqweb;
import io.restcost.client.testing.StockClients;
import io.restcost.mock.MockMqWeb;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** docs/client.md's Spring recipe, run: Spring's RestClient over a rotating HttpClient 5, counted by the server. */
class SpringRestClientTest {

    @Test
    void springsRestClientRotatesThroughTheAdaptedHttpClient5() throws Exception {
        DropInRotation rotation = DropInRotation.builder(SessionPolicy.rotating().maxRequests(10).build()).build();
        try (MockMqWeb mq = Mqweb.mock().start()) {
            try (CloseableHttpClient http = StockClients.apache(mq, rotation, 1, true)) {
                RestClient spring = RestClient.builder().requestFactory(new HttpComponentsClientHttpRequestFactory(http))
                        .baseUrl(mq.baseUri().toString()).build();
                for (int i = 0; i < 100; i++) {
                    assertThat(spring.get().uri(QMGR_PATH).retrieve().body(String.class)).contains("QM1");
                }
            }
            Mqweb.awaitAllClosed(mq);
            assertThat(mq.stats().accepted()).isEqualTo(10);
            assertThat(mq.stats().requestsPerClosedConnection()).containsExactly(java.util.Map.entry(10L, 10L));
        }
    }
}
