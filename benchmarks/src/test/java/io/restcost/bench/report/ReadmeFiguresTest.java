package io.restcost.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.restcost.bench.results.Results;
import io.restcost.bench.results.ResultsSchema;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The figures the README and docs/ quote are the ones restcost computes today from the
 * committed results they name, so that a change to the verdict or a new reference run cannot
 * leave a stale number behind.
 */
class ReadmeFiguresTest {

    private static final Path REPO = ResultsSchema.REPOSITORY;

    private static List<String> verdicts(String matrix) {
        StringWriter out = new StringWriter();
        try (PrintWriter w = new PrintWriter(out)) {
            HtmlReport.printVerdicts(REPO.resolve("results/reference").resolve(matrix), w);
        }
        return out.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static List<Double> all(Pattern p, List<String> lines) {
        List<Double> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = p.matcher(l);
            assertThat(m.find()).as("%s in: %s", p, l).isTrue();
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    private static String oneSpaced(Path file) throws IOException {
        return Files.readString(file).replaceAll("\\s+", " ");
    }

    @Test
    void theReadmesVerdictAndRangesAreWhatTheReferenceRunsGiveToday() throws IOException {
        List<String> mock = verdicts("mock");
        List<String> liberty = verdicts("liberty");
        assertThat(mock).hasSize(4);
        assertThat(liberty).hasSize(4);
        String readme = oneSpaced(REPO.resolve("README.md"));
        assertThat(readme).as("the README's sample verdict, as the report computes it today").contains(mock.get(0));

        List<String> both = new ArrayList<>(mock);
        both.addAll(liberty);
        List<Double> oneShot = all(Pattern.compile("one-shot costs ([0-9.]+)x pooled"), both);
        String oneShotRange = String.format(Locale.ROOT, "%d to %d times", (long) Math.floor(min(oneShot)), (long) Math.ceil(max(oneShot)));
        assertThat(readme).contains(oneShotRange);

        Pattern advised = Pattern.compile("the advised N = 50 costs \\+([0-9.]+)% over pooled \\(95% interval \\+([0-9.]+)% to");
        List<Double> extra = all(advised, both);
        List<Double> low = new ArrayList<>();
        for (String l : both) {
            Matcher m = advised.matcher(l);
            assertThat(m.find()).isTrue();
            low.add(Double.parseDouble(m.group(2)));
        }
        assertThat(low).as("each interval above zero, as the README says").allMatch(v -> v > 0);
        assertThat(readme).contains(String.format(Locale.ROOT, "cost %d%% to %d%% more", (long) Math.floor(min(extra)),
                (long) Math.ceil(max(extra))));
    }

    /**
     * The README's advise answer is what today's judge says from the slices kept in
     * {@code results/reference/advise-mock/advice.json}, word for word.
     */
    @Test
    void theReadmesAdviseAnswerIsWhatTodaysJudgeSaysFromTheReferenceSlices() throws IOException {
        Path dir = REPO.resolve("results/reference/advise-mock");
        io.restcost.bench.advise.Advice kept = io.restcost.bench.results.Results.read(dir, "advice.json",
                io.restcost.bench.advise.Advice.class);
        io.restcost.bench.advise.Advice today = io.restcost.bench.advise.AdviceJudge.again(kept);
        assertThat(today.recommendation()).isEqualTo(kept.recommendation());
        String readme = oneSpaced(REPO.resolve("README.md"));
        for (String start : List.of("reuse connections:", "  rotating every 20:", "  rotating every 50:", "  rotating every 200:", "answer:")) {
            String line = today.words().stream().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(start));
            assertThat(readme).as("the README quotes: %s", line).contains(line.strip().replaceAll("\\s+", " "));
        }
    }

    @Test
    void libertysCpuReadTwoWaysIsQuotedAsTheReferenceFileHoldsIt() throws IOException {
        JsonNode check = RunFolder.JSON.readTree(REPO.resolve("results/reference/liberty/server-cpu-check.json").toFile());
        String quoted = String.format(Locale.ROOT, "%,d against %,d ms in the reference run", check.get("procCpuMillis").asLong(),
                check.get("metricsCpuMillis").asLong());
        assertThat(oneSpaced(REPO.resolve("docs/liberty.md"))).contains(quoted);
    }

    /**
     * docs/liberty.md's tables of the mock against Liberty, cell by cell: each server's CPU per
     * request, their ratio and the client's CPU on each are the reference summaries' own.
     */
    @Test
    void docsLibertyTablesAreTheReferenceCellsFigures() throws IOException {
        Pattern row = Pattern.compile("^\\| (one-shot|rotating-\\d+|pooled), (apache|okhttp), (basic|ltpa|cert) \\| (\\d+) \\| ([\\d,]+) \\| "
                + "([\\d,]+) \\| ([\\d.]+) \\| ([\\d,]+) \\| ([\\d,]+) \\|$");
        int checked = 0;
        for (String line : Files.readAllLines(REPO.resolve("docs/liberty.md"))) {
            Matcher m = row.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String cell = m.group(1) + "_" + m.group(2) + "_" + m.group(3);
            String suffix = m.group(3).equals("cert") ? "-cert" : "";
            RunSummary mock = Results.summary(REPO.resolve("results/reference/mock" + suffix).resolve(cell));
            RunSummary liberty = Results.summary(REPO.resolve("results/reference/liberty" + suffix).resolve(cell));
            String expected = String.format(Locale.ROOT, "| %s, %s, %s | %d | %,d | %,d | %.2f | %,d | %,d |", m.group(1), m.group(2), m.group(3),
                    Math.round(liberty.rate()), Math.round(mock.serverCpuMicrosPerRequest()), Math.round(liberty.serverCpuMicrosPerRequest()),
                    mock.serverCpuMicrosPerRequest() / liberty.serverCpuMicrosPerRequest(), Math.round(mock.clientCpuMicrosPerRequest()),
                    Math.round(liberty.clientCpuMicrosPerRequest()));
            assertThat(line).as("docs/liberty.md's row for %s", cell).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).as("rows checked in docs/liberty.md").isGreaterThanOrEqualTo(20);
    }

    /**
     * The README's HTTP/2 table, row by row: each server's CPU per request on HTTP/1.1 and on
     * HTTP/2, and the connections each opened, are the reference summaries' own.
     */
    @Test
    void theReadmesHttp2TableIsTheReferenceCellsFigures() throws IOException {
        Pattern row = Pattern.compile("^\\| (one-shot|rotating every \\d+|pooled) \\| (\\d+) \\| ([\\d,]+) \\| ([\\d,]+) \\| "
                + "([\\d,]+) \\| ([\\d,]+) \\| ([\\d,]+) / ([\\d,]+) \\|$");
        int checked = 0;
        for (String line : Files.readAllLines(REPO.resolve("README.md"))) {
            Matcher m = row.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String policy = m.group(1).replace("rotating every ", "rotating-");
            String cell = policy + "_okhttp_ltpa";
            RunSummary mock1 = Results.summary(REPO.resolve("results/reference/h2-mock").resolve(cell));
            RunSummary mock2 = Results.summary(REPO.resolve("results/reference/h2-mock").resolve(cell + "_h2"));
            RunSummary lib1 = Results.summary(REPO.resolve("results/reference/h2-liberty").resolve(cell));
            RunSummary lib2 = Results.summary(REPO.resolve("results/reference/h2-liberty").resolve(cell + "_h2"));
            String expected = String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %,d | %,d | %,d / %,d |", m.group(1), Math.round(mock1.rate()),
                    Math.round(mock1.serverCpuMicrosPerRequest()), Math.round(mock2.serverCpuMicrosPerRequest()),
                    Math.round(lib1.serverCpuMicrosPerRequest()), Math.round(lib2.serverCpuMicrosPerRequest()),
                    lib1.connectionsOpened(), lib2.connectionsOpened());
            assertThat(line).as("the README's HTTP/2 row for %s", cell).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).as("rows checked in the README's HTTP/2 table").isGreaterThanOrEqualTo(3);
        java.io.StringWriter verdicts = new java.io.StringWriter();
        try (java.io.PrintWriter w = new java.io.PrintWriter(verdicts)) {
            HtmlReport.printVerdicts(REPO.resolve("results/reference/h2-liberty"), w);
        }
        Matcher advised = Pattern.compile("okhttp HTTP/2 / ltpa .*(cost \\+[0-9.]+% over pooled \\(95% interval \\+[0-9.]+% to \\+[0-9.]+%\\))")
                .matcher(verdicts.toString().replace("costs +", "cost +"));
        assertThat(advised.find()).as("Liberty's HTTP/2 verdict: %s", verdicts).isTrue();
        assertThat(oneSpaced(REPO.resolve("README.md"))).as("the README quotes Liberty's HTTP/2 verdict").contains(advised.group(1));
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
