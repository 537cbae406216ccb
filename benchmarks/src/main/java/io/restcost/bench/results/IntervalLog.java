package io.restcost.bench.results;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * An HdrHistogram interval log ({@code latency.hlog}): one histogram per interval, in
 * microseconds, written as it is measured so an interrupted run keeps every interval.
 * Readable by {@link org.HdrHistogram.HistogramLogReader} and mergeable across runs and hosts.
 * Not thread-safe: one writer thread.
 */
public final class IntervalLog implements AutoCloseable {

    /** The log's max-value column is in milliseconds (values are recorded in microseconds). */
    private static final double MAX_VALUE_UNIT_RATIO = 1000.0;

    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final long startEpochMillis;

    /** Creates {@code file} and writes the log header. */
    public IntervalLog(Path file, long startEpochMillis, String comment) {
        try {
            out = new PrintStream(Files.newOutputStream(file), false, "US-ASCII");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        this.startEpochMillis = startEpochMillis;
        writer = new HistogramLogWriter(out);
        writer.outputComment(comment);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMillis);
        writer.setBaseTime(startEpochMillis);
        writer.outputLegend();
        out.flush();
    }

    /** Appends one interval and flushes it to disk. */
    public void append(Histogram interval, long startEpochMillis, long endEpochMillis) {
        writer.outputIntervalHistogram((startEpochMillis - this.startEpochMillis) / 1000.0,
                (endEpochMillis - this.startEpochMillis) / 1000.0, interval, MAX_VALUE_UNIT_RATIO);
        out.flush();
    }

    public long startEpochMillis() {
        return startEpochMillis;
    }

    @Override
    public void close() {
        out.close();
    }
}
