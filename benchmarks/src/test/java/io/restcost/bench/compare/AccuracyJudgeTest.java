package io.restcost.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.restcost.bench.results.Results;
import io.restcost.bench.results.ResultsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accuracy script's judging, in Java: from the committed short run
 * ({@code results/reference/accuracy-short}, written by {@code accuracy-vs-ab-wrk.sh 2 4}) it
 * prints the table the script printed before its judging moved here (kept beside it), and a
 * changed bill moves the verdict.
 */
class AccuracyJudgeTest {

    private static final Path REFERENCE = ResultsSchema.REPOSITORY.resolve("results/reference");
    private static final Path SHORT = REFERENCE.resolve("accuracy-short");

    @Test
    void theCommittedShortRunJudgesAsItsReferenceTable() throws IOException {
        CalibrationJudge.Verdict v = AccuracyJudge.judge(ServerBill.read(SHORT));
        assertThat(v.table()).isEqualTo(Files.readString(REFERENCE.resolve("judge-accuracy-short.txt")));
        assertThat(v.table()).contains("medians over 2 rounds");
    }

    /**
     * The script judged in bash (awk medians and ratios of figures it had rounded) before its
     * judging moved here; run once more as it was, it printed {@code accuracy-short.txt} from the
     * very measurements kept in {@code accuracy-short/}. Every figure of its table and verdicts
     * agrees with the Java judge's within that rounding.
     */
    @Test
    void theJavaJudgeAgreesWithTheBashJudgingItReplacedOnTheSameMeasurements() throws IOException {
        List<String> bash = Files.readAllLines(REFERENCE.resolve("accuracy-short.txt"));
        String java = AccuracyJudge.judge(ServerBill.read(SHORT)).table();
        int compared = 0;
        for (String line : bash) {
            String label = label(line);
            if (label == null) {
                continue;
            }
            String mine = java.lines().filter(l -> label.equals(label(l))).findFirst().orElseThrow(() -> new AssertionError(label));
            double[] theirs = numbers(line);
            double[] ours = numbers(mine);
            assertThat(ours).as(label).hasSameSizeAs(theirs);
            for (int i = 0; i < theirs.length; i++) {
                assertThat(ours[i]).as("%s, figure %d", label, i + 1).isCloseTo(theirs[i], within(0.11 + 0.002 * Math.abs(theirs[i])));
            }
            compared++;
        }
        assertThat(compared).isEqualTo(8 + 4 + 2 + 2);
    }

    /** A table row's label (its first 34 characters) or a verdict's (up to its colon); null for other lines. */
    private static String label(String line) {
        if (line.startsWith("hey beside hey") || line.startsWith("restcost ")) {
            return line.substring(0, 34).strip();
        }
        if (line.startsWith("one-shot ") || line.startsWith("pooled ") || line.startsWith("load generator ")) {
            return line.substring(0, line.indexOf(':') + 1);
        }
        return null;
    }

    private static double[] numbers(String line) {
        return java.util.regex.Pattern.compile("[-+]?\\d+(?:\\.\\d+)?").matcher(line.substring(line.indexOf(label(line)) + label(line).length())).results()
                .mapToDouble(r -> Double.parseDouble(r.group())).toArray();
    }

    @Test
    void nginxsCpuPerRequestIsItsTicksOverTheRequestsItLogged() {
        ServerBill bill = ServerBill.read(SHORT);
        ServerBill.Row r = bill.row("os-apache-jdk", 1);
        double tickMicros = 1_000_000.0 / Double.parseDouble(bill.setting("clkTck", "?"));
        assertThat(bill.microsPerRequest(r)).isCloseTo(r.ticks() * tickMicros / r.served(), within(1e-9));
        assertThat(bill.rate(r)).isEqualTo(Results.summary(SHORT.resolve("os-apache-jdk-1")).throughputPerSecond());
    }

    @Test
    void aDearerRestcostOneShotMissesItsTarget(@TempDir Path tmp) throws IOException {
        Path copy = copy(tmp);
        // restcost one-shot Apache/JDK's bill up by 40% in every round: nginx's CPU per request against hey's moves out of 15%
        rewrite(copy, "os-apache-jdk", cols -> cols[4] = String.valueOf(Math.round(Long.parseLong(cols[4]) * 1.4)));
        CalibrationJudge.Verdict before = AccuracyJudge.judge(ServerBill.read(SHORT));
        CalibrationJudge.Verdict after = AccuracyJudge.judge(ServerBill.read(copy));
        assertThat(lineOf(after.table(), "one-shot apache/jdk:")).contains("MISSED");
        assertThat(lineOf(before.table(), "one-shot apache/jdk:")).doesNotContain("MISSED");
        assertThat(after.missed()).isGreaterThan(before.missed());
        assertThat(after.table()).endsWith(after.missed() + " target(s) missed\n");
    }

    @Test
    void pooledIsJudgedAgainstTheMeanOfTheWrkRunsBeforeAndAfterIt(@TempDir Path tmp) throws IOException {
        Path copy = copy(tmp);
        rewrite(copy, "wrk-okhttp", cols -> cols[7] = "rate:1000");
        rewrite(copy, "wrk-okhttp-after-jdk", cols -> cols[7] = "rate:3000");
        ServerBill bill = ServerBill.read(copy);
        double pooled1 = bill.rate(bill.row("max-ka-okhttp-jdk", 1));
        double pooled2 = bill.rate(bill.row("max-ka-okhttp-jdk", 2));
        String line = lineOf(AccuracyJudge.judge(bill).table(), "load generator okhttp:");
        assertThat(line).contains("against wrk's 2000.0/s").contains(String.format(java.util.Locale.ROOT, "(rounds: %.3f %.3f;",
                pooled1 / 2000, pooled2 / 2000));
    }

    @Test
    void aRowOfTheWrongShapeIsNamedByItsLine(@TempDir Path tmp) throws IOException {
        Path copy = copy(tmp);
        Files.writeString(copy.resolve(ServerBill.FILE), "# header\n1 hey restcost 50 12\n");
        assertThatThrownBy(() -> ServerBill.read(copy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(copy.resolve(ServerBill.FILE) + ":2: 5 columns, not 8 (round name peer asked ticks served wakeups client)");
        assertThatThrownBy(() -> ServerBill.read(tmp.resolve("none"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("does not exist (give the folder a measuring script wrote, with measurements.tsv and settings.properties)");
    }

    @Test
    void aRunMissingFromARoundIsNamed(@TempDir Path tmp) throws IOException {
        Path copy = copy(tmp);
        List<String> lines = Files.readAllLines(copy.resolve(ServerBill.FILE)).stream()
                .filter(l -> !l.startsWith("2\twrk-apache-after-conscrypt\t")).toList();
        Files.write(copy.resolve(ServerBill.FILE), lines);
        assertThatThrownBy(() -> AccuracyJudge.judge(ServerBill.read(copy))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(copy.resolve(ServerBill.FILE) + ": no run wrk-apache-after-conscrypt in round 2 (was the script stopped early?)");
    }

    private static String lineOf(String table, String start) {
        return table.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
    }

    private static Path copy(Path tmp) throws IOException {
        Path copy = tmp.resolve("short");
        try (Stream<Path> files = Files.walk(SHORT)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(SHORT.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return copy;
    }

    private static void rewrite(Path folder, String name, java.util.function.Consumer<String[]> change) throws IOException {
        Path file = folder.resolve(ServerBill.FILE);
        List<String> lines = Files.readAllLines(file).stream().map(l -> {
            String[] cols = l.split("\t");
            if (cols.length == 8 && cols[1].equals(name)) {
                change.accept(cols);
                return String.join("\t", cols);
            }
            return l;
        }).toList();
        Files.write(file, lines);
    }
}
