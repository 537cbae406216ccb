package io.restcost.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two servers compared by shape: the mock and a real Liberty differ in every absolute figure
 * (compare, judging them as one server, calls 27 of them regressions), yet rotating every 50
 * costs them alike over pooled; what one-shot costs relative to pooled differs, and is said.
 */
class ShapeComparisonTest {

    @Test
    void theMockAndLibertyHaveTheSameShapeWhereEveryAbsoluteFigureDiffers() {
        List<ShapeComparison.Row> rows = ShapeComparison.compare(ResultsSchema.REPOSITORY.resolve("results/reference/mock"),
                ResultsSchema.REPOSITORY.resolve("results/reference/liberty"));
        assertThat(rows).hasSize(4);
        // Rotating every 50 costs both alike; one-shot's relative cost is where the servers differ.
        assertThat(rows).allSatisfy(r -> assertThat(r.words()).contains("rotating: no measurable difference")
                .containsPattern("one-shot costs the server [0-9.]+x \\([0-9.]+x to [0-9.]+x\\) pooled on A, [0-9.]+x \\([0-9.]+x to [0-9.]+x\\) on B"));
        // Each one-shot ratio lies inside its own interval, which the cells' seconds give.
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.oneShotA().ratio()).isBetween(r.oneShotA().low(), r.oneShotA().high());
            assertThat(r.oneShotB().ratio()).isBetween(r.oneShotB().low(), r.oneShotB().high());
        });
        assertThat(rows.get(0).words()).startsWith("apache / basic / resumption on: one-shot costs the server 15.7x (14.2x to 17.1x) "
                + "pooled on A, 9.8x (8.8x to 11.1x) on B")
                .contains("rotating every 50 costs +17.6% (+9.8 to +25.5) over pooled on A, +15.8% (+3.3 to +28.4) on B")
                .contains("one-shot costs B's server relatively less than A's (the intervals do not meet)")
                .doesNotContain("same shape");
    }

    @Test
    void aServerWhereRotationCostsClearlyMoreIsSaidSo() {
        // the same client; B's server pays three times A's per session
        RotationCost a = RotationCost.of(curve(2_000));
        RotationCost b = RotationCost.of(curve(6_000));
        ShapeComparison.OneShot none = ShapeComparison.OneShot.NONE;
        ShapeComparison.Row row = ShapeComparison.rows(Map.of("apache / ltpa", new ShapeComparison.Curve(a, none)),
                Map.of("apache / ltpa", new ShapeComparison.Curve(b, none))).get(0);
        assertThat(row.words()).contains("rotating costs B").contains("points more than A").doesNotContain("same shape");
    }

    /** Pooled, rotating 10, 50 and 500, and one-shot, client 100 + 1,000 / N and server 200 + R / N, a little noise. */
    private static List<RunSummary> curve(double serverPerSession) {
        List<RunSummary> cells = new ArrayList<>();
        double[] noise = {1.02, 0.98, 1.01};
        int i = 0;
        for (int n : new int[] {10, 50, 500}) {
            cells.add(cell("rotating", n, (100 + 1_000.0 / n) * noise[i], (200 + serverPerSession / n) * noise[i]));
            i++;
        }
        cells.add(cell("pooled", null, 100, 200));
        cells.add(cell("one-shot", null, 2_000, 4_000));
        return cells;
    }

    private static RunSummary cell(String kind, Integer n, double client, double server) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        ObjectNode p = s.putObject("policy").put("kind", kind);
        if (n != null) {
            p.put("maxRequests", n);
        }
        s.put("clientCpuMicrosPerRequest", client).put("serverCpuMicrosPerRequest", server).put("throughputPerSecond", 500).put("concurrency", 4);
        try {
            return new ObjectMapper().treeToValue(s, RunSummary.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
