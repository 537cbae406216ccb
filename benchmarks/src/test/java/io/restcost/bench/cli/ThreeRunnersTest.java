package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local stand-in for the Kubernetes Indexed Job in {@code deploy/kubernetes}: three runner
 * processes run the Job's own arguments against one mock, each with its own
 * {@code JOB_COMPLETION_INDEX} and the same {@code START_AT}; then the merge Job's arguments
 * merge their folders. The merged counts equal the mock's own, its p99 is the p99 of every
 * value the three recorded, and its throughput is the mock's count over the common window.
 */
class ThreeRunnersTest {

    static final int RUNNERS = 3;
    static final String METRICS_PASSWORD = "three-runners-metrics-1";

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    @Test
    void threeRunnersStartTogetherAndMergeIntoOneRun() throws Exception {
        Path k8s = deployDir();
        JsonNode job = yaml(k8s.resolve("indexed-job.yaml"));
        JsonNode merge = yaml(k8s.resolve("merge-job.yaml"));
        assertThat(job.at("/spec/completionMode").asText()).isEqualTo("Indexed");
        assertThat(job.at("/spec/completions").asInt()).isEqualTo(RUNNERS).isEqualTo(job.at("/spec/parallelism").asInt());
        assertThat(yaml(k8s.resolve("results-volume.yaml")).at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteMany");
        JsonNode container = job.at("/spec/template/spec/containers/0");

        // The manifest's environment, with this machine's values where the cluster's would not do.
        Map<String, String> env = new HashMap<>();
        for (JsonNode e : container.path("env")) {
            env.put(e.path("name").asText(), e.path("value").asText());
        }
        Files.createDirectories(tmp.resolve("etc"));
        Files.copy(target.mq().caPem(), tmp.resolve("etc").resolve("ca.pem"));
        env.put("TARGET", target.url());
        env.put("AUTH", "basic"); // no logins: the mock's request count is then exactly what the runners sent
        env.put("RATE", "60");
        env.put("DURATION", "8s");
        env.put("WARMUP", "1s");
        // The server's CPU from a Prometheus endpoint behind an administrator's password, as Liberty's /metrics is: here
        // the Prometheus JVM client's exporter of the JVM the mock runs in. (The mock's own stats would reset its counters.)
        HTTPServer metrics = ServerCpuTest.exporter("mqadmin", METRICS_PASSWORD);
        env.put("SERVER_CPU", "prometheus:http://127.0.0.1:" + metrics.getPort() + "/metrics");
        env.put("START_AT", Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS).toString());

        long before = target.mq().stats().requests();
        List<Process> runners = new ArrayList<>();
        try {
            for (int i = 0; i < RUNNERS; i++) {
                Map<String, String> podEnv = new HashMap<>(env);
                podEnv.put("JOB_COMPLETION_INDEX", Integer.toString(i));
                List<String> cmd = Cli.inNewJvm();
                cmd.addAll(args(container.path("args"), podEnv));
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("runner-" + i + ".out").toFile());
                pb.environment().put("JOB_COMPLETION_INDEX", Integer.toString(i));
                pb.environment().put("MQ_PASSWORD", target.mq().password(MockTarget.USER));
                pb.environment().put("METRICS_PASSWORD", METRICS_PASSWORD);
                runners.add(pb.start());
            }
            for (int i = 0; i < RUNNERS; i++) {
                assertThat(runners.get(i).waitFor(2, TimeUnit.MINUTES)).as("runner %d finished", i).isTrue();
                assertThat(runners.get(i).exitValue()).as(Files.readString(tmp.resolve("runner-" + i + ".out"))).isZero();
            }
        } finally {
            runners.forEach(Process::destroyForcibly);
            metrics.close();
        }
        long served = target.mq().stats().requests() - before;

        Cli c = Cli.run(args(merge.at("/spec/template/spec/containers/0/args"), env).toArray(new String[0]));
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("from 3 runners").contains("histograms added, never averaged");
        ResultsSchema.assertValid(tmp.resolve("results/merged").resolve(RunFolder.SUMMARY));
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("results/merged").resolve(RunFolder.SUMMARY).toFile());

        // Counts: the runners' sum, and exactly what the mock answered (preflights and warm-ups included).
        long requests = 0;
        Histogram all = new Histogram(3);
        for (int i = 0; i < RUNNERS; i++) {
            Path dir = tmp.resolve("results/runner-" + i);
            JsonNode s = new ObjectMapper().readTree(dir.resolve(RunFolder.SUMMARY).toFile());
            assertThat(s.at("/runner/index").asInt()).isEqualTo(i);
            assertThat(s.at("/runner/startAt").asText()).isEqualTo(env.get("START_AT"));
            // only runner 0 read the server's CPU
            assertThat(s.path("serverCpu").isObject()).as("runner %d read the server's CPU", i).isEqualTo(i == 0);
            requests += s.path("requests").asLong();
            for (Histogram h : RunFolder.readIntervals(dir.resolve(RunFolder.HLOG))) {
                all.add(h);
            }
        }
        assertThat(m.path("requests").asLong()).isEqualTo(requests);
        assertThat(m.at("/sentToServer/requests").asLong()).isEqualTo(served);
        assertThat(m.path("errors").path("io").asLong()).isZero();
        // Percentiles of the histograms added, never averaged: the p99 of every value the three recorded.
        assertThat(m.at("/latencyMicros/corrected/count").asLong()).isEqualTo(all.getTotalCount()).isEqualTo(requests);
        assertThat(m.at("/latencyMicros/corrected/p99").asLong()).isEqualTo(all.getValueAtPercentile(99));
        // Throughput over the common window: the mock's own count of the measured requests over that window, within 5%.
        long measuredByMock = served - m.at("/preflight/requests").asLong()
                - (m.at("/sentToServer/requests").asLong() - m.at("/preflight/requests").asLong() - requests);
        double window = m.at("/merged/commonWindowSeconds").asDouble();
        assertThat(window).isBetween(7.0, 8.5);
        assertThat(m.path("throughputPerSecond").asDouble()).isCloseTo(measuredByMock / window,
                org.assertj.core.api.Assertions.withinPercentage(5));
        // the measured windows begin at START_AT plus the warm-up, however long each runner took to build its client
        assertThat(m.at("/merged/startSpreadMillis").asLong()).isLessThan(250);
        assertThat(m.path("runners")).hasSize(RUNNERS);
        assertThat(m.path("serverCpuMicrosPerRequest").isNumber()).isTrue();
        assertThat(m.at("/serverCpu/source").asText()).startsWith("prometheus:http://127.0.0.1:");
        assertThat(tmp.resolve("results/merged").resolve(RunFolder.REPORT)).exists();
    }

    /** The manifest's arguments with {@code $(NAME)} from {@code env}, and its cluster paths under this test's folder. */
    static List<String> args(JsonNode template, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        Pattern ref = Pattern.compile("\\$\\(([A-Z_]+)\\)");
        for (JsonNode a : template) {
            Matcher m = ref.matcher(a.asText());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = env.get(m.group(1));
                assertThat(v).as("the manifest defines $(%s)", m.group(1)).isNotNull();
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            out.add(sb.toString().replace("/results/", tmp.resolve("results") + "/").replace("/etc/restcost/", tmp.resolve("etc") + "/"));
        }
        return out;
    }

    static JsonNode yaml(Path file) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    /** deploy/kubernetes, found from the module's folder up. */
    static Path deployDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/kubernetes"))) {
                return p.resolve("deploy/kubernetes");
            }
        }
        throw new IllegalStateException("deploy/kubernetes not found above " + Path.of("").toAbsolutePath());
    }
}
