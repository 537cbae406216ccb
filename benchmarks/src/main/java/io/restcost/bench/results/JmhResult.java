package io.restcost.bench.results;

import java.util.Map;

/**
 * One benchmark of JMH's JSON output ({@code -rf json}, a folder's {@code jmh.json}): the
 * fields restcost reads, the rest ignored.
 *
 * @param benchmark e.g. {@code io.restcost.bench.jmh.ClientOverheadBenchmark.request}
 * @param params the {@code @Param} values it ran with
 * @param secondaryMetrics e.g. {@code gc.alloc.rate.norm} from the GC profiler
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, Metric primaryMetric,
        Map<String, Metric> secondaryMetrics) {

    /** @param rawData each fork's iteration scores */
    public record Metric(double score, double scoreError, String scoreUnit, double[][] rawData) {
    }
}
