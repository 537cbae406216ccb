package io.restcost.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one run, recorded from many threads without a lock or an allocation per
 * request (HdrHistogram {@link Recorder}), read as interval histograms by one thread.
 *
 * <p>Two recorders: <b>corrected</b> latency runs from each request's intended start (open
 * model: its slot in the arrival schedule; closed model: HdrHistogram's expected-interval
 * correction), so a stalled server shows up as latency rather than as fewer samples;
 * <b>uncorrected</b> runs from the moment the request was sent. Values are microseconds.
 *
 * <p>Thread safety: {@link #record} from any number of threads; {@link #intervalCorrected} and
 * {@link #intervalUncorrected} from one reader thread at a time.
 */
public final class LatencyRecorder {

    /** Highest latency tracked: one hour, in microseconds. */
    public static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    /** Three significant digits: 0.1% resolution at every magnitude. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder corrected = new Recorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final Recorder uncorrected = new Recorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final long expectedIntervalMicros;

    /**
     * @param expectedIntervalMicros closed model: the interval a thread expects between the
     *        starts of its requests, used to back-fill samples a stall kept from being taken;
     *        0 when the arrival schedule already makes {@code intendedStartNanos} honest (open model)
     */
    public LatencyRecorder(long expectedIntervalMicros) {
        if (expectedIntervalMicros < 0) {
            throw new IllegalArgumentException("expectedIntervalMicros must be >= 0: " + expectedIntervalMicros);
        }
        this.expectedIntervalMicros = expectedIntervalMicros;
    }

    /** Records one request: intended start, actual send, and end, from {@link System#nanoTime()}. */
    public void record(long intendedStartNanos, long sentNanos, long endNanos) {
        long fromIntended = clamp((endNanos - intendedStartNanos) / 1000);
        long fromSent = clamp((endNanos - sentNanos) / 1000);
        if (expectedIntervalMicros > 0) {
            corrected.recordValueWithExpectedInterval(fromIntended, expectedIntervalMicros);
        } else {
            corrected.recordValue(fromIntended);
        }
        uncorrected.recordValue(fromSent);
    }

    /** The corrected latencies since the previous call; pass the histogram returned last time to recycle it. */
    public Histogram intervalCorrected(Histogram recycle) {
        return corrected.getIntervalHistogram(recycle);
    }

    /** The uncorrected latencies since the previous call; pass the histogram returned last time to recycle it. */
    public Histogram intervalUncorrected(Histogram recycle) {
        return uncorrected.getIntervalHistogram(recycle);
    }

    public long expectedIntervalMicros() {
        return expectedIntervalMicros;
    }

    /** An empty histogram with the recorders' range and precision. */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    private static long clamp(long micros) {
        return micros < 1 ? 1 : Math.min(micros, HIGHEST_MICROS);
    }
}
