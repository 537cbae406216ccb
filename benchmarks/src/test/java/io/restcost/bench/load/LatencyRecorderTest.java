package io.restcost.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void openModelMeasuresFromTheScheduledStartAndKeepsTheSendTimeApart() {
        LatencyRecorder r = new LatencyRecorder(1, 0);
        // scheduled at 0, sent 9 ms late (the client was behind), answered 1 ms after sending
        r.record(0, 0, 9_000_000, 10_000_000);
        Histogram corrected = r.intervalCorrected(null);
        Histogram uncorrected = r.intervalUncorrected(null);
        assertThat(corrected.getTotalCount()).isEqualTo(1);
        assertThat(corrected.getMaxValue()).isBetween(9_990L, 10_010L);
        assertThat(uncorrected.getMaxValue()).isBetween(999L, 1_001L);
    }

    @Test
    void closedModelBackFillsTheSamplesAStallKeptFromBeingTaken() {
        LatencyRecorder r = new LatencyRecorder(1, 1_000);
        // one 100 ms stall while requests normally take 1 ms: HdrHistogram adds 99, 98, ... 1 ms
        r.record(0, 0, 0, 100_000_000);
        assertThat(r.intervalCorrected(null).getTotalCount()).isEqualTo(100);
        assertThat(r.intervalUncorrected(null).getTotalCount()).isEqualTo(1);
    }

    @Test
    void intervalsMergeEveryWriter() {
        LatencyRecorder r = new LatencyRecorder(3, 0);
        r.record(0, 0, 0, 1_000_000);
        r.record(1, 0, 0, 2_000_000);
        r.record(2, 0, 0, 3_000_000);
        r.record(2, 0, 0, 4_000_000);
        Histogram h = r.intervalCorrected(null);
        assertThat(h.getTotalCount()).isEqualTo(4);
        assertThat(h.getMaxValue()).isBetween(3_990L, 4_010L);
        assertThat(r.intervalCorrected(h).getTotalCount()).isZero();
    }

    @Test
    void intervalsAreDisjoint() {
        LatencyRecorder r = new LatencyRecorder(1, 0);
        r.record(0, 0, 0, 1_000_000);
        Histogram first = r.intervalCorrected(null);
        r.record(0, 0, 0, 2_000_000);
        r.record(0, 0, 0, 3_000_000);
        Histogram second = r.intervalCorrected(first);
        assertThat(second.getTotalCount()).isEqualTo(2);
    }

    @Test
    void recordingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (long interval : new long[] {0, 500}) {
            LatencyRecorder r = new LatencyRecorder(1, interval);
            for (int i = 0; i < 200_000; i++) {
                r.record(0, 0, 0, 1_000L + i);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1_000_000; i++) {
                r.record(0, 0, 0, 1_000L + (i & 0xFFFFF));
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // 1,000,000 recordings: anything per record would be megabytes
            assertThat(allocated).as("bytes allocated by 1,000,000 recordings, expected interval %d us", interval)
                    .isLessThan(1_024);
        }
    }
}
