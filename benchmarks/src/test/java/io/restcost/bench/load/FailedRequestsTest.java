package io.restcost.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** A request that ends without a response is latency, recorded apart, not a missing sample. */
class FailedRequestsTest {

    @Test
    void requestsThatGetNoResponseAreRecordedFromTheirIntendedStart() throws Exception {
        AtomicInteger n = new AtomicInteger();
        // Every third request stalls 5 ms and then times out.
        LoadRunner.Exchange exchange = () -> {
            if (n.incrementAndGet() % 3 == 0) {
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                throw new SocketTimeoutException("read timed out");
            }
            return 200;
        };
        LoadPlan plan = new LoadPlan(2, 300, null, 0, Duration.ZERO);
        LoadRunner.Result r = LoadRunner.run(exchange, plan, new LatencyRecorder(2, 0), new RunControl(), i -> { });
        assertThat(r.requests()).isEqualTo(300);
        assertThat(r.errors().total()).isEqualTo(100);
        // Every failed request is in the failed histogram, none in the others, each at least its stall long.
        assertThat(r.failed().getTotalCount()).isEqualTo(100);
        assertThat(r.failed().getMinValue()).isGreaterThanOrEqualTo(5_000);
        assertThat(r.corrected().getTotalCount()).isEqualTo(200);
    }

    @Test
    void aRunWithoutFailuresHasAnEmptyFailedHistogram() throws InterruptedException {
        LoadPlan plan = new LoadPlan(1, 50, null, 0, Duration.ZERO);
        LoadRunner.Result r = LoadRunner.run(() -> 200, plan, new LatencyRecorder(1, 0), new RunControl(), i -> { });
        assertThat(r.failed().getTotalCount()).isZero();
        assertThat(r.corrected().getTotalCount()).isEqualTo(50);
    }
}
