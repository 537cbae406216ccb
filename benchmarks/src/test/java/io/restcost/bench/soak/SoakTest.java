package io.restcost.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.bench.client.ClientCounters;
import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.client.EngineChoice;
import io.restcost.bench.load.LatencyRecorder;
import io.restcost.bench.client.LoadClient;
import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.load.LoadRunner;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.load.RunControl;
import io.restcost.bench.server.MockProcess;
import io.restcost.client.http.RestRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -B verify -Psoak}: 64 threads of rotating sessions against the mock (in its own
 * JVM, so that this JVM holds the client alone) for {@code -Drestcost.soak.duration} (default
 * 10m), half on each engine. At the end every connection opened was closed, and this JVM's live
 * threads, open file descriptors and heap after GC are back where they were before. The
 * figures go to {@code target/soak-report.txt}. Not in the default build: it takes the time it
 * takes.
 */
@Tag("soak")
class SoakTest {

    private static final int THREADS = 64;
    private static final String POLICY = "rotating:requests=50,age=10s,jitter=0.2";

    record Footprint(int threads, long fds, long heapBytes) {
        static Footprint now() throws IOException, InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(), fds,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        String describe() {
            return String.format(Locale.ROOT, "%d threads, %d fds, heap after GC %.1f MiB", threads, fds, heapBytes / 1048576.0);
        }
    }

    private static Duration duration() {
        return Duration.parse("PT" + System.getProperty("restcost.soak.duration", "10m").toUpperCase(Locale.ROOT));
    }

    /** Runs the soak load on one engine for {@code d}; returns its counters after the client closed. */
    private static String load(MockProcess mock, EngineChoice engine, Duration d, List<String> report) throws Exception {
        ClientSpec spec = new ClientSpec(mock.baseUri(), engine, "ltpa", "mqadmin", mock.password("mqadmin"), mock.caPem(), null, null,
                null, null, null, null, false, null, null, null, null);
        ClientCounters counters = new ClientCounters();
        RestRequest request = RestRequest.get("/ibmmq/rest/v2/admin/qmgr");
        LoadPlan plan = new LoadPlan(THREADS, 0, d, 0, Duration.ZERO);
        LoadRunner.Result r;
        try (LoadClient client = spec.build(PolicySpec.parse(POLICY).policy(), counters, THREADS)) {
            r = LoadRunner.run(() -> client.send(request), plan, new LatencyRecorder(THREADS, 0), new RunControl(), i -> { });
        }
        String line = String.format(Locale.ROOT, "%s: %,d requests in %d s, %,d errors; connections opened %,d, closed %,d; "
                + "full handshakes %,d, resumed %,d, logins %,d", engine.tag(), r.requests(), d.toSeconds(), r.errors().total(),
                counters.connectionsOpened(), counters.connectionsClosed(), counters.fullHandshakes(), counters.resumedHandshakes(),
                counters.logins());
        report.add(line);
        assertThat(r.requests()).as(line).isPositive();
        assertThat(r.errors().total()).as(line).isZero();
        assertThat(counters.connectionsClosed()).as(line).isEqualTo(counters.connectionsOpened()).isGreaterThan(THREADS);
        return line;
    }

    @Test
    void sixtyFourThreadsOfRotationLeaveNothingBehind() throws Exception {
        List<String> report = new ArrayList<>();
        Duration total = duration();
        try (MockProcess mock = MockProcess.start()) {
            // a short run on each engine first: classes, JIT threads and the engines' shared pools exist before the baseline
            load(mock, EngineChoice.APACHE, Duration.ofSeconds(10), new ArrayList<>());
            load(mock, EngineChoice.OKHTTP, Duration.ofSeconds(10), new ArrayList<>());
            Footprint start = settled(null);
            report.add("start: " + start.describe());
            load(mock, EngineChoice.APACHE, total.dividedBy(2), report);
            load(mock, EngineChoice.OKHTTP, total.dividedBy(2), report);
            Footprint end = settled(start);
            report.add("end:   " + end.describe());
            Files.write(Path.of("target", "soak-report.txt"), report);
            report.forEach(System.out::println);
            assertThat(end.threads()).as("live threads: %s", report).isLessThanOrEqualTo(start.threads());
            assertThat(end.fds()).as("open file descriptors: %s", report).isLessThanOrEqualTo(start.fds());
            assertThat((double) end.heapBytes()).as("heap after GC: %s", report).isLessThanOrEqualTo(start.heapBytes() * 1.10);
        }
    }

    /**
     * The footprint once the engines' idle threads have ended (OkHttp's task threads and
     * HttpClient's evictors end within a minute of idleness), at most two minutes; with no
     * {@code start}, after 70 s of quiet.
     */
    private static Footprint settled(Footprint start) throws Exception {
        if (start == null) {
            Thread.sleep(70_000);
            return Footprint.now();
        }
        Footprint f = Footprint.now();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while ((f.threads() > start.threads() || f.fds() > start.fds()) && System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            f = Footprint.now();
        }
        return f;
    }
}
