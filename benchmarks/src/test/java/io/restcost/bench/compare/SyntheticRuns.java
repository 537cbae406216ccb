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
        return write(dir, medianMicros, perSecond, clientCpu, seed, 20);
    }

    /** As above, with {@code seconds} intervals; connections, handshakes and logins grow with the run's length. */
    static Path write(Path dir, long medianMicros, long perSecond, double clientCpu, long seed, int seconds) throws Exception {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        Histogram all = io.restcost.bench.results.Histograms.newHistogram();
        long start = 1_700_000_000_000L;
        try (IntervalLog log = new IntervalLog(dir.resolve(RunFolder.HLOG), start, "synthetic")) {
            for (int i = 0; i < seconds; i++) {
                Histogram h = io.restcost.bench.results.Histograms.newHistogram();
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
        s.put("throughputPerSecond", all.getTotalCount() / (double) seconds);
        s.put("requests", all.getTotalCount());
        ObjectNode c = s.putObject("latencyMicros").putObject("corrected");
        c.put("p50", all.getValueAtPercentile(50)).put("p90", all.getValueAtPercentile(90)).put("p99", all.getValueAtPercentile(99))
                .put("p999", all.getValueAtPercentile(99.9)).put("max", all.getMaxValue()).put("mean", all.getMean());
        s.put("clientCpuMicrosPerRequest", clientCpu);
        s.putNull("serverCpuMicrosPerRequest");
        // A rotating policy: one connection, handshake and login per 50 requests, whatever the length.
        long connections = all.getTotalCount() / 50;
        s.put("connectionsOpened", connections);
        s.putObject("tlsHandshakes").put("full", 4).put("resumed", connections - 4);
        s.put("logins", connections);
        s.putObject("errors").put("connect", 0).put("io", 0);
        RunFolder.writeJson(dir.resolve(RunFolder.SUMMARY), s);
        return dir;
    }

    /**
     * Gives the run in {@code dir} the server's CPU as a source reads it once a second: each
     * second's requests at {@code microsPerRequest}, moved by up to {@code noise} of itself at
     * random (a shared machine's drift), and the whole window's figure from them.
     */
    static void withServerCpu(Path dir, double microsPerRequest, double noise, long seed) throws Exception {
        ObjectNode s = (ObjectNode) RunFolder.JSON.readTree(dir.resolve(RunFolder.SUMMARY).toFile());
        double[] total = new double[2];
        com.fasterxml.jackson.databind.node.ArrayNode perSecond = perSecond(dir, microsPerRequest, noise, seed, total);
        ObjectNode cpu = s.putObject("serverCpu");
        cpu.put("source", "pid:1").put("resolutionMillis", 10.0).put("cpuMicros", Math.round(total[0])).put("counterWentBack", false);
        cpu.set("perSecond", perSecond);
        s.put("serverCpuMicrosPerRequest", total[0] / total[1]);
        RunFolder.writeJson(dir.resolve(RunFolder.SUMMARY), s);
    }

    /** Sets the run's target, the server it measured. */
    static void withTarget(Path dir, String target) throws Exception {
        ObjectNode s = (ObjectNode) RunFolder.JSON.readTree(dir.resolve(RunFolder.SUMMARY).toFile());
        s.put("target", target);
        RunFolder.writeJson(dir.resolve(RunFolder.SUMMARY), s);
    }

    /** As {@link #withServerCpu}, for the client's own CPU ({@code clientCpuPerSecond}). */
    static void withClientCpu(Path dir, double microsPerRequest, double noise, long seed) throws Exception {
        ObjectNode s = (ObjectNode) RunFolder.JSON.readTree(dir.resolve(RunFolder.SUMMARY).toFile());
        double[] total = new double[2];
        s.set("clientCpuPerSecond", perSecond(dir, microsPerRequest, noise, seed, total));
        s.put("clientCpuMicrosPerRequest", total[0] / total[1]);
        RunFolder.writeJson(dir.resolve(RunFolder.SUMMARY), s);
    }

    /** Running CPU totals, once a second; {@code total} gets the window's CPU and requests. */
    private static com.fasterxml.jackson.databind.node.ArrayNode perSecond(Path dir, double microsPerRequest, double noise, long seed,
            double[] total) {
        SplittableRandom random = new SplittableRandom(seed);
        com.fasterxml.jackson.databind.node.ArrayNode perSecond = JsonNodeFactory.instance.arrayNode();
        int second = 0;
        for (Histogram h : RunFolder.readIntervals(dir.resolve(RunFolder.HLOG))) {
            total[0] += h.getTotalCount() * microsPerRequest * (1 + noise * (2 * random.nextDouble() - 1));
            total[1] += h.getTotalCount();
            perSecond.addArray().add(++second * 1000.0).add(Math.round(total[0]));
        }
        return perSecond;
    }
}
