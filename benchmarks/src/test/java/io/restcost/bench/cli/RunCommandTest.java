package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.client.EngineChoice;
import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.run.MeasuredRun;
import io.restcost.bench.client.PolicySpec;
import io.restcost.bench.load.RunControl;
import io.restcost.bench.run.RunSpec;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import io.restcost.bench.testing.MockTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restcost run} against the mock: what the run folder says must be what the server
 * counted, connection by connection.
 */
class RunCommandTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    static Cli run(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--out", out.toString(), "--quiet", "--warmup", "0s"));
        args.addAll(List.of(extra));
        return Cli.run(target.args("run", args.toArray(new String[0])));
    }

    static JsonNode summary(Path dir) throws IOException {
        ResultsSchema.assertValid(dir.resolve(RunFolder.SUMMARY));
        return new ObjectMapper().readTree(dir.resolve(RunFolder.SUMMARY).toFile());
    }

    /**
     * The default warm-up, auto, ends when this JVM's JIT has settled or at its longest, at least 5 s
     * in; summary.json says how it ended and how much the JIT compiled in the measured window, and
     * what the server was sent includes the warm-up.
     */
    @Test
    void anAutoWarmupEndsWhenTheJitSettlesOrAtItsLongestAndSaysWhich() throws IOException {
        Path dir = tmp.resolve("auto-warmup");
        Cli c = Cli.run(target.args("run", "--out", dir.toString(), "--quiet", "--warmup", "auto:8s", "--policy", "pooled",
                "--auth", "basic", "-d", "2s", "-c", "2"));
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        JsonNode w = s.path("warmup");
        assertThat(w.path("asked").asText()).isEqualTo("auto:8s");
        assertThat(w.path("endedBy").asText()).isIn("jit-settled", "longest");
        assertThat(w.path("seconds").asDouble()).isBetween(5.0, 9.5);
        if (w.path("endedBy").asText().equals("longest")) {
            // it ran to its longest, or stopped with under a second left for another client
            assertThat(w.path("seconds").asDouble()).isGreaterThanOrEqualTo(7.0);
        } else {
            // settled means settled on a second client too: the switch to a new client was rehearsed
            assertThat(w.path("clients").asInt()).isGreaterThanOrEqualTo(2);
        }
        assertThat(w.path("requests").asLong()).isPositive();
        assertThat(s.path("sentToServer").path("requests").asLong())
                .isEqualTo(1 + w.path("requests").asLong() + s.path("requests").asLong());
        assertThat(s.path("clientJit").path("compileMillis").asLong()).isNotNegative();
        assertThat(s.path("clientJit").path("shareOfWindow").isNumber()).isTrue();

        Path fixed = tmp.resolve("fixed-warmup");
        c = Cli.run(target.args("run", "--out", fixed.toString(), "--quiet", "--warmup", "1s", "--policy", "pooled",
                "--auth", "basic", "-n", "20"));
        assertThat(c.exitCode()).as(c.err()).isZero();
        w = summary(fixed).path("warmup");
        assertThat(w.path("asked").asText()).isEqualTo("1s");
        assertThat(w.path("endedBy").asText()).isEqualTo("time");
        assertThat(w.path("seconds").asDouble()).isBetween(0.9, 2.5);
        Path none = tmp.resolve("no-warmup");
        c = run(none, "--policy", "pooled", "--auth", "basic", "-n", "20");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(summary(none).path("warmup").path("endedBy").asText()).isEqualTo("none");
        assertThat(summary(none).path("warmup").path("requests").asLong()).isZero();
    }

    @Test
    void oneShotRunWritesEveryFileAndCountsWhatTheServerSaw() throws IOException {
        Path dir = tmp.resolve("one-shot");
        Cli c = run(dir, "--policy", "one-shot", "--auth", "basic", "-n", "200", "-c", "2");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("200 requests").contains("results: " + dir);
        JsonNode s = summary(dir);
        assertThat(s.path("requests").asLong()).isEqualTo(200);
        assertThat(s.path("errors").path("http4xx").asLong()).isZero();
        assertThat(s.path("connectionsOpened").asLong()).isEqualTo(200);
        assertThat(s.path("tlsHandshakes").path("full").asLong()).isEqualTo(200);
        assertThat(s.path("tlsHandshakes").path("resumed").asLong()).isZero();
        assertThat(s.path("requestsPerConnection").path("max").asLong()).isEqualTo(1);
        JsonNode server = s.path("server");
        assertThat(server.path("connectionsAccepted").asLong()).isEqualTo(200);
        assertThat(server.path("tlsHandshakes").path("full").asLong()).isEqualTo(200);
        assertThat(server.path("requests").path("total").asLong()).isEqualTo(200);
        assertThat(s.path("serverCpuMicrosPerRequest").isNumber()).isTrue();
        assertThat(s.path("clientCpuMicrosPerRequest").asDouble()).isPositive();
        assertThat(s.path("policy").path("kind").asText()).isEqualTo("one-shot");
        assertThat(s.path("tls").path("resumption").asText()).isEqualTo("off");
        // restcost's Apache engine offers no ALPN: the connection speaks HTTP/1.1 without it
        assertThat(s.path("tls").path("applicationProtocol").asText()).isEqualTo("none");
        assertThat(s.path("versions").path("apache").asText()).startsWith("httpclient5/");
        assertThat(s.path("latencyMicros").path("corrected").path("count").asLong()).isEqualTo(200);
        assertThat(s.path("latencyMicros").path("uncorrected").path("count").asLong()).isEqualTo(200);
        assertThat(s.path("interrupted").asBoolean()).isFalse();

        List<Histogram> intervals = RunFolder.readIntervals(dir.resolve(RunFolder.HLOG));
        assertThat(intervals).isNotEmpty();
        assertThat(intervals.stream().mapToLong(Histogram::getTotalCount).sum()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve(RunFolder.HGRM))).contains("Value     Percentile TotalCount");
        assertThat(dir.resolve(RunFolder.REPORT)).exists();
        assertThat(dir.resolve(RunFolder.HLOG_UNCORRECTED)).exists();
        assertThat(Files.readString(dir.resolve(RunFolder.SUMMARY))).doesNotContain(target.mq().password("mqadmin"));
    }

    @Test
    void rotatingRunPerConnectionFiguresEqualTheServers() throws IOException {
        Path dir = tmp.resolve("rotating");
        Cli c = run(dir, "--policy", "rotating:requests=20,jitter=0.2", "--engine", "okhttp", "--auth", "ltpa", "-n", "400", "-c", "4");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        JsonNode server = s.path("server");
        assertThat(s.path("connectionsOpened").asLong()).isEqualTo(server.path("connectionsAccepted").asLong()).isGreaterThanOrEqualTo(17);
        assertThat(s.path("tlsHandshakes").path("full").asLong()).isEqualTo(server.path("tlsHandshakes").path("full").asLong());
        assertThat(s.path("tlsHandshakes").path("resumed").asLong()).isEqualTo(server.path("tlsHandshakes").path("resumed").asLong());
        assertThat(s.path("requestsPerConnection").path("min").asLong())
                .isEqualTo(server.path("requestsPerConnection").path("min").asLong());
        assertThat(s.path("requestsPerConnection").path("max").asLong())
                .isEqualTo(server.path("requestsPerConnection").path("max").asLong()).isLessThanOrEqualTo(24 + 1);
        assertThat(s.path("requestsPerConnection").path("mean").asDouble())
                .isCloseTo(server.path("requestsPerConnection").path("mean").asDouble(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(s.path("logins").asLong()).isEqualTo(server.path("logins").asLong()).isEqualTo(1);
        assertThat(s.path("versions").path("okhttp").asText()).isNotBlank();
    }

    /** A stock client with the drop-in rotation is counted exactly as restcost's own: the server agrees. */
    @ParameterizedTest
    @ValueSource(strings = {"apache-dropin", "okhttp-dropin"})
    void dropInStockClientsAreCountedAsTheServerCountsThem(String engine) throws IOException {
        Path dir = tmp.resolve(engine);
        Cli c = run(dir, "--policy", "rotating:requests=20,jitter=0.2", "--engine", engine, "--auth", "ltpa", "-n", "400", "-c", "4");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        JsonNode server = s.path("server");
        assertThat(s.path("requests").asLong()).isEqualTo(400);
        assertThat(s.path("errors").path("http4xx").asLong()).isZero();
        assertThat(s.path("connectionsOpened").asLong()).isEqualTo(server.path("connectionsAccepted").asLong()).isGreaterThanOrEqualTo(17);
        // Every handshake is counted; a stock client tells resumed from full by times in whole
        // milliseconds (no engine gives the drop-in more), so one of the split may differ.
        long full = s.path("tlsHandshakes").path("full").asLong();
        long resumed = s.path("tlsHandshakes").path("resumed").asLong();
        assertThat(full + resumed).isEqualTo(server.path("connectionsAccepted").asLong());
        assertThat(full).isCloseTo(server.path("tlsHandshakes").path("full").asLong(), org.assertj.core.data.Offset.offset(1L));
        // The drop-in counts exchanges as the server does, the login included: at most 24 per connection.
        assertThat(s.path("requestsPerConnection").path("max").asLong())
                .isEqualTo(server.path("requestsPerConnection").path("max").asLong()).isLessThanOrEqualTo(24);
        assertThat(s.path("requestsPerConnection").path("mean").asDouble())
                .isCloseTo(server.path("requestsPerConnection").path("mean").asDouble(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(s.path("logins").asLong()).isEqualTo(server.path("logins").asLong()).isEqualTo(1);
        assertThat(s.path("engine").asText()).isEqualTo(engine);
        assertThat(s.path("versions").path(engine).asText()).contains("drop-in rotation");
    }

    /**
     * A stock OkHttp client on HTTP/2 (--http 2), as applications run it against mqweb: every
     * connection the server accepted is counted, the ones OkHttp made and closed unused
     * included, and each connection's exchanges are the server's.
     */
    @Test
    void theOkHttpDropInOnHttp2IsCountedAsTheServerCountsIt() throws IOException {
        Path dir = tmp.resolve("okhttp-dropin-h2");
        Cli c = run(dir, "--policy", "rotating:requests=20,jitter=0.2", "--engine", "okhttp-dropin", "--http", "2", "--auth", "ltpa",
                "-n", "400", "-c", "4");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        JsonNode server = s.path("server");
        assertThat(s.path("tls").path("applicationProtocol").toString()).contains("h2");
        assertThat(s.path("requests").asLong()).isEqualTo(400);
        assertThat(s.path("connectionsOpened").asLong()).isEqualTo(server.path("connectionsAccepted").asLong());
        assertThat(s.path("requestsPerConnection").path("mean").asDouble())
                .isCloseTo(server.path("requestsPerConnection").path("mean").asDouble(), org.assertj.core.data.Offset.offset(0.001));
        // 24 drawn at most, the login included, and at most 3 more streams on their way (4 threads)
        assertThat(s.path("requestsPerConnection").path("max").asLong())
                .isEqualTo(server.path("requestsPerConnection").path("max").asLong()).isLessThanOrEqualTo(24 + 3);
        assertThat(s.path("logins").asLong()).isEqualTo(server.path("logins").asLong()).isEqualTo(1);
        assertThat(s.path("http2").path("serverMaxConcurrentStreams").asInt()).as("a stock OkHttp's too").isEqualTo(128);
        assertThat(s.path("http2").path("mostStreamsInFlight").asLong()).isBetween(1L, 4L);
        Cli refused = run(tmp.resolve("apache-dropin-h2"), "--policy", "pooled", "--engine", "apache-dropin", "--http", "2", "-n", "10");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n")
                .contains("--http 2 needs --engine okhttp or apache (restcost's client) or okhttp-dropin")
                .contains("the drop-in does not cover HttpClient 5's async HTTP/2 client");
    }

    /**
     * restcost's own client on HTTP/2: 4 threads share each connection, and the counts are the
     * server's for each policy. Rotating lends a connection exactly its drawn streams (at most
     * 24, and the login on the first), and pooled holds the connections asked for.
     */
    @ParameterizedTest
    @ValueSource(strings = {"okhttp", "apache"})
    void restcostsOwnClientOnHttp2IsCountedAsTheServerCountsIt(String engine) throws IOException {
        for (String policy : java.util.List.of("one-shot", "rotating:requests=20,jitter=0.2", "pooled")) {
            Path dir = tmp.resolve(engine + "-h2-" + policy.replace(':', '-').replace(',', '-').replace('=', '-'));
            Cli c = run(dir, "--policy", policy, "--engine", engine, "--http", "2", "--auth", "ltpa",
                    "-n", policy.equals("one-shot") ? "100" : "400", "-c", "4");
            assertThat(c.exitCode()).as(c.err()).isZero();
            JsonNode s = summary(dir);
            JsonNode server = s.path("server");
            assertThat(s.path("tls").path("applicationProtocol").asText()).as(policy).isEqualTo("h2");
            assertThat(s.path("label").asText()).as(policy).endsWith("-h2");
            assertThat(s.path("connectionsOpened").asLong()).as(policy).isEqualTo(server.path("connectionsAccepted").asLong());
            assertThat(s.path("requestsPerConnection").path("max").asLong()).as(policy)
                    .isEqualTo(server.path("requestsPerConnection").path("max").asLong());
            assertThat(s.path("requestsPerConnection").path("mean").asDouble()).as(policy)
                    .isCloseTo(server.path("requestsPerConnection").path("mean").asDouble(), org.assertj.core.data.Offset.offset(0.001));
            // Every connection spoke HTTP/2, and says how many streams it carried at once against what Jetty allows.
            assertThat(s.path("tls").path("connectionsByProtocol").path("h2").asLong()).as(policy)
                    .isEqualTo(s.path("connectionsOpened").asLong());
            assertThat(s.path("http2").path("connections").asLong()).as(policy).isEqualTo(s.path("connectionsOpened").asLong());
            assertThat(s.path("http2").path("mostStreamsInFlight").asLong()).as(policy).isBetween(1L, 4L);
            if (engine.equals("okhttp")) {
                assertThat(s.path("http2").path("serverMaxConcurrentStreams").asInt()).as(policy).isEqualTo(128);
                assertThat(c.out()).as(policy).contains("the server allows 128");
            } else {
                assertThat(s.path("http2").path("serverMaxConcurrentStreams").isNull()).as("HttpClient 5 does not say").isTrue();
            }
            switch (policy) {
                case "one-shot" -> assertThat(s.path("connectionsOpened").asLong()).isEqualTo(100);
                case "pooled" -> {
                    assertThat(s.path("connectionsOpened").asLong()).as("4 threads, one connection").isEqualTo(1);
                    assertThat(s.path("http2").path("mostStreamsInFlight").asLong()).as("4 threads share it").isGreaterThan(1);
                }
                // at most 24 drawn, plus the login on the first connection: never a stream more
                default -> assertThat(s.path("requestsPerConnection").path("max").asLong()).isLessThanOrEqualTo(24 + 1);
            }
        }
        Path two = tmp.resolve(engine + "-h2-pooled-2");
        Cli c = run(two, "--policy", "pooled", "--engine", engine, "--http", "2", "--connections", "2", "--auth", "basic",
                "-n", "400", "-c", "4");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(summary(two).path("server").path("connectionsAccepted").asLong()).isEqualTo(2);
        Cli refused = run(tmp.resolve(engine + "-h1-connections"), "--policy", "pooled", "--engine", engine, "--connections", "2", "-n", "10");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("--connections 2 is for --http 2");
    }

    @Test
    void conscryptOneShotDoesAFullHandshakePerRequestAsTheServerCounts() throws IOException {
        Path dir = tmp.resolve("conscrypt");
        Cli c = run(dir, "--policy", "one-shot", "--auth", "basic", "--tls-provider", "conscrypt", "-n", "100", "-c", "2");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        JsonNode server = s.path("server");
        assertThat(s.path("tls").path("provider").asText()).isEqualTo("conscrypt");
        assertThat(s.path("connectionsOpened").asLong()).isEqualTo(server.path("connectionsAccepted").asLong()).isEqualTo(100);
        assertThat(s.path("tlsHandshakes").path("full").asLong()).isEqualTo(server.path("tlsHandshakes").path("full").asLong())
                .isEqualTo(100);
        assertThat(s.path("tlsHandshakes").path("resumed").asLong()).isZero();
        assertThat(s.path("label").asText()).endsWith("-conscrypt");
    }

    @Test
    void tlsGroupsAreOfferedAndRecorded() throws IOException {
        Path dir = tmp.resolve("groups");
        Cli c = run(dir, "--policy", "rotating:requests=10", "--auth", "basic", "--tls-provider", "conscrypt", "--tls-groups", "X25519", "-n", "20", "-c", "1");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        assertThat(s.path("tls").path("groups").toString()).isEqualTo("[\"x25519\"]");
    }

    /** The real command in a JVM of its own: on Java 17 it sets the JVM-wide groups before any handshake. */
    @Test
    void theCommandInItsOwnJvmTakesTlsGroupsWithTheJdkProvider() throws Exception {
        Path dir = tmp.resolve("groups-jdk");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RestcostMain.class.getName()));
        cmd.addAll(List.of(target.args("run", "--out", dir.toString(), "--quiet", "--warmup", "0s", "--policy", "one-shot", "--auth", "basic",
                "-n", "10", "--tls-groups", "x25519")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        JsonNode s = summary(dir);
        assertThat(s.path("tls").path("provider").asText()).isEqualTo("jdk");
        assertThat(s.path("tls").path("groups").toString()).isEqualTo("[\"x25519\"]");
        assertThat(s.path("tlsHandshakes").path("full").asLong()).isEqualTo(s.path("server").path("tlsHandshakes").path("full").asLong())
                .isEqualTo(10);
    }

    @Test
    void aMatrixSweepsTheTlsProviderAsAnAxis() throws IOException {
        Path dir = tmp.resolve("providers");
        Cli c = Cli.run(target.args("matrix", "--policy", "rotating:requests=10", "--engine", "okhttp", "--auth", "basic",
                "--tls-provider", "jdk,conscrypt", "-n", "60", "--warmup", "0s", "--client-warmup", "0s", "-q",
                "--out", dir.toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        for (String[] cell : new String[][] {{"rotating-10_okhttp_basic", "jdk"}, {"rotating-10_okhttp_basic_conscrypt", "conscrypt"}}) {
            JsonNode s = summary(dir.resolve(cell[0]));
            assertThat(s.path("tls").path("provider").asText()).as(cell[0]).isEqualTo(cell[1]);
            assertThat(s.path("tlsHandshakes").path("resumed").asLong()).as(cell[0])
                    .isEqualTo(s.path("server").path("tlsHandshakes").path("resumed").asLong()).isPositive();
        }
    }

    @Test
    void insecureWarnsOnceAndTheSummarySaysVerificationWasOff() throws IOException {
        Path dir = tmp.resolve("insecure");
        Cli c = Cli.run("run", "--target", target.url(), "--insecure", "--user", "mqadmin", "--password-file", target.passwordFile(),
                "--policy", "pooled", "--auth", "basic", "-n", "10", "--warmup", "0s", "--quiet", "--out", dir.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.err().strip().lines()).hasSize(1).first().asString().contains("WARNING: --insecure")
                .contains("NOT verified");
        assertThat(summary(dir).path("tls").path("verification").asText()).isEqualTo("off");
        Path checked = tmp.resolve("verified");
        assertThat(run(checked, "--policy", "pooled", "--auth", "basic", "-n", "5").exitCode()).isZero();
        assertThat(summary(checked).path("tls").path("verification").asText()).isEqualTo("on");
    }

    @Test
    void openModelKeepsToItsScheduleAndReportsOnlyScheduledLatency() throws IOException {
        Path dir = tmp.resolve("open");
        Cli c = run(dir, "--policy", "pooled", "--auth", "basic", "--rate", "200", "-n", "100", "-c", "2");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = summary(dir);
        assertThat(s.path("model").asText()).isEqualTo("open");
        assertThat(s.path("rate").asDouble()).isEqualTo(200.0);
        assertThat(s.path("latencyMicros").path("uncorrected").isNull()).isTrue();
        // the 100th request is scheduled 495 ms after the first: the run cannot be shorter
        assertThat(s.path("durationSeconds").asDouble()).isGreaterThanOrEqualTo(0.49);
        assertThat(s.path("connectionsOpened").asLong()).isBetween(1L, 2L);
        assertThat(dir.resolve(RunFolder.HLOG_UNCORRECTED)).doesNotExist();
    }

    @Test
    void anInterruptedRunStillWritesWhatItMeasuredAndSaysSo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("interrupted"));
        ClientSpec client = new ClientSpec(target.mq().baseUri(), EngineChoice.APACHE, "basic", "mqadmin",
                target.mq().password("mqadmin").toCharArray(), target.mq().caPem(), null, null, null, null, null, null, false, null, null, null, null);
        RunSpec spec = new RunSpec(client, PolicySpec.parse("pooled"), "/ibmmq/rest/v2/admin/qmgr", "GET", null,
                new LoadPlan(2, 0, Duration.ofMinutes(5), 0, Duration.ZERO), "interrupted");
        RunControl control = new RunControl();
        CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(() -> {
            try {
                return MeasuredRun.execute(spec, dir, control, null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> RunFolder.readIntervals(dir.resolve(RunFolder.HLOG)).size() >= 1);
        control.interrupt("test");
        RunSummary s = running.get();
        assertThat(s.interrupted()).isTrue();
        assertThat(s.interruptedBy()).isEqualTo("test");
        assertThat(s.requests()).isPositive();
        assertThat(s.durationSeconds()).isLessThan(300);
        JsonNode written = summary(dir);
        assertThat(written.path("interrupted").asBoolean()).isTrue();
        assertThat(written.path("requests").asLong()).isEqualTo(s.requests());
        assertThat(RunFolder.readIntervals(dir.resolve(RunFolder.HLOG)).stream().mapToLong(Histogram::getTotalCount).sum())
                .isEqualTo(s.latencyMicros().corrected().count());
    }
}
