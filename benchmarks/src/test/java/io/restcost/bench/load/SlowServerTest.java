package io.restcost.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restcost.client.Engine;
import io.restcost.client.RestClient;
import io.restcost.client.auth.Auth;
import io.restcost.client.http.RestRequest;
import io.restcost.client.session.SessionPolicy;
import io.restcost.client.tls.TlsOptions;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.api.ResponseShaping;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server slower than the client's read timeout, driven at a fixed rate by too few threads:
 * every request fails as a {@code timeout}, none goes missing, and each one's latency counts
 * from its intended start in the schedule, so the queue the stall builds shows as latency
 * far beyond the timeout itself.
 */
class SlowServerTest {

    static final Duration TIMEOUT = Duration.ofMillis(200);
    static final int RATE = 20;
    static final int THREADS = 2;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void timeoutsAreCountedAsTimeoutAndTheirLatencyRunsFromTheIntendedStart(Engine engine) throws Exception {
        try (MockMqWeb mq = MockMqWeb.builder().passwordIterations(100).responseShaping(ResponseShaping.fixed(Duration.ofMillis(600))).start();
             RestClient client = RestClient.builder().baseUri(mq.baseUri()).engine(engine).policy(SessionPolicy.pooled())
                     .readTimeout(TIMEOUT).tls(TlsOptions.builder().trustPem(mq.caPem()).build())
                     .auth(Auth.basic("mqadmin", mq.password("mqadmin").toCharArray())).build()) {
            RestRequest get = RestRequest.get("/ibmmq/rest/v2/admin/qmgr");
            // 20 requests/s for 3 s; two threads, each request held 200 ms, finish at most 10/s.
            LoadPlan plan = new LoadPlan(THREADS, 0, Duration.ofSeconds(3), RATE, Duration.ZERO);
            LoadRunner.Result r = LoadRunner.run(() -> client.execute(get).status(), plan, new LatencyRecorder(THREADS, 0),
                    new RunControl(), i -> { });

            // Sent = succeeded + failed by class: nothing succeeded, and every failure is a timeout.
            assertThat(r.requests()).isPositive();
            assertThat(r.errors().total()).isEqualTo(r.requests());
            assertThat(r.errors().get(ErrorClass.TIMEOUT)).isEqualTo(r.requests());
            assertThat(r.corrected().getTotalCount()).isZero();
            assertThat(r.failed().getTotalCount()).isEqualTo(r.requests());
            // Each failed request waited out the timeout at least...
            assertThat(r.failed().getMinValue()).isGreaterThanOrEqualTo(TIMEOUT.toNanos() / 1000 * 99 / 100);
            // ...and the schedule fell behind: the last ones started about 1.5 s after their slot, and that counts.
            assertThat(r.failed().getMaxValue()).isGreaterThan(Duration.ofMillis(1000).toNanos() / 1000);
            // The server got every request the client sent, once (a timed-out request is never sent again); it counts
            // each when its 600 ms are up, so the last few are awaited.
            await().atMost(Duration.ofSeconds(10)).until(() -> mq.stats().requests() >= r.requests());
            assertThat(mq.stats().requests()).isEqualTo(r.requests());
        }
    }
}
