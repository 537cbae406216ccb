package io.restcost.bench.jmh;

import io.restcost.bench.load.LatencyRecorder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The load runner's per-request recording path (two single-writer HdrHistogram recorders per
 * thread), from four threads. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be
 * 0 B/op in both models (the closed model's expected-interval correction included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(LatencyRecordingBenchmark.THREADS)
public class LatencyRecordingBenchmark {

    static final int THREADS = 4;

    /** 0: open model; otherwise the closed model's expected interval in microseconds. */
    @Param({"0", "500"})
    public long expectedIntervalMicros;

    private LatencyRecorder recorder;

    @Setup
    public void setUp() {
        recorder = new LatencyRecorder(THREADS, expectedIntervalMicros);
    }

    @Benchmark
    public void record(ThreadParams thread) {
        long end = System.nanoTime();
        recorder.record(thread.getThreadIndex(), end - 1_500_000, end - 1_000_000, end);
    }
}
