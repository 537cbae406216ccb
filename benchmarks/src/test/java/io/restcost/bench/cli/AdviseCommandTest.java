package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.advise.Advice;
import io.restcost.bench.advise.Slice;
import io.restcost.bench.testing.MockTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restcost advise} against the mock: interleaved slices, an answer that orders the
 * strategies as the server's CPU shows them, advice.json holding every slice, a refused target
 * or a bad setting in one line before any load, and Ctrl-C keeping a partial answer.
 */
class AdviseCommandTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    private static final String[] SHORT = {"--quiet", "--slice", "1s", "--idle", "1s", "--time-limit", "25s", "--lengths", "10,50",
        "--rate", "one-shot=20,rotating=100,pooled=100", "--auth", "basic", "--app-rate", "20"};

    static Advice advice(Path dir) throws Exception {
        io.restcost.bench.results.ResultsSchema.assertValid(dir.resolve("advice.json"));
        return new ObjectMapper().readValue(dir.resolve("advice.json").toFile(), Advice.class);
    }

    @Test
    void anAnswerFromInterleavedSlicesWithEverySliceKept() throws Exception {
        Path dir = tmp.resolve("short");
        List<String> args = new ArrayList<>(List.of(SHORT));
        args.addAll(List.of("--out", dir.toString()));
        Cli c = Cli.run(target.args("advise", args.toArray(String[]::new)));
        assertThat(c.exitCode()).as(c.err()).isIn(0, 1);
        Advice a = advice(dir);
        assertThat(a.settings().strategies()).containsExactly("one-shot", "rotating-10", "rotating-50", "pooled");
        assertThat(a.idleServerCpuMicrosPerSecond()).isNotNull();
        assertThat(a.rounds() + a.roundsLeftOut()).isGreaterThanOrEqualTo(3);
        // interleaved: round r starts with the strategy at place r, so each takes each place in turn
        List<Slice> round1 = a.slices().stream().filter(s -> s.round() == 1).toList();
        assertThat(round1).extracting(Slice::strategy).containsExactly("rotating-10", "rotating-50", "pooled", "one-shot");
        Advice.Strategy oneShot = a.strategies().get(0);
        Advice.Strategy pooled = a.strategies().get(3);
        assertThat(oneShot.connectionsPer1000()).isEqualTo(1000.0);
        assertThat(pooled.connectionsPer1000()).isLessThan(10);
        assertThat(oneShot.serverMicros()).isGreaterThan(pooled.serverMicros());
        assertThat(a.oneShotOverPooled().server().low()).isGreaterThan(1);
        assertThat(c.out()).contains("reuse connections: one-shot costs the server").contains("written: " + dir.resolve("advice.json") + " and " + dir.resolve("report.html"));
        assertThat(c.out()).doesNotContain("±");
        assertThat(a.words()).isEqualTo(c.out().lines().takeWhile(l -> !l.startsWith("written: ")).toList());
        assertThat(a.partial()).isEqualTo(c.exitCode() == 1);
    }

    @Test
    void refusedCredentialsAreOneLineBeforeAnyLoad() throws Exception {
        Path wrong = MockTarget.passwordFile(tmp, "not-the-password");
        long before = target.mq().stats().snapshot().totalRequests();
        Path dir = tmp.resolve("refused");
        Cli c = Cli.run("advise", "--target", target.url(), "--ca-cert", target.ca(), "--user", MockTarget.USER, "--password-file",
                wrong.toString(), "--auth", "basic", "--quiet", "--out", dir.toString());
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err().strip().lines()).hasSize(1);
        assertThat(c.err()).contains("401").doesNotContain("not-the-password");
        assertThat(dir.resolve("advice.json")).doesNotExist();
        assertThat(target.mq().stats().snapshot().totalRequests() - before).isEqualTo(1);
    }

    @Test
    void theClosedModelAndABadLengthAreRefusedInOneLine() {
        Cli closed = Cli.run(target.args("advise", "--rate", "closed", "--quiet"));
        assertThat(closed.exitCode()).isEqualTo(2);
        assertThat(closed.err()).contains("--rate closed: advise paces every strategy");
        Cli one = Cli.run(target.args("advise", "--lengths", "1,50", "--quiet"));
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("--lengths 1: a rotation length is 2 requests or more");
    }

    @Test
    void ctrlCKeepsWhatWasMeasuredAndSaysTheAnswerIsPartial() throws Exception {
        Path dir = tmp.resolve("interrupted");
        List<String> cmd = new ArrayList<>();
        if (InterruptedBySignalTest.sigintIgnoredHere()) {
            cmd.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
        }
        cmd.addAll(Cli.inNewJvm());
        cmd.addAll(List.of(target.args("advise", "--out", dir.toString(), "--slice", "1s", "--idle", "0s", "--time-limit", "10m",
                "--lengths", "50", "--rate", "one-shot=10,rotating=50,pooled=50", "--auth", "basic")));
        Path err = tmp.resolve("interrupted.err");
        Path out = tmp.resolve("interrupted.out");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(err) && Files.readString(err).contains("[round 2,"));
            assertThat(new ProcessBuilder("kill", "-s", "INT", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(130);
        Advice a = advice(dir);
        assertThat(a.endedBy()).isEqualTo("interrupted");
        assertThat(a.partial()).isTrue();
        assertThat(a.slices()).isNotEmpty();
        assertThat(Files.readString(out)).contains("STOPPED before the end (Ctrl-C): a partial answer from what was measured");
    }
}
