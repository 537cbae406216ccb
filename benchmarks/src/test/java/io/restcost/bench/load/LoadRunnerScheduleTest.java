package io.restcost.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The open model's slots: shared by whichever worker is free, or owned by each worker in turn (wrk2's rule). */
class LoadRunnerScheduleTest {

    private static Map<String, Long> sendsPerWorker(LoadRunner.Schedule schedule) throws InterruptedException {
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        LoadPlan plan = new LoadPlan(4, 200, null, 1000, Duration.ZERO);
        LoadRunner.Result r = LoadRunner.run(() -> {
            counts.computeIfAbsent(Thread.currentThread().getName(), k -> new LongAdder()).increment();
            return 200;
        }, plan, new LatencyRecorder(4, 0), new RunControl(), i -> { }, schedule);
        assertThat(r.requests()).isEqualTo(200);
        Map<String, Long> out = new ConcurrentHashMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Test
    void perWorkerGivesEveryWorkerItsShareOfTheSchedule() throws InterruptedException {
        assertThat(sendsPerWorker(LoadRunner.Schedule.PER_WORKER)).containsOnlyKeys("restcost-load-0", "restcost-load-1",
                "restcost-load-2", "restcost-load-3").allSatisfy((worker, n) -> assertThat(n).isEqualTo(50));
    }

    @Test
    void sharedSlotsGoToWhicheverWorkerIsFree() throws InterruptedException {
        Map<String, Long> shared = sendsPerWorker(LoadRunner.Schedule.SHARED);
        assertThat(shared.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
    }
}
