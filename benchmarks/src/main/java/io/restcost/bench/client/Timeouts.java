package io.restcost.bench.client;

import io.restcost.client.RestClientBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a request may wait: for its connection (TCP connect and TLS handshake), and for its
 * response (the longest silence while reading it). A request past either fails as a timeout and
 * is counted with the errors, as wrk, hey and k6 count theirs.
 */
public record Timeouts(Duration connect, Duration response) {

    /** restcost's client's own defaults: 10 s to connect, 30 s of silence in a response. */
    public static final Timeouts DEFAULT = new Timeouts(RestClientBuilder.DEFAULT_CONNECT_TIMEOUT, RestClientBuilder.DEFAULT_READ_TIMEOUT);

    /**
     * @throws IllegalArgumentException when a timeout is not positive (the command line refuses
     *     those when it reads the option, and names it)
     */
    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(response, "response");
        if (connect.isZero() || connect.isNegative() || response.isZero() || response.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive: connect " + connect + ", response " + response);
        }
    }
}
