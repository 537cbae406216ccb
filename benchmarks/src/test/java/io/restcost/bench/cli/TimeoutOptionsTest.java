package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.api.ResponseShaping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --connect-timeout} and {@code --response-timeout}: one spelling on every command that
 * sends load, recorded in summary.json, and a server slower than the response timeout fails
 * the run's check request in one line that names the option.
 */
class TimeoutOptionsTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();

    @TempDir
    static Path tmp;

    static JsonNode timeouts(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(RunFolder.SUMMARY).toFile()).path("timeouts");
    }

    @Test
    void theTimeoutsGivenAndTheDefaultsAreRecordedInTheSummary() throws Exception {
        Path given = tmp.resolve("given");
        Cli c = Cli.run(target.args("run", "--out", given.toString(), "-q", "--warmup", "0s", "--policy", "pooled", "--auth", "basic",
                "-n", "20", "--connect-timeout", "3s", "--response-timeout", "7500ms"));
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(timeouts(given).path("connectMillis").asLong()).isEqualTo(3000);
        assertThat(timeouts(given).path("responseMillis").asLong()).isEqualTo(7500);

        Path defaults = tmp.resolve("defaults");
        c = Cli.run(target.args("run", "--out", defaults.toString(), "-q", "--warmup", "0s", "--policy", "pooled", "--auth", "basic",
                "-n", "20"));
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(timeouts(defaults).path("connectMillis").asLong()).isEqualTo(10_000);
        assertThat(timeouts(defaults).path("responseMillis").asLong()).isEqualTo(30_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "matrix", "suite", "balance"})
    void everyCommandThatSendsLoadTakesThemAndRefusesZero(String command) {
        Cli zero = Cli.run(command, "--response-timeout", "0s");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--response-timeout").contains("'0s' must be longer than zero").doesNotContain("\tat ");
        Cli word = Cli.run(command, "--connect-timeout", "soon");
        assertThat(word.exitCode()).isEqualTo(2);
        assertThat(word.err()).contains("--connect-timeout").contains("'soon' is not a duration");
    }

    @Test
    void aServerSlowerThanTheResponseTimeoutIsOneLineNamingTheOption() throws Exception {
        try (MockMqWeb slow = MockMqWeb.builder().passwordIterations(100).responseShaping(ResponseShaping.fixed(Duration.ofMillis(600)))
                .start()) {
            Path pw = MockTarget.passwordFile(tmp, slow.password("mqadmin"));
            for (String engine : List.of("apache", "okhttp", "okhttp-dropin")) {
                Cli c = Cli.run("run", "--target", slow.baseUri().toString(), "--ca-cert", slow.caPem().toString(), "--user", "mqadmin",
                        "--password-file", pw.toString(), "--auth", "basic", "--engine", engine, "--policy", "pooled", "-n", "4",
                        "--warmup", "0s", "-q", "--out", tmp.resolve("slow-" + engine).toString(), "--response-timeout", "200ms");
                assertThat(c.exitCode()).as(engine + ": " + c.err()).isEqualTo(2);
                assertThat(c.err().strip()).as(engine).startsWith("restcost run: no response from").contains("in time")
                        .contains("--response-timeout").doesNotContain("\n");
            }
        }
    }
}
