package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input that needs more than the one line {@link BadInputCatalogueTest} checks (the
 * catalogue holds the rest): a runtime that is missing, settings that hold only on some
 * engines or Java versions, and a matrix that fails half-way and keeps what it measured.
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
    void tlsSettingsThatTheEngineCannotHonour() {
        assertUserError(runOnMock("--policy", "pooled", "--engine", "okhttp-dropin", "--tls-provider", "conscrypt"),
                "--engine okhttp-dropin keeps the application's own TLS", "apache or okhttp");
        assertUserError(runOnMock("--policy", "pooled", "--engine", "apache-dropin", "--tls-groups", "x25519"),
                "--tls-groups needs restcost's engines");
        if (Runtime.version().feature() < 20) {
            // in-process, nothing set the JVM-wide property: the client refuses rather than offer other groups
            assertUserError(runOnMock("--policy", "pooled", "--auth", "basic", "--tls-groups", "x25519"),
                    "-Djdk.tls.namedGroups=x25519", "TlsProvider.CONSCRYPT");
        }
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
