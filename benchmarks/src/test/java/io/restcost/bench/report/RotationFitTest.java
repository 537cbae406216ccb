package io.restcost.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.results.RunSummary;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The recommended N: costs against rotation length fitted to pooled + R / N, on synthetic costs with a known R. */
class RotationFitTest {

    private static Map<Integer, Double> costs(double pooled, double r, double noise, long seed, int... lengths) {
        Random random = new Random(seed);
        Map<Integer, Double> m = new TreeMap<>();
        for (int n : lengths) {
            m.put(n, (pooled + r / n) * (1 + noise * random.nextGaussian()));
        }
        return m;
    }

    @Test
    void exactCostsGiveBackRAndTheNThatKeepsWithin5Percent() {
        RotationFit fit = RotationFit.of(costs(200, 20_000, 0, 1, 10, 50, 500), 200);
        assertThat(fit.pooled()).isCloseTo(200, within(1e-6));
        assertThat(fit.perSession()).isCloseTo(20_000, within(1e-6));
        assertThat(fit.perSessionError()).isCloseTo(0, within(1e-6));
        // 20,000 / (0.05 * 200) = 2,000 requests per session
        assertThat(fit.smallestWithin(0.05)).isEqualTo(2_000);
        assertThat(fit.beyondMeasured(0.05)).isTrue();
        assertThat(fit.smallestWithin(0.5)).isEqualTo(200);
        assertThat(fit.beyondMeasured(0.5)).isFalse();
    }

    @Test
    void noisyCostsGiveRWithinItsUncertaintyAndTheUncertaintyGrowsWithTheNoise() {
        int inside = 0;
        for (long seed = 0; seed < 1000; seed++) {
            RotationFit fit = RotationFit.of(costs(200, 20_000, 0.03, seed, 10, 20, 50, 100, 500), 200 * (1 + 0.03 * new Random(~seed).nextGaussian()));
            assertThat(fit.hasError()).isTrue();
            if (Math.abs(fit.perSession() - 20_000) <= 2 * fit.perSessionError()) {
                inside++;
            }
        }
        // two standard errors would hold the true R 88% of the time (t with 4 degrees of freedom);
        // the weights come from the noisy costs themselves, which costs a few points
        assertThat(inside).isBetween(780, 950);
        RotationFit quiet = RotationFit.of(costs(200, 20_000, 0.01, 7, 10, 50, 500), 200);
        RotationFit loud = RotationFit.of(costs(200, 20_000, 0.10, 7, 10, 50, 500), 200);
        assertThat(loud.smallestWithinError(0.05)).isGreaterThan(quiet.smallestWithinError(0.05));
        assertThat(quiet.smallestWithin(0.05)).isBetween(1_800L, 2_200L);
    }

    @Test
    void oneRotatingPointFitsExactlyWithoutAnUncertainty() {
        RotationFit fit = RotationFit.of(Map.of(50, 300.0), 200);
        assertThat(fit.perSession()).isCloseTo(5_000, within(1e-6));
        assertThat(fit.hasError()).isFalse();
        assertThat(fit.smallestWithinError(0.05)).isNaN();
        assertThat(fit.smallestWithin(0.05)).isEqualTo(500);
    }

    @Test
    void rotationThatCostsNothingNeedsNoLength() {
        RotationFit fit = RotationFit.of(Map.of(10, 199.0, 50, 201.0, 500, 200.0), 200);
        assertThat(fit.perSession()).isLessThanOrEqualTo(0);
        assertThat(fit.smallestWithin(0.05)).isEqualTo(1);
    }

    /** A summary as a matrix cell's, through the reader's types. */
    private static RunSummary cell(String kind, Integer n, double client, Double server, double throughput) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        ObjectNode p = s.putObject("policy").put("kind", kind);
        if (kind.equals("rotating")) {
            p.put("maxRequests", n).putNull("maxAgeSeconds");
        }
        s.put("clientCpuMicrosPerRequest", client);
        if (server == null) {
            s.putNull("serverCpuMicrosPerRequest");
        } else {
            s.put("serverCpuMicrosPerRequest", server);
        }
        s.put("throughputPerSecond", throughput).put("concurrency", 4);
        try {
            return new ObjectMapper().treeToValue(s, RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theVerdictRecommendsAnNForEachSideAndHowSoonItRebalances() {
        // client: 100 + 4,000 / N (N = 800 for 5%); server: 200 + 20,000 / N (N = 2,000)
        List<RunSummary> cells = new ArrayList<>();
        cells.add(cell("one-shot", null, 5_000, 4_000.0, 60));
        for (int n : new int[] {10, 50, 500}) {
            cells.add(cell("rotating", n, 100 + 4_000.0 / n, 200 + 20_000.0 / n, 500));
        }
        cells.add(cell("pooled", null, 100, 200.0, 500));
        String v = RotationCost.of(cells).verdict("apache / basic");
        assertThat(v).startsWith("apache / basic: N = 2,000 (± 0) keeps server CPU within 5% of pooled (fit 200.0 + 20,000 / N us; "
                + "beyond the lengths measured, up to 500)");
        assertThat(v).contains("N = 800 (± 0) keeps client CPU within 5% of pooled (fit 100.0 + 4,000 / N us; beyond the lengths measured");
        // 2,000 requests per session, 4 sessions sharing 500 requests/s: each lives 16 s
        assertThat(v).contains("at 500 requests/s over 4 sessions, N = 2,000 means a new server gets its share within about 16 s");
        assertThat(v).contains("one-shot costs 30.0x pooled")
                .contains("the advised N = 50 costs +160.0% over pooled (95% interval +160.0% to +160.0%)").endsWith("(client + server CPU).");
    }

    @Test
    void withoutTheServersCpuTheVerdictSaysSoAndRecommendsOnTheClientAlone() {
        List<RunSummary> cells = List.of(cell("rotating", 10, 500, null, 1000), cell("rotating", 100, 140, null, 1000),
                cell("pooled", null, 100, null, 1000));
        String v = RotationCost.of(cells).verdict("okhttp / ltpa");
        assertThat(v).contains("server CPU not measured").contains("N = 800 (± 0) keeps client CPU within 5% of pooled")
                .contains("over 4 sessions, N = 800 means a new server gets its share within about 3.2 s")
                .endsWith("(client CPU only: the server does not report its CPU).");
    }

    @Test
    void anAdvisedNWhoseIntervalHoldsZeroIsNoMeasurableDifferenceNeverASaving() {
        // the rotating cells scatter around pooled on both sides, as two runs minutes apart do: one of them reads cheaper than pooled
        List<RunSummary> cells = new ArrayList<>();
        cells.add(cell("rotating", 10, 104, 212.0, 500));
        cells.add(cell("rotating", 50, 93, 181.0, 500));
        cells.add(cell("rotating", 500, 101, 205.0, 500));
        cells.add(cell("pooled", null, 100, 200.0, 500));
        String v = RotationCost.of(cells).verdict("apache / basic");
        assertThat(v).containsPattern("the advised N = 50 shows no measurable difference from pooled \\(95% interval -[0-9.]+% to \\+[0-9.]+%\\)")
                .doesNotContain("costs -").doesNotContain("; ;");
        // measured alone, the N = 50 cell read 8.7% cheaper than pooled: that is noise, not a saving
        assertThat((93 + 181.0) / 300 - 1).isLessThan(-0.08);
    }

    @Test
    void anAdvisedNFromOneRotatingCellSaysItHasNoInterval() {
        String v = RotationCost.of(List.of(cell("rotating", 50, 180, 300.0, 500), cell("pooled", null, 100, 200.0, 500)))
                .verdict("okhttp / ltpa");
        assertThat(v).contains("the advised N = 50 costs +60.0% over pooled (one rotating cell: no interval)");
    }

    @Test
    void anNWhoseIntervalIsWiderThanItselfIsNotAFindingAndTheVerdictSaysHowLongARunWouldDecide() {
        // server: a per-session cost lost in the noise (the rotating cells scatter around pooled)
        List<RunSummary> cells = new ArrayList<>();
        cells.add(cell("one-shot", null, 5_000, 4_000.0, 60));
        cells.add(cell("rotating", 10, 100 + 4_000.0 / 10, 215.0, 500));
        cells.add(cell("rotating", 50, 100 + 4_000.0 / 50, 190.0, 500));
        cells.add(cell("rotating", 500, 100 + 4_000.0 / 500, 225.0, 500));
        cells.add(cell("pooled", null, 100, 200.0, 500));
        String v = RotationCost.of(cells).verdict("apache / basic");
        assertThat(v).startsWith("apache / basic: the noise hides how many requests keep server CPU within 5% of pooled: the fit's N = ")
                .containsPattern("has an interval of ± [0-9,]+, wider than itself \\(fit [0-9.]+ \\+ [0-9,]+ / N us\\); a run about \\d+x as long "
                        + "would narrow it to half of N;")
                .doesNotContainPattern("N = [0-9,]+ \\(± [0-9,]+\\) keeps server CPU");
        // the client side is decided, and only it sets how soon a new server gets its share
        assertThat(v).contains("N = 800 (± 0) keeps client CPU within 5% of pooled")
                .contains("at 500 requests/s over 4 sessions, N = 800 means a new server gets its share within about 6.4 s");
    }
}
