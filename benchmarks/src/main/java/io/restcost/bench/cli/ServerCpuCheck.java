package io.restcost.bench.cli;

import io.restcost.bench.results.RunFolder;
import io.restcost.bench.servercpu.ServerCpuSource;
import io.restcost.bench.servercpu.ServerCpuSources;
import io.restcost.liberty.LibertyServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Liberty's CPU over a whole suite, read two ways: its JVM's {@code /proc/PID/stat} and its
 * own mpMetrics ({@code /metrics}, 10 ms steps), so {@code -Pbench,liberty} shows whether the
 * two agree; written to {@code server-cpu-check.json}.
 */
final class ServerCpuCheck {

    static final String FILE = "server-cpu-check.json";

    /** {@code server-cpu-check.json}; its JSON Schema is {@code docs/schema/server-cpu-check.schema.json}. */
    record Agreement(String procSource, long procCpuMillis, String metricsSource, long metricsCpuMillis, double differencePercent,
            boolean withinFivePercent) {
    }

    private final ServerCpuSource proc;
    private final ServerCpuSource metrics;
    private final long procStart;
    private final long metricsStart;

    private ServerCpuCheck(ServerCpuSource proc, ServerCpuSource metrics) throws IOException {
        this.proc = proc;
        this.metrics = metrics;
        this.procStart = proc.cpuNanos();
        this.metricsStart = metrics.cpuNanos();
    }

    static ServerCpuCheck start(LibertyServer liberty) throws IOException {
        ServerCpuSource proc = ServerCpuSources.open("pid:" + liberty.pid(), null, null, null, null);
        javax.net.ssl.SSLContext tls;
        try {
            tls = io.restcost.kit.PemTrust.context(liberty.caPem(), null, null).context();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust Liberty's CA " + liberty.caPem() + ": " + e.getMessage(), e);
        }
        ServerCpuSource metrics = ServerCpuSources.open("prometheus:" + liberty.metricsUri(), null, LibertyServer.METRICS_USER,
                liberty.metricsPassword().toCharArray(), tls);
        return new ServerCpuCheck(proc, metrics);
    }

    void finish(Path dir, PrintWriter w) throws IOException {
        double procMs = (proc.cpuNanos() - procStart) / 1e6;
        double metricsMs = (metrics.cpuNanos() - metricsStart) / 1e6;
        double diff = procMs == 0 ? 0 : (metricsMs - procMs) / procMs * 100;
        RunFolder.writeJson(dir.resolve(FILE), new Agreement(proc.name(), Math.round(procMs), metrics.name(), Math.round(metricsMs),
                Math.round(diff * 100) / 100.0, Math.abs(diff) <= 5));
        w.printf(Locale.ROOT, "Liberty's CPU over the suite: %,.0f ms from /proc, %,.0f ms from its /metrics (%+.2f%%, target within 5%%)%n",
                procMs, metricsMs, diff);
        proc.close();
        metrics.close();
    }
}
