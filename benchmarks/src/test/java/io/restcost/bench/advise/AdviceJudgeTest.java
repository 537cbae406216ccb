package io.restcost.bench.advise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * advise's judging from slices whose figures are known: the recommendation, "no measurable
 * difference" when an interval holds zero, a server still warming up left out, and an answer
 * that is not decided saying so and how much longer would decide it.
 */
class AdviceJudgeTest {

    private static final List<String> STRATEGIES = List.of("one-shot", "rotating-20", "rotating-50", "rotating-200", "pooled");

    private static Advice.Settings settings() {
        return new Advice.Settings("https://127.0.0.1:9443", null, "/ibmmq/rest/v2/admin/qmgr", "apache", "basic", "pid:1", 10.0, STRATEGIES,
                "one-shot=5,rotating=50,pooled=50", 2, 10, 600, 10, 20.0);
    }

    /**
     * Slices of 10 s at 50/s (one-shot at 5/s) whose server CPU per request is {@code perRequest}
     * times the round's drift times {@code noise}; the client pays a tenth of the server.
     */
    private static List<Slice> slices(int rounds, Map<String, Double> perRequest, double[] drift, double noise) {
        List<Slice> out = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            int i = 0;
            for (String s : STRATEGIES) {
                double rate = s.equals("one-shot") ? 5 : 50;
                long requests = Math.round(rate * 10);
                // a deterministic wobble, different per strategy and round
                double wobble = 1 + noise * Math.sin(r * 7.1 + i * 3.3);
                double cpu = perRequest.get(s) * drift[r % drift.length] * wobble * requests;
                out.add(new Slice(r, s, rate, 10, requests, 0, cpu, cpu / 10, s.equals("one-shot") ? requests : 1, 0, 0, 0));
                i++;
            }
        }
        return out;
    }

    private static final Map<String, Double> COSTS = Map.of("one-shot", 4000.0, "rotating-20", 420.0, "rotating-50", 306.0,
            "rotating-200", 301.0, "pooled", 300.0);

    @Test
    void theShortestLengthWithinTheLimitIsRecommendedWhenEveryShorterOneIsOver() {
        Advice a = AdviceJudge.judge(settings(), slices(6, COSTS, new double[] {1, 0.9, 1.1, 1.05, 0.95}, 0.01), List.of(), "t", 300, "decided", 55);
        assertThat(a.judgedOn()).isEqualTo("server");
        assertThat(a.oneShotOverPooled().server().value()).isBetween(12.0, 14.5);
        assertThat(a.rotations()).extracting(Advice.Rotation::verdict).containsExactly("over", "within", "within");
        assertThat(a.recommendation().requests()).isEqualTo(50);
        assertThat(a.recommendation().decided()).isTrue();
        assertThat(a.recommendation().policy()).isEqualTo("rotating:requests=50,age=10m,jitter=0.2");
        assertThat(a.partial()).isFalse();
        assertThat(String.join("\n", a.words())).contains("answer: rotate every 50 requests")
                .contains("reuse connections: one-shot costs the server 13x (95%:").contains("both pay")
                .contains("CPU-seconds per hour").doesNotContain("±");
    }

    @Test
    void theDriftThatMovesARoundsStrategiesAlikeCancelsOutOfThePairedRatios() {
        Advice steady = AdviceJudge.judge(settings(), slices(6, COSTS, new double[] {1}, 0.01), List.of(), "t", 300, "decided", 55);
        Advice drifting = AdviceJudge.judge(settings(), slices(6, COSTS, new double[] {1, 0.7, 1.6}, 0.01), List.of(), "t", 300, "decided", 55);
        Estimate a = steady.rotations().get(1).serverExtraPercent();
        Estimate b = drifting.rotations().get(1).serverExtraPercent();
        assertThat(b.value()).isCloseTo(a.value(), org.assertj.core.api.Assertions.within(1.0));
    }

    @Test
    void aDifferenceWhoseIntervalHoldsZeroIsNoMeasurableDifference() {
        Map<String, Double> same = Map.of("one-shot", 4000.0, "rotating-20", 300.0, "rotating-50", 300.0, "rotating-200", 300.0,
                "pooled", 300.0);
        Advice a = AdviceJudge.judge(settings(), slices(6, same, new double[] {1}, 0.08), List.of(), "t", 300, "decided", 55);
        Estimate e = a.rotations().get(0).serverExtraPercent();
        assertThat(e.holds(0)).isTrue();
        assertThat(a.words()).anySatisfy(l -> assertThat(l).startsWith("  rotating every 20: no measurable difference (95%: "));
    }

    /** Slices as {@link #slices} without noise, rotating every 20's server CPU per round pooled's times {@code extra[round - 1]}. */
    private static List<Slice> rotating20(double... extra) {
        return slices(extra.length, COSTS, new double[] {1}, 0).stream().map(x -> !x.strategy().equals("rotating-20") || x.round() == 0 ? x
                : new Slice(x.round(), x.strategy(), x.rate(), x.seconds(), x.requests(), 0, 300.0 * extra[x.round() - 1] * x.requests(),
                        x.clientCpuMicros(), x.connections(), 0, 0, 0)).toList();
    }

    @Test
    void aLengthWhoseIntervalStraddlesTheLimitLeavesTheAnswerUndecidedWithTheTimeThatWouldDecideIt() {
        // rotating every 20 costs +8%, +22% and +18% in the three rounds: +16% on the whole, its interval from +8% to +22%
        Advice a = AdviceJudge.judge(settings(), rotating20(1.08, 1.22, 1.18), List.of(), "t", 200, "time-limit", 55);
        assertThat(a.rotations().get(0).serverExtraPercent().value()).isCloseTo(16, org.assertj.core.api.Assertions.within(0.01));
        assertThat(a.rotations().get(0).verdict()).isEqualTo("undecided");
        assertThat(a.recommendation().decided()).isFalse();
        assertThat(a.partial()).isTrue();
        // the interval narrows as 1 / sqrt(rounds): (7 / 6)^2 * 3 rounds = 4.1, so 2 more rounds of 55 s
        assertThat(a.recommendation().moreSeconds()).isEqualTo(110.0);
        assertThat(a.words()).anySatisfy(l -> assertThat(l).startsWith("best guess so far, NOT decided: rotate every 50"));
        assertThat(a.words()).anySatisfy(l -> assertThat(l).isEqualTo("  about 1 min 50 s more would likely decide it (--time-limit)"));
    }

    @Test
    void aLengthRightAtTheLimitIsNotPromisedADecision() {
        // +2%, +20%, +8%: +10% on the whole, exactly the limit
        Advice a = AdviceJudge.judge(settings(), rotating20(1.02, 1.20, 1.08), List.of(), "t", 200, "time-limit", 55);
        assertThat(a.rotations().get(0).verdict()).isEqualTo("undecided");
        assertThat(a.recommendation().moreSeconds()).isNull();
        assertThat(a.words()).anySatisfy(l -> assertThat(l).startsWith("  no run of reasonable length would decide it"));
    }

    @Test
    void aServerStillWarmingUpInItsFirstRoundIsLeftOutAndSaidSo() {
        Advice a = AdviceJudge.judge(settings(), slices(6, COSTS, new double[] {1, 1.6, 1, 1, 1, 1, 1}, 0.01), List.of(), "t", 300, "decided", 55);
        assertThat(a.roundsLeftOut()).isEqualTo(1);
        assertThat(a.rounds()).isEqualTo(5);
        assertThat(a.warmupNote()).startsWith("the server's CPU per request was still falling: the first 1 round cost ")
                .contains("% more than the later ones and is left out");
        assertThat(a.words()).anySatisfy(l -> assertThat(l).startsWith("note: the server's CPU per request was still falling"));
    }

    @Test
    void costsNetOfTheIdleBackgroundAreJudgedWhenTheIdleWasRead() {
        // 3 ms of CPU per second at idle is 60 us per request at 50/s: pooled's 300 is 240 of its own
        Advice a = AdviceJudge.judge(settings(), slices(6, COSTS, new double[] {1}, 0.01), List.of(3000.0), "t", 300, "decided", 55);
        assertThat(a.judgedOn()).isEqualTo("server-net");
        Advice.Strategy pooled = a.strategies().get(4);
        assertThat(pooled.serverNetMicros()).isCloseTo(pooled.serverMicros() - 60, org.assertj.core.api.Assertions.within(0.01));
        assertThat(a.words()).anySatisfy(l -> assertThat(l).startsWith("at idle the server used 3.0 ms of CPU per second before the load "
                + "(its background"));
    }

    @Test
    void aServerBusierAtIdleThanItsLoadCostsIsJudgedWithItsBackgroundAndTheLowerIdleReadingCounts() {
        // a server just started compiles at idle: 100 ms/s before the load, 3 ms/s after it; the lower is its background
        Advice later = AdviceJudge.judge(settings(), slices(6, COSTS, new double[] {1}, 0.01), List.of(100_000.0, 3000.0), "t", 300,
                "decided", 55);
        assertThat(later.idleServerCpuMicrosPerSecond()).isEqualTo(3000.0);
        assertThat(later.judgedOn()).isEqualTo("server-net");
        // both readings over what the load costs: net figures would be below zero, so none are given
        Advice busy = AdviceJudge.judge(settings(), slices(6, COSTS, new double[] {1}, 0.01), List.of(100_000.0, 50_000.0), "t", 300,
                "decided", 55);
        assertThat(busy.judgedOn()).isEqualTo("server");
        assertThat(busy.words()).anySatisfy(l -> assertThat(l).endsWith("so costs are given with it (no net figures)"));
        assertThat(busy.words()).noneSatisfy(l -> assertThat(l).contains("(-"));
    }

    /** A background as large as the load's own cost leaves net figures that its noise swamps: they are not judged. */
    @Test
    void aBackgroundAsLargeAsTheLoadsOwnCostIsNotSubtracted() {
        // 9 ms/s at 50/s is 180 us of pooled's 300 per request: more than the 120 the load itself costs
        Advice a = AdviceJudge.judge(settings(), slices(6, COSTS, new double[] {1}, 0.01), List.of(9000.0), "t", 300, "decided", 55);
        assertThat(a.judgedOn()).isEqualTo("server");
        assertThat(a.words()).anySatisfy(l -> assertThat(l).endsWith("so costs are given with it (no net figures)"));
    }

    @Test
    void anEstimateWiderThanItselfIsGivenAsItsRangeOnly() {
        assertThat(AdviceWords.extra(new Estimate(2, 0.5, 9))).isEqualTo("between +0.5% and +9%");
        assertThat(AdviceWords.extra(new Estimate(8, 3, 13))).isEqualTo("+8% (95%: +3% to +13%)");
        assertThat(AdviceWords.extra(new Estimate(1, -3, 5))).isEqualTo("no measurable difference (95%: -3% to +5%)");
        assertThat(AdviceWords.ratio(new Estimate(13.2, 12.1, 14.4))).isEqualTo("13x (95%: 12x to 14x)");
    }

    @Test
    void theBootstrapIntervalHoldsTheEstimateAndIsTheSameForTheSameRounds() {
        double[] a = {10, 12, 11, 13, 9};
        double[] b = {5, 6, 5, 7, 4};
        Estimate e = Estimate.ratio(a, b);
        assertThat(e.value()).isEqualTo(55.0 / 27);
        assertThat(e.low()).isLessThan(e.value());
        assertThat(e.high()).isGreaterThan(e.value());
        assertThat(Estimate.ratio(a, b)).isEqualTo(e);
    }
}
