package io.restcost.bench.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.client.RestClient;
import io.restcost.client.http.RestRequest;
import io.restcost.client.http.RestResponse;
import io.restcost.mock.stats.StatsSnapshot;
import java.io.IOException;
import java.time.Duration;

/**
 * Reads and resets the server's own counts at {@code /__restcost/stats}, which the mock
 * serves (without mqweb auth, and without counting itself). A real mqweb has no such
 * endpoint: then {@link #available()} is false and every server figure is reported as null.
 */
public final class ServerStatsProbe implements AutoCloseable {

    public static final String STATS_PATH = "/__restcost/stats";

    /** Strict: a figure the mock adds or renames without {@link StatsSnapshot} fails here, in the tests, not in a report. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
    public StatsSnapshot read(Duration settle) {
        if (!available) {
            return null;
        }
        long deadline = System.nanoTime() + settle.toNanos();
        StatsSnapshot stats = fetch();
        while (stats != null && stats.connectionsOpen() > 0 && System.nanoTime() < deadline) {
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

    private StatsSnapshot fetch() {
        try {
            RestResponse r = client.execute(RestRequest.get(STATS_PATH));
            if (r.status() != 200) {
                return null;
            }
            return JSON.readValue(r.body(), StatsSnapshot.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new IllegalStateException("the mock's " + STATS_PATH + " has a figure restcost does not know (" + e.getPropertyName()
                    + "): rebuild restcost and the mock from one version", e);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
