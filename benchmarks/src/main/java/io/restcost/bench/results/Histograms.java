package io.restcost.bench.results;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** The latency histograms' shape, the same wherever one is recorded, merged, written or read: microseconds, 1 us to 1 h, 3 digits. */
public final class Histograms {

    /** The longest latency a histogram holds (one hour); longer ones are recorded as this. */
    public static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    /** Three significant digits: 0.1% resolution at every magnitude. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {
    }

    /** An empty histogram of that shape. */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }
}
