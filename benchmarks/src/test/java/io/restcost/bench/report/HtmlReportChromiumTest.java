package io.restcost.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.restcost.bench.cli.CliAccess;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.ExternalPrograms;
import io.restcost.bench.testing.MockTarget;
import io.restcost.bench.testing.RequiresProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports of a real run, a real matrix and a real balance run, opened from disk in headless Chromium (the
 * Debian package; .ci/run installs it and requires it): every chart renders and no script fails.
 */
@RequiresProgram("chromium")
class HtmlReportChromiumTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    @Test
    void runReportRendersItsThreeCharts() throws Exception {
        Path dir = tmp.resolve("run");
        int[] code = new int[1];
        String out = CliAccess.run(code, target.args("run", "--policy", "rotating:requests=10", "--auth", "basic",
                "-n", "300", "--warmup", "0s", "-q", "--out", dir.toString()));
        assertThat(code[0]).as(out).isZero();
        assertSelfContained(dir.resolve(RunFolder.REPORT));
        Rendered r = render(dir.resolve(RunFolder.REPORT));
        assertThat(r.errors).as(r.dom).isZero();
        // latency distribution, latency over time, throughput, and the server's CPU over time
        assertThat(r.charts).isEqualTo(4);
        assertThat(r.canvases).isGreaterThanOrEqualTo(4);
        assertThat(r.dom).contains("restcost run: ").contains("Server CPU over time").contains("Read from mock");

        // re-rendered by `restcost report`, from the files alone
        Files.delete(dir.resolve(RunFolder.REPORT));
        CliAccess.run(code, "report", dir.toString());
        assertThat(code[0]).isZero();
        assertThat(render(dir.resolve(RunFolder.REPORT)).charts).isEqualTo(4);
    }

    @Test
    void matrixReportRendersItsChartsAndStatesTheCheapestRotation() throws Exception {
        Path dir = tmp.resolve("matrix");
        int[] code = new int[1];
        String out = CliAccess.run(code, target.args("matrix", "--client-warmup", "1s",
                "--policy", "one-shot", "--policy", "rotating:requests=10", "--policy", "rotating:requests=50", "--policy", "pooled",
                "--engine", "apache", "--auth", "basic", "-n", "200", "--warmup", "0s", "-q", "--out", dir.toString()));
        assertThat(code[0]).as(out).isZero();
        assertSelfContained(dir.resolve(RunFolder.REPORT));
        Rendered r = render(dir.resolve(RunFolder.REPORT));
        assertThat(r.errors).as(r.dom).isZero();
        // throughput, client CPU, server CPU, cost against N, percentile distribution
        assertThat(r.charts).isEqualTo(5);
        assertThat(r.dom).contains("apache / basic / resumption on: ").contains("within 5% of pooled");
        // It opens with its answer, as advise's does, and names the server (the mock sends no Server header, as mqweb).
        assertThat(r.dom).contains("restcost matrix: " + java.net.URI.create(target.url()).getAuthority());
        Matcher bottom = Pattern.compile("data-answer-bottom=\"(\\d+)\"").matcher(r.dom);
        assertThat(bottom.find()).isTrue();
        assertThat(Integer.parseInt(bottom.group(1))).as("the answer's bottom edge, in pixels from the top").isBetween(100, 800);
        for (String cell : new String[] {"one-shot_apache_basic", "rotating-10_apache_basic", "pooled_apache_basic"}) {
            assertThat(render(dir.resolve(cell).resolve(RunFolder.REPORT)).charts).as(cell).isEqualTo(4);
        }
    }

    /** advise's report opens with its answer, whole, on the first screen (1280 x 800), and names the server. */
    @Test
    void adviceReportLeadsWithTheAnswerOnTheFirstScreen() throws Exception {
        Path dir = tmp.resolve("advise");
        int[] code = new int[1];
        String out = CliAccess.run(code, target.args("advise", "--slice", "1s", "--idle", "1s", "--time-limit", "12s", "--lengths", "10,50",
                "--rate", "one-shot=20,rotating=100,pooled=100", "--auth", "basic", "--server-name", "the test mock", "-q",
                "--out", dir.toString()));
        assertThat(code[0]).as(out).isIn(0, 1);
        assertSelfContained(dir.resolve(RunFolder.REPORT));
        Rendered r = render(dir.resolve(RunFolder.REPORT));
        assertThat(r.errors).as(r.dom).isZero();
        assertThat(r.charts).isEqualTo(1);
        assertThat(r.dom).contains("restcost advise: the test mock").contains("one-shot costs the server");
        Matcher bottom = Pattern.compile("data-answer-bottom=\"(\\d+)\"").matcher(r.dom);
        assertThat(bottom.find()).as(r.dom.substring(0, Math.min(2000, r.dom.length()))).isTrue();
        assertThat(Integer.parseInt(bottom.group(1))).as("the answer's bottom edge, in pixels from the top").isBetween(100, 800);
    }

    @Test
    void balanceReportRendersAShareChartPerPolicy() throws Exception {
        Path dir = tmp.resolve("balance");
        int[] code = new int[1];
        String out = CliAccess.run(code, "balance", "--policy", "rotating:requests=20", "--policy", "pooled", "--duration", "9s",
                "--rate", "50", "-c", "2", "-q", "--out", dir.toString());
        assertThat(code[0]).as(out).isZero();
        assertSelfContained(dir.resolve(RunFolder.REPORT));
        Rendered r = render(dir.resolve(RunFolder.REPORT));
        assertThat(r.errors).as(r.dom).isZero();
        assertThat(r.charts).isEqualTo(2);
        assertThat(r.dom).contains("restcost balance").contains("Share of the requests per second: rotating")
                .contains("client resolver, round-robin").contains("errors after the removal");
    }

    @Test
    void mergedReportRendersItsChartsAndARowPerRunner() throws Exception {
        int[] code = new int[1];
        for (int i = 0; i < 2; i++) {
            String out = CliAccess.run(code, target.args("run", "--policy", "rotating:requests=10", "--auth", "basic", "-n", "200",
                    "--warmup", "0s", "--runner-index", Integer.toString(i), "--server-cpu-runner", "0", "-q", "--out",
                    tmp.resolve("runner-" + i).toString()));
            assertThat(code[0]).as(out).isZero();
        }
        // one after the other here, so their starts are seconds apart: the tolerance is widened
        String out = CliAccess.run(code, "merge", "--max-spread", "5m", tmp.resolve("merged").toString(),
                tmp.resolve("runner-0").toString(), tmp.resolve("runner-1").toString());
        assertThat(code[0]).as(out).isZero();
        Rendered r = render(tmp.resolve("merged").resolve(RunFolder.REPORT));
        assertThat(r.errors).as(r.dom).isZero();
        assertThat(r.charts).isGreaterThanOrEqualTo(3);
        assertThat(r.dom).contains("Merged from 2 runners").contains("read server CPU").contains("never averaged");
    }

    /** Opens offline: no script, style or image is fetched from anywhere. */
    private static void assertSelfContained(Path report) throws IOException {
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=")
                .contains("uPlot").doesNotContain("/*DATA*/").doesNotContain("/*UPLOT_JS*/");
    }

    private record Rendered(int charts, int errors, int canvases, String dom) {
    }

    private static Rendered render(Path report) throws IOException, InterruptedException {
        String chromium = ExternalPrograms.path("chromium").toString();
        Path profile = Files.createTempDirectory(tmp, "chromium");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,800", "--virtual-time-budget=5000", "--dump-dom", report.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish rendering " + report);
        }
        Matcher body = Pattern.compile("<body data-charts=\"(\\d+)\" data-errors=\"(\\d+)\"").matcher(dom);
        if (!body.find()) {
            fail("the report's script did not finish (no data-charts on <body>): " + dom.substring(0, Math.min(2000, dom.length())));
        }
        int canvases = dom.split("<canvas", -1).length - 1;
        return new Rendered(Integer.parseInt(body.group(1)), Integer.parseInt(body.group(2)), canvases, dom);
    }
}
