package io.restcost.bench.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the added instance counts as carrying its fair share. */
class BalanceRunTest {

    private static List<long[]> rows(long[]... rows) {
        return new ArrayList<>(List.of(rows));
    }

    @Test
    void aFairShareMustBeHeldThreeSecondsAndCountsToTheEndOfTheFirst() {
        // added at second 2; 3 instances: fair is 90% of a third, 30%
        List<long[]> r = rows(new long[] {50, 50, 0}, new long[] {50, 50, 0}, new long[] {45, 45, 10}, new long[] {34, 33, 33},
                new long[] {20, 50, 30}, new long[] {33, 33, 34}, new long[] {33, 33, 34});
        // seconds 3, 4 and 5 hold it (second 2 has 10%): the end of second 3 is 2 s after the addition
        assertThat(BalanceRun.secondsToFairShare(r, 2, 2, 7, 3)).isEqualTo(2.0);
    }

    @Test
    void aShareThatDropsStartsTheCountAgain() {
        List<long[]> r = rows(new long[] {50, 50, 0}, new long[] {33, 33, 34}, new long[] {33, 33, 34}, new long[] {45, 45, 10},
                new long[] {33, 33, 34}, new long[] {33, 33, 34}, new long[] {33, 33, 34}, new long[] {33, 33, 34});
        assertThat(BalanceRun.secondsToFairShare(r, 2, 1, 8, 3)).isEqualTo(4.0);
    }

    @Test
    void neverBeforeTheRemovalIsNull() {
        List<long[]> r = rows(new long[] {50, 50, 0}, new long[] {50, 50, 0}, new long[] {50, 49, 1}, new long[] {50, 48, 2},
                new long[] {0, 50, 50}, new long[] {0, 50, 50}, new long[] {0, 50, 50});
        // it gets its share only once another instance is gone, at second 4: not counted
        assertThat(BalanceRun.secondsToFairShare(r, 2, 1, 4, 3)).isNull();
        assertThat(BalanceRun.secondsToFairShare(r, 2, 1, 7, 3)).isEqualTo(4.0);
    }
}
