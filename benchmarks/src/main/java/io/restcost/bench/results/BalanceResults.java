package io.restcost.bench.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code balance.json}: {@code restcost balance}'s scenarios, one per policy, rewritten after
 * each so that an interrupted run keeps what it measured. Its JSON Schema is
 * {@code docs/schema/balance.schema.json}.
 *
 * @param fair the share of an equal part that counted as "a fair share" when the run was made
 *     ({@code BalanceRun.FAIR}); 0.9 in folders written before the file said
 */
@JsonPropertyOrder({"formatVersion", "kind", "interrupted", "fair", "scenarios"})
@JsonIgnoreProperties(value = {"formatVersion", "kind"}, allowGetters = true)
public record BalanceResults(boolean interrupted, Double fair, List<Scenario> scenarios) {

    private static final double FAIR_BEFORE_IT_WAS_RECORDED = 0.9;

    public BalanceResults {
        fair = fair == null ? FAIR_BEFORE_IT_WAS_RECORDED : fair;
        scenarios = scenarios == null ? List.of() : scenarios;
    }

    @JsonProperty("formatVersion")
    public int formatVersion() {
        return RunFolder.FORMAT_VERSION;
    }

    @JsonProperty("kind")
    public String kind() {
        return "balance";
    }

    /**
     * One scenario's figures.
     *
     * @param requests per second (rows) and instance (columns), as each instance counted them
     * @param logins per second and instance
     * @param errors the client's failed requests per second
     * @param addedAt seconds into the run when the last instance came up
     * @param removedAt seconds into the run when the first instance was taken out
     * @param secondsToFairShare from {@code addedAt} until the added instance carried at least
     *     {@code BalanceRun.FAIR} of a fair share over {@code BalanceRun.HOLD_SECONDS} seconds; null if it never did before the removal
     * @param errorsAfterRemoval the client's failed requests from the second of the removal to the end
     * @param errorsByClass the client's failed requests over the whole run, by class
     * @param connections connections the clients opened in each second
     * @param via how the client reached the instances, in words
     * @param frontConnections HAProxy's own count of the connections it sent each instance; null without HAProxy
     * @param http the HTTP version spoken, 1.1 or 2 (null in files written before it was recorded: 1.1)
     */
    public record Scenario(String policy, String policyText, String engine, String auth, double rate, int concurrency,
            List<String> instances, List<long[]> requests, List<long[]> logins, List<Long> errors, double addedAt, double removedAt,
            Double secondsToFairShare, long errorsAfterRemoval, Map<String, Long> errorsByClass, long totalRequests, long totalErrors,
            long connectionsOpened, List<Long> connections, String via, long[] frontConnections, String http) {
    }

    /** {@code dir/balance.json}, through the one reader of results. */
    public static BalanceResults read(Path dir) {
        return Results.read(dir, RunFolder.BALANCE, BalanceResults.class);
    }
}
