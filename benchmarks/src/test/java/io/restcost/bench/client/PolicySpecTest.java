package io.restcost.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.bench.results.RunSummary;
import io.restcost.client.session.PolicyKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicySpecTest {

    @Test
    void readsTheThreePolicies() {
        assertThat(PolicySpec.parse("one-shot").policy().kind()).isEqualTo(PolicyKind.ONE_SHOT);
        assertThat(PolicySpec.parse("pooled").policy().kind()).isEqualTo(PolicyKind.POOLED);
        PolicySpec r = PolicySpec.parse("rotating:requests=50,age=10m,jitter=0.2");
        assertThat(r.policy().maxRequests()).isEqualTo(50);
        assertThat(r.policy().maxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(r.policy().jitter()).isEqualTo(0.2);
        assertThat(r.parameters()).isEqualTo(new RunSummary.Policy("rotating", 50, 600.0, 0.2, 25.0, false));
        assertThat(r.shortName()).isEqualTo("rotating-50-600s");
        assertThat(PolicySpec.parse("rotating:requests=10").shortName()).isEqualTo("rotating-10");
    }

    @Test
    void badPoliciesNameTheTextTheProblemAndTheFix() {
        assertThatThrownBy(() -> PolicySpec.parse("sometimes")).hasMessage(
                "unknown policy 'sometimes' (write one-shot, pooled, rotating-50 or rotating:requests=50,age=10m,jitter=0.2)");
        assertThatThrownBy(() -> PolicySpec.parse("rotating:requests=0"))
                .hasMessageStartingWith("policy 'rotating:requests=0': maxRequests must be >= 1: 0");
        assertThatThrownBy(() -> PolicySpec.parse("rotating:requests=50,jitter=2"))
                .hasMessageContaining("jitter").hasMessageContaining("2");
        assertThatThrownBy(() -> PolicySpec.parse("rotating:requests=ten")).hasMessageContaining("requests must be a whole number: ten");
        assertThatThrownBy(() -> PolicySpec.parse("rotating:age=10 minutes")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> PolicySpec.parse("rotating:size=3")).hasMessageContaining("unknown parameter 'size'");
        assertThatThrownBy(() -> PolicySpec.parse("rotating")).hasMessageStartingWith("policy 'rotating': ");
    }

    @Test
    void aPolicyReadsInTheShortNameItsFoldersAndRatesUse() {
        for (String full : java.util.List.of("rotating:requests=50", "rotating:age=600s", "rotating:requests=50,age=600s")) {
            PolicySpec p = PolicySpec.parse(full);
            PolicySpec again = PolicySpec.parse(p.shortName());
            assertThat(again.parameters()).as(p.shortName()).isEqualTo(p.parameters());
            assertThat(again.shortName()).isEqualTo(p.shortName());
        }
        assertThat(PolicySpec.parse("rotating-50").policy().maxRequests()).isEqualTo(50);
        assertThat(PolicySpec.parse("rotating-50-600s").policy().maxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> PolicySpec.parse("rotating-fifty")).hasMessageContaining("unknown policy 'rotating-fifty'");
    }
}
