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

/** {@code matrix --order shuffled}: the cells run in the order the seed draws, and the index says so. */
class MatrixOrderTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    private static final List<String> POLICIES = List.of("pooled", "one-shot", "rotating:requests=5", "rotating:requests=10");

    private static Cli matrix(Path dir, String... order) {
        List<String> args = new ArrayList<>(List.of("--client-warmup", "0s", "--engine", "apache", "--auth", "basic",
                "-n", "10", "-c", "1", "--warmup", "0s", "-q", "--out", dir.toString()));
        POLICIES.forEach(p -> args.addAll(List.of("--policy", p)));
        args.addAll(List.of(order));
        return Cli.run(target.args("matrix", args.toArray(new String[0])));
    }

    private static List<String> cellOrder(Path dir) throws IOException {
        ResultsSchema.assertValid(dir.resolve(RunFolder.INDEX));
        JsonNode index = new ObjectMapper().readTree(dir.resolve(RunFolder.INDEX).toFile());
        List<String> names = new ArrayList<>();
        index.path("cells").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    @Test
    void aSeedDrawsTheSameShuffledOrderEveryTime() throws IOException {
        Path listed = tmp.resolve("listed");
        assertThat(matrix(listed).exitCode()).isZero();
        List<String> asListed = cellOrder(listed);
        assertThat(asListed).containsExactly("pooled_apache_basic", "one-shot_apache_basic", "rotating-5_apache_basic",
                "rotating-10_apache_basic");

        Path first = tmp.resolve("shuffled-1");
        Cli c = matrix(first, "--order", "shuffled", "--seed", "3");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("cells in shuffled order (--seed 3 repeats it)");
        Path second = tmp.resolve("shuffled-2");
        assertThat(matrix(second, "--order", "shuffled", "--seed", "3").exitCode()).isZero();

        List<String> shuffled = cellOrder(first);
        assertThat(shuffled).containsExactlyInAnyOrderElementsOf(asListed).isNotEqualTo(asListed);
        assertThat(cellOrder(second)).isEqualTo(shuffled);
    }

    @Test
    void anUnknownOrderIsOneLineAndExitCode2() {
        Cli c = matrix(tmp.resolve("bad"), "--order", "random");
        assertThat(c.exitCode()).as(c.err()).isEqualTo(2);
        assertThat(c.err().strip().lines()).hasSize(1);
        assertThat(c.err()).contains("--order must be listed or shuffled, not 'random'").doesNotContain("\tat ");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }
}
