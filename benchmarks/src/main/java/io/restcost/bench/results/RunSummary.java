package io.restcost.bench.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.restcost.mock.stats.StatsSnapshot;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code summary.json}: every figure of one run and the settings that produced it. A figure
 * that could not be measured is {@code null}, never 0. Written here and read back by
 * {@link Results#summary}; its JSON Schema is {@code docs/schema/summary.schema.json}.
 *
 * @param policy the policy's kind and parameters, e.g. {@code {"kind":"rotating","maxRequests":50,...}}
 * @param rate open model's requests per second; null in the closed model
 * @param model {@code open} or {@code closed}
 * @param requests requests completed, failed ones included
 * @param errors failed requests by class: connect, tls, http4xx, http5xx, timeout, io
 * @param warmup the warm-up before the measured window, as asked and as run
 * @param throughputPerSecond requests with a non-error response per second
 * @param serverSoftware what the server called itself in its {@code Server} header, or null when it sends
 *     none (Liberty, and so mqweb, by default)
 * @param clientCpuPerSecond this client JVM's CPU, read at the end of each interval of the window:
 *     {@code [milliseconds into the window, CPU microseconds since its start]} pairs, as the
 *     server's {@code perSecond}; null for a merge of runners
 * @param clientJit this client JVM's JIT compiler during the measured window: compiling time the client's
 *     CPU figure includes
 * @param serverCpuMicrosPerRequest the server's CPU over the measured window per measured request, from
 *     {@code --server-cpu}; null when no source was given or it could not be read
 * @param preflight the one request that checks the target before anything else, on a client of its own
 * @param sentToServer everything the server was sent: the preflight, the warm-up and the measured requests,
 *     what a witness at the server (an access log) counts
 * @param serverCpu the server-CPU source, its resolution, the whole-window figure and the once-a-second
 *     readings; null when no source was given
 * @param requestsPerConnection over the connections the client closed; null when none closed
 * @param http2 the streams of the HTTP/2 connections the client closed; null when none was HTTP/2
 * @param server the server's own counts over the run (mock's {@code /__restcost/stats}), or null
 * @param runner which of N runners made this run ({@code --runner-index}, host, {@code --start-at}); null for a runner alone
 * @param merged how {@code restcost merge} joined N runners' folders into this one; absent from a run's own summary
 * @param runners each merged runner's own figures; absent from a run's own summary
 */
@JsonPropertyOrder({"formatVersion", "label", "target", "serverSoftware", "path", "method", "policy", "engine", "auth", "tls", "concurrency", "model", "rate",
        "durationSeconds", "warmup", "requests", "errors", "throughputPerSecond", "latencyMicros", "connectionsOpened",
        "tlsHandshakes", "logins", "clientCpuMicrosPerRequest", "clientJit", "clientCpuPerSecond", "serverCpuMicrosPerRequest", "requestsPerConnection",
        "http2", "preflight", "sentToServer", "serverCpu"})
@JsonIgnoreProperties(value = "formatVersion", allowGetters = true)
public record RunSummary(String label, String target, String serverSoftware, String path, String method, Policy policy, String engine,
        String auth, Tls tls, Timeouts timeouts, int concurrency, String model, Double rate, double durationSeconds, WarmupRun warmup, long requests,
        Map<String, Long> errors, double throughputPerSecond, Latency latencyMicros, long connectionsOpened,
        Handshakes tlsHandshakes, long logins, Double clientCpuMicrosPerRequest, ClientJit clientJit, List<double[]> clientCpuPerSecond,
        Double serverCpuMicrosPerRequest,
        PerConnection requestsPerConnection, @JsonInclude(JsonInclude.Include.NON_NULL) Http2 http2, Traffic preflight, Traffic sentToServer, ServerCpu serverCpu, StatsSnapshot server, Map<String, String> versions, String gitCommit,
        Machine machine, String startedAt, boolean interrupted, String interruptedBy, Runner runner,
        @JsonInclude(JsonInclude.Include.NON_NULL) Merged merged, @JsonInclude(JsonInclude.Include.NON_NULL) List<MergedRunner> runners) {

    /** Failed requests of every class. */
    public long totalErrors() {
        return errors == null ? 0 : errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The session policy as its parameters: {@code kind} is {@code one-shot}, {@code pooled} or
     * {@code rotating}; a limit that does not apply is absent.
     *
     * @param maxRequests a rotating session's request limit (before jitter)
     * @param maxAgeSeconds a rotating session's age limit (before jitter)
     * @param jitter how much each rotating session's limits are randomised, 0 to 1
     * @param idleTimeoutSeconds how long a kept connection may sit idle
     * @param reauthenticate whether each rotating session logs in afresh
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Policy(String kind, Integer maxRequests, Double maxAgeSeconds, Double jitter, Double idleTimeoutSeconds,
            Boolean reauthenticate) {

        public static final String ONE_SHOT = "one-shot";
        public static final String POOLED = "pooled";
        public static final String ROTATING = "rotating";

        public boolean is(String k) {
            return k.equals(kind);
        }

        /** A rotation by request count alone, as a matrix's {@code rotating-N} cells are. */
        public boolean rotatesByRequestsOnly() {
            return is(ROTATING) && maxRequests != null && maxAgeSeconds == null;
        }
    }

    /**
     * How {@code restcost merge} joined the runners.
     *
     * @param serverCpuFrom the folder of the one runner that read the server's CPU, or null
     */
    public record Merged(int runners, long startSpreadMillis, long endSpreadMillis, double commonWindowSeconds, String serverCpuFrom) {
    }

    /** One merged runner's own figures. */
    public record MergedRunner(Integer index, String host, String folder, String startedAt, long startOffsetMillis, double durationSeconds,
            long requests, long errors, double throughputPerSecond, long p99Micros, long connectionsOpened, boolean serverCpu) {
    }

    /** {@link RunFolder#FORMAT_VERSION}, written first in {@code summary.json}. */
    @JsonProperty("formatVersion")
    public int formatVersion() {
        return RunFolder.FORMAT_VERSION;
    }

    /**
     * TLS settings: the protocols offered, whether sessions may resume, the provider, the
     * key-exchange groups offered (null: the provider's defaults), and the HTTP version the
     * server chose by ALPN ({@code http/1.1}, or {@code none}: no ALPN, HTTP/1.1; null when not
     * known), and whether the server's certificate and host name were verified ({@code on}, or
     * {@code off}: {@code --insecure}); null fields for plain HTTP. {@code connectionsByProtocol}
     * counts the connections by what ALPN chose on each; absent when not known.
     */
    public record Tls(String protocol, String resumption, String provider, List<String> groups, String applicationProtocol,
            String verification, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> connectionsByProtocol) {
    }

    /**
     * The streams of the HTTP/2 connections the client closed.
     *
     * @param connections how many were HTTP/2
     * @param mostStreamsInFlight the most streams one of them carried at once
     * @param meanMostStreamsInFlight the mean over them of each one's most streams at once
     * @param serverMaxConcurrentStreams the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS} (the
     *     smallest announced), or null when it announced none or the engine does not say
     */
    public record Http2(long connections, long mostStreamsInFlight, double meanMostStreamsInFlight, Integer serverMaxConcurrentStreams) {
    }

    /**
     * How long a request could wait before it failed as a timeout: for its connection (TCP and
     * TLS), and the longest silence while waiting for or reading its response.
     */
    public record Timeouts(long connectMillis, long responseMillis) {
    }

    /**
     * @param uncorrected latency from send, in the closed model only; null in the open model
     * @param failed latency of the requests that got no response (timeouts, resets, refusals), from
     *     their intended start; null when none failed
     */
    public record Latency(Percentiles corrected, Percentiles uncorrected, Percentiles failed, String correction) {
    }

    public record Percentiles(long p50, long p90, long p99, long p999, long max, double mean, long count) {

        /** The figures of a histogram in microseconds; all 0 when it is empty. */
        public static Percentiles of(Histogram h) {
            return new Percentiles(h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue(), Math.round(h.getMean() * 10) / 10.0, h.getTotalCount());
        }
    }

    public record Handshakes(long full, long resumed) {
    }

    /**
     * The warm-up as asked and as run.
     *
     * @param asked {@code auto:60s} (until the client's JIT settles, at most 60 s) or a fixed length such as {@code 10s}
     * @param clients the throw-away clients it ran on: an {@code auto} one moves to a new client until the switch
     *     compiles nothing worth counting, as the switch to the measuring client must not
     * @param endedBy {@code none} (no warm-up), {@code time} (a fixed one), {@code jit-settled}, {@code longest} (an
     *     {@code auto} one that reached its longest with the JIT still compiling) or {@code stopped}
     */
    public record WarmupRun(String asked, double seconds, long requests, int clients, String endedBy) {
    }

    /**
     * The client JVM's JIT compiler over the measured window; null fields when the JVM does not tell it.
     *
     * @param compileMillis time spent compiling ({@code CompilationMXBean}), summed over the compiler threads. It is
     *     elapsed time: a compiler thread starved of CPU counts its waiting, so on a busy core it overstates the
     *     JIT's CPU (in one one-shot window it read 0.93 of the window while the C2 thread's own CPU, from
     *     {@code /proc}, was 19% of the core)
     * @param shareOfWindow {@code compileMillis} over the window's length: above 1 when several compiler threads
     *     compiled at once
     */
    public record ClientJit(Long compileMillis, Double shareOfWindow) {

        /**
         * Above this share the JIT was still busy: the client's CPU and a closed model's throughput include it.
         * The console and the report note it from here.
         */
        public static final double BUSY_SHARE = 0.05;

        public boolean busy() {
            return shareOfWindow != null && shareOfWindow > BUSY_SHARE;
        }
    }

    /** Requests sent and connections opened. */
    public record Traffic(long requests, long connections) {
    }

    /**
     * The server's CPU as its source reported it.
     *
     * @param source e.g. {@code pid:1234+children} or {@code prometheus:https://host:9443/metrics}
     * @param resolutionMillis the counter's step: per-second readings are no finer than this
     * @param includes what the figure counts besides the requests
     * @param cpuMicros over the whole measured window; null when it could not be told
     * @param counterWentBack the counter went backwards during the window (a restarted server)
     * @param error why the window's end could not be read, or null
     * @param perSecond {@code [milliseconds into the window, CPU microseconds since its start]} pairs
     */
    public record ServerCpu(String source, double resolutionMillis, String includes, Double cpuMicros,
            boolean counterWentBack, String error, java.util.List<double[]> perSecond) {
    }

    public record PerConnection(double mean, long min, long max) {
    }

    public record Machine(int cores, long memoryBytes, String os) {
    }

    /** One of N runners: its index (or null), its host, and the start time all were given (or null). */
    public record Runner(Integer index, String host, String startAt) {
    }
}
