package io.restcost.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.client.RestClient;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Reads and resets the server's own counts at {@code /__restcost/stats}, which the mock
 * serves (without mqweb auth, and without counting itself). A real mqweb has no such
 * endpoint: then {@link #available()} is false and every server figure is reported as null.
 */
public final class ServerStatsProbe implements AutoCloseable {

    public static final String STATS_PATH = "/__restcost/stats";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final boolean available;

    /** @param client a client on the target with no credentials; closed with the probe */
    public ServerStatsProbe(RestClient client) {
        this.client = client;
        this.available = fetch() != null;
    }

    public boolean available() {
        return available;
    }

    /** Zeroes the server's counts (before the measured phase). */
    public void reset() {
        if (!available) {
            return;
        }
        try {
            client.execute(RestRequest.postJson(STATS_PATH + "/reset", "{}"));
        } catch (IOException e) {
            // reported as missing figures when the final read fails too
        }
    }

    /**
     * The server's counts, after waiting up to {@code settle} for connections the client
     * closed to be seen closed by the server; null when unavailable.
     */
    public JsonNode read(Duration settle) {
        if (!available) {
            return null;
        }
        long deadline = System.nanoTime() + settle.toNanos();
        JsonNode stats = fetch();
        while (stats != null && stats.path("connectionsOpen").asLong() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            stats = fetch();
        }
        return stats;
    }

    private JsonNode fetch() {
        try {
            RestResponse r = client.execute(RestRequest.get(STATS_PATH));
            if (r.status() != 200) {
                return null;
            }
            JsonNode n = JSON.readTree(r.body());
            return n.has("connectionsAccepted") ? n : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
