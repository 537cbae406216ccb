package io.restcost.bench.compare;

import java.util.Locale;

/**
 * Judges {@code h2-vs-h2load.sh}'s measurements: restcost's own client pooled over one HTTP/2
 * connection against h2load (nghttp2) with the same connection and streams, on a real nginx.
 * Rows of its {@link ServerBill} per round: {@code h2-pooled} and {@code h2load-pooled}, paced
 * side by side at one rate against two nginx; {@code max-h2load}, {@code max-restcost} and
 * {@code max-h2load-after}, flat out against one nginx, h2load before and after restcost since
 * the machine's speed drifts.
 *
 * <p>Targets: nginx's CPU per request under restcost within {@value #CPU_TOLERANCE} of its CPU
 * per request under h2load (the median of the rounds' ratios); restcost flat out on one core
 * at least {@value #RATE_FLOOR} of h2load's rate (the median of the rounds' ratios, each against
 * the mean of h2load's two runs around it).
 */
public final class H2loadJudge {

    static final double CPU_TOLERANCE = 0.15;
    static final double RATE_FLOOR = 0.5;

    private H2loadJudge() {
    }

    public static CalibrationJudge.Verdict judge(ServerBill bill) {
        int n = bill.rounds();
        double[] cpu = new double[n];
        double[] rate = new double[n];
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-6s %14s %14s %8s   %14s %14s %8s%n", "round", "restcost us/req", "h2load us/req", "ratio",
                "restcost req/s", "h2load req/s", "ratio"));
        for (int i = 1; i <= n; i++) {
            double r = bill.microsPerRequest(bill.row("h2-pooled", i));
            double h = bill.microsPerRequest(bill.row("h2load-pooled", i));
            cpu[i - 1] = r / h;
            double mine = bill.rate(bill.row("max-restcost", i));
            double theirs = (bill.rate(bill.row("max-h2load", i)) + bill.rate(bill.row("max-h2load-after", i))) / 2;
            rate[i - 1] = mine / theirs;
            out.append(String.format(Locale.ROOT, "%-6d %14.1f %14.1f %8.3f   %14.0f %14.0f %8.3f%n", i, r, h, cpu[i - 1],
                    mine, theirs, rate[i - 1]));
        }
        double cpuMedian = CalibrationJudge.median(cpu);
        double rateMedian = CalibrationJudge.median(rate);
        boolean cpuOk = Math.abs(cpuMedian - 1) <= CPU_TOLERANCE;
        boolean rateOk = rateMedian >= RATE_FLOOR;
        String asked = bill.setting("rate", "?");
        out.append(String.format(Locale.ROOT, "%npaced at %s/s, one connection, %s streams: nginx's CPU per request under restcost "
                        + "HTTP/2 pooled is %+.1f%% against h2load's (median of %d rounds; target within %.0f%%): %s%n", asked,
                bill.setting("streams", "?"), (cpuMedian - 1) * 100, n, CPU_TOLERANCE * 100, cpuOk ? "ok" : "MISSED"));
        out.append(String.format(Locale.ROOT, "flat out on one core, one connection, %s streams: restcost reaches %.2f of h2load's "
                        + "rate (median of %d rounds; target at least %.2f): %s%n", bill.setting("flatStreams", "?"), rateMedian, n,
                RATE_FLOOR, rateOk ? "ok" : "MISSED"));
        int missed = (cpuOk ? 0 : 1) + (rateOk ? 0 : 1);
        out.append(missed == 0 ? "every target met\n" : missed + " target(s) missed\n");
        return new CalibrationJudge.Verdict(out.toString(), missed);
    }
}
