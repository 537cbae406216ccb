package io.restcost.bench.compare;

import io.restcost.bench.results.Results;
import io.restcost.mock.stats.StatsSnapshot;
import java.util.Locale;

/**
 * Reports {@code mock-vs-nginx.sh}'s rates: keep-alive (wrk) and one-shot (ab) against the mock
 * and against nginx serving the same body with the same certificate, the mock's WireMock-stub
 * pipeline and bare Jetty for reference; then the mock's own counters over its two runs
 * ({@code ka-stats.json}, {@code os-stats.json}: {@code /__restcost/stats} as the mock wrote them).
 * Reported, not judged.
 */
public final class MockVsNginxJudge {

    private static final String ROW = "%-36s %12s %12s %8s%n";

    private MockVsNginxJudge() {
    }

    /** The table and the mock's counters; never a missed target. */
    public static CalibrationJudge.Verdict judge(ServerBill bill) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "", "mock req/s", "nginx req/s", "ratio"));
        row(out, bill, "keep-alive HTTPS (wrk -t1 -c8)", "mock-ka", "nginx-ka");
        row(out, bill, "one-shot, full handshake (ab -c 4)", "mock-os", "nginx-os");
        row(out, bill, "reference: mock via WireMock stubs", "stubs-ka", "nginx-ka");
        row(out, bill, "reference: bare Jetty keep-alive", "jetty-ka", "nginx-ka");
        StatsSnapshot ka = Results.read(bill.folder(), "ka-stats.json", StatsSnapshot.class);
        StatsSnapshot os = Results.read(bill.folder(), "os-stats.json", StatsSnapshot.class);
        out.append('\n');
        out.append(String.format(Locale.ROOT, "mock, keep-alive run: %d connections, %d requests, server CPU %s us/request%n",
                ka.connectionsAccepted(), ka.totalRequests(), cpu(ka)));
        out.append(String.format(Locale.ROOT, "mock, one-shot run:   %d connections, %d full and %d resumed handshakes, server CPU %s us/request%n",
                os.connectionsAccepted(), os.tlsHandshakes().full(), os.tlsHandshakes().resumed(), cpu(os)));
        return new CalibrationJudge.Verdict(out.toString(), 0);
    }

    private static void row(StringBuilder out, ServerBill bill, String label, String a, String b) {
        double x = bill.rate(bill.row(a, 1));
        double y = bill.rate(bill.row(b, 1));
        out.append(String.format(Locale.ROOT, ROW, label, String.format(Locale.ROOT, "%.2f", x), String.format(Locale.ROOT, "%.2f", y),
                String.format(Locale.ROOT, "%.3f", x / y)));
    }

    private static String cpu(StatsSnapshot s) {
        return s.serverCpuMicros() == null ? "n/a" : String.format(Locale.ROOT, "%.1f", (double) s.serverCpuMicros() / Math.max(1, s.totalRequests()));
    }
}
