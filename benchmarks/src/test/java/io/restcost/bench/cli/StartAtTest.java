package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --start-at} on run and matrix: a run's measured window begins at the time (its
 * warm-up and client building before it), a matrix begins then, and the runner is recorded.
 */
class StartAtTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    @Test
    void aRunWaitsForItsStartAndRecordsItsRunner() throws Exception {
        Instant at = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Path dir = tmp.resolve("run");
        Cli c = Cli.run(target.args("run", "--auth", "basic", "--policy", "pooled", "-n", "50", "--warmup", "0s", "-q",
                "--start-at", at.toString(), "--runner-index", "4", "--out", dir.toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(dir.resolve(RunFolder.SUMMARY).toFile());
        // the measured window, as its first interval was stamped, begins at the time, not before and barely after
        long first = RunFolder.readIntervals(dir.resolve(RunFolder.HLOG)).get(0).getStartTimeStamp();
        assertThat(first).isBetween(at.toEpochMilli(), at.toEpochMilli() + 1_000);
        assertThat(s.at("/runner/index").asInt()).isEqualTo(4);
        assertThat(s.at("/runner/startAt").asText()).isEqualTo(at.toString());
        assertThat(s.at("/runner/host").asText()).isNotBlank();
    }

    @Test
    void aMatrixWaitsOnceAndEveryCellRecordsItsRunner() throws Exception {
        Instant at = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Path dir = tmp.resolve("matrix");
        Cli c = Cli.run(target.args("matrix", "--auth", "basic", "--engine", "apache", "--policy", "one-shot", "--policy", "pooled",
                "-n", "20", "--warmup", "0s", "--client-warmup", "0s", "-q", "--start-at", at.toString(), "--runner-index", "1",
                "--out", dir.toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        for (String cell : new String[] {"one-shot_apache_basic", "pooled_apache_basic"}) {
            JsonNode s = new ObjectMapper().readTree(dir.resolve(cell).resolve(RunFolder.SUMMARY).toFile());
            assertThat(Instant.parse(s.path("startedAt").asText())).as(cell).isAfterOrEqualTo(at);
            assertThat(s.at("/runner/index").asInt()).as(cell).isEqualTo(1);
        }
    }
}
