package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restcost balance}: three instances behind one name, one added a third of the way in
 * and one removed two thirds in. One-shot spreads at once, rotating within about a session's
 * lifetime, pooled stays where it connected; every request is counted by some instance.
 */
class BalanceCommandTest {

    @TempDir
    static Path tmp;

    @Test
    void rotationMovesWorkToAnAddedServerAndPooledDoesNot() throws Exception {
        Path dir = tmp.resolve("balance");
        Cli c = Cli.run("balance", "--duration", "15s", "--rate", "100", "-c", "4", "-q", "--out", dir.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("to a fair share").contains("rotating-50");
        ResultsSchema.assertValid(dir.resolve(RunFolder.BALANCE));
        JsonNode scenarios = new ObjectMapper().readTree(dir.resolve(RunFolder.BALANCE).toFile()).path("scenarios");
        assertThat(scenarios).hasSize(3);
        for (JsonNode s : scenarios) {
            String policy = s.path("policy").asText();
            BalanceAssertions.everyAnsweredRequestCounted(s);
            // the added instance (127.0.0.3) carries nothing before it is up
            // (a second's row may reach a little past the moment: the one before it is the last judged)
            for (int second = 0; second < (int) Math.floor(s.path("addedAt").asDouble()) - 1; second++) {
                assertThat(s.path("requests").get(second).get(2).asLong()).as(policy).isZero();
            }
            BalanceAssertions.balancesAsItsPolicyShould(s, "rotating-50");
        }
        assertThat(dir.resolve(RunFolder.REPORT)).exists();
    }
}
