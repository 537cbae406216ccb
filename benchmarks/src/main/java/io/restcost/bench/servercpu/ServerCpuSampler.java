package io.restcost.bench.servercpu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server-CPU source at the start and end of the measured window and once a second
 * between, on a thread of its own, so the report can chart the server's CPU over time. A
 * counter that goes backwards (a restarted server) is reported as such, never as a negative
 * cost.
 */
public final class ServerCpuSampler implements AutoCloseable {

    /** One reading: milliseconds since the window began, and the server CPU used since then in microseconds. */
    public record Sample(long atMillis, double cpuMicros) {
    }

    /**
     * What was read over the window.
     *
     * @param cpuMicros the server CPU over the whole window; null when it could not be told
     * @param counterWentBack the counter went backwards (the server restarted)
     * @param error why the end could not be read, or null
     */
    public record Result(Double cpuMicros, List<Sample> perSecond, boolean counterWentBack, String error) {
    }

    private final ServerCpuSource source;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "restcost-server-cpu");
        t.setDaemon(true);
        return t;
    });
    private final List<Sample> samples = new ArrayList<>(); // guarded by this
    private long startNanos;
    private long startCpu;
    private long lastCpu;
    private boolean wentBack;
    private String error;

    public ServerCpuSampler(ServerCpuSource source) {
        this.source = source;
    }

    /** Reads the start of the window and begins the once-a-second readings. */
    public synchronized void start() throws IOException {
        startNanos = System.nanoTime();
        startCpu = source.cpuNanos();
        lastCpu = startCpu;
        if (source.readEachSecond()) {
            timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        }
    }

    private synchronized void sample() {
        if (error != null || wentBack) {
            return;
        }
        try {
            record(source.cpuNanos());
        } catch (IOException e) {
            error = e.getMessage();
        }
    }

    private void record(long cpu) {
        if (cpu < lastCpu) {
            wentBack = true;
            return;
        }
        lastCpu = cpu;
        samples.add(new Sample((System.nanoTime() - startNanos) / 1_000_000, (cpu - startCpu) / 1000.0));
    }

    /** Stops the readings, reads the end of the window, and returns what was read. */
    public synchronized Result finish() {
        timer.shutdownNow();
        if (error == null && !wentBack) {
            try {
                record(source.cpuNanos());
            } catch (IOException e) {
                error = e.getMessage();
            }
        }
        Double total = error != null || wentBack || samples.isEmpty() ? null : samples.get(samples.size() - 1).cpuMicros();
        return new Result(total, List.copyOf(samples), wentBack, error);
    }

    @Override
    public void close() {
        timer.shutdownNow(); // the source is its opener's to close
    }
}
