package io.restcost.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.bench.cli.CliAccess;
import io.restcost.bench.results.RunFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path tmp;

    @Test
    void twoSamplesOfTheSameServerAreWithinNoise() throws Exception {
        Path a = SyntheticRuns.write(tmp.resolve("a"), 1_000, 2_000, 50.0, 1);
        Path b = SyntheticRuns.write(tmp.resolve("b"), 1_000, 2_000, 50.5, 2);
        List<Comparison.Row> rows = Comparison.compare(a, b, 0.05);
        assertThat(rows).noneMatch(Comparison.Row::regression);
        Comparison.Row p50 = row(rows, "latency p50 us");
        assertThat(p50.hasNoiseEstimate()).isTrue();
        assertThat(p50.noiseLow()).isNegative();
        assertThat(p50.noiseHigh()).isPositive();
        int[] code = new int[1];
        String out = CliAccess.run(code, "compare", a.toString(), b.toString());
        assertThat(code[0]).as(out).isZero();
        assertThat(out).contains("0 regression(s)").contains("within noise");
    }

    @Test
    void aSlowerRunIsARegressionAndExitsOne() throws Exception {
        Path a = SyntheticRuns.write(tmp.resolve("fast"), 1_000, 2_000, 50.0, 1);
        Path b = SyntheticRuns.write(tmp.resolve("slow"), 1_300, 1_500, 70.0, 2);
        List<Comparison.Row> rows = Comparison.compare(a, b, 0.05);
        assertThat(row(rows, "latency p50 us").regression()).isTrue();
        assertThat(row(rows, "latency p50 us").change()).isCloseTo(0.30, org.assertj.core.data.Offset.offset(0.03));
        assertThat(row(rows, "throughput/s").regression()).isTrue();
        assertThat(row(rows, "client CPU us/request").regression()).isTrue();
        assertThat(row(rows, "server CPU us/request").regression()).isFalse();
        assertThat(row(rows, "connections per 1,000 requests").regression()).isFalse();
        int[] code = new int[1];
        String out = CliAccess.run(code, "compare", a.toString(), b.toString(), "--threshold", "5%");
        assertThat(code[0]).as(out).isEqualTo(1);
        assertThat(out).contains("REGRESSION");
        // the other way round it is an improvement
        assertThat(CliAccess.run(code, "compare", b.toString(), a.toString())).contains("better");
        assertThat(code[0]).isZero();
        // a threshold wider than the change: no regression
        CliAccess.run(code, "compare", a.toString(), b.toString(), "--threshold", "60%");
        assertThat(code[0]).isZero();
    }

    /** A 30 s run and a 6 s run of the same policy: fewer connections in total, the same per request. */
    @Test
    void countsAreComparedPerThousandRequestsNotAsTotals() throws Exception {
        Path longer = SyntheticRuns.write(tmp.resolve("30s"), 1_000, 2_000, 50.0, 1, 30);
        Path shorter = SyntheticRuns.write(tmp.resolve("6s"), 1_000, 2_000, 50.0, 2, 6);
        java.util.List<Comparison.Row> rows = Comparison.compare(longer, shorter, 0.05);
        Comparison.Row connections = rows.stream().filter(r -> r.figure().equals("connections per 1,000 requests")).findFirst().orElseThrow();
        assertThat(connections.a()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(connections.change()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(rows).filteredOn(r -> r.figure().startsWith("logins")).singleElement()
                .satisfies(r -> assertThat(r.change()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.01)));
        assertThat(rows).noneMatch(Comparison.Row::regression);
    }

    @Test
    void theServersCpuHasANoiseIntervalAndAChangeInsideItIsNoRegression() throws Exception {
        Path a = SyntheticRuns.write(tmp.resolve("a"), 1_000, 2_000, 50.0, 1);
        Path b = SyntheticRuns.write(tmp.resolve("b"), 1_000, 2_000, 50.0, 2);
        Path c = SyntheticRuns.write(tmp.resolve("c"), 1_000, 2_000, 50.0, 3);
        // one server, a second's CPU moving by up to 40% (this machine's drift): B reads 6% dearer, within its noise
        SyntheticRuns.withServerCpu(a, 200, 0.4, 11);
        SyntheticRuns.withServerCpu(b, 212, 0.4, 12);
        // a real change: 40% dearer
        SyntheticRuns.withServerCpu(c, 280, 0.4, 13);
        Comparison.Row same = row(Comparison.compare(a, b, 0.05), "server CPU us/request");
        assertThat(same.hasNoiseEstimate()).isTrue();
        assertThat(same.change()).isGreaterThan(0.05);
        assertThat(same.noiseLow()).isNegative();
        assertThat(same.regression()).isFalse();
        assertThat(Comparison.format(List.of(same), 0.05)).contains("same (within noise)");
        Comparison.Row dearer = row(Comparison.compare(a, c, 0.05), "server CPU us/request");
        assertThat(dearer.noiseLow()).isPositive();
        assertThat(dearer.regression()).isTrue();
    }

    /** Two targets are two servers: a slower one is not a regression, its figures are only hardware. */
    @Test
    void runsOfTwoServersAreNotJudgedAsRegressionsUnlessAskedTo() throws Exception {
        Path a = SyntheticRuns.write(tmp.resolve("fast"), 1_000, 2_000, 50.0, 1);
        Path b = SyntheticRuns.write(tmp.resolve("slow"), 1_300, 1_500, 70.0, 2);
        SyntheticRuns.withTarget(a, "https://mq1.example:9443");
        SyntheticRuns.withTarget(b, "https://mq2.example:9443");
        int[] code = new int[1];
        String out = CliAccess.run(code, "compare", a.toString(), b.toString());
        assertThat(code[0]).as(out).isZero();
        assertThat(out).contains("A ran against https://mq1.example:9443 and B against https://mq2.example:9443: two servers")
                .contains("hardware-dependent").doesNotContain("REGRESSION").doesNotContain("worse");
        out = CliAccess.run(code, "compare", a.toString(), b.toString(), "--same-server");
        assertThat(code[0]).as(out).isEqualTo(1);
        assertThat(out).contains("REGRESSION");
    }

    @Test
    void theClientsCpuHasANoiseIntervalToo() throws Exception {
        Path a = SyntheticRuns.write(tmp.resolve("a"), 1_000, 2_000, 50.0, 1);
        Path b = SyntheticRuns.write(tmp.resolve("b"), 1_000, 2_000, 50.0, 2);
        Path c = SyntheticRuns.write(tmp.resolve("c"), 1_000, 2_000, 50.0, 3);
        SyntheticRuns.withClientCpu(a, 100, 0.4, 21);
        SyntheticRuns.withClientCpu(b, 106, 0.4, 22);
        SyntheticRuns.withClientCpu(c, 140, 0.4, 23);
        Comparison.Row same = row(Comparison.compare(a, b, 0.05), "client CPU us/request");
        assertThat(same.hasNoiseEstimate()).isTrue();
        assertThat(same.change()).isGreaterThan(0.05);
        assertThat(same.regression()).isFalse();
        assertThat(Comparison.format(List.of(same), 0.05)).contains("same (within noise)");
        Comparison.Row dearer = row(Comparison.compare(a, c, 0.05), "client CPU us/request");
        assertThat(dearer.noiseLow()).isPositive();
        assertThat(dearer.regression()).isTrue();
    }

    @Test
    void aCountThatMovesByARoundingIsTheSameAndNoCountIsBetterOrWorse() {
        Comparison.Row rounding = new Comparison.Row("", "connections per 1,000 requests", 100.0, 100.05, 0.0005, Double.NaN, Double.NaN,
                false, false, false, 0.05);
        // 41 against 42 connections in 20,000 requests: one connection more is not a change.
        Comparison.Row oneMore = new Comparison.Row("", "connections per 1,000 requests", 2.05, 2.10, 0.024, Double.NaN, Double.NaN,
                false, false, false, 0.05);
        Comparison.Row twoMore = new Comparison.Row("", "connections per 1,000 requests", 2.05, 2.15, 0.049, Double.NaN, Double.NaN,
                false, false, false, 0.05);
        Comparison.Row more = new Comparison.Row("", "connections per 1,000 requests", 20.0, 100.0, 4.0, Double.NaN, Double.NaN,
                false, false, false, 0.05);
        String table = Comparison.format(List.of(rounding, oneMore, twoMore, more), 0.05);
        assertThat(table.lines().skip(1).toList()).satisfiesExactly(
                l -> assertThat(l).endsWith("same").doesNotContain("worse"),
                l -> assertThat(l).endsWith("same (within one event)"),
                l -> assertThat(l).endsWith("higher"),
                l -> assertThat(l).endsWith("higher").doesNotContain("worse"));
    }

    @Test
    void badInputExitsTwo() throws Exception {
        Path a = SyntheticRuns.write(tmp.resolve("a"), 1_000, 2_000, 50.0, 1);
        int[] code = new int[1];
        String err = CliAccess.run(code, "compare", a.toString(), a.toString(), "--threshold", "lots");
        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("--threshold lots is not a percentage");
        err = CliAccess.run(code, "compare", a.toString(), tmp.resolve("missing").toString());
        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("is not a restcost run or matrix folder");
        Path matrix = tmp.resolve("m");
        java.nio.file.Files.createDirectories(matrix);
        RunFolder.writeJson(matrix.resolve(RunFolder.INDEX), java.util.Map.of("cells", List.of()));
        err = CliAccess.run(code, "compare", a.toString(), matrix.toString());
        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("cannot compare a run");
    }

    private static Comparison.Row row(List<Comparison.Row> rows, String figure) {
        return rows.stream().filter(r -> r.figure().equals(figure)).findFirst().orElseThrow();
    }
}
