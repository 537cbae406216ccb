package io.restcost.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** h2-vs-h2load.sh's judge: the committed run's table, and a miss on each target from known figures. */
class H2loadJudgeTest {

    private static final Path REFERENCE = Path.of("..", "results", "reference");

    @Test
    void theCommittedRunIsJudgedAsItsTableSays() throws IOException {
        CalibrationJudge.Verdict v = H2loadJudge.judge(ServerBill.read(REFERENCE.resolve("h2load")));
        String committed = Files.readString(REFERENCE.resolve("h2load.txt"));
        assertThat(committed).endsWith(v.table());
        assertThat(v.missed()).isZero();
    }

    @Test
    void aCostlierClientAndASlowerOneAreEachAMiss(@TempDir Path tmp) throws IOException {
        // nanoseconds (clkTck 1e9): 200 us against 150 us a request, +33%; and 0.4 of h2load's rate
        Files.writeString(tmp.resolve(ServerBill.SETTINGS), "clkTck=1000000000\nrate=100\nstreams=4\nflatStreams=8\n");
        Files.writeString(tmp.resolve(ServerBill.FILE), String.join("\n",
                "1\th2-pooled\th2load-pooled\t100\t200000000\t1000\t-\trate:100.0",
                "1\th2load-pooled\th2-pooled\t100\t150000000\t1000\t-\trate:100.0",
                "1\tmax-h2load\t-\t-\t1\t1\t-\trate:50000",
                "1\tmax-restcost\t-\t-\t1\t1\t-\trate:20000",
                "1\tmax-h2load-after\t-\t-\t1\t1\t-\trate:50000", ""));
        CalibrationJudge.Verdict v = H2loadJudge.judge(ServerBill.read(tmp));
        assertThat(v.table()).contains("1               200.0          150.0    1.333            20000          50000    0.400")
                .contains("is +33.3% against h2load's (median of 1 rounds; target within 15%): MISSED")
                .contains("restcost reaches 0.40 of h2load's rate (median of 1 rounds; target at least 0.50): MISSED")
                .endsWith("2 target(s) missed\n");
        assertThat(v.missed()).isEqualTo(2);
    }
}
