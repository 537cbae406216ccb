package io.restcost.bench.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the added instance counts as carrying its fair share: 90% of an equal part over 3 s windows. */
class BalanceRunTest {

    @Test
    void aFairShareOverThreeSecondsCountsToTheEndOfTheWindowsFirstSecond() {
        // added at second 2; 3 instances: fair is 90% of a third, 30%
        List<long[]> r = List.of(new long[] {50, 50, 0}, new long[] {50, 50, 0}, new long[] {45, 45, 10}, new long[] {34, 33, 33},
                new long[] {20, 50, 30}, new long[] {33, 33, 34}, new long[] {33, 33, 34});
        // seconds 2-4: 73 of 300, 24%; seconds 3-5: 97 of 300, 32%: 2 s after the addition
        assertThat(BalanceRun.secondsToFairShare(r, 2, 2, 7, 3, 3)).isEqualTo(2.0);
    }

    @Test
    void oneSecondsSwingDoesNotDecideIt() {
        // rotating sessions land in bursts: 48%, 26%, 25% is 33% over the window
        List<long[]> r = List.of(new long[] {50, 50, 0}, new long[] {52, 52, 97}, new long[] {48, 98, 53}, new long[] {52, 98, 51},
                new long[] {98, 52, 49});
        assertThat(BalanceRun.secondsToFairShare(r, 2, 1, 5, 3, 3)).isEqualTo(1.0);
    }

    @Test
    void neverBeforeTheRemovalIsNull() {
        List<long[]> r = List.of(new long[] {50, 50, 0}, new long[] {50, 50, 0}, new long[] {50, 49, 1}, new long[] {50, 48, 2},
                new long[] {0, 50, 50}, new long[] {0, 50, 50}, new long[] {0, 50, 50});
        // it gets its share only once another instance is gone, at second 4: not counted
        assertThat(BalanceRun.secondsToFairShare(r, 2, 1, 4, 3, 3)).isNull();
        assertThat(BalanceRun.secondsToFairShare(r, 2, 1, 7, 3, 3)).isEqualTo(3.0);
    }

    @Test
    void anEqualPartIsWhatTheMostEvenSpreadOfTheClientsGivesTheLeastServedInstance() {
        assertThat(BalanceRun.equalPart(6, 3)).isEqualTo(1.0 / 3);
        assertThat(BalanceRun.equalPart(8, 3)).isEqualTo(2.0 / 8);
        assertThat(BalanceRun.equalPart(4, 3)).isEqualTo(1.0 / 4);
        assertThat(BalanceRun.equalPart(2, 3)).isEqualTo(1.0 / 3);
        // 4 clients over 3 instances: one client's quarter of the requests is an equal part, 22.5% fair
        List<long[]> r = List.of(new long[] {50, 50, 0}, new long[] {50, 25, 25}, new long[] {50, 25, 25}, new long[] {50, 25, 25});
        assertThat(BalanceRun.secondsToFairShare(r, 2, 1, 4, 3, 4)).isEqualTo(1.0);
        assertThat(BalanceRun.secondsToFairShare(r, 2, 1, 4, 3, 3)).isNull();
    }
}
