package io.restcost.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restcost.mock.stats.StatsSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pairs and mock-vs-nginx scripts' tables, from folders whose figures are known: what their
 * awk and Python did before, each figure computed from the rows the scripts write.
 */
class ScriptJudgesTest {

    private static void write(Path dir, String settings, String... rows) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ServerBill.SETTINGS), settings);
        Files.writeString(dir.resolve(ServerBill.FILE), "# round name peer asked ticks served wakeups client\n" + String.join("\n", rows) + "\n");
    }

    @Test
    void pairsGiveEachPairsCpuAndWakeupsPerRequestAndTheRatiosSpread(@TempDir Path tmp) throws IOException {
        // 100 ticks of 10 ms over 500 requests: 2,000 us each; restcost's phase has one request more (its check)
        write(tmp, "clkTck=100\n",
                "1\they\trestcost\t100\t100\t500\t1500\tsent:500:5000000000",
                "1\trestcost\they\t100\t120\t501\t2004\trun:restcost-1",
                "2\they\trestcost\t100\t100\t500\t1500\tsent:500:5000000000",
                "2\trestcost\they\t100\t100\t501\t2004\trun:restcost-2",
                "3\they\trestcost\t100\t90\t500\t1500\tsent:500:5000000000",
                "3\trestcost\they\t100\t99\t501\t2004\trun:restcost-3");
        CalibrationJudge.Verdict v = PairsJudge.judge(ServerBill.read(tmp));
        assertThat(v.table()).isEqualTo("""
                pair 1: nginx wake-ups/request hey 3.00, restcost 4.00; nginx us/request hey 2000, restcost 2395, ratio 1.198
                pair 2: nginx wake-ups/request hey 3.00, restcost 4.00; nginx us/request hey 2000, restcost 1996, ratio 0.998
                pair 3: nginx wake-ups/request hey 3.00, restcost 4.00; nginx us/request hey 1800, restcost 1976, ratio 1.098
                ratio restcost / hey over 3 pairs: min 0.998 median 1.098 max 1.198
                """);
        assertThat(v.missed()).isZero();
    }

    @Test
    void mockAgainstNginxGivesTheRatiosAndTheMocksOwnCounters(@TempDir Path tmp) throws IOException {
        write(tmp, "certificate=ec-p256\nseconds=10\n",
                "1\tmock-ka\t-\t-\t-\t-\t-\trate:20000.00",
                "1\tnginx-ka\t-\t-\t-\t-\t-\trate:32000.00",
                "1\tjetty-ka\t-\t-\t-\t-\t-\trate:24000.00",
                "1\tstubs-ka\t-\t-\t-\t-\t-\trate:8000.00",
                "1\tmock-os\t-\t-\t-\t-\t-\trate:250.5",
                "1\tnginx-os\t-\t-\t-\t-\t-\trate:900.25");
        ObjectMapper json = new ObjectMapper();
        json.writeValue(tmp.resolve("ka-stats.json").toFile(), new StatsSnapshot(8, 0, 8, null, new StatsSnapshot.Handshakes(8, 0, 0, "jdk"),
                Map.of("total", 200_000L), 0, 0, 0, new StatsSnapshot.Tokens(200_000, 0), 12_000_000L, 10_000));
        json.writeValue(tmp.resolve("os-stats.json").toFile(), new StatsSnapshot(2000, 2000, 0, null,
                new StatsSnapshot.Handshakes(2000, 0, 0, "jdk"), Map.of("total", 2000L), 0, 0, 0, new StatsSnapshot.Tokens(2000, 0),
                11_000_000L, 8_000));
        CalibrationJudge.Verdict v = MockVsNginxJudge.judge(ServerBill.read(tmp));
        assertThat(v.table()).isEqualTo("""
                                                       mock req/s  nginx req/s    ratio
                keep-alive HTTPS (wrk -t1 -c8)           20000.00     32000.00    0.625
                one-shot, full handshake (ab -c 4)         250.50       900.25    0.278
                reference: mock via WireMock stubs        8000.00     32000.00    0.250
                reference: bare Jetty keep-alive         24000.00     32000.00    0.750

                mock, keep-alive run: 8 connections, 200000 requests, server CPU 60.0 us/request
                mock, one-shot run:   2000 connections, 2000 full and 0 resumed handshakes, server CPU 5500.0 us/request
                """);
    }
}
