package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.testing.MockTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code restcost run} in a process of its own, stopped by SIGINT (Ctrl-C) or SIGTERM (kill)
 * in the middle of a two-minute run: it writes what it measured, marked interrupted, every
 * request accounted for against the server's own count, and exits with the signal's status.
 */
class InterruptedBySignalTest {

    @RegisterExtension
    static final MockTarget target = new MockTarget();
    @TempDir
    static Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsTheRunAndItsResultsAreWrittenMarkedInterrupted(String signal) throws Exception {
        Path dir = tmp.resolve(signal);
        List<String> cmd = new ArrayList<>();
        if (signal.equals("INT") && sigintIgnoredHere()) {
            // A JVM started with SIGINT ignored (a background job of a script) keeps ignoring it, as nohup wants;
            // perl (Debian's perl-base is essential) restores the default before it becomes the JVM.
            cmd.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
        }
        cmd.addAll(Cli.inNewJvm());
        cmd.addAll(List.of(target.args("run", "--out", dir.toString(), "--quiet", "--warmup", "0s", "-d", "120s", "-c", "2",
                "--policy", "rotating:requests=50", "--auth", "basic")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(signal + ".out").toFile()).start();
        try {
            // Two intervals measured, then the signal.
            await().atMost(Duration.ofSeconds(60)).until(() -> intervals(dir) >= 2);
            assertThat(new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the run stopped within a minute of SIG%s", signal).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String printed = Files.readString(tmp.resolve(signal + ".out"));
        // The JVM exits with 128 + the signal's number once its shutdown hook has written the results.
        assertThat(p.exitValue()).as(printed).isEqualTo(signal.equals("INT") ? 130 : 143);

        JsonNode s = new ObjectMapper().readTree(dir.resolve(RunFolder.SUMMARY).toFile());
        assertThat(s.path("interrupted").asBoolean()).as(printed).isTrue();
        assertThat(s.path("interruptedBy").asText()).contains("signal");
        assertThat(s.path("durationSeconds").asDouble()).isLessThan(60);
        long requests = s.path("requests").asLong();
        assertThat(requests).isPositive();
        // Every request sent is accounted for: answered (all 200 here) or failed by class, and the server saw each.
        long errors = 0;
        for (JsonNode e : s.path("errors")) {
            errors += e.asLong();
        }
        assertThat(errors).isZero();
        assertThat(s.path("latencyMicros").path("corrected").path("count").asLong()).isEqualTo(requests);
        long sent = s.path("sentToServer").path("requests").asLong();
        assertThat(sent).isEqualTo(requests + s.path("preflight").path("requests").asLong());
        // restcost reset the mock's counters as the measured window began (--server-cpu mock): since then the
        // server answered exactly the requests the summary counts, and the summary's own reading of it agrees.
        assertThat(target.mq().stats().requests()).isEqualTo(requests);
        assertThat(s.path("server").path("requests").path("total").asLong()).isEqualTo(requests);
        assertThat(RunFolder.readIntervals(dir.resolve(RunFolder.HLOG)).stream().mapToLong(Histogram::getTotalCount).sum())
                .isEqualTo(requests);
        assertThat(dir.resolve("report.html")).exists();
    }

    private static int intervals(Path dir) {
        try {
            return Files.exists(dir.resolve(RunFolder.HLOG)) ? RunFolder.readIntervals(dir.resolve(RunFolder.HLOG)).size() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Whether this JVM was started with SIGINT ignored (bit 2 of SigIgn in /proc/self/status). */
    static boolean sigintIgnoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & 2) != 0;
            }
        }
        return false;
    }
}
