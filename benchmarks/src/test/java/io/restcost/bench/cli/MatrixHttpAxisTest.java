package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.bench.results.MatrixIndex;
import io.restcost.bench.results.Results;
import io.restcost.bench.results.RunSummary;
import io.restcost.bench.testing.MockTarget;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code matrix --http 1.1,2}: an axis, where the HTTP/1.1-only engine (apache-dropin) sits out HTTP/2, and each cell speaks what it says. */
class MatrixHttpAxisTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    private static Cli matrix(Path dir, String engines, String http) {
        return Cli.run(target.args("matrix", "--client-warmup", "0s", "--engine", engines, "--auth", "basic", "--http", http,
                "--policy", "rotating:requests=5", "--policy", "rotating:requests=10", "--policy", "pooled", "-n", "40", "-c", "4", "--warmup", "0s", "-q",
                "--out", dir.toString()));
    }

    @Test
    void http2IsAnAxisOfTheEnginesThatSpeakIt() {
        Path dir = tmp.resolve("axis");
        Cli c = matrix(dir, "apache-dropin,apache,okhttp", "1.1,2");
        assertThat(c.exitCode()).as(c.err()).isZero();
        MatrixIndex index = Results.index(dir);
        assertThat(index.cells()).extracting(MatrixIndex.Cell::name).containsExactly(
                "rotating-5_apache-dropin_basic", "rotating-10_apache-dropin_basic", "pooled_apache-dropin_basic",
                "rotating-5_apache_basic", "rotating-10_apache_basic", "pooled_apache_basic",
                "rotating-5_apache_basic_h2", "rotating-10_apache_basic_h2", "pooled_apache_basic_h2",
                "rotating-5_okhttp_basic", "rotating-10_okhttp_basic", "pooled_okhttp_basic",
                "rotating-5_okhttp_basic_h2", "rotating-10_okhttp_basic_h2", "pooled_okhttp_basic_h2");
        for (String cell : List.of("rotating-10_okhttp_basic_h2", "pooled_okhttp_basic_h2", "rotating-10_apache_basic_h2",
                "pooled_apache_basic_h2")) {
            RunSummary s = Results.summary(dir.resolve(cell));
            assertThat(s.tls().applicationProtocol()).as(cell).isEqualTo("h2");
            assertThat(s.connectionsOpened()).as(cell).isEqualTo(s.server().connectionsAccepted());
        }
        assertThat(Results.summary(dir.resolve("pooled_okhttp_basic_h2")).connectionsOpened()).as("4 threads, one connection")
                .isEqualTo(1);
        assertThat(Results.summary(dir.resolve("pooled_apache_basic_h2")).connectionsOpened()).as("HttpClient 5 async too")
                .isEqualTo(1);
        assertThat(Results.summary(dir.resolve("pooled_okhttp_basic")).tls().applicationProtocol()).isEqualTo("http/1.1");
        // one verdict per engine, protocol and auth: HTTP/2's cells are a curve of their own
        java.io.StringWriter verdicts = new java.io.StringWriter();
        try (java.io.PrintWriter w = new java.io.PrintWriter(verdicts)) {
            io.restcost.bench.report.HtmlReport.printVerdicts(dir, w);
        }
        assertThat(verdicts.toString()).contains("  okhttp / basic / resumption on: ").contains("  okhttp HTTP/2 / basic / resumption on: ")
                .contains("  apache / basic / resumption on: ").contains("  apache HTTP/2 / basic / resumption on: ");
    }

    @Test
    void aMatrixWithNoEngineThatSpeaksHttp2SaysSo() {
        Cli c = matrix(tmp.resolve("none"), "apache-dropin", "2");
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err().strip()).doesNotContain("\n").contains("--http 2 needs --engine okhttp, apache or okhttp-dropin in the matrix");
    }

    @Test
    void runMeasuresOneHttpVersion() {
        Cli c = Cli.run(target.args("run", "--policy", "pooled", "--engine", "okhttp", "--http", "1.1,2", "-n", "10"));
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err().strip()).doesNotContain("\n").contains("--http 1.1,2: this command measures one HTTP version");
    }
}
