package io.restcost.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --warmup}'s forms, and the rule that ends an {@code auto} warm-up, on a made-up clock and JIT. */
class WarmupTest {

    /** A clock that moves a second per check, and a JIT counter the test sets. */
    static final class FakeJvm {
        long nanos = TimeUnit.SECONDS.toNanos(1000);
        long jitMillis;

        /** One second passes, with {@code compiling} milliseconds of it spent compiling. */
        void second(long compiling) {
            nanos += TimeUnit.SECONDS.toNanos(1);
            jitMillis += compiling;
        }

        Warmup.Gate gate(Warmup w) {
            return new Warmup.Gate(w, () -> jitMillis, () -> nanos);
        }
    }

    /** The second (from the start) at which the gate first says enough, compiling {@code perSecond[i]} in second i+1; -1 if never. */
    static int settlesAt(Warmup w, FakeJvm jvm, long... perSecond) {
        Warmup.Gate gate = jvm.gate(w);
        for (int i = 0; i < perSecond.length; i++) {
            jvm.second(perSecond[i]);
            if (gate.getAsBoolean()) {
                assertThat(gate.settled()).isTrue();
                return i + 1;
            }
        }
        assertThat(gate.settled()).isFalse();
        return -1;
    }

    @Test
    void readsAutoAutoWithALongestAndFixedLengths() {
        assertThat(Warmup.parse("auto")).isEqualTo(new Warmup(Warmup.AUTO_MIN, Warmup.AUTO_MAX, true));
        assertThat(Warmup.parse("AUTO:120s")).isEqualTo(new Warmup(Duration.ofSeconds(5), Duration.ofSeconds(120), true));
        assertThat(Warmup.parse("auto:2s")).isEqualTo(new Warmup(Duration.ofSeconds(2), Duration.ofSeconds(2), true));
        assertThat(Warmup.parse("10s")).isEqualTo(Warmup.fixed(Duration.ofSeconds(10)));
        assertThat(Warmup.parse("0s").isZero()).isTrue();
        assertThat(Warmup.parse("auto").toString()).isEqualTo("auto:60s");
        assertThat(Warmup.parse("1500ms").toString()).isEqualTo("1500ms");
        assertThatThrownBy(() -> Warmup.parse("soon")).hasMessage(
                "'soon' is not a warm-up (write auto, auto:120s, or a duration such as 10s; 0s for none)");
        assertThatThrownBy(() -> Warmup.parse("auto:0s")).hasMessage("'auto:0s': auto's longest warm-up must be above 0s");
        assertThatThrownBy(() -> Warmup.parse("auto:")).hasMessageContaining("is not a warm-up");
    }

    @Test
    void aFixedWarmupNeverEndsEarly() {
        assertThat(settlesAt(Warmup.fixed(Duration.ofSeconds(10)), new FakeJvm(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).isEqualTo(-1);
    }

    @Test
    void aQuietJitEndsTheWarmupAtItsShortest() {
        assertThat(settlesAt(Warmup.parse("auto"), new FakeJvm(), 0, 0, 0, 0, 0, 0, 0, 0)).isEqualTo(5);
    }

    @Test
    void aBusyJitKeepsWarmingUpUntilTwoQuietSeconds() {
        // C2 on a shared core, as measured: about a second of compiling per second for 15 s
        long[] s = new long[30];
        java.util.Arrays.fill(s, 0, 15, 900);
        java.util.Arrays.fill(s, 15, 30, 30);
        // second 15 still compiled 900 ms; seconds 16 and 17 compiled 60 ms of 2 s (3%)
        assertThat(settlesAt(Warmup.parse("auto"), new FakeJvm(), s)).isEqualTo(17);
    }

    @Test
    void theShareIsJudgedOverTheLastTwoSecondsAtFivePercent() {
        // 100 ms in seconds 4 and 5 is 5%: settled at 5; 101 ms is not, nor is second 6's window (5 and 6)
        assertThat(settlesAt(Warmup.parse("auto"), new FakeJvm(), 0, 0, 0, 0, 100, 0)).isEqualTo(5);
        assertThat(settlesAt(Warmup.parse("auto"), new FakeJvm(), 0, 0, 0, 0, 101, 0, 0)).isEqualTo(7);
    }

    @Test
    void aJitThatNeverSettlesRunsTheWholeLongest() {
        long[] s = new long[12];
        java.util.Arrays.fill(s, 200);
        Warmup w = Warmup.parse("auto:10s");
        assertThat(settlesAt(w, new FakeJvm(), s)).isEqualTo(-1);
        // the longest is the warm-up phase's duration: LoadRunner ends it there
        assertThat(new LoadPlan(1, 0, Duration.ofSeconds(30), 0, w).warmupPhase().duration()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aJvmThatDoesNotTellItsCompilingTimeWarmsUpForTheShortest() {
        FakeJvm jvm = new FakeJvm();
        jvm.jitMillis = -1;
        Warmup.Gate gate = new Warmup.Gate(Warmup.parse("auto"), () -> -1, () -> jvm.nanos);
        int at = -1;
        for (int i = 1; i <= 10 && at < 0; i++) {
            jvm.second(0);
            at = gate.getAsBoolean() ? i : -1;
        }
        assertThat(at).isEqualTo(5);
    }

    @Test
    void badBoundsAreNamed() {
        assertThatThrownBy(() -> new Warmup(Duration.ofSeconds(-1), Duration.ZERO, false)).hasMessage("warmup must be >= 0: PT-1S");
        assertThatThrownBy(() -> new Warmup(Duration.ofSeconds(5), Duration.ofSeconds(2), true))
                .hasMessage("warmup's longest (PT2S) must be >= its shortest (PT5S)");
        assertThatThrownBy(() -> new Warmup(Duration.ofSeconds(1), Duration.ofSeconds(2), false))
                .hasMessage("a fixed warmup has one length, not PT1S to PT2S");
    }
}
