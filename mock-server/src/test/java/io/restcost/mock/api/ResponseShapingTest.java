package io.restcost.mock.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.LogNormal;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.UniformDistribution;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What each shaping puts on an answer, checked on the answer itself: no clock involved. */
class ResponseShapingTest {

    private static ResponseDefinition shaped(ResponseShaping s) {
        return s.delay(ResponseDefinitionBuilder.responseDefinition().withStatus(200)).build();
    }

    @Test
    void eachDelayKindSetsWireMocksOwnDelay() {
        assertThat(shaped(ResponseShaping.fixed(Duration.ofMillis(300))).getFixedDelayMilliseconds()).isEqualTo(300);
        assertThat(shaped(ResponseShaping.uniform(Duration.ofMillis(10), Duration.ofMillis(50))).getDelayDistribution())
                .usingRecursiveComparison().isEqualTo(new UniformDistribution(10, 50));
        assertThat(shaped(ResponseShaping.logNormal(Duration.ofMillis(20), 0.5)).getDelayDistribution())
                .usingRecursiveComparison().isEqualTo(new LogNormal(20, 0.5));
        ResponseDefinition none = shaped(ResponseShaping.NONE);
        assertThat(none.getFixedDelayMilliseconds()).isNull();
        assertThat(none.getDelayDistribution()).isNull();
    }

    @Test
    void faultsComeAtTheirRate() {
        ResponseShaping half = ResponseShaping.NONE.withFaults(0.5, List.of(Fault.CONNECTION_RESET_BY_PEER));
        SplittableRandom random = new SplittableRandom(1);
        int faults = 0;
        for (int i = 0; i < 10_000; i++) {
            if (half.fault(random) != null) {
                faults++;
            }
        }
        assertThat(faults).isBetween(4_700, 5_300);
        assertThat(ResponseShaping.NONE.fault(random)).isNull();
        assertThatThrownBy(() -> ResponseShaping.NONE.withFaults(1.5, List.of(Fault.EMPTY_RESPONSE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fault rate must be in [0, 1]: 1.5");
    }
}
