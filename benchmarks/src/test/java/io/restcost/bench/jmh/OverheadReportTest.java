package io.restcost.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverheadReportTest {

    private static String cell(String client, String engine, String rawData, double score, double alloc) {
        return "{\"benchmark\":\"io.restcost.bench.jmh.ClientOverheadBenchmark.request\","
                + "\"params\":{\"client\":\"" + client + "\",\"engine\":\"" + engine + "\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":10.0,\"rawData\":" + rawData + "},"
                + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":" + alloc + "}}}";
    }

    @Test
    void readsEveryIterationOfEveryForkAndTheAllocation(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("r.json"), "["
                + cell("restcost", "apache", "[[90,100,110],[95,105,1000]]", 250, 10_300) + ","
                + cell("raw", "apache", "[[100,100],[100,100]]", 100, 10_200) + "]");
        Map<String, Map<String, OverheadReport.Cell>> cells = OverheadReport.read(json);
        OverheadReport.Cell restcost = cells.get("apache").get("restcost");
        assertThat(restcost.iterations()).containsExactly(90, 100, 110, 95, 105, 1000);
        // The median shrugs off the one wild iteration that drags the mean.
        assertThat(restcost.median()).isEqualTo(102.5);
        assertThat(restcost.mean()).isEqualTo(250);
        assertThat(restcost.allocPerOp() - cells.get("apache").get("raw").allocPerOp()).isEqualTo(100);
    }
}
