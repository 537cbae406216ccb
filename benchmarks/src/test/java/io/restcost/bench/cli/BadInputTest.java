package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.server.ClientAuthMode;
import io.restcost.mock.tls.GeneratedPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mistake a user can make on the command line gets one line naming the cause and the
 * fix, exit code 2, no stack trace and no password.
 */
class BadInputTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    /** A run against {@code target} with the mock's CA and credentials, plus {@code extra}. */
    static Cli run(String url, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--target", url, "--user", "mqadmin", "--password-file",
                target.passwordFile(), "--out", tmp.resolve("run-" + System.nanoTime()).toString(), "-q", "--warmup", "0s", "-n", "20"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(new String[0]));
    }

    static Cli runOnMock(String... extra) {
        List<String> args = new ArrayList<>(List.of("--ca-cert", target.ca()));
        args.addAll(List.of(extra));
        return run(target.url(), args.toArray(new String[0]));
    }

    static void assertUserError(Cli c, String... mustSay) {
        assertThat(c.exitCode()).as("exit code; stderr: %s", c.err()).isEqualTo(2);
        String line = c.err().strip();
        assertThat(line.lines().count()).as("one line: %s", line).isEqualTo(1);
        assertThat(line).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(line).contains(mustSay);
        assertThat(c.err() + c.out()).doesNotContain(target.mq().password("mqadmin"));
    }

    @Test
    void libertyWithoutARuntimeSaysHowToGetOne() {
        assertUserError(Cli.run("liberty", "--wlp-dir", "/nonexistent/wlp"), "--wlp-dir /nonexistent/wlp is not an Open Liberty runtime");
        String before = System.getProperty("restcost.liberty.zip");
        System.setProperty("restcost.liberty.zip", "/nonexistent/openliberty-runtime.zip");
        try {
            assertUserError(Cli.run("liberty", "--port", "0"), "no Open Liberty runtime", "mvn -B verify -Pliberty", "--wlp-dir");
        } finally {
            if (before == null) {
                System.clearProperty("restcost.liberty.zip");
            } else {
                System.setProperty("restcost.liberty.zip", before);
            }
        }
    }

    @Test
    void badPolicies() {
        assertUserError(runOnMock("--policy", "sometimes"), "unknown policy 'sometimes'", "rotating:requests=50");
        assertUserError(runOnMock("--policy", "rotating:requests=0"), "maxRequests must be >= 1: 0");
        assertUserError(runOnMock("--policy", "rotating:requests=50,jitter=2"), "jitter", "2");
    }

    @Test
    void badNumbersAndNames() {
        assertUserError(runOnMock("--policy", "pooled", "--tls-provider", "boring"), "unknown --tls-provider boring", "jdk or conscrypt");
        assertUserError(runOnMock("--policy", "pooled", "--engine", "okhttp-adapted", "--tls-provider", "conscrypt"),
                "--engine okhttp-adapted keeps the application's own TLS", "apache or okhttp");
        assertUserError(runOnMock("--policy", "pooled", "--tls-groups", "x25519,curve9"), "--tls-groups: TLS group 'curve9' is not known");
        assertUserError(runOnMock("--policy", "pooled", "--engine", "apache-adapted", "--tls-groups", "x25519"),
                "--tls-groups needs restcost's engines");
        if (Runtime.version().feature() < 20) {
            // in-process, nothing set the JVM-wide property: the client refuses rather than offer other groups
            assertUserError(runOnMock("--policy", "pooled", "--auth", "basic", "--tls-groups", "x25519"),
                    "-Djdk.tls.namedGroups=x25519", "TlsProvider.CONSCRYPT");
        }
        assertUserError(runOnMock("--policy", "pooled", "--engine", "curl"), "unknown --engine curl", "use apache, okhttp, apache-adapted, okhttp-adapted");
        assertUserError(runOnMock("--policy", "pooled", "--auth", "kerberos"), "unknown --auth kerberos");
        assertUserError(Cli.run("run", "--target", target.url(), "--policy", "pooled", "-n", "0"), "--requests must be >= 1: 0");
        assertUserError(runOnMock("--policy", "pooled", "--duration", "soon"), "'soon' is not a duration");
        assertUserError(Cli.run("run", "--target", "ftp://host", "--policy", "pooled"), "--target ftp://host must be an http:// or https://");
        assertUserError(Cli.run("run", "--policy", "pooled"), "--target");
    }

    @Test
    void unreadableFiles() {
        assertUserError(run(target.url(), "--policy", "pooled", "--ca-cert", "/nonexistent/ca.pem"),
                "--ca-cert /nonexistent/ca.pem: not found or not readable");
        assertUserError(Cli.run("run", "--target", target.url(), "--ca-cert", target.ca(), "--policy", "pooled",
                "--auth", "basic", "--user", "mqadmin", "--password-file", "/nonexistent/pw"), "password file /nonexistent/pw");
        assertUserError(Cli.run("run", "--target", target.url(), "--ca-cert", target.ca(), "--policy", "pooled",
                "--auth", "basic", "--user", "mqadmin", "--password-env", "RESTCOST_TEST_UNSET_VARIABLE"),
                "environment variable RESTCOST_TEST_UNSET_VARIABLE is not set");
        assertUserError(Cli.run("report", tmp.resolve("nothing-here").toString()), "is not a folder");
    }

    @Test
    void unreachableTarget() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertUserError(run("https://127.0.0.1:" + closedPort, "--ca-cert", target.ca(), "--policy", "pooled"),
                "cannot connect to https://127.0.0.1:" + closedPort, "check --target");
    }

    @Test
    void untrustedCertificate() {
        assertUserError(run(target.url(), "--policy", "pooled", "--auth", "basic"), "is not trusted", "--ca-cert");
    }

    @Test
    void hostNameMismatch(@TempDir Path pkiDir) {
        // a certificate from a trusted CA that names another host only
        GeneratedPki pki = GeneratedPki.generate(pkiDir, GeneratedPki.KeyType.EC_P256, List.of("mq.example.invalid"), List.of());
        try (MockMqWeb other = MockMqWeb.builder().passwordIterations(100).keyStore(pki.serverKeystore(), pki.password()).start()) {
            assertUserError(run("https://127.0.0.1:" + other.port(), "--ca-cert", pki.caPem().toString(), "--policy", "pooled"),
                    "does not name 127.0.0.1");
        }
    }

    @Test
    void requiredClientCertificateMissing() throws IOException {
        try (MockMqWeb strict = MockMqWeb.builder().passwordIterations(100).clientAuth(ClientAuthMode.REQUIRED).start()) {
            Path pw = MockTarget.passwordFile(tmp, strict.password("mqadmin"));
            Cli c = Cli.run("run", "--target", strict.baseUri().toString(), "--ca-cert", strict.caPem().toString(), "--policy",
                    "pooled", "--auth", "basic", "--user", "mqadmin", "--password-file", pw.toString(), "-q", "--warmup", "0s",
                    "-n", "5", "--out", tmp.resolve("strict").toString());
            // TLS 1.3 may report the refusal as an alert or, racing the request, as a reset: both name the fix
            assertUserError(c, "client certificate", "--keystore");
        }
    }

    @Test
    void wrongPassword() throws IOException {
        Path wrong = MockTarget.passwordFile(tmp, "not-the-password");
        Cli c = Cli.run("run", "--target", target.url(), "--ca-cert", target.ca(), "--policy", "pooled",
                "--auth", "basic", "--user", "mqadmin", "--password-file", wrong.toString(), "-q", "-n", "5", "--warmup", "0s",
                "--out", tmp.resolve("wrong").toString());
        assertUserError(c, "refused the credentials", "(401)");
        assertThat(c.err()).doesNotContain("not-the-password");
    }

    @Test
    void aMatrixThatFailsHalfWayKeepsTheCellsItMeasured() throws IOException {
        Path dir = tmp.resolve("matrix-half");
        // cert auth against a server that does not ask for certificates: mqweb answers 401
        Cli c = Cli.run(target.args("matrix", "--client-warmup", "0s", "--policy", "pooled",
                "--engine", "apache", "--auth", "basic,cert",
                "--keystore", target.mq().pki().clientKeystore("mqadmin").toString(), "--keystore-password-file",
                MockTarget.passwordFile(tmp, new String(target.mq().pki().password())).toString(), "-n", "50", "--warmup", "0s", "-q", "--out",
                dir.toString()));
        assertUserError(c, "(401)", "cells measured before it are in " + dir);
        JsonNode index = new ObjectMapper().readTree(dir.resolve(RunFolder.INDEX).toFile());
        assertThat(index.path("cells").get(0).path("status").asText()).isEqualTo("done");
        assertThat(index.path("cells").get(1).path("status").asText()).isEqualTo("failed");
        assertThat(dir.resolve("pooled_apache_basic").resolve(RunFolder.SUMMARY)).exists();
        assertThat(dir.resolve(RunFolder.REPORT)).exists();
    }
}
