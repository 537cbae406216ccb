package io.restcost.bench.cli;

import io.restcost.bench.client.Timeouts;
import io.restcost.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The request timeouts, one spelling on every command that sends load (run, matrix, suite, balance). */
final class TimeoutOptions {

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.Positive.class,
            description = "Longest wait for a connection, TCP connect and TLS handshake (default ${DEFAULT-VALUE}).")
    Duration connect;

    @Option(names = "--response-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.Positive.class,
            description = "Longest silence while waiting for or reading a response (default ${DEFAULT-VALUE}). A request past "
                    + "either timeout fails, counted with the errors as a timeout.")
    Duration response;

    /** The two timeouts; their converter has refused anything not longer than zero. */
    Timeouts value() {
        return new Timeouts(connect, response);
    }
}
