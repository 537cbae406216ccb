package io.restcost.bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The benchmark JVM's CPU per operation: user and system time of the whole process (all
 * threads, GC and JIT included) over each iteration, divided by its operations. For client
 * benchmarks whose server runs in another process ({@link TlsHandshakeBenchmark}), that is
 * what the client pays per operation, beside the wall time JMH measures.
 *
 * <p>Use it with {@code -prof io.restcost.bench.jmh.ClientCpuProfiler} (the suite adds it).
 * Reported as {@code ·client.cpu} in microseconds per operation, averaged over iterations.
 */
public final class ClientCpuProfiler implements InternalProfiler {

    /** The secondary result's name (JMH prefixes it with {@code ·}). */
    public static final String LABEL = "client.cpu";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startNanos;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation (us/op), for client-side cost beside wall time";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startNanos = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                      IterationResult result) {
        long cpu = os.getProcessCpuTime() - startNanos;
        long ops = result.getMetadata().getAllOps();
        if (startNanos < 0 || cpu < 0 || ops <= 0) {
            return List.of();
        }
        return List.of(new ScalarResult(LABEL, cpu / 1000.0 / ops, "us/op", AggregationPolicy.AVG));
    }
}
