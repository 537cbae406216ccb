package io.restcost.bench.servercpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code --server-cpu exec:COMMAND}: the three forms a command may print, the resolution each
 * gives, secrets kept out of the recorded command, and agreement with {@code pid:} on one
 * process.
 */
class ExecCpuTest {

    static final String STAT = "4242 (java -Xmx1g) S 1 4242 4242 0 -1 4194560 9136 0 0 0 1234 567 3 4 20 0 61 0 1840 7000000 50000";

    @Test
    void aProcStatLineIsUserPlusSystemTicksOfTenMilliseconds() throws IOException {
        ExecCpu.Reading r = ExecCpu.parse(STAT + "\n");
        assertThat(r.nanos()).isEqualTo((1234 + 567) * 10_000_000L);
        assertThat(r.resolution()).isEqualTo(Duration.ofMillis(10));
        assertThat(r.form()).startsWith("a /proc/PID/stat line");
    }

    @Test
    void psTimeFormsAndPlainSecondsGiveTheirOwnResolution() throws IOException {
        assertThat(ExecCpu.parse("00:01:23").nanos()).isEqualTo(83_000_000_000L);
        assertThat(ExecCpu.parse("  00:01:23\n").resolution()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ExecCpu.parse("1-02:03:04").nanos()).isEqualTo(((24 + 2) * 3600 + 3 * 60 + 4) * 1_000_000_000L);
        assertThat(ExecCpu.parse("01:23.45").nanos()).isEqualTo(83_450_000_000L);
        assertThat(ExecCpu.parse("01:23.45").resolution()).isEqualTo(Duration.ofMillis(10));
        assertThat(ExecCpu.parse("83.5").nanos()).isEqualTo(83_500_000_000L);
        assertThat(ExecCpu.parse("83.5").resolution()).isEqualTo(Duration.ofMillis(100));
        assertThat(ExecCpu.parse("83").resolution()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ExecCpu.parse("83").form()).isEqualTo("seconds");
    }

    @Test
    void anythingElseIsNamedWithTheFormsItCanRead() {
        assertThatThrownBy(() -> ExecCpu.parse("Permission denied (publickey).")).isInstanceOf(IOException.class)
                .hasMessage("its output, \"Permission denied (publickey).\", is none of a /proc/PID/stat line,"
                        + " [[DD-]HH:]MM:SS[.ss] or seconds");
    }

    @Test
    void theRecordedCommandKeepsNoLiteralSecret() {
        assertThat(ExecCpu.redact("sshpass -p hunter2 ssh mq cat /proc/1/stat")).isEqualTo("sshpass -p <redacted> ssh mq cat /proc/1/stat");
        assertThat(ExecCpu.redact("curl -u admin:hunter2 https://h/cpu")).isEqualTo("curl -u admin:<redacted> https://h/cpu");
        assertThat(ExecCpu.redact("curl https://admin:hunter2@h/cpu")).isEqualTo("curl https://admin:<redacted>@h/cpu");
        assertThat(ExecCpu.redact("tool --password=hunter2 --token 'a b'")).isEqualTo("tool --password=<redacted> --token <redacted>");
        assertThat(ExecCpu.redact("MQ_PASSWORD=hunter2 tool")).isEqualTo("MQ_PASSWORD=<redacted> tool");
        // a variable is recorded as written: the shell expands it later
        assertThat(ExecCpu.redact("sshpass -e ssh mq cat /proc/1/stat # $SSHPASS")).doesNotContain("<redacted>");
    }

    @Test
    void execOfALocalCommandAgreesWithPidWithinTwoPercent() throws Exception {
        // A process that burns CPU, read by pid: and by exec:cat of its stat line, over the same window.
        Process burner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            long pid = burner.pid();
            ServerCpuSource byPid = new ProcCpu(pid, false, "pid:" + pid);
            ServerCpuSource byExec = new ExecCpu("cat /proc/" + pid + "/stat");
            long pidStart = byPid.cpuNanos();
            long execStart = byExec.cpuNanos();
            Thread.sleep(3000);
            long pidEnd = byPid.cpuNanos();
            long execEnd = byExec.cpuNanos();
            double viaPid = pidEnd - pidStart;
            double viaExec = execEnd - execStart;
            System.out.printf("exec:cat /proc/%d/stat %.0f ms, pid:%d %.0f ms, ratio %.4f%n", pid, viaExec / 1e6, pid, viaPid / 1e6,
                    viaExec / viaPid);
            assertThat(viaPid).as("the burner used CPU").isGreaterThan(500e6);
            assertThat(viaExec / viaPid).as("exec %.0f ms, pid %.0f ms", viaExec / 1e6, viaPid / 1e6).isBetween(0.98, 1.02);
            assertThat(byExec.readEachSecond()).isTrue();
        } finally {
            burner.destroyForcibly();
            burner.waitFor();
        }
    }
}
