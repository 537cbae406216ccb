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
 * (compare calls 27 of them regressions), yet rotating every 50 costs them alike over pooled.
 */
class ShapeComparisonTest {

    @Test
    void theMockAndLibertyHaveTheSameShapeWhereEveryAbsoluteFigureDiffers() {
        List<ShapeComparison.Row> rows = ShapeComparison.compare(ResultsSchema.REPOSITORY.resolve("results/reference/mock"),
                ResultsSchema.REPOSITORY.resolve("results/reference/liberty"));
        assertThat(rows).hasSize(4);
        assertThat(rows).allSatisfy(r -> assertThat(r.words()).contains("same shape: no measurable difference")
                .containsPattern("one-shot costs [0-9.]+x pooled on A, [0-9.]+x on B"));
        assertThat(rows.get(0).words()).startsWith("apache / basic / resumption on: one-shot costs 20.2x pooled on A, 15.7x on B; "
                + "rotating every 50 costs +17.6% (+9.8 to +25.5) over pooled on A, +15.8% (+3.3 to +28.4) on B");
    }

    @Test
    void aServerWhereRotationCostsClearlyMoreIsSaidSo() {
        // the same client; B's server pays three times A's per session
        RotationCost a = RotationCost.of(curve(2_000));
        RotationCost b = RotationCost.of(curve(6_000));
        ShapeComparison.Row row = ShapeComparison.rows(Map.of("apache / ltpa", a), Map.of("apache / ltpa", b)).get(0);
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
