package io.restcost.bench.servercpu;

import io.restcost.bench.server.ServerStatsProbe;
import io.restcost.mock.stats.StatsSnapshot;
import java.io.IOException;
import java.time.Duration;

/** restcost's mock: the process CPU time its {@code /__restcost/stats} reports. */
final class MockCpu implements ServerCpuSource {

    private final ServerStatsProbe probe;

    MockCpu(ServerStatsProbe probe) {
        this.probe = probe;
    }

    @Override
    public long cpuNanos() throws IOException {
        StatsSnapshot stats = probe.read(Duration.ZERO);
        if (stats == null || stats.serverCpuMicros() == null) {
            throw new IOException("the target has no restcost mock stats at " + ServerStatsProbe.STATS_PATH
                    + " (the mock source is for restcost's mock; for another server give pid:, pidfile: or prometheus:)");
        }
        return stats.serverCpuMicros() * 1000;
    }

    @Override
    public String name() {
        return "mock";
    }

    @Override
    public Duration resolution() {
        return Duration.ofMillis(1);
    }

    @Override
    public String includes() {
        return "all of the mock's JVM: its garbage collection and JIT compilation too";
    }
}
