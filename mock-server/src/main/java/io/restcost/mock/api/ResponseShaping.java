package io.restcost.mock.api;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What real deployments add to a response: a delay (fixed, uniform or log-normal) and
 * faults injected at a rate. Immutable.
 *
 * @param delayKind none | fixed | uniform | lognormal
 * @param delayA fixed: the delay; uniform: the lower bound; lognormal: the median
 * @param delayB uniform: the upper bound; lognormal: sigma (as milliseconds of a double, see {@link #logNormal})
 * @param faultRate the fraction of responses that fail, in [0, 1]
 * @param faults the faults to choose from, uniformly
 */
public record ResponseShaping(String delayKind, Duration delayA, double delayB, double faultRate, List<Fault> faults) {

    public static final ResponseShaping NONE = new ResponseShaping("none", Duration.ZERO, 0, 0, List.of());

    public static ResponseShaping fixed(Duration delay) {
        return new ResponseShaping("fixed", delay, 0, 0, List.of());
    }

    public static ResponseShaping uniform(Duration lower, Duration upper) {
        return new ResponseShaping("uniform", lower, upper.toMillis(), 0, List.of());
    }

    public static ResponseShaping logNormal(Duration median, double sigma) {
        return new ResponseShaping("lognormal", median, sigma, 0, List.of());
    }

    /** This shaping plus faults at {@code rate}. */
    public ResponseShaping withFaults(double rate, List<Fault> faults) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("fault rate must be in [0, 1]: " + rate);
        }
        if (rate > 0 && faults.isEmpty()) {
            throw new IllegalArgumentException("a fault rate needs at least one fault (connection-reset, empty-response, malformed-chunk)");
        }
        return new ResponseShaping(delayKind, delayA, delayB, rate, List.copyOf(faults));
    }

    Fault fault(RandomGenerator random) {
        if (faultRate == 0 || random.nextDouble() >= faultRate) {
            return null;
        }
        return faults.get(random.nextInt(faults.size()));
    }

    ResponseDefinitionBuilder delay(ResponseDefinitionBuilder b) {
        return switch (delayKind) {
            case "fixed" -> b.withFixedDelay((int) delayA.toMillis());
            case "uniform" -> b.withUniformRandomDelay((int) delayA.toMillis(), (int) delayB);
            case "lognormal" -> b.withLogNormalRandomDelay(delayA.toMillis(), delayB);
            default -> b;
        };
    }
}
