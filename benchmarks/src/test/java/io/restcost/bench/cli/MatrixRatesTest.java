package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code matrix --rate one-shot=..,rotating=..}: each cell paced at its own policy's rate, recorded in its summary. */
class MatrixRatesTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    private static Cli matrix(Path dir, String rate) {
        List<String> args = new ArrayList<>(List.of("--client-warmup", "0s", "--engine", "apache", "--auth", "basic",
                "-n", "20", "-c", "2", "--warmup", "0s", "-q", "--out", dir.toString(), "--rate", rate));
        for (String p : List.of("one-shot", "rotating:requests=5", "rotating:requests=10", "pooled")) {
            args.addAll(List.of("--policy", p));
        }
        return Cli.run(target.args("matrix", args.toArray(new String[0])));
    }

    private static JsonNode summary(Path dir, String cell) throws IOException {
        ResultsSchema.assertValid(dir.resolve(cell).resolve(RunFolder.SUMMARY));
        return new ObjectMapper().readTree(dir.resolve(cell).resolve(RunFolder.SUMMARY).toFile());
    }

    @Test
    void eachCellRunsAtItsPolicysRate() throws IOException {
        Path dir = tmp.resolve("paced");
        Cli c = matrix(dir, "one-shot=40,rotating=150,rotating-10=120,pooled=200");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(summary(dir, "one-shot_apache_basic").path("rate").asDouble()).isEqualTo(40.0);
        assertThat(summary(dir, "rotating-5_apache_basic").path("rate").asDouble()).isEqualTo(150.0);
        assertThat(summary(dir, "rotating-10_apache_basic").path("rate").asDouble()).isEqualTo(120.0);
        JsonNode pooled = summary(dir, "pooled_apache_basic");
        assertThat(pooled.path("model").asText()).isEqualTo("open");
        assertThat(pooled.path("rate").asDouble()).isEqualTo(200.0);
        // 20 requests at 40/s are scheduled over 475 ms: one-shot kept its own, slower schedule
        assertThat(summary(dir, "one-shot_apache_basic").path("durationSeconds").asDouble()).isGreaterThanOrEqualTo(0.47);
    }

    @Test
    void aPolicyWithoutARateStopsTheMatrixBeforeAnythingRuns() {
        Path dir = tmp.resolve("uncovered");
        Cli c = matrix(dir, "one-shot=40,pooled=200");
        assertThat(c.exitCode()).as(c.err()).isEqualTo(2);
        assertThat(c.err().strip().lines()).hasSize(1);
        assertThat(c.err()).contains("--rate one-shot=40,pooled=200: no rate for the policy rotating-5; add rotating=N or rotating-5=N")
                .doesNotContain("\tat ");
        assertThat(dir).doesNotExist();
    }
}
