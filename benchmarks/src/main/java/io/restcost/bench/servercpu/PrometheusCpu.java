package io.restcost.bench.servercpu;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A Prometheus text endpoint's process CPU counter: {@code process_cpu_seconds_total}
 * (Micrometer, the Prometheus JVM client, node and process exporters), Liberty mpMetrics'
 * {@code base_cpu_processCpuTime_seconds}, or mpMetrics 5's
 * {@code cpu_processCpuTime_seconds{mp_scope="base"}}, or the metric the user names.
 * Credentials, when given, go as HTTP basic authentication; they are never printed.
 */
final class PrometheusCpu implements ServerCpuSource {

    /** Looked for in this order when no metric is named. */
    static final List<String> KNOWN = List.of("process_cpu_seconds_total", "base_cpu_processCpuTime_seconds",
            "cpu_processCpuTime_seconds");

    private final URI url;
    private final String metric;
    private final String authorization;
    private final HttpClient http;
    private final String name;
    private String found;

    /**
     * @param metric the metric to read, or null to look for the known ones
     * @param authorization the Authorization header value, or null
     * @param tls the trust for an https URL, or null for the JDK's default
     */
    PrometheusCpu(URI url, String metric, String authorization, SSLContext tls, String name) {
        this.url = url;
        this.metric = metric;
        this.authorization = authorization;
        this.name = name;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    @Override
    public long cpuNanos() throws IOException {
        HttpRequest.Builder r = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).header("Accept", "text/plain");
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": interrupted");
        } catch (IOException e) {
            throw new IOException(url + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new CredentialsRefused(url + ": HTTP " + response.statusCode() + ", the credentials were refused");
        }
        if (response.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + response.statusCode() + " (is this the metrics URL?)");
        }
        return Math.round(seconds(response.body()) * 1e9);
    }

    /** The counter's value in seconds, from the text exposition format. */
    double seconds(String text) throws IOException {
        for (String wanted : metric != null ? List.of(metric) : KNOWN) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(wanted) + "(\\{[^}]*\\})?\\s+(\\S+)").matcher(text);
            while (m.find()) {
                String labels = m.group(1) == null ? "" : m.group(1);
                // mpMetrics 5 gives the same name in several scopes: the process's figure is base's.
                if (labels.contains("mp_scope=") && !labels.contains("mp_scope=\"base\"")) {
                    continue;
                }
                try {
                    found = wanted;
                    return Double.parseDouble(m.group(2));
                } catch (NumberFormatException e) {
                    throw new IOException(url + ": " + wanted + " is not a number: " + m.group(2));
                }
            }
        }
        throw new IOException(url + ": no process CPU counter (looked for " + (metric != null ? metric : String.join(", ", KNOWN))
                + "; name the right one with prometheus:URL,metric=NAME)");
    }

    @Override
    public String name() {
        return name + (found == null || metric != null ? "" : " (" + found + ")");
    }

    @Override
    public Duration resolution() {
        // Liberty's gauge has two decimals; the exporters' counters are finer, but read no finer than 10 ms.
        return Duration.ofMillis(10);
    }

    @Override
    public String includes() {
        return "all of the server process's CPU: for a JVM also its garbage collection and JIT compilation, "
                + "and the work of any other client";
    }

    static String basic(String user, char[] password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
    }

    /** The metrics endpoint refused the credentials: the fix is a user allowed to read them. */
    static final class CredentialsRefused extends IOException {
        CredentialsRefused(String message) {
            super(message);
        }
    }
}
