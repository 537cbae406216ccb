package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.bench.results.Results;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import io.restcost.bench.testing.ExternalPrograms;
import io.restcost.bench.testing.RequiresProgram;
import io.restcost.kit.FreePorts;
import io.restcost.kit.GeneratedPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * restcost's own counts against a real nginx's access log ({@code $connection
 * $connection_requests $status}): for one-shot, rotating with jitter, one-shot on Conscrypt,
 * both engines' drop-in rotation, and restcost's own client on HTTP/2 (one-shot, rotating with
 * jitter, pooled over one and two connections, 4 threads sharing them), the connections
 * opened, the requests and the requests per connection in {@code summary.json} equal what
 * nginx logged (its {@code $connection} is the connection a stream came on). The log also holds the one
 * request that checks the target first, on a connection of its own: {@code sentToServer}
 * counts it and must equal the whole log.
 */
@RequiresProgram("nginx")
class NginxCountTest {

    private static final String PATH = "/ibmmq/rest/v2/admin/qmgr";
    private static final int REQUESTS = 2000;
    private static final int THREADS = 4;

    @TempDir
    static Path work;
    static Process nginx;
    static String url;
    static Path log;
    static Path ca;

    @BeforeAll
    static void startNginx() throws Exception {
        // nginx's workers may run as another user (www-data when the tests run as root): the folder and the body are theirs to read.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        GeneratedPki pki = GeneratedPki.generate(work.resolve("pki"), GeneratedPki.KeyType.EC_P256, List.of("127.0.0.1"), List.of());
        ca = pki.caPem();
        Path cert = pki.serverCertPem();
        Path key = pki.serverKeyPem();
        Path body = work.resolve("qmgr.json");
        Files.writeString(body, "{\"qmgr\":[{\"name\":\"QM1\",\"state\":\"running\"}]}");
        Files.setPosixFilePermissions(body, PosixFilePermissions.fromString("rw-r--r--"));
        Path prefix = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        int port = FreePorts.on("127.0.0.1");
        log = prefix.resolve("logs/access.log");
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
                "worker_processes 1;", "daemon off;", "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("logs/error.log") + " warn;", "events { worker_connections 1024; }", "http {",
                "  log_format conn '$connection $connection_requests $status';",
                "  access_log " + log + " conn;",
                "  client_body_temp_path " + prefix.resolve("tmp") + ";",
                "  keepalive_requests 10000000;", "  keepalive_timeout 75s;",
                "  server {", "    listen 127.0.0.1:" + port + " ssl http2;", "    ssl_certificate " + cert + ";",
                "    ssl_certificate_key " + key + ";", "    ssl_protocols TLSv1.2 TLSv1.3;",
                "    location = " + PATH + " { default_type application/json; alias " + body + "; }", "  }", "}", ""));
        nginx = new ProcessBuilder(ExternalPrograms.path("nginx").toString(), "-p", prefix.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        url = "https://127.0.0.1:" + port;
        Path errors = prefix.resolve("logs/error.log");
        Awaitility.await("nginx listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(nginx.isAlive()).as("nginx exited: %s", Files.exists(errors) ? Files.readString(errors) : "no error log").isTrue();
            return listening(port);
        });
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy(); // SIGTERM: nginx's master stops its workers
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("one-shot", List.of("--policy", "one-shot")),
                Arguments.of("rotating", List.of("--policy", "rotating:requests=50,jitter=0.2")),
                Arguments.of("one-shot-conscrypt", List.of("--policy", "one-shot", "--tls-provider", "conscrypt")),
                Arguments.of("rotating-apache-dropin", List.of("--policy", "rotating:requests=50,jitter=0.2", "--engine", "apache-dropin")),
                Arguments.of("rotating-okhttp-dropin", List.of("--policy", "rotating:requests=50,jitter=0.2", "--engine", "okhttp-dropin")),
                Arguments.of("h2-one-shot", List.of("--policy", "one-shot", "--engine", "okhttp", "--http", "2")),
                Arguments.of("h2-rotating", List.of("--policy", "rotating:requests=50,jitter=0.2", "--engine", "okhttp", "--http", "2")),
                Arguments.of("h2-pooled", List.of("--policy", "pooled", "--engine", "okhttp", "--http", "2")),
                Arguments.of("h2-pooled-2", List.of("--policy", "pooled", "--engine", "okhttp", "--http", "2", "--connections", "2")),
                Arguments.of("h2-apache-one-shot", List.of("--policy", "one-shot", "--engine", "apache", "--http", "2")),
                Arguments.of("h2-apache-rotating", List.of("--policy", "rotating:requests=50,jitter=0.2", "--engine", "apache", "--http", "2")),
                Arguments.of("h2-apache-pooled", List.of("--policy", "pooled", "--engine", "apache", "--http", "2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void restcostsCountsEqualNginxsLog(String name, List<String> policy) throws Exception {
        // every line of the case before is in: it waited for them
        long before = lines();
        Path out = work.resolve(name);
        List<String> args = new ArrayList<>(List.of("run", "--target", url, "--ca-cert", ca.toString(), "--path", PATH,
                "-c", Integer.toString(THREADS), "-n", Integer.toString(REQUESTS), "--warmup", "0s", "-q", "--out", out.toString()));
        args.addAll(policy);
        Cli c = Cli.run(args.toArray(new String[0]));
        assertThat(c.exitCode()).as(c.err()).isZero();
        ResultsSchema.assertValid(out.resolve(RunFolder.SUMMARY));
        RunSummary s = Results.summary(out);
        if (policy.contains("--http")) {
            assertThat(s.tls().applicationProtocol()).isEqualTo("h2");
        }
        // What the server calls itself, from the check request's Server header: the report names it.
        assertThat(s.serverSoftware()).startsWith("nginx");
        long after = settledLines(before + s.sentToServer().requests());
        Map<String, Integer> perConnection = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log).subList((int) before, (int) after)) {
            String[] f = line.split(" ");
            assertThat(f[2]).as("nginx's status for %s", line).isEqualTo("200");
            perConnection.merge(f[0], 1, Integer::sum);
        }
        List<Integer> counts = new ArrayList<>(perConnection.values());
        Collections.sort(counts);
        List<Integer> checked = new ArrayList<>(counts);
        checked.remove(Integer.valueOf(1)); // the check request's own connection
        String line = String.format(Locale.ROOT, "%-24s restcost: %5d connections, %6d requests, per connection min %d max %d; "
                + "sent %d / %d; nginx: %5d connections, %6d requests, min %d max %d; whole log %d / %d", name, s.connectionsOpened(),
                s.requests(), s.requestsPerConnection().min(), s.requestsPerConnection().max(), s.sentToServer().requests(),
                s.sentToServer().connections(), checked.size(), sum(checked), Collections.min(checked), Collections.max(checked),
                sum(counts), counts.size());
        System.out.println("[restcost] " + line);
        assertThat(s.requests()).as(line).isEqualTo(REQUESTS);
        assertThat(checked).as(line).hasSize((int) s.connectionsOpened());
        assertThat(sum(checked)).as(line).isEqualTo(s.requests());
        assertThat((long) Collections.min(checked)).as(line).isEqualTo(s.requestsPerConnection().min());
        assertThat((long) Collections.max(checked)).as(line).isEqualTo(s.requestsPerConnection().max());
        assertThat(sum(counts)).as(line).isEqualTo(s.sentToServer().requests());
        assertThat((long) counts.size()).as(line).isEqualTo(s.sentToServer().connections());
    }

    /**
     * The log's line count once it reaches {@code expected}, waiting at most 5 s: nginx writes a
     * line when it has answered, which can be after the client read the answer. Short of it, the
     * count as it is, for the assertions to compare.
     */
    private static long settledLines(long expected) throws IOException {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> lines() >= expected);
        } catch (ConditionTimeoutException e) {
            // the assertions say what is missing
        }
        return lines();
    }

    private static long lines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private static long sum(List<Integer> values) {
        return values.stream().mapToLong(Integer::longValue).sum();
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
