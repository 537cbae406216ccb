package io.restcost.client.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {

    @Test
    void theThreePoliciesDescribeThemselves() {
        assertThat(SessionPolicy.oneShot().kind()).isEqualTo(PolicyKind.ONE_SHOT);
        assertThat(SessionPolicy.oneShot().maxRequests()).isEqualTo(1);
        assertThat(SessionPolicy.oneShot().resumesTlsByDefault()).isFalse();
        assertThat(SessionPolicy.pooled().maxRequests()).isEqualTo(Integer.MAX_VALUE);
        assertThat(SessionPolicy.pooled().resumesTlsByDefault()).isTrue();
        SessionPolicy rotating = SessionPolicy.rotating().maxRequests(50).maxAge(Duration.ofMinutes(10)).jitter(0.2).build();
        assertThat(rotating.toString()).isEqualTo("rotating:requests=50,age=PT10M,jitter=0.2");
        assertThat(rotating.resumesTlsByDefault()).isTrue();
        assertThat(rotating.reauthenticate()).isFalse();
        assertThat(rotating).isEqualTo(SessionPolicy.rotating().maxRequests(50).maxAge(Duration.ofMinutes(10)).jitter(0.2).build());
    }

    @Test
    void badArgumentsAreNamedWithTheirValue() {
        assertThatThrownBy(() -> SessionPolicy.rotating().maxRequests(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRequests must be >= 1: 0");
        assertThatThrownBy(() -> SessionPolicy.rotating().jitter(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jitter must be in [0, 1): 1.5");
        assertThatThrownBy(() -> SessionPolicy.rotating().jitter(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jitter must be in [0, 1): -0.1");
        assertThatThrownBy(() -> SessionPolicy.rotating().jitter(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jitter must be in [0, 1): NaN");
        assertThatThrownBy(() -> SessionPolicy.rotating().maxAge(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAge must be positive: PT-5S");
        assertThatThrownBy(() -> SessionPolicy.pooled(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idleTimeout must be positive: PT0S");
    }

    @Test
    void aSettingGivenTwiceIsAnError() {
        assertThatThrownBy(() -> SessionPolicy.rotating().maxRequests(50).maxRequests(60))
                .isInstanceOf(IllegalStateException.class).hasMessage("maxRequests was already set to 50");
        assertThatThrownBy(() -> SessionPolicy.rotating().jitter(0.1).jitter(0.2))
                .isInstanceOf(IllegalStateException.class).hasMessage("jitter was already set to 0.1");
    }

    @Test
    void conflictsAcrossSettingsAreCaughtAtBuild() {
        assertThatThrownBy(() -> SessionPolicy.rotating().jitter(0.2).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs maxRequests or maxAge");
    }

    @Test
    void limitsAreDrawnUniformlyWithinTheJitterBand() {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(50).maxAge(Duration.ofMinutes(10)).jitter(0.2).build();
        SplittableRandom random = new SplittableRandom(7);
        int[] counts = new int[61];
        long minAge = Long.MAX_VALUE;
        long maxAge = 0;
        for (int i = 0; i < 21_000; i++) {
            RotationLimits l = RotationLimits.draw(policy, random);
            assertThat(l.maxRequests()).isBetween(40, 60);
            counts[l.maxRequests()]++;
            minAge = Math.min(minAge, l.maxAgeNanos());
            maxAge = Math.max(maxAge, l.maxAgeNanos());
        }
        // 21 possible values, 1000 draws expected each: every one drawn, none far off.
        assertThat(IntStream.rangeClosed(40, 60).map(n -> counts[n])).allSatisfy(c -> assertThat(c).isBetween(850, 1150));
        assertThat(minAge).isBetween(Duration.ofMinutes(8).toNanos(), Duration.ofSeconds(490).toNanos());
        assertThat(maxAge).isBetween(Duration.ofSeconds(710).toNanos(), Duration.ofMinutes(12).toNanos());
    }

    @Test
    void aDrawnRequestLimitIsNeverBelowOne() {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(1).jitter(0.9).build();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            assertThat(RotationLimits.draw(policy, random).maxRequests()).isBetween(1, 1);
        }
    }

    @Test
    void withoutJitterTheLimitsAreExact() {
        SessionPolicy policy = SessionPolicy.rotating().maxRequests(50).maxAge(Duration.ofMinutes(10)).build();
        RotationLimits l = RotationLimits.draw(policy, new SplittableRandom(1));
        assertThat(l).isEqualTo(new RotationLimits(50, Duration.ofMinutes(10).toNanos()));
        assertThat(RotationLimits.draw(SessionPolicy.pooled(), new SplittableRandom(1))).isEqualTo(RotationLimits.NONE);
    }
}
