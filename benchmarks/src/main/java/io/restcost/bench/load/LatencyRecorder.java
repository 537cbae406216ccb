package io.restcost.bench.load;

import io.restcost.bench.results.Histograms;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Latencies of one run, recorded from many threads without a lock or an allocation per
 * request, read as interval histograms by one thread. Each writer (a load thread) has its
 * own HdrHistogram {@link SingleWriterRecorder}, so threads never contend on a shared
 * histogram's cache lines ({@code LatencyRecordingBenchmark} compares this with one shared
 * {@code Recorder}); the reader merges them.
 *
 * <p>Two recorders: <b>corrected</b> latency runs from each request's intended start (open
 * model: its slot in the arrival schedule; closed model: HdrHistogram's expected-interval
 * correction), so a stalled server shows up as latency rather than as fewer samples;
 * <b>uncorrected</b> runs from the moment the request was sent. Values are microseconds.
 *
 * <p>Thread safety: {@link #record} from up to {@code writers} threads, each with its own
 * index; {@link #intervalCorrected}, {@link #intervalUncorrected} and {@link #intervalFailed}
 * from one reader thread. Requests that got no response are recorded apart, with {@link #recordFailed}.
 */
public final class LatencyRecorder {

    private final SingleWriterRecorder[] corrected;
    private final SingleWriterRecorder[] uncorrected;
    private final SingleWriterRecorder[] failed;
    private final Histogram[] recycledCorrected;
    private final Histogram[] recycledUncorrected;
    private final Histogram[] recycledFailed;
    private final long expectedIntervalMicros;

    /**
     * @param writers how many threads record; each passes its own index in [0, writers)
     * @param expectedIntervalMicros closed model: the interval a thread expects between the
     *        starts of its requests, used to back-fill samples a stall kept from being taken;
     *        0 when the arrival schedule already makes {@code intendedStartNanos} honest (open model)
     */
    public LatencyRecorder(int writers, long expectedIntervalMicros) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be >= 1: " + writers);
        }
        if (expectedIntervalMicros < 0) {
            throw new IllegalArgumentException("expectedIntervalMicros must be >= 0: " + expectedIntervalMicros);
        }
        this.expectedIntervalMicros = expectedIntervalMicros;
        corrected = new SingleWriterRecorder[writers];
        uncorrected = new SingleWriterRecorder[writers];
        failed = new SingleWriterRecorder[writers];
        recycledCorrected = new Histogram[writers];
        recycledUncorrected = new Histogram[writers];
        recycledFailed = new Histogram[writers];
        for (int i = 0; i < writers; i++) {
            corrected[i] = new SingleWriterRecorder(1, Histograms.HIGHEST_MICROS, Histograms.SIGNIFICANT_DIGITS);
            uncorrected[i] = new SingleWriterRecorder(1, Histograms.HIGHEST_MICROS, Histograms.SIGNIFICANT_DIGITS);
            failed[i] = new SingleWriterRecorder(1, Histograms.HIGHEST_MICROS, Histograms.SIGNIFICANT_DIGITS);
        }
    }

    /**
     * Records one request: intended start, actual send, and end, from {@link System#nanoTime()}.
     *
     * @param writer this thread's index; never shared with another thread at the same time
     */
    public void record(int writer, long intendedStartNanos, long sentNanos, long endNanos) {
        long fromIntended = clamp((endNanos - intendedStartNanos) / 1000);
        long fromSent = clamp((endNanos - sentNanos) / 1000);
        if (expectedIntervalMicros > 0) {
            corrected[writer].recordValueWithExpectedInterval(fromIntended, expectedIntervalMicros);
        } else {
            corrected[writer].recordValue(fromIntended);
        }
        uncorrected[writer].recordValue(fromSent);
    }

    /**
     * Records a request that ended without a response (timeout, reset, refused connection),
     * from its intended start: a server that stalls until the timeout shows up as latency here,
     * not as fewer samples.
     *
     * @param writer this thread's index; never shared with another thread at the same time
     */
    public void recordFailed(int writer, long intendedStartNanos, long endNanos) {
        failed[writer].recordValue(clamp((endNanos - intendedStartNanos) / 1000));
    }

    /** The failed requests' latencies since the previous call, into {@code into} (cleared first; null for a new one). */
    public Histogram intervalFailed(Histogram into) {
        return interval(failed, recycledFailed, into);
    }

    /** The corrected latencies since the previous call, into {@code into} (cleared first; null for a new one). */
    public Histogram intervalCorrected(Histogram into) {
        return interval(corrected, recycledCorrected, into);
    }

    /** The uncorrected latencies since the previous call, into {@code into} (cleared first; null for a new one). */
    public Histogram intervalUncorrected(Histogram into) {
        return interval(uncorrected, recycledUncorrected, into);
    }

    private static Histogram interval(SingleWriterRecorder[] recorders, Histogram[] recycled, Histogram into) {
        Histogram out = into == null ? Histograms.newHistogram() : into;
        out.reset();
        long start = Long.MAX_VALUE;
        long end = 0;
        for (int i = 0; i < recorders.length; i++) {
            recycled[i] = recorders[i].getIntervalHistogram(recycled[i]);
            out.add(recycled[i]);
            start = Math.min(start, recycled[i].getStartTimeStamp());
            end = Math.max(end, recycled[i].getEndTimeStamp());
        }
        out.setStartTimeStamp(start);
        out.setEndTimeStamp(end);
        return out;
    }

    public long expectedIntervalMicros() {
        return expectedIntervalMicros;
    }


    private static long clamp(long micros) {
        return micros < 1 ? 1 : Math.min(micros, Histograms.HIGHEST_MICROS);
    }
}
