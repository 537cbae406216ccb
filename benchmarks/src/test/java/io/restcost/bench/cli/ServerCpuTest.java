package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --server-cpu}: the server's CPU from the mock, a process on this machine or a real
 * Prometheus endpoint; a source that cannot be read stops the run with one line before any
 * load is sent.
 */
class ServerCpuTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    static final long THIS_PID = ProcessHandle.current().pid();

    static Cli run(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--policy", "pooled", "--auth", "basic", "--out", out.toString(), "-q",
                "--warmup", "0s"));
        args.addAll(List.of(extra));
        return Cli.run(target.args("run", args.toArray(new String[0])));
    }

    static JsonNode summary(Path dir) throws IOException {
        ResultsSchema.assertValid(dir.resolve(RunFolder.SUMMARY));
        return new ObjectMapper().readTree(dir.resolve(RunFolder.SUMMARY).toFile());
    }

    /** Requests the mock has answered so far (its own stats requests are not counted). */
    static long mockRequests() throws IOException {
        return new ObjectMapper().readTree(target.mq().stats().toJson()).path("requests").path("total").asLong();
    }

    static void assertUserError(Cli c, String... mustSay) {
        assertThat(c.exitCode()).as("exit code; stderr: %s", c.err()).isEqualTo(2);
        String line = c.err().strip();
        assertThat(line.lines().count()).as("one line: %s", line).isEqualTo(1);
        assertThat(line).doesNotContain("\tat ").doesNotContain("Exception:").contains(mustSay);
        assertThat(c.err() + c.out()).doesNotContain(target.mq().password(MockTarget.USER));
    }

    /** A plain HTTP endpoint on loopback answering every request with {@code body}. */
    static HttpServer textServer(String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, b.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        return server;
    }

    /** The Prometheus JVM client's own exporter of this process's metrics, behind basic auth (metrics / right-one-77). */
    static HTTPServer exporter() throws IOException {
        return exporter("metrics", "right-one-77");
    }

    /** As {@link #exporter()}, behind basic auth for {@code user} and {@code password}. */
    static HTTPServer exporter(String user, String password) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        ProcessMetrics.builder().register(registry);
        return HTTPServer.builder().hostname("127.0.0.1").port(0).registry(registry)
                .authenticator(new BasicAuthenticator("metrics") {
                    @Override
                    public boolean checkCredentials(String u, String p) {
                        return u.equals(user) && p.equals(password);
                    }
                }).buildAndStart();
    }

    static String url(HttpServer s) {
        return "prometheus:http://127.0.0.1:" + s.getAddress().getPort() + "/metrics";
    }

    @Test
    void eachSourceThatCannotBeReadIsOneLineAndExitTwoBeforeAnyLoad() throws Exception {
        HttpServer noMetric = textServer("# HELP up whether up\nup 1\n");
        HttpServer notANumber = textServer("process_cpu_seconds_total abc\n");
        HTTPServer guarded = exporter();
        try {
            Path wrong = MockTarget.passwordFile(tmp, "wrong-one-88");
            String[][] cases = {
                {"pid:2147483647", "no process 2147483647"},
                {"pidfile:" + tmp.resolve("no-such.pid"), "cannot be read"},
                {url(noMetric), "no process CPU counter", "metric=NAME"},
                {url(notANumber), "process_cpu_seconds_total is not a number: abc"},
                {"sometimes", "unknown source", "pid:N"},
                {"exec:false", "exited with 1"},
                {"exec:echo hello", "none of a /proc/PID/stat line"},
            };
            long before = mockRequests();
            for (String[] c : cases) {
                Cli cli = run(tmp.resolve("bad-" + System.nanoTime()), "--server-cpu", c[0], "-n", "20");
                assertUserError(cli, java.util.Arrays.copyOfRange(c, 1, c.length));
            }
            Cli refused = run(tmp.resolve("bad-credentials"), "--server-cpu",
                    "prometheus:http://127.0.0.1:" + guarded.getPort() + "/metrics", "--server-cpu-user", "metrics",
                    "--server-cpu-password-file", wrong.toString(), "-n", "20");
            assertUserError(refused, "HTTP 401", "credentials were refused");
            assertThat(refused.err()).doesNotContain("wrong-one-88");
            // A command with a literal password is named without it.
            Cli secret = run(tmp.resolve("bad-exec-secret"), "--server-cpu", "exec:sshpass -p s3cret-77 false", "-n", "20");
            assertUserError(secret, "exec:sshpass -p <redacted> false", "exited with");
            assertThat(secret.err()).doesNotContain("s3cret-77");
            // Not one request reached the target.
            assertThat(mockRequests()).isEqualTo(before);
        } finally {
            noMetric.stop(0);
            notANumber.stop(0);
            guarded.close();
        }
    }

    @Test
    void aProcessOnThisMachineGivesServerCpuPerRequestAndASecondBySecondRecord() throws Exception {
        // The mock runs in this JVM: its process is this one.
        Path dir = tmp.resolve("pid");
        Cli c = run(dir, "--server-cpu", "pid:" + THIS_PID, "-d", "3s", "-c", "2");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        assertThat(s.path("serverCpuMicrosPerRequest").asDouble()).isPositive();
        JsonNode cpu = s.path("serverCpu");
        assertThat(cpu.path("source").asText()).isEqualTo("pid:" + THIS_PID);
        assertThat(cpu.path("resolutionMillis").asDouble()).isEqualTo(10.0);
        assertThat(cpu.path("includes").asText()).contains("garbage collection");
        assertThat(cpu.path("counterWentBack").asBoolean()).isFalse();
        assertThat(cpu.path("perSecond").size()).isGreaterThanOrEqualTo(3);
        assertThat(cpu.path("cpuMicros").asDouble()).isEqualTo(cpu.path("perSecond").get(cpu.path("perSecond").size() - 1).get(1).asDouble());
        // No stats were asked of the target: that is the mock source's business alone.
        assertThat(s.path("server").isNull()).isTrue();
        // The check request is accounted for, with the measured ones.
        assertThat(s.path("preflight").path("requests").asLong()).isEqualTo(1);
        assertThat(s.path("preflight").path("connections").asLong()).isEqualTo(1);
        assertThat(s.path("sentToServer").path("requests").asLong()).isEqualTo(s.path("requests").asLong() + 1);
    }

    @Test
    void aCommandThatPrintsTheServersStatLineGivesItsCpuAsPidDoes() throws Exception {
        // What `ssh mqhost cat /proc/PID/stat` prints, without the ssh: the mock's process is this one.
        Path dir = tmp.resolve("exec");
        Cli c = run(dir, "--server-cpu", "exec:cat /proc/" + THIS_PID + "/stat", "-d", "3s", "-c", "2");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        assertThat(s.path("serverCpuMicrosPerRequest").asDouble()).isPositive();
        JsonNode cpu = s.path("serverCpu");
        assertThat(cpu.path("source").asText()).isEqualTo("exec:cat /proc/" + THIS_PID + "/stat");
        assertThat(cpu.path("resolutionMillis").asDouble()).isEqualTo(10.0);
        assertThat(cpu.path("includes").asText()).contains("read as a /proc/PID/stat line").contains("garbage collection");
        assertThat(cpu.path("perSecond").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRealPrometheusEndpointWithCredentialsGivesTheServersCpu() throws Exception {
        HTTPServer exporter = exporter();
        try {
            Path dir = tmp.resolve("prometheus");
            Path password = MockTarget.passwordFile(tmp, "right-one-77");
            Cli c = run(dir, "--server-cpu", "prometheus:http://127.0.0.1:" + exporter.getPort() + "/metrics",
                    "--server-cpu-user", "metrics", "--server-cpu-password-file", password.toString(), "-d", "3s", "-c", "2");
            assertThat(c.exitCode()).as(c.err()).isZero();
            JsonNode s = summary(dir);
            JsonNode cpu = s.path("serverCpu");
            assertThat(cpu.path("source").asText()).startsWith("prometheus:http://127.0.0.1:").endsWith("(process_cpu_seconds_total)");
            assertThat(cpu.path("cpuMicros").asDouble()).isPositive();
            assertThat(s.path("serverCpuMicrosPerRequest").asDouble()).isPositive();
            assertThat(cpu.path("perSecond").size()).isGreaterThanOrEqualTo(2);
            assertThat(java.nio.file.Files.readString(dir.resolve(RunFolder.SUMMARY))).doesNotContain("right-one-77");
        } finally {
            exporter.close();
        }
    }

    @Test
    void withoutASourceNoServerFigureIsClaimedAndNoStatsAreAsked() throws Exception {
        Path dir = tmp.resolve("none");
        // --server-cpu names nothing: the blank value mvn -Pbench passes when it is not set.
        Cli c = run(dir, "--server-cpu", "", "-n", "30");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        assertThat(s.path("serverCpuMicrosPerRequest").isNull()).isTrue();
        assertThat(s.path("serverCpu").isNull()).isTrue();
        assertThat(s.path("server").isNull()).isTrue();
        assertThat(s.path("sentToServer").path("requests").asLong()).isEqualTo(31);
    }
}
