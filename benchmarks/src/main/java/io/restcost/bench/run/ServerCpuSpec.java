package io.restcost.bench.run;

import java.nio.file.Path;

/**
 * Where a run reads the server's CPU from ({@code --server-cpu}), and the credentials and trust
 * a metrics endpoint needs. The password is never printed.
 *
 * @param source {@code mock}, {@code pid:N}, {@code pidfile:PATH} (each with an optional
 *     {@code +children}), {@code prometheus:URL[,metric=NAME]} or {@code exec:COMMAND}
 * @param user the metrics user, or null
 * @param password its password, or null
 * @param caCert the CA of an https metrics URL, or null to trust as the target is trusted
 */
public record ServerCpuSpec(String source, String user, char[] password, Path caCert) {

    /** Whether the source is restcost's mock, the only one asked for {@code /__restcost/stats}. */
    public boolean mock() {
        return source.strip().equals("mock");
    }

    @Override
    public String toString() {
        return source + (user == null ? "" : " as " + user);
    }
}
