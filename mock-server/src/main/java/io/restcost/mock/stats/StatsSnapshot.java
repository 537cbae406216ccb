package io.restcost.mock.stats;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The body of {@code GET /__restcost/stats}: what the mock counted since its start or its last
 * reset. The mock writes it and restcost reads it back into this record (into a run's
 * {@code summary.json} as {@code server}), so the two cannot drift apart.
 *
 * @param connectionsOpen connections the server still holds, stats connections left out
 * @param requests requests by status class ({@code other}, {@code 1xx} ... {@code 5xx}) and their {@code total}
 * @param tokens LtpaToken2 cookies verified and rejected
 * @param serverCpuMicros the mock's process CPU since the start or last reset; null when the JVM does not tell it
 * @param sinceMillis how long ago the start or last reset was
 */
@JsonPropertyOrder({"connectionsAccepted", "connectionsClosed", "connectionsOpen", "requestsPerConnection", "tlsHandshakes",
        "requests", "logins", "passwordChecks", "authCacheHits", "tokens", "serverCpuMicros", "sinceMillis"})
public record StatsSnapshot(long connectionsAccepted, long connectionsClosed, long connectionsOpen, PerConnection requestsPerConnection,
        Handshakes tlsHandshakes, Map<String, Long> requests, long logins, long passwordChecks, long authCacheHits, Tokens tokens,
        Long serverCpuMicros, long sinceMillis) {

    /** Requests per closed connection; mean, min and max are null when none closed. */
    public record PerConnection(Double mean, Long min, Long max, long closedConnections) {
    }

    /** TLS handshakes; {@code implementation} ({@code jdk} or {@code conscrypt}) is null before the first. */
    public record Handshakes(long full, long resumed, long failed, String implementation) {
    }

    public record Tokens(long verified, long rejected) {
    }

    /** All requests, every status class summed; 0 when the map holds no {@code total}. */
    public long totalRequests() {
        return requests == null ? 0 : requests.getOrDefault("total", 0L);
    }
}
