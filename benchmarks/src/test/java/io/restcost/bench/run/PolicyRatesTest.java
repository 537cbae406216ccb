package io.restcost.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.client.PolicySpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --rate}: one number for every policy, or one per policy by short name or kind. */
class PolicyRatesTest {

    private static final PolicySpec ONE_SHOT = PolicySpec.parse("one-shot");
    private static final PolicySpec POOLED = PolicySpec.parse("pooled");
    private static final PolicySpec ROTATING_50 = PolicySpec.parse("rotating:requests=50");
    private static final PolicySpec ROTATING_10 = PolicySpec.parse("rotating:requests=10");

    @Test
    void noRateIsTheClosedModelForEveryPolicy() {
        for (String none : new String[] {null, "", "  "}) {
            PolicyRates r = PolicyRates.parse(none);
            assertThat(r.rateFor(ONE_SHOT)).isZero();
            assertThat(r.rateFor(ROTATING_50)).isZero();
            assertThat(r.toString()).isEqualTo("closed");
        }
    }

    @Test
    void oneNumberIsEveryPolicysRate() {
        PolicyRates r = PolicyRates.parse("250.5");
        assertThat(r.rateFor(ONE_SHOT)).isEqualTo(250.5);
        assertThat(r.rateFor(POOLED)).isEqualTo(250.5);
    }

    @Test
    void aShortNameBeatsItsKind() {
        PolicyRates r = PolicyRates.parse("one-shot=60, rotating=500,rotating-50=300,pooled=800");
        assertThat(r.rateFor(ONE_SHOT)).isEqualTo(60);
        assertThat(r.rateFor(ROTATING_50)).isEqualTo(300);
        assertThat(r.rateFor(ROTATING_10)).isEqualTo(500);
        assertThat(r.rateFor(POOLED)).isEqualTo(800);
        LoadPlan plan = r.planFor(ROTATING_10, new LoadPlan(4, 0, Duration.ofSeconds(9), 0, Duration.ofSeconds(2)));
        assertThat(plan).isEqualTo(new LoadPlan(4, 0, Duration.ofSeconds(9), 500, Duration.ofSeconds(2)));
        assertThat(plan.openModel()).isTrue();
    }

    @Test
    void aPolicyWithoutARateIsNamedWithTheFix() {
        PolicyRates r = PolicyRates.parse("one-shot=60,pooled=500");
        assertThatThrownBy(() -> r.rateFor(ROTATING_50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate one-shot=60,pooled=500: no rate for the policy rotating-50; add rotating=N or rotating-50=N");
    }

    @Test
    void badRatesAreOneLineNamingTheValue() {
        assertThatThrownBy(() -> PolicyRates.parse("fast")).hasMessageStartingWith("rate fast: 'fast' is not a number of requests per second");
        assertThatThrownBy(() -> PolicyRates.parse("0")).hasMessageStartingWith("rate 0: 0 must be above 0 requests per second");
        assertThatThrownBy(() -> PolicyRates.parse("one-shot=-5")).hasMessageStartingWith("rate one-shot=-5: -5 must be above 0");
        assertThatThrownBy(() -> PolicyRates.parse("one-shot=60,=5")).hasMessageStartingWith("rate one-shot=60,=5: '=5' is not POLICY=RATE");
        assertThatThrownBy(() -> PolicyRates.parse("pooled=5,pooled=6")).hasMessageStartingWith("rate pooled=5,pooled=6: pooled is given twice");
        assertThatThrownBy(() -> PolicyRates.parse("NaN")).hasMessageStartingWith("rate NaN: NaN must be above 0");
        assertThatThrownBy(() -> PolicyRates.parse("Infinity")).hasMessageContaining("must be above 0");
    }
}
