package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.bench.results.MatrixIndex;
import io.restcost.bench.results.Results;
import io.restcost.bench.testing.MockTarget;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restcost suite}, the main job's command, end to end against a given target (here the
 * mock, briefly): every default policy measured, one matrix written. mvn -Pbench runs it for
 * minutes; this runs it in seconds, so that a suite that cannot start fails mvn -B verify too.
 */
class SuiteCommandTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    @Test
    void aSuiteAgainstAGivenTargetMeasuresEveryDefaultPolicyAndWritesOneMatrix() {
        Path dir = tmp.resolve("suite");
        Cli c = Cli.run(target.args("suite", "--engine", "apache", "--auth", "basic", "-d", "1s", "--warmup", "0s",
                "--client-warmup", "1s", "--jmh", "off", "-q", "--out", dir.toString()));
        assertThat(c.exitCode()).as(c.out() + c.err()).isZero();
        MatrixIndex index = Results.index(dir);
        assertThat(index.cells()).hasSize(MatrixCommand.DEFAULT_POLICIES.size());
        assertThat(c.out()).contains("apache / basic");
    }
}
