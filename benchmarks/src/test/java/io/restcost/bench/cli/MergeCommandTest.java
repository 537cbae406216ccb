package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restcost.bench.load.LatencyRecorder;
import io.restcost.bench.results.IntervalLog;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restcost merge} on runner folders with known contents: histograms added (a fast and a
 * slow runner's p99 is neither's), intervals aligned on absolute time, throughput over the
 * common window; and every input it must refuse, each with one line naming it.
 */
class MergeCommandTest {

    static final long START = 1_790_000_000_000L;

    @TempDir
    Path tmp;

    /** A runner folder: {@code seconds} one-second intervals of {@code perSecond} latencies around {@code micros}, from {@code startMillis}. */
    static Histogram runner(Path dir, int index, long startMillis, int seconds, long perSecond, long micros, Consumer<ObjectNode> edit)
            throws Exception {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(index);
        Histogram all = io.restcost.bench.results.Histograms.newHistogram();
        try (IntervalLog log = new IntervalLog(dir.resolve(RunFolder.HLOG), startMillis, "synthetic runner");
             IntervalLog failed = new IntervalLog(dir.resolve(RunFolder.HLOG_FAILED), startMillis, "synthetic runner")) {
            for (int i = 0; i < seconds; i++) {
                Histogram h = io.restcost.bench.results.Histograms.newHistogram();
                for (long k = 0; k < perSecond; k++) {
                    h.recordValue(Math.round(micros * (0.5 + random.nextDouble())));
                }
                all.add(h);
                log.append(h, startMillis + i * 1000L, startMillis + (i + 1) * 1000L);
                failed.append(io.restcost.bench.results.Histograms.newHistogram(), startMillis + i * 1000L, startMillis + (i + 1) * 1000L);
            }
        }
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("formatVersion", RunFolder.FORMAT_VERSION);
        s.put("label", "rotating-50-apache-basic");
        s.put("target", "https://mqweb.example:9443");
        s.put("path", "/ibmmq/rest/v2/admin/qmgr");
        s.put("method", "GET");
        s.putObject("policy").put("kind", "rotating").put("maxRequests", 50);
        s.put("engine", "apache");
        s.put("auth", "basic");
        s.put("concurrency", 4);
        s.put("model", "open");
        s.put("rate", (double) perSecond);
        s.put("durationSeconds", (double) seconds);
        s.put("requests", all.getTotalCount());
        s.putObject("errors").put("connect", 0).put("timeout", index);
        s.put("throughputPerSecond", (double) perSecond);
        s.putObject("latencyMicros").putObject("corrected").put("p99", all.getValueAtPercentile(99));
        s.put("connectionsOpened", all.getTotalCount() / 50);
        s.putObject("tlsHandshakes").put("full", 4).put("resumed", all.getTotalCount() / 50 - 4);
        s.put("logins", 0);
        s.put("clientCpuMicrosPerRequest", 100.0 * (index + 1));
        s.putObject("preflight").put("requests", 1).put("connections", 1);
        s.putObject("sentToServer").put("requests", 1 + all.getTotalCount()).put("connections", 1 + all.getTotalCount() / 50);
        s.put("startedAt", Instant.ofEpochMilli(startMillis - 150).toString());
        s.putObject("runner").put("index", index).put("host", "pod-" + index);
        s.putObject("versions").put("restcost", "0.1.0").put("apache", "httpclient5/5.6.5");
        s.putObject("machine").put("cores", 2).put("memoryBytes", 1L << 34).put("os", "Linux");
        edit.accept(s);
        RunFolder.writeJson(dir.resolve(RunFolder.SUMMARY), s);
        return all;
    }

    static void withServerCpu(ObjectNode s) {
        s.putObject("serverCpu").put("source", "prometheus:https://mqweb.example:9443/metrics").put("resolutionMillis", 10.0)
                .put("cpuMicros", 9_000_000.0);
    }

    @Test
    void histogramsAreAddedOnAbsoluteTimeAndCountsSummed() throws Exception {
        Histogram fast = runner(tmp.resolve("r0"), 0, START, 10, 100, 1_000, MergeCommandTest::withServerCpu);
        // a slower runner, 300 ms later: its intervals land in the same seconds
        Histogram slow = runner(tmp.resolve("r1"), 1, START + 300, 10, 100, 10_000, s -> { });
        Cli c = Cli.run("merge", tmp.resolve("merged").toString(), tmp.resolve("r0").toString(), tmp.resolve("r1").toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        ResultsSchema.assertValid(tmp.resolve("merged").resolve(RunFolder.SUMMARY));
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("merged").resolve(RunFolder.SUMMARY).toFile());

        Histogram both = io.restcost.bench.results.Histograms.newHistogram();
        both.add(fast);
        both.add(slow);
        assertThat(m.path("requests").asLong()).isEqualTo(2000);
        assertThat(m.at("/errors/timeout").asLong()).isEqualTo(1);
        assertThat(m.at("/sentToServer/requests").asLong()).isEqualTo(2002);
        // percentiles of the added histograms: p50 is neither runner's, nor their average
        assertThat(m.at("/latencyMicros/corrected/p50").asLong()).isEqualTo(both.getValueAtPercentile(50));
        assertThat(m.at("/latencyMicros/corrected/p99").asLong()).isEqualTo(both.getValueAtPercentile(99));
        assertThat(m.at("/latencyMicros/corrected/p99").asLong())
                .isNotEqualTo((fast.getValueAtPercentile(99) + slow.getValueAtPercentile(99)) / 2);
        // ten merged intervals of 200, one per absolute second
        List<Histogram> intervals = RunFolder.readIntervals(tmp.resolve("merged").resolve(RunFolder.HLOG));
        assertThat(intervals).hasSize(10).allSatisfy(h -> assertThat(h.getTotalCount()).isEqualTo(200));
        assertThat(intervals.get(0).getStartTimeStamp()).isEqualTo(START);
        // over the 9.7 s both ran in, 200 requests a second
        assertThat(m.at("/merged/commonWindowSeconds").asDouble()).isEqualTo(9.7);
        assertThat(m.path("throughputPerSecond").asDouble()).isEqualTo(200.0);
        assertThat(m.at("/merged/startSpreadMillis").asLong()).isEqualTo(300);
        // the server's CPU, read once, over every runner's requests
        assertThat(m.path("serverCpuMicrosPerRequest").asDouble()).isEqualTo(4500.0);
        // client CPU: the runners' figures weighted by their requests
        assertThat(m.path("clientCpuMicrosPerRequest").asDouble()).isEqualTo(150.0);
        assertThat(m.path("runners")).hasSize(2);
        assertThat(m.path("runners").get(1).path("host").asText()).isEqualTo("pod-1");
        assertThat(c.out()).contains("2,000 requests from 2 runners").contains("histograms added, never averaged");
        assertThat(tmp.resolve("merged").resolve(RunFolder.REPORT)).exists();
    }

    @Test
    void whatCannotBeMergedIsRefusedWithOneLineNamingTheInput() throws Exception {
        Path ok = tmp.resolve("ok");
        runner(ok, 0, START, 5, 10, 1_000, MergeCommandTest::withServerCpu);
        record Case(String name, Consumer<ObjectNode> edit, long startMillis, String expected) {
        }
        List<Case> cases = List.of(
                new Case("policy", s -> s.putObject("policy").put("kind", "pooled"), START, "ran policy"),
                new Case("target", s -> s.put("target", "https://other:9443"), START, "ran target https://other:9443"),
                new Case("cpu", MergeCommandTest::withServerCpu, START, "give --server-cpu to one runner only"),
                new Case("index", s -> s.putObject("runner").put("index", 0), START, "are both runner 0"),
                new Case("format", s -> s.put("formatVersion", 99), START, "summary.json is in results format 99; this restcost reads formats 1 to 1"),
                new Case("late", s -> { }, START + 1_500, "started 1500 ms after the first runner"));
        int n = 0;
        for (Case k : cases) {
            Path other = tmp.resolve("bad-" + k.name());
            runner(other, 1, k.startMillis(), 5, 10, 1_000, k.edit());
            Cli c = Cli.run("merge", tmp.resolve("out-" + n++).toString(), ok.toString(), other.toString());
            assertThat(c.exitCode()).as(k.name() + ": " + c.err()).isEqualTo(2);
            assertThat(c.err()).as(k.name()).contains(k.expected()).doesNotContain("\n\tat ");
            assertThat(c.err().strip().lines()).as(k.name()).hasSize(1);
        }
        // one folder is not a merge; a matrix is not a run; results are never overwritten
        assertThat(Cli.run("merge", tmp.resolve("x").toString(), ok.toString()).exitCode()).isEqualTo(2);
        Files.writeString(Files.createDirectories(tmp.resolve("matrix")).resolve(RunFolder.INDEX), "{}");
        Cli matrix = Cli.run("merge", tmp.resolve("y").toString(), ok.toString(), tmp.resolve("matrix").toString());
        assertThat(matrix.exitCode()).isEqualTo(2);
        assertThat(matrix.err()).contains("is a matrix");
        Cli over = Cli.run("merge", ok.toString(), tmp.resolve("bad-late").toString(), tmp.resolve("bad-target").toString());
        assertThat(over.exitCode()).isEqualTo(2);
        assertThat(over.err()).contains("already holds results");
        // the spread's tolerance is the user's to widen
        Cli wider = Cli.run("merge", "--max-spread", "2s", tmp.resolve("z").toString(), ok.toString(), tmp.resolve("bad-late").toString());
        assertThat(wider.exitCode()).as(wider.err()).isZero();
    }

    @Test
    void helpDocumentsTheCommand() {
        Cli c = Cli.run("merge", "--help");
        assertThat(c.exitCode()).isZero();
        assertThat(c.out()).contains("Usage: restcost merge").contains("OUT").contains("DIR").contains("never averaged")
                .contains("--max-spread").contains("--start-at");
    }
}
