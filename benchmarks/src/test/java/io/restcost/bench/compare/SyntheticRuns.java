package io.restcost.bench.compare;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restcost.bench.load.LatencyRecorder;
import io.restcost.bench.results.IntervalLog;
import io.restcost.bench.results.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/** Run folders with known contents: 20 one-second intervals of latencies around a chosen median. */
final class SyntheticRuns {

    private SyntheticRuns() {
    }

    /**
     * @param medianMicros latencies are drawn uniformly from [0.5, 1.5] x this
     * @param seed a different seed gives a different sample of the same distribution
     */
    static Path write(Path dir, long medianMicros, long perSecond, double clientCpu, long seed) throws Exception {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        Histogram all = LatencyRecorder.newHistogram();
        long start = 1_700_000_000_000L;
        try (IntervalLog log = new IntervalLog(dir.resolve(RunFolder.HLOG), start, "synthetic")) {
            for (int i = 0; i < 20; i++) {
                Histogram h = LatencyRecorder.newHistogram();
                long n = perSecond + random.nextLong(-perSecond / 20, perSecond / 20 + 1);
                for (long k = 0; k < n; k++) {
                    h.recordValue(Math.round(medianMicros * (0.5 + random.nextDouble())));
                }
                all.add(h);
                log.append(h, start + i * 1000L, start + (i + 1) * 1000L);
            }
        }
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("label", dir.getFileName().toString());
        s.put("throughputPerSecond", all.getTotalCount() / 20.0);
        ObjectNode c = s.putObject("latencyMicros").putObject("corrected");
        c.put("p50", all.getValueAtPercentile(50)).put("p90", all.getValueAtPercentile(90)).put("p99", all.getValueAtPercentile(99))
                .put("p999", all.getValueAtPercentile(99.9)).put("max", all.getMaxValue()).put("mean", all.getMean());
        s.put("clientCpuMicrosPerRequest", clientCpu);
        s.putNull("serverCpuMicrosPerRequest");
        s.put("connectionsOpened", 4);
        s.putObject("tlsHandshakes").put("full", 4).put("resumed", 0);
        s.put("logins", 0);
        s.putObject("errors").put("connect", 0).put("io", 0);
        RunFolder.writeJson(dir.resolve(RunFolder.SUMMARY), s);
        return dir;
    }
}
