package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        JsonNode scenarios = new ObjectMapper().readTree(dir.resolve(RunFolder.BALANCE).toFile()).path("scenarios");
        assertThat(scenarios).hasSize(3);
        for (JsonNode s : scenarios) {
            String policy = s.path("policy").asText();
            long served = 0;
            long logins = 0;
            for (JsonNode row : s.path("requests")) {
                for (JsonNode v : row) {
                    served += v.asLong();
                }
            }
            for (JsonNode row : s.path("logins")) {
                for (JsonNode v : row) {
                    logins += v.asLong();
                }
            }
            long ok = s.path("totalRequests").asLong() - s.path("totalErrors").asLong();
            // every answered request was counted by one instance (logins are requests too)
            assertThat(Math.abs(served - logins - ok)).as(policy + ": served %d, logins %d, ok %d", served, logins, ok)
                    .isLessThanOrEqualTo(s.path("totalErrors").asLong() + 8);
            // the added instance (127.0.0.3) carries nothing before it is up
            // (a second's row may reach a little past the moment: the one before it is the last judged)
            for (int second = 0; second < (int) Math.floor(s.path("addedAt").asDouble()) - 1; second++) {
                assertThat(s.path("requests").get(second).get(2).asLong()).as(policy).isZero();
            }
            switch (policy) {
                case "one-shot" -> assertThat(s.path("secondsToFairShare").asDouble()).as(policy).isBetween(1.0, 3.0);
                case "rotating-50" -> assertThat(s.path("secondsToFairShare").asDouble()).as(policy).isBetween(1.0, 5.0);
                case "pooled" -> {
                    assertThat(s.path("secondsToFairShare").isNull()).as(policy).isTrue();
                    long toAdded = 0;
                    for (int second = 0; second < (int) Math.floor(s.path("removedAt").asDouble()) - 1; second++) {
                        toAdded += s.path("requests").get(second).get(2).asLong();
                    }
                    assertThat(toAdded).as("pooled sent the added instance work before the removal").isZero();
                }
                default -> throw new AssertionError(policy);
            }
        }
        assertThat(dir.resolve(RunFolder.REPORT)).exists();
    }
}
