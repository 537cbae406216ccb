package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restcost balance --via haproxy}: the same scenario through a real HAProxy in TCP
 * mode, round-robin, health-checked. HAProxy's own count of the connections it sent each
 * instance agrees with the client's, and the balancing shows as it does through the resolver.
 */
@RequiresProgram("haproxy")
class BalanceViaHaproxyTest {

    @TempDir
    static Path tmp;

    @Test
    void throughHaproxyRotationMovesWorkToAnAddedServerAndPooledDoesNot() throws Exception {
        Path dir = tmp.resolve("balance-haproxy");
        // 15 s: the added instance is up from 5 s to 10 s; sessions of 25 requests at 25/s each live about a second
        Cli c = Cli.run("balance", "--via", "haproxy", "--policy", "one-shot", "--policy", "rotating:requests=25", "--policy", "pooled",
                "--duration", "15s", "--rate", "100", "-c", "4", "-q", "--out", dir.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("via HAProxy, TCP mode, round-robin").contains("to a fair share");
        ResultsSchema.assertValid(dir.resolve(RunFolder.BALANCE));
        JsonNode scenarios = new ObjectMapper().readTree(dir.resolve(RunFolder.BALANCE).toFile()).path("scenarios");
        assertThat(scenarios).hasSize(3);
        for (JsonNode s : scenarios) {
            String policy = s.path("policy").asText();
            String config = Files.readString(dir.resolve("haproxy-" + policy).resolve("haproxy.cfg"));
            assertThat(config).contains("mode tcp").contains("balance roundrobin").contains("server instance-3 127.0.0.3:");
            assertThat(s.path("via").asText()).startsWith("HAProxy ");

            // HAProxy's own count of connections per instance: every client connection went through it, once. The
            // removed instance is drained before it stops, so no connection is refused by it and sent on (counted twice).
            long front = 0;
            for (JsonNode n : s.path("frontConnections")) {
                front += n.asLong();
            }
            long opened = s.path("connectionsOpened").asLong();
            assertThat(front).as(policy + ": HAProxy %d, client %d", front, opened).isEqualTo(opened);

            BalanceAssertions.everyAnsweredRequestCounted(s);
            BalanceAssertions.balancesAsItsPolicyShould(s, "rotating-25");
        }
        assertThat(dir.resolve(RunFolder.REPORT)).exists();
    }

    @Test
    void onHttp2PooledPinsEachClientToOneInstanceAndRotationSpreadsIt() throws Exception {
        Path dir = tmp.resolve("balance-haproxy-h2");
        Cli c = Cli.run("balance", "--via", "haproxy", "--engine", "okhttp", "--http", "2", "--policy", "rotating:requests=25",
                "--policy", "pooled", "--duration", "15s", "--rate", "100", "-c", "4", "-q", "--out", dir.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("okhttp on HTTP/2").contains("pooled HTTP/2");
        ResultsSchema.assertValid(dir.resolve(RunFolder.BALANCE));
        JsonNode scenarios = new ObjectMapper().readTree(dir.resolve(RunFolder.BALANCE).toFile()).path("scenarios");
        assertThat(scenarios).hasSize(2);
        for (JsonNode s : scenarios) {
            assertThat(s.path("http").asText()).isEqualTo("2");
            assertThat(s.path("policy").asText()).endsWith(" HTTP/2");
            long front = 0;
            for (JsonNode n : s.path("frontConnections")) {
                front += n.asLong();
            }
            assertThat(front).as(s.path("policy").asText()).isEqualTo(s.path("connectionsOpened").asLong());
            BalanceAssertions.everyAnsweredRequestCounted(s);
            BalanceAssertions.balancesAsItsPolicyShould(s, "rotating-25");
        }
    }
}
